# Sourced by the scripts, from the repository root: sets `bin` to the ner binary to run — NER_BIN when it is
# set (that binary, no build), else a release build made here.
if [ -n "${NER_BIN:-}" ]; then
  bin=$NER_BIN
else
  cargo build --release -q
  bin=${CARGO_TARGET_DIR:-target}/release/ner
fi
