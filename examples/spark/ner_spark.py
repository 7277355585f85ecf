#!/usr/bin/env python3
"""Named entities over a corpus with Apache Spark: each partition is piped through `ner --input-format jsonl`.

    spark-submit --master yarn --files target/release/ner examples/spark/ner_spark.py \\
        --input hdfs:///news/2025/ --input-format jsonl --output hdfs:///ner/2025/

    python examples/spark/ner_spark.py --master 'local[2]' --ner target/release/ner \\
        --input corpus/ --input-format text --output out/ --output-format parquet

Input (`--input`, any path or glob Spark reads: local, hdfs://, s3a://, …):
  jsonl  each line {"id": …, "text": …}; the lines go to `ner` untouched (no parsing in Python). Give every
         document an `id`: partitions are not files, so `id` is what ties a result to its document.
  text   a folder (walked recursively) of text files, one document per file; the id is the file's path
         relative to `--input`. As in a direct `ner corpus/` run, a leading byte-order mark is removed and a file
         with a NUL byte in its first 8 KiB is skipped as binary (counted on stderr). Spark itself leaves out
         files whose name starts with `.` or `_`.

Output (`--output`, a new folder):
  jsonl    part-NNNNN files of `ner`'s own records, exactly what a direct run prints for the same documents
           (`source` is "-", standard input of the `ner` process), in input order within each part;
  parquet  one row per entity: id, language, and the entity's fields (text, label, start, end, byte_start,
           byte_end, canonical, kb_id, iso, entity, recognizer). Documents `ner` answered with an error record
           are written as JSON lines (id, error) to OUTPUT.errors/ and counted on stderr, never dropped silently.

The binary: `--ner PATH` (default `ner`: a file already shipped with spark-submit `--files`, or found on the
PATH) is shipped with `SparkContext.addFile`. Each task runs one `ner -j C` process, C = `spark.task.cpus`
(default 1): Spark already runs one task per core, so `ner` must not start a thread per core in every task.

The pipe (`--pipe`): `jvm` (default) calls `RDD.pipe` on the Java RDD, so the documents go from the input
split to `ner` and from `ner` to the output without passing through Python (with `--input-format text` the
JSON lines are built in Python, then piped from the JVM; the binary sits in the
executor's working directory, where Spark puts `--files` and `addFile` files; in local mode, in the driver's
SparkFiles folder). `python` pipes from a Python worker (`mapPartitions`, the binary found with
`SparkFiles.get` on the executor), for setups where the JVM path does not fit; every document then crosses the
JVM-Python boundary twice (on our 2-core VM the cost stayed within the measurement noise, see the README's
"Scaling out"). PySpark's own
`RDD.pipe(command)` is not used: its command string is fixed on the driver and runs with an empty environment.

Exit status of `ner`: 0, and 1 (some documents got error records, which are in the output), are success; any
other status fails the task, and Spark retries it as for any failed task.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading

from pyspark import SparkFiles
from pyspark.sql import DataFrame, SparkSession, functions as F, types as T

# The entity fields of DESIGN §4, in order (fields are only ever added; new ones are ignored here).
ENTITY = T.StructType(
    [
        T.StructField("text", T.StringType()),
        T.StructField("label", T.StringType()),
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
        T.StructField("byte_start", T.LongType()),
        T.StructField("byte_end", T.LongType()),
        T.StructField("canonical", T.StringType()),
        T.StructField("kb_id", T.StringType()),
        T.StructField("iso", T.StringType()),
        T.StructField("entity", T.LongType()),
        T.StructField("recognizer", T.StringType()),
    ]
)
# `id` as a string whatever its JSON type (Spark keeps a number's JSON text).
RECORD = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("language", T.StringType()),
        T.StructField("entities", T.ArrayType(ENTITY)),
        T.StructField("error", T.StringType()),
    ]
)


def ner_partition(binary, args):
    """A `mapPartitions` function: the partition's lines into one `ner` process, its output lines back.

    A thread feeds standard input while the task reads standard output, so neither pipe can fill up and
    block the other (the scheme of PySpark's own `RDD.pipe`). `ner`'s notes and error lines go to the
    executor's standard error, i.e. its log.
    """

    def run(lines):
        exe = SparkFiles.get(binary)
        if not os.path.isfile(exe):
            exe = shutil.which(binary) or binary
        proc = subprocess.Popen([exe, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 20)
        failure = []

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8"))
                    proc.stdin.write(b"\n")
            except BrokenPipeError:
                pass  # `ner` stopped early: its exit status below says why
            except BaseException as e:  # an error reading the partition must fail the task, not hang it
                failure.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for out in proc.stdout:
            yield out.rstrip(b"\n").decode("utf-8")
        status = proc.wait()
        feeder.join()
        if failure:
            raise failure[0]
        if status not in (0, 1):
            raise RuntimeError(f"{exe} {' '.join(args)} exited with status {status} (see the executor's stderr)")

    return run


def text_documents(sc, path, partitions):
    """(id, text) per file under `path` → JSONL lines, as a direct `ner` run would read the files."""
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    skipped = sc.accumulator(0)
    # ids relative to the input folder; wholeTextFiles names files by their fully qualified URI
    root = sc._jvm.org.apache.hadoop.fs.Path(path)
    root = root.getFileSystem(sc._jsc.hadoopConfiguration()).makeQualified(root).toString().rstrip("/") + "/"

    def line(item):
        uri, text = item
        if "\0" in text[:8192]:
            skipped.add(1)
            return []
        if text.startswith("\ufeff"):  # (no str.removeprefix: executors may run Python 3.8)
            text = text[1:]
        ident = uri[len(root) :] if uri.startswith(root) else uri
        return [json.dumps({"id": ident, "text": text}, ensure_ascii=False)]

    return sc.wholeTextFiles(path, minPartitions=partitions).flatMap(line), skipped


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="files, folder or glob to read")
    ap.add_argument("--input-format", choices=["jsonl", "text"], default="jsonl")
    ap.add_argument("--output", required=True, help="output folder (must not exist)")
    ap.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    ap.add_argument("--ner", default="ner", help="the ner binary to ship to the executors (default: ner)")
    ap.add_argument("--ner-args", default="", help="extra ner options, e.g. '--labels PERSON,COUNTRY'")
    ap.add_argument("--master", help="Spark master when run with python rather than spark-submit")
    ap.add_argument("--partitions", type=int, help="minimum number of partitions (default: Spark's parallelism)")
    ap.add_argument(
        "--pipe",
        choices=["jvm", "python"],
        default="jvm",
        help="jvm: RDD.pipe in the executor JVM (default, no Python on the data path); "
        "python: one pipe per partition from a Python worker",
    )
    return ap.parse_args(argv)


def jvm_pipe_command(sc, binary, args):
    """The argv each task runs under `RDD.pipe` in the JVM.

    The binary is where `addFile` put it: on an executor that is the executor's working directory (Spark's
    SparkFiles root there is "."), in local mode the driver's SparkFiles folder. `/bin/sh` turns `ner`'s exit
    status 1 (some documents got error records, which are in the output) into success, since the JVM's pipe
    fails the task on any non-zero status.
    """
    in_driver = sc.master == "local" or sc.master.startswith("local[")  # not local-cluster: executors apart
    exe = SparkFiles.get(binary) if in_driver else "./" + binary
    script = '"$0" "$@"; s=$?; [ "$s" -eq 1 ] && exit 0; exit "$s"'
    return ["/bin/sh", "-c", script, exe, *args]


def run(spark, a):
    """The job, on a running session (the checks run several jobs on one session, one JVM)."""
    sc = spark.sparkContext

    binary = os.path.basename(a.ner)
    conf = sc.getConf()
    shipped = ",".join(conf.get(k, "") for k in ("spark.files", "spark.yarn.dist.files")).split(",")
    if any(f and os.path.basename(f.split("#")[0]) == binary for f in shipped):
        pass  # spark-submit --files has shipped it already
    elif os.path.isfile(a.ner):
        sc.addFile(os.path.abspath(a.ner))
    elif shutil.which(a.ner) and "://" not in a.ner:
        sc.addFile(shutil.which(a.ner))
    else:
        sc.addFile(a.ner)  # a URI (hdfs://, s3a://, https://)
    cpus = int(sc.getConf().get("spark.task.cpus", "1"))
    args = ["--input-format", "jsonl", "-j", str(cpus), *a.ner_args.split()]
    partitions = a.partitions or sc.defaultParallelism

    skipped = None
    if a.input_format == "jsonl":
        docs = sc.textFile(a.input, minPartitions=partitions)
    else:
        docs, skipped = text_documents(sc, a.input, partitions)

    if a.pipe == "python":
        records = docs.mapPartitions(ner_partition(binary, args))
        jrecords = None
    else:
        # JavaRDD[String] in, JavaRDD[String] out: the documents never pass through a Python worker
        jdocs = sc._jsc.textFile(a.input, partitions) if a.input_format == "jsonl" else docs._to_java_object_rdd()
        env = sc._jvm.java.util.HashMap()
        jrecords = jdocs.pipe(_jlist(sc, jvm_pipe_command(sc, binary, args)), env, False, 1 << 16, "UTF-8")
        records = None

    if a.output_format == "jsonl":
        if jrecords is not None:
            jrecords.saveAsTextFile(a.output)
        else:
            records.saveAsTextFile(a.output)
    else:
        reader = spark.read.schema(RECORD)
        if jrecords is not None:
            jrecords.cache()  # read twice: entities to Parquet, error records aside
            strings = sc._jvm.org.apache.spark.sql.Encoders.STRING()
            df = DataFrame(reader._jreader.json(spark._jsparkSession.createDataset(jrecords.rdd(), strings)), spark)
        else:
            records.cache()
            df = reader.json(records)
        rows = df.where(F.col("error").isNull()).select("id", "language", F.explode("entities").alias("e"))
        rows.select("id", "language", "e.*").write.parquet(a.output)
        errors = df.where(F.col("error").isNotNull())
        failed = errors.count()
        if failed:
            errors.write.json(a.output.rstrip("/") + ".errors")
            print(f"ner_spark: {failed} document(s) failed, see {a.output.rstrip('/')}.errors/", file=sys.stderr)
        (jrecords if jrecords is not None else records).unpersist()
    if skipped is not None and skipped.value:
        print(f"ner_spark: {skipped.value} binary file(s) skipped", file=sys.stderr)


def _jlist(sc, items):
    out = sc._jvm.java.util.ArrayList()
    for x in items:
        out.add(x)
    return out


def main(argv=None):
    a = parse_args(argv)
    builder = SparkSession.builder.appName("ner")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    try:
        run(spark, a)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
