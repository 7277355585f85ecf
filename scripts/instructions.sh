#!/usr/bin/env bash
# Instructions per byte of the whole pipeline, counted by valgrind (callgrind): unlike wall-clock rates it
# does not move with the load of a shared machine, so it is the figure to compare two commits with.
#
#   scripts/instructions.sh                  build, then count on ~1 MB of French news-like text
#   NER_BIN=path/to/ner scripts/instructions.sh   count another binary on the same text
#
# Text: the French documents of ../shared/eval/*.jsonl, in order, packed into files of ~8 KB until 1 MB
# (target/instructions/corpus, built once). Run with `-j 1`, JSON to /dev/null; start-up included (it is
# about 1 % of the count).
set -euo pipefail
# a relative NER_BIN names a file from where the script was started
[ -n "${NER_BIN:-}" ] && NER_BIN=$(realpath "$NER_BIN")
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=target/instructions
command -v valgrind >/dev/null || { apt-get install -y valgrind >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y valgrind >/dev/null; }; }
. scripts/ner-bin.sh
if [ ! -d "$out/corpus" ]; then
  mkdir -p "$out/corpus"
  python3 - "$shared/eval" "$out/corpus" <<'PY'
import glob, json, os, sys
src, out = sys.argv[1], sys.argv[2]
texts = []
for path in sorted(glob.glob(os.path.join(src, "*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if d.get("lang") == "fr":
            texts.append(d["text"])
buf, size, k, total = [], 0, 0, 0
for t in texts * 100:
    buf.append(t); size += len(t.encode())
    if size >= 8000:
        open(os.path.join(out, f"{k:04d}.txt"), "w", encoding="utf-8").write("\n\n".join(buf))
        total += size; k += 1; buf, size = [], 0
        if total >= 1 << 20:
            break
PY
fi
bytes=$(cat "$out"/corpus/*.txt | wc -c)
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$bin" -j 1 "$out/corpus" >/dev/null 2>"$out/valgrind.log" ||
  { echo "instructions.sh: the run failed, see $out/valgrind.log" >&2; exit 1; }
ir=$(sed -n 's/^totals: //p' "$out/callgrind.out")
python3 -c "import sys; ir, b = int(sys.argv[1]), int(sys.argv[2]); print(f'{ir:,} instructions for {b:,} bytes: {ir / b:.0f} per byte')" "$ir" "$bytes"
