#!/usr/bin/env python3
"""The Spark half of examples/spark/check.sh: four runs of the job on one local session, each compared with
the direct run by examples/sample/same_entities.py.

    check_runs.py WORK NER_BIN MASTER MIN_DOCS

WORK holds docs.jsonl, docs/ (the same documents as text files), direct.jsonl and direct-folder.jsonl.
One session (one JVM) serves every run, which keeps the check to well under a minute.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ner_spark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

SAME = os.path.join(HERE, "..", "sample", "same_entities.py")


def same(*args):
    subprocess.run([sys.executable, SAME, *args], check=True)


def parquet_as_records(spark, work):
    """The Parquet rows (one per entity) grouped back into one record per document, plus the error records."""
    docs = {}
    for row in spark.read.parquet(f"{work}/out-parquet").collect():
        r = {k: v for k, v in row.asDict().items() if v is not None}
        doc = docs.setdefault(r.pop("id"), {"language": r.pop("language"), "entities": []})
        doc["entities"].append(r)
    with open(f"{work}/from-parquet.jsonl", "w", encoding="utf-8") as out:
        for ident, d in docs.items():
            d["entities"].sort(key=lambda e: (e["start"], e["end"]))
            out.write(json.dumps({"id": ident, **d}, ensure_ascii=False) + "\n")
        for line in spark.sparkContext.textFile(f"{work}/out-parquet.errors").collect():
            out.write(line + "\n")
    # like with like: Parquet holds ids as strings, and a document without entities has no row
    with (
        open(f"{work}/direct.jsonl", encoding="utf-8") as f,
        open(f"{work}/direct-parquet.jsonl", "w", encoding="utf-8") as out,
    ):
        for line in f:
            r = json.loads(line)
            if r.get("entities") == []:
                continue
            if "error" not in r:
                r["id"] = str(r["id"])
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    work, binary, master, min_docs = sys.argv[1:5]
    spark = SparkSession.builder.master(master).appName("ner-check").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:

        def job(*args):
            argv = ["--ner", binary, *args]
            print("spark check: ner_spark.py --master", master, " ".join(argv), flush=True)
            ner_spark.run(spark, ner_spark.parse_args(argv))

        job("--input", f"{work}/docs.jsonl", "--output", f"{work}/out-jsonl")
        same("--min-docs", min_docs, f"{work}/direct.jsonl", f"{work}/out-jsonl/part-*")

        job("--input", f"{work}/docs.jsonl", "--output", f"{work}/out-python-pipe", "--pipe", "python")
        same("--min-docs", min_docs, f"{work}/direct.jsonl", f"{work}/out-python-pipe/part-*")

        job("--input", f"{work}/docs", "--input-format", "text", "--output", f"{work}/out-folder")
        folder = ["--left-key", "source", "--strip", f"{work}/docs/"]
        same("--min-docs", min_docs, *folder, f"{work}/direct-folder.jsonl", f"{work}/out-folder/part-*")

        job("--input", f"{work}/docs.jsonl", "--output", f"{work}/out-parquet", "--output-format", "parquet")
        parquet_as_records(spark, work)
        same("--min-docs", min_docs, f"{work}/direct-parquet.jsonl", f"{work}/from-parquet.jsonl")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
