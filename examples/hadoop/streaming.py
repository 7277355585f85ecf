#!/usr/bin/env python3
"""A local stand-in for `hadoop jar hadoop-streaming.jar`: the same options and the same data semantics.

Hadoop is not packaged for PyPI or Debian, so the checks run `ner` under this emulation of what Hadoop
Streaming does to a mapper's input and output. It is a test harness, not a scheduler:

    streaming.py -input docs/ -output out/ -mapper 'ner --input-format jsonl' -file target/release/ner \\
        -numReduceTasks 0 [-D mapreduce.input.fileinputformat.split.maxsize=1048576] [-slots 2]

What is reproduced, after Hadoop's TextInputFormat, LineRecordReader, PipeMapRed and TextOutputFormat:
- inputs: files or folders (one level, as FileInputFormat); names starting with `_` or `.` are left out;
  compressed files are refused (Hadoop would not split them);
- splits: each file cut into byte ranges of max(minsize, min(maxsize, dfs.blocksize)) (128 MiB by default),
  the last one allowed 10 % more (SPLIT_SLOP 1.1);
- records: a split [s, e) reads every line that starts at a position p with s < p <= e (0 <= p <= e for the
  first split), so a line that straddles a boundary belongs to the split it starts in, and a line starting
  exactly at e to the earlier split; `\\n`, `\\r\\n` and a lone `\\r` end a line;
- the mapper: one process per split, in its own working directory holding the `-file`/`-files` files, with
  that directory searched first for the program (so `-mapper 'ner …' -file ner` runs the shipped binary);
  the line's text (no key: TextInputFormat's offset is not passed) plus `\\n` on standard input, and
  `mapreduce_map_input_file`, `_start`, `_length`, `mapreduce_task_partition` in the environment;
- the mapper's output: each line split at the first tab into key and value (no tab: the whole line is the
  key, the value empty) and written `key<TAB>value` — so a map-only job's lines end with a tab, as Hadoop's do;
- `-numReduceTasks 0`: map output goes straight to `part-m-NNNNN`, one file per split, in split order;
  `-numReduceTasks R` (R > 0): keys partitioned as HashPartitioner (Java `Text.hashCode`), each partition
  sorted by key bytes, then the `-reducer` command (fed `key<TAB>value` lines) or the identity reducer
  writes `part-r-NNNNN`;
- a mapper that exits non-zero fails its task and the job (no `_SUCCESS`, exit 1), unless
  `-D stream.non.zero.exit.is.failure=false`; the output folder must not exist.
`-slots N` (not a Hadoop option) is how many map tasks run at once here (default 2).
"""

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

SPLIT_SLOP = 1.1


def parse(argv):
    opts = {"input": [], "file": [], "D": {}, "mapper": None, "reducer": None, "output": None}
    opts.update(numReduceTasks=1, slots=2)  # Hadoop's default is one reduce task
    it = iter(argv)
    for arg in it:
        if not arg.startswith("-") or arg == "-":
            sys.exit(f"streaming: unexpected argument {arg!r}")
        name = arg.lstrip("-")
        try:
            value = next(it)
        except StopIteration:
            sys.exit(f"streaming: {arg} needs a value")
        if name == "input":
            opts["input"] += value.split(",")
        elif name == "file":
            opts["file"].append(value)
        elif name == "files":
            opts["file"] += value.split(",")
        elif name == "D":
            k, _, v = value.partition("=")
            opts["D"][k] = v
        elif name in ("output", "mapper", "reducer"):
            opts[name] = value
        elif name in ("numReduceTasks", "slots"):
            opts[name] = int(value)
        else:
            sys.exit(f"streaming: option {arg} is not emulated")
    for need in ("output", "mapper"):
        if not opts[need]:
            sys.exit(f"streaming: -{need} is required")
    if not opts["input"]:
        sys.exit("streaming: -input is required")
    return opts


def input_files(paths):
    """FileInputFormat: the files named, and the files directly in the folders named; hidden ones left out."""
    hidden = ("_", ".")
    files = []
    for p in paths:
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                full = os.path.join(p, name)
                if not name.startswith(hidden) and os.path.isfile(full):
                    files.append(full)
        elif os.path.isfile(p):
            files.append(p)
        else:
            sys.exit(f"streaming: Input path does not exist: {p}")
    for f in files:
        if f.endswith((".gz", ".bz2", ".zst", ".snappy", ".deflate")):
            sys.exit(f"streaming: {f}: compressed input is not emulated")
    return files


def splits(files, conf):
    block = int(conf.get("dfs.blocksize", 128 << 20))
    lo = int(conf.get("mapreduce.input.fileinputformat.split.minsize", 1))
    hi = int(conf.get("mapreduce.input.fileinputformat.split.maxsize", 1 << 62))
    size = max(lo, min(hi, block))
    out = []
    for f in files:
        length = os.path.getsize(f)
        start = 0
        while (length - start) / size > SPLIT_SLOP:
            out.append((f, start, size))
            start += size
        if length - start:
            out.append((f, start, length - start))
    return out


def line_end(data, p):
    """Index just past the line terminator at or after p (`\\n`, `\\r\\n` or `\\r`), or len(data)."""
    n, r = data.find(b"\n", p), data.find(b"\r", p)
    if r != -1 and (n == -1 or r < n):
        return r + 2 if data[r + 1 : r + 2] == b"\n" else r + 1
    return n + 1 if n != -1 else len(data)


def records(data, start, length):
    """LineRecordReader over one split: the lines starting in (start, start + length] (from 0 for the first)."""
    end = start + length
    pos = line_end(data, start) if start != 0 else 0
    while pos <= end and pos < len(data):
        nxt = line_end(data, pos)
        yield data[pos:nxt].rstrip(b"\r\n")  # the slice holds one terminator at most, at its end
        pos = nxt


def key_value(line):
    k, _, v = line.partition(b"\t")
    return k, v


def program(cmd, workdir):
    """The command's argv, its program looked up in the task's working directory first (as PipeMapRed)."""
    argv = shlex.split(cmd)
    found = shutil.which(argv[0], path=workdir + os.pathsep + os.environ.get("PATH", ""))
    if found is None:
        raise RuntimeError(f"Cannot run program {argv[0]!r}: not in the working directory or on the PATH")
    return [found, *argv[1:]]


def run_task(cmd, workdir, lines, env, fail_on_status):
    """Runs one streaming task; returns its output as (key, value) pairs, or raises on failure."""
    proc = subprocess.Popen(program(cmd, workdir), cwd=workdir, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    data = b"".join(line + b"\n" for line in lines)
    out, _ = proc.communicate(data)  # communicate feeds and drains together: no pipe deadlock
    if proc.returncode != 0 and fail_on_status:
        raise RuntimeError(f"PipeMapRed.waitOutputThreads(): subprocess failed with code {proc.returncode}")
    return [key_value(line) for line in out.split(b"\n")[:-1]] if out else []


def text_hash(key):
    """Java `Text.hashCode()` (WritableComparator.hashBytes over signed bytes), as HashPartitioner uses."""
    h = 1
    for b in key:
        h = (31 * h + (b - 256 if b > 127 else b)) & 0xFFFFFFFF
    return h - (1 << 32) if h & 0x80000000 else h


def main(argv):
    o = parse(argv)
    out_dir = o["output"]
    if os.path.exists(out_dir):
        sys.exit(f"streaming: Output directory {out_dir} already exists")
    fail = o["D"].get("stream.non.zero.exit.is.failure", "true") != "false"
    tasks = splits(input_files(o["input"]), o["D"])
    work = tempfile.mkdtemp(prefix="streaming-")
    try:
        shipped = os.path.join(work, "cache")
        os.makedirs(shipped)
        for f in o["file"]:
            os.symlink(os.path.abspath(f), os.path.join(shipped, os.path.basename(f)))

        def task_dir(name):
            d = os.path.join(work, name)
            shutil.copytree(shipped, d, symlinks=True)
            return d

        def map_task(i):
            f, start, length = tasks[i]
            with open(f, "rb") as fh:
                data = fh.read()
            env = dict(os.environ)
            env.update(
                mapreduce_map_input_file=os.path.abspath(f),
                mapreduce_map_input_start=str(start),
                mapreduce_map_input_length=str(length),
                mapreduce_task_partition=str(i),
            )
            return run_task(o["mapper"], task_dir(f"m{i}"), records(data, start, length), env, fail)

        with ThreadPoolExecutor(max_workers=max(1, o["slots"])) as pool:
            mapped = list(pool.map(map_task, range(len(tasks))))
        os.makedirs(out_dir)
        reducers = o["numReduceTasks"]
        if reducers == 0:
            outputs = [(f"part-m-{i:05d}", kv) for i, kv in enumerate(mapped)]
        else:
            parts = [[] for _ in range(reducers)]
            for kv in mapped:
                for k, v in kv:
                    parts[(text_hash(k) & 0x7FFFFFFF) % reducers].append((k, v))
            outputs = []
            for r, part in enumerate(parts):
                part.sort()
                if o["reducer"]:
                    lines = [k + b"\t" + v for k, v in part]
                    part = run_task(o["reducer"], task_dir(f"r{r}"), lines, dict(os.environ), fail)
                outputs.append((f"part-r-{r:05d}", part))
        for name, kv in outputs:
            with open(os.path.join(out_dir, name), "wb") as fh:
                fh.writelines(k + b"\t" + v + b"\n" for k, v in kv)
        open(os.path.join(out_dir, "_SUCCESS"), "wb").close()
        print(f"streaming: {len(tasks)} map tasks, {reducers} reduce tasks, output in {out_dir}", file=sys.stderr)
        return 0
    except RuntimeError as e:
        print(f"streaming: Job failed: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
