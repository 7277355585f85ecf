#!/usr/bin/env python3
"""The measuring half of examples/spark/bench.sh: Spark local[1] and local[2] against `ner -j 1` / `-j 2`.

    bench_runs.py CORPUS.jsonl NER_BIN WORK RUNS

Every configuration reads the same JSONL file and writes its JSONL records to WORK (a direct run to a file
too, so both pay for writing). Each is run RUNS times and the median wall time is kept. For Spark, the
session (JVM) is started once per master and its start-up is reported apart: on a cluster it is paid once
per application, not per document; the job time counts everything else (shipping the binary, splitting the
file, the pipes, the `ner` processes, writing the parts). Wall time on a shared machine depends on the other
jobs; the CPU seconds of the whole process tree (JVM, Python workers, `ner` processes) while a job runs do
not, much, and "MB per CPU-second" is the per-core throughput a busy executor core gives. Prints a Markdown
table.
"""

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ner_spark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402


TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root):
    """CPU seconds used so far by process `root` and all its descendants, the finished ones included.

    For each live process of the tree: its own user + system time plus that of its reaped children
    (/proc/PID/stat fields 14-17). A finished child is in its parent's figures, a live one only in its own,
    so nothing is counted twice. `ner` processes started by the JVM and Python workers are all in the tree.
    """
    parent, cpu = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(pid)] = int(fields[1])
        cpu[int(pid)] = sum(int(x) for x in fields[11:15]) / TICK
    total, todo = 0.0, [root]
    while todo:
        p = todo.pop()
        total += cpu.get(p, 0.0)
        todo += [c for c, pp in parent.items() if pp == p]
    return total


def median_time(runs, fn, pid=None):
    """Median wall time of `fn`, and median CPU seconds of the process tree under `pid` (this one's children
    when None) while it ran."""
    times, cpus = [], []
    for _ in range(runs):
        c = tree_cpu(pid) if pid else children_cpu()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        cpus.append((tree_cpu(pid) if pid else children_cpu()) - c)
    return statistics.median(times), times, statistics.median(cpus)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    corpus, binary, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    mb = os.path.getsize(corpus) / 1e6
    rows = []

    for threads in (1, 2):
        out = os.path.join(work, f"direct-j{threads}.jsonl")

        def direct():
            with open(corpus, "rb") as i, open(out, "wb") as o:
                status = subprocess.run(
                    [binary, "--input-format", "jsonl", "-q", "-j", str(threads)], stdin=i, stdout=o
                )
            if status.returncode not in (0, 1):
                sys.exit(f"bench: ner exited {status.returncode}")

        t, all_t, cpu = median_time(runs, direct)
        rows.append((f"`ner -j {threads}` (direct)", t, None, all_t, cpu))

    if shutil.which("parallel"):
        out = os.path.join(work, "parallel.jsonl")
        cmd = ["parallel", "--pipe", "--block", "10M", "-j", "2", binary, "--input-format", "jsonl", "-q", "-j", "1"]

        def par():
            with open(corpus, "rb") as i, open(out, "wb") as o:
                status = subprocess.run(cmd, stdin=i, stdout=o)
            if status.returncode not in (0, 1):
                sys.exit(f"bench: parallel exited {status.returncode}")

        t, all_t, cpu = median_time(runs, par)
        rows.append(("`parallel --pipe --block 10M -j 2 ner -j 1`", t, None, all_t, cpu))

    for cores in (1, 2):
        master = f"local[{cores}]"
        t0 = time.perf_counter()
        spark = SparkSession.builder.master(master).appName("ner-bench").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.parallelize([0], 1).count()  # the first job starts the Python workers
        start_up = time.perf_counter() - t0
        try:
            for pipe in ("jvm", "python") if cores == 2 else ("jvm",):
                out = os.path.join(work, f"spark-{cores}-{pipe}")

                def job():
                    shutil.rmtree(out, ignore_errors=True)
                    argv = ["--ner", binary, "--input", corpus, "--output", out, "--pipe", pipe]
                    ner_spark.run(spark, ner_spark.parse_args(argv))

                t, all_t, cpu = median_time(runs, job, spark.sparkContext._gateway.proc.pid)
                rows.append((f"Spark `{master}`, `--pipe {pipe}`", t, start_up, all_t, cpu))
        finally:
            spark.stop()

    base = {1: rows[0][1], 2: rows[1][1]}
    print(f"corpus: {corpus}, {mb:.1f} MB of JSONL, median of {runs} runs")
    print()
    print(
        "| run | wall time | throughput | per core | vs direct, same cores | CPU time | MB per CPU-second | session start-up |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, t, start_up, all_t, cpu in rows:
        cores = 1 if (name.endswith("-j 1` (direct)") or "[1]" in name) else 2
        ratio = "1" if name.endswith("(direct)") else f"{base[cores] / t:.2f}"
        su = f"{start_up:.1f} s" if start_up is not None else "—"
        print(
            f"| {name} | {t:.1f} s | {mb / t:.1f} MB/s | {mb / t / cores:.1f} MB/s | {ratio} | {cpu:.1f} s "
            f"| {mb / cpu:.1f} | {su} |"
        )
    print()
    for name, t, _, all_t, _ in rows:
        print(f"{name}: runs {', '.join(f'{x:.2f}' for x in all_t)} s")


if __name__ == "__main__":
    main()
