#!/usr/bin/env bash
# CI's second stage (.ci/run): pbflow built with clang, AddressSanitizer,
# UndefinedBehaviorSanitizer and libFuzzer's coverage in build-sanitize/;
# the C++ suite run there; then each fuzz target (tests/fuzz/) for a bounded
# time, seeded with the shipped scenarios and the kept inputs. Any sanitizer
# report, crash or leak fails it. PBFLOW_FUZZ_SECONDS sets the time per
# target (default 100: three targets keep CI under 25 minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
fuzz_seconds="${PBFLOW_FUZZ_SECONDS:-100}"
build=build-sanitize

CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DPBFLOW_SANITIZE=ON -DPBFLOW_FUZZ=ON \
  -DPBFLOW_BUILD_PYTHON=OFF -DPBFLOW_BUILD_BENCH=OFF > "$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
rm -f "$build.configure.log"
cmake --build "$build" --parallel "$(nproc)"

# OpenMPI's own leaks are suppressed (tests/sanitizers/lsan.supp), nothing else.
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
(cd "$build" && ctest --output-on-failure --parallel "$(nproc)")

# Fuzzing: new inputs go to a scratch corpus; a crash is written under
# $build/fuzz-crashes/ and fails the run. Keep it under tests/fuzz/inputs/TARGET/
# (it then runs in every build's suite) and fix the bug.
mkdir -p "$build/fuzz-crashes"
total=0
for target in scenario report records; do
  seeds=(tests/fuzz/inputs/"$target")
  [ "$target" = scenario ] && seeds+=(scenarios scenarios/cases tests/data)
  [ "$target" = records ] && [ -d ../shared/data ] && seeds+=(../shared/data/fts ../shared/data/iati)
  mkdir -p "$build/fuzz-corpus/$target"
  log="$build/fuzz-$target.log"
  if ! "$build/tests/fuzz/${target}_fuzzer" -max_total_time="$fuzz_seconds" -timeout=20 -rss_limit_mb=4096 \
      -seed=1 -print_final_stats=1 -artifact_prefix="$build/fuzz-crashes/$target-" \
      "$build/fuzz-corpus/$target" "${seeds[@]}" > "$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzzing $target found a failure: its input is in $build/fuzz-crashes/" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  echo "fuzz $target: $runs executions in ${fuzz_seconds} s, no failure"
  total=$((total + runs))
done
echo "fuzzing: $total executions, 0 failures"
