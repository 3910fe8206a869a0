#!/usr/bin/env bash
# Regenerates tests/golden/: the outputs of one small run, kept so that any
# change to the numbers pbflow produces is seen (tests/golden_test.cc) and
# explained in the commit that makes it. Run after a deliberate model change:
#   bash scripts/update-golden.sh && git diff --stat tests/golden
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Keep these arguments in step with tests/golden_test.cc.
./build/engine/pbflow run tests/data/small_compare.yaml --replicas 40 --seed 11 --threads 2 --block-size 7 \
  --set horizon.months=36 --quiet --out "$out/run"
# summary.json without its `run` block (timings and the machine differ by design).
/usr/bin/python3 - "$out/run/summary.json" > tests/golden/summary.json <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
summary.pop("run")
print(json.dumps(summary, indent=2))
PY
cp "$out/run/outcomes.csv" "$out/run/timeseries.csv" "$out/run/flows.csv" "$out/run/countries_monthly.csv" tests/golden/
echo "tests/golden/ regenerated"
