#!/usr/bin/env python3
"""The measuring half of examples/spark/bench.sh: Spark local[1] and local[2] against `ner -j 1` / `-j 2`.

    bench_runs.py CORPUS.jsonl NER_BIN WORK RUNS

Every configuration reads the same JSONL file and writes its JSONL records to WORK (a direct run to a file
too, so both pay for writing). Each is run RUNS times and the median wall time is kept. For Spark, the
session (JVM) is started once per master and its start-up is reported apart: on a cluster it is paid once
per application, not per document; the job time counts everything else (shipping the binary, splitting the
file, the Python worker pipes, the `ner` processes, writing the parts). Prints a Markdown table.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ner_spark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402


def median_time(runs, fn):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def main():
    corpus, binary, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    mb = os.path.getsize(corpus) / 1e6
    rows = []

    for threads in (1, 2):
        out = os.path.join(work, f"direct-j{threads}.jsonl")

        def direct():
            with open(corpus, "rb") as i, open(out, "wb") as o:
                status = subprocess.run([binary, "--input-format", "jsonl", "-q", "-j", str(threads)], stdin=i, stdout=o)
            if status.returncode not in (0, 1):
                sys.exit(f"bench: ner exited {status.returncode}")

        t, all_t = median_time(runs, direct)
        rows.append((f"`ner -j {threads}` (direct)", t, None, all_t))

    for cores in (1, 2):
        master = f"local[{cores}]"
        t0 = time.perf_counter()
        spark = SparkSession.builder.master(master).appName("ner-bench").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.parallelize([0], 1).count()  # the first job starts the Python workers
        start_up = time.perf_counter() - t0
        out = os.path.join(work, f"spark-{cores}")

        def job():
            shutil.rmtree(out, ignore_errors=True)
            ner_spark.run(spark, ner_spark.parse_args(["--ner", binary, "--input", corpus, "--output", out]))

        try:
            t, all_t = median_time(runs, job)
        finally:
            spark.stop()
        rows.append((f"Spark `{master}` (ner_spark.py)", t, start_up, all_t))

    base = {1: rows[0][1], 2: rows[1][1]}
    print(f"corpus: {corpus}, {mb:.1f} MB of JSONL, median of {runs} runs")
    print()
    print("| run | wall time | throughput | per core | vs direct, same cores | session start-up |")
    print("|---|---|---|---|---|---|")
    for i, (name, t, start_up, all_t) in enumerate(rows):
        cores = 1 if ("-j 1" in name or "[1]" in name) else 2
        ratio = f"{base[cores] / t:.2f}" if start_up is not None else "1"
        su = f"{start_up:.1f} s" if start_up is not None else "—"
        print(f"| {name} | {t:.1f} s | {mb / t:.1f} MB/s | {mb / t / cores:.1f} MB/s | {ratio} | {su} |")
    print()
    for name, t, _, all_t in rows:
        print(f"{name}: runs {', '.join(f'{x:.2f}' for x in all_t)} s")


if __name__ == "__main__":
    main()
