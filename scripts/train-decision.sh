#!/usr/bin/env bash
# Fits the learned decision (data/decision.toml) on the dev splits of the
# public data sets (../shared/eval/*.dev.jsonl) and the blind dev claim sets.
# Usage: scripts/train-decision.sh   (then rebuild; prints cross-validated figures)
# Needs numpy: in a venv of its own under target/ (pip, from PyPI) unless
# PYTHON names an interpreter that has it.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
cargo build --release --quiet
python=${PYTHON:-}
if [ -z "$python" ]; then
  venv=target/train-venv
  [ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet 'numpy>=2,<3'; }
  python=$venv/bin/python
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dev in "$eval_dir"/*.dev.jsonl; do
  ./target/release/veracity eval "$dev" --predictions "$tmp/$(basename "$dev" .dev.jsonl).jsonl" >/dev/null &
done
./target/release/veracity eval claims/blind/dev.toml --sources sources --predictions "$tmp/blind-coalition.jsonl" >/dev/null
./target/release/veracity eval claims/blind/harbor-dev.toml --sources examples/harbor/sources \
  --predictions "$tmp/blind-harbor.jsonl" >/dev/null
wait
"$python" scripts/train-decision.py "$tmp"/*.jsonl > "$tmp/decision.toml"
mv "$tmp/decision.toml" data/decision.toml
