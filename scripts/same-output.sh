#!/usr/bin/env bash
# Writes every report a refactor must leave unchanged into DIR, so two commits
# can be compared byte for byte:
#   scripts/same-output.sh /tmp/before && (change…) && scripts/same-output.sh /tmp/after
#   diff -r /tmp/before /tmp/after
# Covers `check` of the bundled claims in every format, the known failures,
# `check --article` on article 003, `sources --sentences`, and `eval` (text,
# JSON, predictions, errors, tuned on dev) on every ../shared/eval test split.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/same-output.sh DIR}
eval_dir=${EVAL_DIR:-../shared/eval}
mkdir -p "$out"
cargo build --release --quiet
v=./target/release/veracity
run() { # name, then the command; records stdout, stderr and the exit code
  local name=$1; shift
  set +e
  "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.rc"
  set -e
}
for f in text json jsonl markdown junit sarif github html claimreview; do
  run "check.$f" $v check --color never --format "$f"
done
run check.all-evidence $v check --color never --all-evidence
for f in text json markdown junit sarif github html claimreview; do
  run "check.known-failures.$f" $v check --color never claims/known-failures.toml --format "$f"
done
run check.article-003 $v check --color never --article sources/003_734ba5cffc3774ce.txt
run check.article-003.json $v check --color never --article sources/003_734ba5cffc3774ce.txt --format json
run check.claims $v check --color never --format json \
  --claim "Mark Rutte is projected to become NATO Secretary-General." \
  --claim "Joe Biden is the US president." --claim "Macron hosted the London summit."
run sources $v sources --color never --sentences
run eval.bundled $v eval --color never claims/coalition.toml --format json
for t in "$eval_dir"/*.test.jsonl; do
  name=$(basename "$t" .test.jsonl)
  run "eval.$name" $v eval --color never "$t" --errors 5 --predictions "$out/eval.$name.predictions"
  run "eval.$name.json" $v eval --color never "$t" --format json
  run "eval.$name.tuned" $v eval --color never "$t" --tune "$eval_dir/$name.dev.jsonl" --format json
done
echo "wrote $(ls "$out" | wc -l) files to $out"
