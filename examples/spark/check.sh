#!/usr/bin/env bash
# The Spark job gives, document for document and entity for entity, what a direct `ner` run gives.
#
#   examples/spark/check.sh                 venv with pyspark, release build, 1,200 generated documents
#   DOCS=5000 examples/spark/check.sh       more documents
#   NER_BIN=path/to/ner examples/spark/check.sh           check that binary (no build)
#   NER_SPARK_VENV=dir examples/spark/check.sh            where the virtual environment lives
#
# Steps: (1) a Python virtual environment with pyspark 3.5.9 from PyPI, created once in $NER_SPARK_VENV
# (default ~/.cache/ner-spark-venv) and reused (examples/spark/venv.sh);
# (2) `cargo build --release`; (3) a sample of
# generated documents (examples/sample/make_sample.py), as JSONL with one bad record and as a folder of text
# files; (4) the direct runs; (5) the Spark job in local mode (local[2]) four ways — JSONL in and out through the
# JVM pipe and through the Python pipe, a folder of text files in, Parquet out (one row per entity) — each
# compared with the direct run; (6) spark-submit --files on a local-cluster master (an executor in a JVM of
# its own, running the shipped binary from its working directory, as on a cluster), compared too.
# Skips (exit 0, one "SKIP" line saying why) where Java is missing or PyPI cannot be reached to install
# pyspark; any difference in the results fails (exit 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
docs=${DOCS:-1200}
work=${WORK:-${CARGO_TARGET_DIR:-target}/scale-out/spark}
. examples/spark/venv.sh

. scripts/ner-bin.sh

rm -rf "$work"
mkdir -p "$work"
python3 examples/sample/make_sample.py --docs "$docs" --bad 1 --jsonl "$work/docs.jsonl" --dir "$work/docs"

# direct runs; exit 1 = the bad record got its error record, as it should
status=0
"$bin" --input-format jsonl -q <"$work/docs.jsonl" >"$work/direct.jsonl" || status=$?
[ "$status" -eq 1 ] || { echo "spark check: direct run exited $status, expected 1 (one bad record)" >&2; exit 1; }
"$bin" -q "$work/docs" >"$work/direct-folder.jsonl"

# one driver process (one JVM) for the four runs; Spark's warnings kept out of the log
if ! "$py" examples/spark/check_runs.py "$work" "$bin" 'local[2]' "$docs" 2>"$work/spark-stderr.log"; then
  grep -v -e ' WARN ' -e setLogLevel -e '^Setting default' "$work/spark-stderr.log" | tail -40 >&2
  echo "spark check: FAILED (Spark's log: $work/spark-stderr.log)" >&2
  exit 1
fi
# as on a cluster: spark-submit ships the binary with --files, an executor JVM of its own (local-cluster)
# runs it from its working directory
echo "spark check: spark-submit --master local-cluster[1,1,512] --files $bin ner_spark.py"
if ! PATH="$venv/bin:$PATH" PYSPARK_PYTHON="$py" spark-submit --master 'local-cluster[1,1,512]' \
  --conf spark.ui.showConsoleProgress=false --conf spark.executor.memory=512m --files "$bin" \
  examples/spark/ner_spark.py --ner "$(basename "$bin")" \
  --input "$work/docs.jsonl" --output "$work/out-cluster" 2>>"$work/spark-stderr.log"; then
  grep -v -e ' WARN ' -e ' INFO ' "$work/spark-stderr.log" | tail -40 >&2
  echo "spark check: FAILED (Spark's log: $work/spark-stderr.log)" >&2
  exit 1
fi
python3 examples/sample/same_entities.py --min-docs "$docs" "$work/direct.jsonl" "$work/out-cluster/part-*"
echo "spark check: OK ($docs documents, local[2], pyspark $PYSPARK_VERSION, $(java -version 2>&1 | head -1))"
