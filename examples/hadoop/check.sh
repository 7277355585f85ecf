#!/usr/bin/env bash
# `ner` as a Hadoop Streaming mapper gives, document for document and entity for entity, what a direct run
# gives. Hadoop itself is not packaged for PyPI or Debian: examples/hadoop/streaming.py reproduces what
# Hadoop Streaming does to a mapper's input and output (splits at byte offsets, lines assigned to splits as
# LineRecordReader does, one mapper process per split, key/value output, the sort before reducers).
#
#   examples/hadoop/check.sh                 release build, 1,200 generated documents, splits of 256 KiB
#   NER_BIN=path/to/ner DOCS=5000 examples/hadoop/check.sh
#
# Checks: (1) the emulator itself: with `cat` as mapper, every line of a file with mixed line ends comes out
# once, in order, whatever the split size; (2) the documented command, map-only, on clean input; (3) the same
# command on input with a bad record fails the job, as on Hadoop (ner exits 1), while the wrapper
# ner-mapper.sh (exit 1 = error records written = success) gives the direct run's records, error included;
# (4) one identity reduce task (map output sorted between map and reduce) gives the same records.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "SKIP hadoop check: python3 is not installed"; exit 0; }
docs=${DOCS:-1200}
work=${WORK:-${CARGO_TARGET_DIR:-target}/scale-out/hadoop}
. scripts/ner-bin.sh
streaming="python3 examples/hadoop/streaming.py"
same="python3 examples/sample/same_entities.py --min-docs $docs"
split=(-D mapreduce.input.fileinputformat.split.maxsize=262144)

rm -rf "$work"
mkdir -p "$work/clean" "$work/bad" "$work/lines"
cp "$bin" "$work/ner"
python3 examples/sample/make_sample.py --docs "$docs" --jsonl "$work/clean/docs.jsonl"
python3 examples/sample/make_sample.py --docs "$docs" --bad 1 --jsonl "$work/bad/docs.jsonl"
"$bin" --input-format jsonl -q <"$work/clean/docs.jsonl" >"$work/direct-clean.jsonl"
"$bin" --input-format jsonl -q <"$work/bad/docs.jsonl" >"$work/direct-bad.jsonl" || [ $? -eq 1 ]

# (1) the emulator: lines cut at any split size come out whole, once, in order
python3 - "$work/lines/mixed.txt" <<'PY'
import random, sys
rng = random.Random(7)
ends = [b"\n", b"\r\n", b"\r"]
with open(sys.argv[1], "wb") as f:
    for i in range(80):
        f.write(b"line %d " % i + b"x" * rng.randint(0, 12) + (rng.choice(ends) if i < 79 else b""))
PY
for size in 2 7 64 333 100000; do
  $streaming -input "$work/lines" -output "$work/lines-out-$size" -mapper cat -numReduceTasks 0 \
    -D mapreduce.input.fileinputformat.split.maxsize=$size 2>/dev/null
  python3 - "$work/lines/mixed.txt" "$work/lines-out-$size" <<'PY'
import glob, re, sys
want = re.split(rb"\r\n|\n|\r", open(sys.argv[1], "rb").read())
got = []
for part in sorted(glob.glob(sys.argv[2] + "/part-m-*")):
    got += [l[:-1] for l in open(part, "rb").read().split(b"\n")[:-1]]  # each line ends with key<TAB>""
assert got == want, f"{sys.argv[2]}: {len(got)} lines out, {len(want)} in"
PY
done
echo "hadoop check: emulator splits keep every line once, in order (split sizes 2 B to 100 kB)"

# (2) the documented command, map-only
$streaming -input "$work/clean" -output "$work/out-map-only" "${split[@]}" \
  -mapper 'ner --input-format jsonl' -file "$work/ner" -numReduceTasks 0
$same "$work/direct-clean.jsonl" "$work/out-map-only/part-m-*"

# (3) a bad record: plain ner fails the task (exit 1), the wrapper does not
if $streaming -input "$work/bad" -output "$work/out-bad-plain" "${split[@]}" \
  -mapper 'ner --input-format jsonl' -file "$work/ner" -numReduceTasks 0 2>/dev/null; then
  echo "hadoop check: a mapper exiting 1 should have failed the job" >&2
  exit 1
fi
$streaming -input "$work/bad" -output "$work/out-wrapper" "${split[@]}" \
  -mapper 'sh ner-mapper.sh' -files "$work/ner,examples/hadoop/ner-mapper.sh" -numReduceTasks 0
$same "$work/direct-bad.jsonl" "$work/out-wrapper/part-m-*"

# (4) one identity reduce task: map output sorted by key between map and reduce
$streaming -input "$work/clean" -output "$work/out-reduce" "${split[@]}" \
  -mapper 'ner --input-format jsonl' -file "$work/ner" -numReduceTasks 1
$same "$work/direct-clean.jsonl" "$work/out-reduce/part-r-00000"
echo "hadoop check: OK ($docs documents; map-only, wrapper with an error record, identity reducer)"
