#!/usr/bin/env bash
# Builds pbflow (installing what is missing) and runs the whole test suite:
# the C++ suites through ctest, then the Python bindings' tests with pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
(cd build && ctest --output-on-failure --parallel "$(nproc)")
PBFLOW_BUILD="$PWD/build" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
