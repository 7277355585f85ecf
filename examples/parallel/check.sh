#!/usr/bin/env bash
# `ner` under GNU parallel --pipe gives, document for document and entity for entity, what a direct run gives.
#
#   examples/parallel/check.sh               release build, 1,200 generated documents, blocks of 200 kB
#   NER_BIN=path/to/ner DOCS=5000 examples/parallel/check.sh
#
# Runs the command of the README ("Scaling out") on this machine: once as local jobs, once through `-S :`
# (the sshlogin that means "this host", the code path of `-S host1,host2` without ssh). parallel cuts the
# JSONL at line ends into blocks, one `ner` per block; its exit status is the number of jobs that exited
# non-zero, so the one bad record in the sample makes it 1. Skips (exit 0) where GNU parallel is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "SKIP parallel check: python3 is not installed"; exit 0; }
command -v parallel >/dev/null || { echo "SKIP parallel check: GNU parallel is not installed (apt-get install parallel)"; exit 0; }
docs=${DOCS:-1200}
work=${WORK:-${CARGO_TARGET_DIR:-target}/scale-out/parallel}
. scripts/ner-bin.sh
bin=$(realpath "$bin")
rm -rf "$work"
mkdir -p "$work"
python3 examples/sample/make_sample.py --docs "$docs" --bad 1 --jsonl "$work/docs.jsonl"
"$bin" --input-format jsonl -q <"$work/docs.jsonl" >"$work/direct.jsonl" || [ $? -eq 1 ]
same="python3 examples/sample/same_entities.py --min-docs $docs"

status=0
parallel --pipe --block 200k -j 2 "$bin" --input-format jsonl -j 1 -q <"$work/docs.jsonl" >"$work/local.jsonl" ||
  status=$?
[ "$status" -eq 1 ] || { echo "parallel check: exit $status, expected 1 (one job met the bad record)" >&2; exit 1; }
$same "$work/direct.jsonl" "$work/local.jsonl"

status=0
parallel --pipe --block 200k -S : "$bin" --input-format jsonl -j 1 -q <"$work/docs.jsonl" >"$work/sshlogin.jsonl" ||
  status=$?
[ "$status" -eq 1 ] || { echo "parallel check: -S : exit $status, expected 1" >&2; exit 1; }
$same "$work/direct.jsonl" "$work/sshlogin.jsonl"
echo "parallel check: OK ($docs documents, $(parallel --version | head -1))"
