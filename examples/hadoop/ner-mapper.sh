#!/bin/sh
# Hadoop Streaming mapper: `ner` over the split's JSONL lines, one thread (a map task holds one core).
# `ner` exits 1 when some documents failed; each of them still has an error record in the output, so the task
# succeeded and must not be retried or fail the job. Any other non-zero status (2: usage, output) is passed on.
bin=./ner
[ -x "$bin" ] || bin=ner
"$bin" --input-format jsonl -j 1 "$@"
status=$?
[ "$status" -eq 1 ] && exit 0
exit "$status"
