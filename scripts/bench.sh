#!/usr/bin/env bash
# Speed and memory of the whole pipeline, measured with public tools (hyperfine, /usr/bin/time -v).
#
#   scripts/bench.sh              build a ~50 MB corpus from ../shared/eval and measure
#   SIZE_MB=10 scripts/bench.sh   a smaller corpus
#   SPACY_PY=.venv/bin/python scripts/bench.sh   also run spaCy fr_core_news_sm on a 1 MB slice
#   BENCH_DIR=/tmp/b scripts/bench.sh            put the corpus elsewhere (default target/bench)
#   NER_BIN=path/to/ner scripts/bench.sh         measure that binary instead of building one
#
# Corpus (target/bench/, rebuilt only when missing): the texts of ../shared/eval/*.jsonl repeated into
#   corpus/      a folder of files of 2–20 KB,
#   corpus-fr/   the same of French text only,
#   big.txt      the same text as one file (French and English mixed),
#   fr.txt       French text only (the acceptance figure is on French),
#   fr10.txt     the first 10 MB of fr.txt (peak memory of one large document),
#   article.txt  one 2 KB article.
# Prints: one-thread throughput (-j 1) on fr.txt, big.txt and both folders, two-thread throughput on the
# folder, wall time for one 2 KB article piped in (process start included), peak resident memory on the folder
# and on one large file. Medians of several runs (hyperfine); hyperfine's shell start is subtracted.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
size_mb=${SIZE_MB:-50}
out=${BENCH_DIR:-target/bench}
mkdir -p "$out"
command -v hyperfine >/dev/null || { apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }; }
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
. scripts/ner-bin.sh

if [ ! -f "$out/.built3-$size_mb" ]; then
  rm -rf "$out/corpus" "$out/corpus-fr" "$out"/*.txt "$out"/.built*
  python3 - "$shared/eval" "$out" "$size_mb" <<'PY'
import json, os, sys, glob
src, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts, fr = [], []
for path in sorted(glob.glob(os.path.join(src, "*.jsonl"))):
    if "conll2002" in path:      # Spanish and Dutch: not our languages
        continue
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        texts.append(d["text"])
        if d.get("lang") == "fr":
            fr.append(d["text"])
target = size_mb << 20
def fill(parts, limit):
    buf, n, i = [], 0, 0
    while n < limit:
        t = parts[i % len(parts)]; buf.append(t); n += len(t.encode()); i += 1
    return buf
allt = fill(texts, target)
frt = fill(fr, target)
# files of 2–20 KB: pack consecutive texts until a size drawn from a fixed cycle is reached
sizes = [2048, 5000, 9000, 14000, 20000, 3500, 7000, 12000]
def folder(parts, name):
    f, cur, k = [], 0, 0
    for t in parts:
        f.append(t); cur += len(t.encode())
        if cur >= sizes[k % len(sizes)]:
            d = os.path.join(out, name, "%03d" % (k // 1000))
            os.makedirs(d, exist_ok=True)
            open(os.path.join(d, "%06d.txt" % k), "w", encoding="utf-8").write("\n\n".join(f))
            f, cur, k = [], 0, k + 1
    return k
k = folder(allt, "corpus")
folder(frt, "corpus-fr")
open(os.path.join(out, "big.txt"), "w", encoding="utf-8").write("\n\n".join(allt))
open(os.path.join(out, "fr.txt"), "w", encoding="utf-8").write("\n\n".join(frt))
open(os.path.join(out, "fr10.txt"), "w", encoding="utf-8").write("\n\n".join(fill(fr, 10 << 20)))
art = ""
for t in fr:
    if len(art.encode()) >= 2048: break
    art += t + "\n"
open(os.path.join(out, "article.txt"), "w", encoding="utf-8").write(art.encode()[:2048].decode("utf-8", "ignore"))
print("corpus: %d files" % k, file=sys.stderr)
PY
  touch "$out/.built3-$size_mb"
fi

# MB are 10^6 bytes, as in the targets (MB/s); earlier versions of this script divided by 2^20
mb() { python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$1"; }
dir_mb=$(find "$out/corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s / 1e6}')
dirfr_mb=$(find "$out/corpus-fr" -type f -printf '%s\n' | awk '{s += $1} END {print s / 1e6}')
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }
rate() { python3 -c "import sys; print('%.1f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }

hyperfine --warmup 1 --runs 5 --export-json "$out/fr.json" "$bin -j 1 $out/fr.txt > /dev/null" >/dev/null 2>&1
hyperfine --warmup 1 --runs 5 --export-json "$out/big.json" "$bin -j 1 $out/big.txt > /dev/null" >/dev/null 2>&1
hyperfine --warmup 1 --runs 10 --export-json "$out/dir1.json" "$bin -j 1 $out/corpus > /dev/null" >/dev/null 2>&1
hyperfine --warmup 1 --runs 10 --export-json "$out/dirfr.json" "$bin -j 1 $out/corpus-fr > /dev/null" >/dev/null 2>&1
hyperfine --warmup 1 --runs 10 --export-json "$out/dir2.json" "$bin -j 2 $out/corpus > /dev/null" >/dev/null 2>&1
hyperfine --warmup 5 --runs 50 --export-json "$out/article.json" "$bin < $out/article.txt > /dev/null" >/dev/null 2>&1
# the same without a shell (hyperfine here has no --input): the file as an argument
hyperfine -N --warmup 5 --runs 50 --export-json "$out/article-n.json" "$bin $out/article.txt" >/dev/null 2>&1

peak=$(/usr/bin/time -v "$bin" -j 2 "$out/corpus" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
peak_big=$(/usr/bin/time -v "$bin" -j 1 "$out/big.txt" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
peak_10=$(/usr/bin/time -v "$bin" -j 1 "$out/fr10.txt" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')

fr_mb=$(mb "$out/fr.txt"); big_mb=$(mb "$out/big.txt")
echo "| measure | value |"
echo "|---|---|"
echo "| one thread, French text ($(printf '%.0f' "$fr_mb") MB, -j 1) | $(rate "$fr_mb" "$(median "$out/fr.json")") MB/s |"
echo "| one thread, all dev texts ($(printf '%.0f' "$big_mb") MB, -j 1) | $(rate "$big_mb" "$(median "$out/big.json")") MB/s |"
echo "| French folder, one thread (-j 1) | $(rate "$dirfr_mb" "$(median "$out/dirfr.json")") MB/s |"
echo "| folder, one thread (-j 1) | $(rate "$dir_mb" "$(median "$out/dir1.json")") MB/s |"
echo "| folder, two threads (-j 2) | $(rate "$dir_mb" "$(median "$out/dir2.json")") MB/s |"
echo "| two threads / one thread, folder | $(rate "$(median "$out/dir1.json")" "$(median "$out/dir2.json")") × |"
ms() { python3 -c "import sys; print('%.1f' % (float(sys.argv[1]) * 1000))" "$1"; }
echo "| one 2 KB article piped in, wall (shell start subtracted) | $(ms "$(median "$out/article.json")") ms |"
echo "| one 2 KB article as an argument, wall (no shell) | $(ms "$(median "$out/article-n.json")") ms |"
# /usr/bin/time reports KiB
echo "| peak RSS, folder (-j 2) | $((peak * 1024 / 1000000)) MB |"
echo "| peak RSS, one 10 MB file | $((peak_10 * 1024 / 1000000)) MB |"
echo "| peak RSS, one $(printf '%.0f' "$big_mb") MB file | $((peak_big * 1024 / 1000000)) MB |"

if [ -n "${SPACY_PY:-}" ]; then
  head -c 1000000 "$out/fr.txt" | iconv -c -f utf-8 -t utf-8 >"$out/slice.txt"
  t_spacy=$("$SPACY_PY" - "$out/slice.txt" <<'PY'
import sys, time, spacy
nlp = spacy.load("fr_core_news_sm", exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter"])
text = open(sys.argv[1], encoding="utf-8").read()
paras = [p for p in text.split("\n") if p.strip()]
t = time.perf_counter()
for _ in nlp.pipe(paras): pass
print(time.perf_counter() - t)
PY
)
  hyperfine --warmup 1 --runs 5 --export-json "$out/slice.json" "$bin -j 1 $out/slice.txt > /dev/null" >/dev/null
  echo "| spaCy fr_core_news_sm NER, 1 MB | $(rate 1 "$t_spacy") MB/s |"
  echo "| ner on the same 1 MB (-j 1) | $(rate 1 "$(median "$out/slice.json")") MB/s |"
fi
