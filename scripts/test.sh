#!/usr/bin/env bash
# Builds pbflow (installing what is missing) and runs the whole test suite:
# the C++ suites through ctest, then the Python tests with pytest on the
# package as `cmake --install` installs it (into a scratch prefix here, so
# the installed package is what is tested, not only the build tree).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
(cd build && ctest --output-on-failure --parallel "$(nproc)")
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install build --prefix "$prefix" > /dev/null
site="$(find "$prefix" -type d -name dist-packages | head -n 1)"
PBFLOW_BUILD="$PWD/build" PBFLOW_PYTHONPATH="$site" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
