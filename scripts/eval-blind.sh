#!/usr/bin/env bash
# Scores Veracity on the blind claim sets (claims/blind/): the bundled corpus
# the Wrenhaven corpus (examples/harbor/sources) and the Brackenford hospitals
# corpus (examples/clinic/sources), with default settings.
# Usage: scripts/eval-blind.sh [dev|dev2|dev3|test] [BINARY]
#   dev: for development (read its errors, tune on it); test: the record only.
# Prints accuracy, macro-F1 and false "supported" (claims predicted supported
# whose label is not, out of the claims whose label is not supported).
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-dev}
bin=${2:-./target/release/veracity}
[ "$bin" != ./target/release/veracity ] || cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-14s %5s %9s %9s %16s\n' set claims accuracy macro-F1 'false supported'
for set in coalition harbor clinic; do
  if [ "$set" = coalition ]; then
    file=claims/blind/$split.toml; sources=(--sources sources)
  else
    file=claims/blind/$set-$split.toml; sources=(--sources examples/$set/sources)
  fi
  "$bin" eval "$file" "${sources[@]}" --format json --predictions "$tmp/$set.jsonl" > "$tmp/$set.json" 2>/dev/null || true
  python3 - "$set" "$tmp/$set.json" "$tmp/$set.jsonl" <<'PY'
import json, sys
name, summary, predictions = sys.argv[1:]
s = json.load(open(summary))
rows = [json.loads(l) for l in open(predictions)]
negatives = [r for r in rows if r["label"] != "supported"]
false_sup = sum(r["predicted"] == "supported" for r in negatives)
share = false_sup / len(negatives) if negatives else 0.0
print("%-14s %5d %9.3f %9.3f %9d (%4.1f%%)" % (name, s["total"], s["accuracy"], s["macro_f1"], false_sup, 100 * share))
PY
done
