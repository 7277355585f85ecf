#!/usr/bin/env python3
"""Checks that two sets of `ner` records hold the same results, document by document and entity by entity.

    same_entities.py direct.jsonl 'out/part-*'                 records keyed by `id` on both sides
    same_entities.py --left-key source --strip corpus/ direct.jsonl 'out/part-*'
                                                               left side keyed by its path under corpus/

A cluster run splits, reorders and merges the records, so they are matched by key (`id`, or `source` with a
prefix removed for a direct run over a folder, whose records have no `id`), never by position. Every other
field is compared exactly — language, every entity with all its fields, the error message — except the
positional ones: `source` (a cluster stage reads standard input, "-") and `line` (a line number within the
chunk that stage was given). Each key must appear exactly once on each side. Lines may carry trailing
whitespace (Hadoop Streaming writes a tab after each). Prints one summary line; exit 1 on any difference.
"""

import argparse
import glob
import json
import sys

POSITIONAL = ("source", "line", "id")


def load(patterns, key, strip):
    out, dups = {}, []
    files = sorted(f for p in patterns for f in (glob.glob(p) or [p]))
    for name in files:
        with open(name, encoding="utf-8") as fh:
            for no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                k = rec.get(key)
                if k is None:
                    sys.exit(f"same_entities: {name}:{no}: record without `{key}`: {line[:200]}")
                if key == "source" and strip and k.startswith(strip):
                    k = k[len(strip) :]
                k = json.dumps(k)  # 7 and "7" are different ids
                if k in out:
                    dups.append(k)
                out[k] = {f: v for f, v in rec.items() if f not in POSITIONAL}
    return out, dups, files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("left", help="file or glob (quoted) of the reference run")
    ap.add_argument("right", nargs="+", help="files or globs of the run to check")
    ap.add_argument("--left-key", default="id", choices=["id", "source"])
    ap.add_argument("--strip", default="", help="prefix removed from the left `source` keys")
    ap.add_argument("--min-docs", type=int, default=1, help="fail unless at least this many documents matched")
    a = ap.parse_args()
    left, ldups, _ = load([a.left], a.left_key, a.strip)
    right, rdups, rfiles = load(a.right, "id", "")
    problems = [f"duplicate key on the left: {k}" for k in ldups] + [f"duplicate key on the right: {k}" for k in rdups]
    problems += [f"missing on the right: {k}" for k in sorted(left.keys() - right.keys())]
    problems += [f"only on the right: {k}" for k in sorted(right.keys() - left.keys())]
    for k in sorted(left.keys() & right.keys()):
        if left[k] != right[k]:
            problems.append(
                f"differs: {k}\n  left:  {json.dumps(left[k])[:300]}\n  right: {json.dumps(right[k])[:300]}"
            )
    docs = sum(1 for r in left.values() if "error" not in r)
    errors = len(left) - docs
    entities = sum(len(r.get("entities", [])) for r in left.values())
    if len(left) < a.min_docs:
        problems.append(f"only {len(left)} documents, fewer than --min-docs {a.min_docs}")
    if problems:
        for p in problems[:20]:
            print(f"same_entities: {p}", file=sys.stderr)
        print(f"same_entities: {len(problems)} differences ({len(left)} vs {len(right)} records)", file=sys.stderr)
        return 1
    print(f"same: {docs} documents, {entities} entities, {errors} error records (in {len(rfiles)} output files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
