#!/usr/bin/env bash
# Times `veracity check` on 1,000 claims against the bundled corpus (release build).
# The claims cycle through claims/coalition.toml with unique ids.
# Usage: scripts/bench-1000.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$n" "$tmp/claims.toml" <<'PY'
import re, sys, tomllib
n, out = int(sys.argv[1]), sys.argv[2]
claims = tomllib.load(open("claims/coalition.toml", "rb"))["claim"]
with open(out, "w") as f:
    for i in range(n):
        c = claims[i % len(claims)]
        text = c["text"].replace('"', '\\"')
        f.write(f'[[claim]]\nid = "c{i}"\ntext = "{text}"\n\n')
PY
for run in 1 2 3; do
  # Exit code 1 is expected: claims without `expect` that are contradicted are findings.
  /usr/bin/time -f "run $run: %e s wall, %M KiB max RSS" ./target/release/veracity check "$tmp/claims.toml" --format json 2>&1 >/dev/null | grep -v "exited with" || true
done
