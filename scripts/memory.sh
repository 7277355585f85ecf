#!/usr/bin/env bash
# Peak memory (and wall time) of the release binary on large inputs, measured with /usr/bin/time -v.
#
#   scripts/memory.sh                    1 GB folder, single files of 10/50/100/200 MB, one 100 MB line
#   FOLDER_MB=200 FILES_MB="10 50" scripts/memory.sh     smaller sizes
#   MEM_DIR=/tmp/m scripts/memory.sh     put the inputs elsewhere (default target/memory)
#   KEEP=1 scripts/memory.sh             keep the inputs (they are deleted afterwards by default)
#   NER_BIN=path/to/ner scripts/memory.sh
#
# The text is that of ../shared/eval/*.jsonl (French and English news and press archives; Spanish and Dutch
# left out), repeated: a folder of files of 2–20 KB, single files of each size, and one file of 100 MB with
# every line break replaced by a space (one line). Prints a Markdown table: input, size, peak RSS, peak RSS
# per input byte, wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
folder_mb=${FOLDER_MB:-1024}
files_mb=${FILES_MB:-10 50 100 200}
out=${MEM_DIR:-target/memory}
[ -x /usr/bin/time ] || { apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }; }
. scripts/ner-bin.sh
mkdir -p "$out"
python3 - "$shared/eval" "$out" "$folder_mb" $files_mb <<'PY'
import glob, json, os, sys
src, out, folder_mb, sizes_mb = sys.argv[1], sys.argv[2], int(sys.argv[3]), [int(s) for s in sys.argv[4:]]
texts = []
for path in sorted(glob.glob(os.path.join(src, "*.jsonl"))):
    if "conll2002" in path:
        continue
    for line in open(path, encoding="utf-8"):
        texts.append(json.loads(line)["text"])
blob = "\n\n".join(texts).encode()

def write_file(path, size, sep=None):
    with open(path, "wb") as f:
        n = 0
        data = blob if sep is None else blob.replace(b"\n", sep)
        while n < size:
            chunk = data[: size - n]
            f.write(chunk)
            n += len(chunk)
    # cut at a character boundary
    with open(path, "rb+") as f:
        f.seek(0, 2)
        end = f.tell()
        f.seek(max(0, end - 4))
        tail = f.read()
        keep = len(tail.decode("utf-8", "ignore").encode())
        f.truncate(end - len(tail) + keep)

for mb in sizes_mb:
    p = os.path.join(out, f"file{mb}.txt")
    if not os.path.exists(p):
        write_file(p, mb << 20)
p = os.path.join(out, "line100.txt")
if not os.path.exists(p):
    write_file(p, 100 << 20, sep=b" ")
d = os.path.join(out, f"folder{folder_mb}")
if not os.path.exists(d):
    sizes = [2048, 5000, 9000, 14000, 20000, 3500, 7000, 12000]
    pos, k, total = 0, 0, 0
    while total < folder_mb << 20:
        size = sizes[k % len(sizes)]
        if pos + size > len(blob):
            pos = 0
        chunk = blob[pos : pos + size].decode("utf-8", "ignore")
        pos += size
        sub = os.path.join(d, "%03d" % (k // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "%06d.txt" % k), "w", encoding="utf-8") as f:
            f.write(chunk)
        total += len(chunk.encode())
        k += 1
    print(f"folder: {k} files", file=sys.stderr)
PY

measure() { # label, path, args...: one table row
  local label=$1 path=$2; shift 2
  local bytes rss wall
  bytes=$(du -sb "$path" | cut -f1)
  /usr/bin/time -v "$bin" "$@" "$path" >/dev/null 2>"$out/time.txt" || true
  rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$out/time.txt")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$out/time.txt")
  python3 -c "import sys; b, r = int(sys.argv[2]), int(sys.argv[3]) * 1024
print('| %s | %.0f MB | %.0f MB | %.1f | %s |' % (sys.argv[1], b / 2**20, r / 2**20, r / b, sys.argv[4]))" \
    "$label" "$bytes" "$rss" "$wall"
}

echo "| input | size | peak RSS | RSS / input byte | wall |"
echo "|---|---|---|---|---|"
measure "folder of 2–20 KB files, -j 2" "$out/folder$folder_mb" -j 2
for mb in $files_mb; do
  measure "one file, -j 1" "$out/file$mb.txt" -j 1
done
measure "one 100 MB line (no line break), -j 1" "$out/line100.txt" -j 1
[ -n "${KEEP:-}" ] || rm -rf "$out/folder$folder_mb" "$out"/file*.txt "$out/line100.txt"
