#!/usr/bin/env bash
# Scores Veracity on every data set in ../shared/eval: thresholds fitted on the
# dev split, figures reported on the test split (never tuned on).
# Usage: scripts/eval-all.sh [dev|test]   (dev: tune and report on dev, for development)
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-test}
eval_dir=${EVAL_DIR:-../shared/eval}
cargo build --release --quiet
printf '%-16s %6s %8s %8s %6s  %s\n' set size accuracy macro-F1 ECE per-label-F1
for dev in "$eval_dir"/*.dev.jsonl; do
  name=$(basename "$dev" .dev.jsonl)
  target="$eval_dir/$name.$split.jsonl"
  ./target/release/veracity eval "$target" --tune "$dev" --format json 2>/dev/null \
    | python3 -c '
import json, sys
s = json.load(sys.stdin)
f1 = " ".join("%s=%.3f" % (k[:4], v["f1"]) for k, v in s["per_label"].items() if v["support"])
print("%-16s %6d %8.3f %8.3f %6.3f  %s" % (sys.argv[1], s["total"], s["accuracy"], s["macro_f1"], s["ece"], f1))
' "$name"
done
