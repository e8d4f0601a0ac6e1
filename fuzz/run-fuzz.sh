#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the scenario loader's fuzz target with clang++ and libFuzzer (AddressSanitizer and
# UndefinedBehaviorSanitizer on), and fuzzes it for a bounded time from the examples and every
# input it ever failed on, with the format's dictionary. Exits non-zero on a crash, a broken
# promise, a hang (30 s) or 2 GB of memory, naming the input to keep under
# tests/fuzz/regressions/ once fixed.
#   fuzz/run-fuzz.sh [SECONDS] [BUILD_DIR]     (defaults: 180, build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}
build=${2:-build-fuzz}
command -v clang++ > /dev/null || { echo "fuzz: clang++ is missing; run packaging/install-build-deps.sh --ci" >&2; exit 2; }
cmake -S . -B "$build" -G Ninja -DHEADROOM_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$build" -j2 --target fuzz_scenario
# The corpus grows as the fuzzer finds new paths: a scratch copy, so the checkout stays as it is.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
cp scenarios/*.headroom.json challenges/*.headroom-challenge.json tests/fuzz/regressions/* "$work/corpus/"
status=0
"$build/fuzz/fuzz_scenario" -dict=fuzz/scenario.dict -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$PWD/$build/fuzz-" "$work/corpus" > "$work/log" 2>&1 || status=$?
grep -E '^(stat::|Done )' "$work/log" || true
if [ "$status" -ne 0 ]; then
  grep -E -A30 'ERROR|broken promise|deadly signal|timeout|out-of-memory' "$work/log" | head -60 >&2
  echo "fuzz: failed; the input is $build/fuzz-* (fix the defect, then keep the input in tests/fuzz/regressions/)" >&2
  exit 1
fi
echo "fuzz: no failure in $seconds s"
