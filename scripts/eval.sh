#!/usr/bin/env bash
# Scores the release binary on every dev corpus of ../shared/eval with the shared scorers.
#   scripts/eval.sh            all corpora, a summary table
#   scripts/eval.sh -v         also the per-label lines of each scorer
# Needs ../shared (read-only) and python3; writes predictions to target/eval/.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
verbose=${1:-}
cargo build --release -q
bin=${CARGO_TARGET_DIR:-target}/release/ner
mkdir -p target/eval
map=COUNTRY=LOC,LOCATION=LOC,PERSON=PER,ORGANIZATION=ORG
printf '%-26s %s\n' corpus "exact micro F1 (PER/LOC/ORG)"
for f in conll2003_en wikineural_fr hipe2020_fr europeana_fr news; do
  gold=$shared/eval/$f.dev.jsonl
  [ -f "$gold" ] || continue
  pred=target/eval/$f.pred.jsonl
  "$bin" --input-format jsonl <"$gold" >"$pred"
  out=$(python3 "$shared/tools/score.py" "$gold" "$pred" --labels PER,LOC,ORG --map "$map")
  [ "$verbose" = -v ] && echo "$out"
  printf '%-26s %s\n' "$f" "$(echo "$out" | tail -n1)"
done
gold=$shared/eval/news.dev.jsonl
out=$(python3 "$shared/tools/docscore.py" "$gold" target/eval/news.pred.jsonl)
[ "$verbose" = -v ] && echo "$out"
printf '%-26s %s\n' "news (docscore, 4 labels)" "$(echo "$out" | tail -n1)"
"$bin" <"$shared/examples/seed-fr.txt" >target/eval/seed-fr.pred.jsonl
printf '%-26s %s\n' "seed-fr (docscore)" \
  "$(python3 "$shared/tools/docscore.py" "$shared/examples/seed-fr.gold.jsonl" target/eval/seed-fr.pred.jsonl | tail -n1)"
