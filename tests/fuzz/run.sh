#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan + coverage in the
# whole library) and runs each one for RUNS executions (default 1,000,000),
# starting from its seeds in tests/fuzz/corpus/<target> (copied, so the
# committed corpus does not change). Needs clang-14 and libclang-rt-14-dev.
#   bash tests/fuzz/run.sh [RUNS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(model_file_fuzz csv_fuzz args_fuzz)
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBITSTATE_FUZZ=ON -DBITSTATE_SANITIZE=address,undefined -DBITSTATE_BUILD_TESTS=OFF \
  -DBITSTATE_BUILD_EXAMPLES=OFF -DBITSTATE_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  cp tests/fuzz/corpus/"$target"/* "$work"/
  echo "== $target: $runs runs"
  ./build-fuzz/tests/fuzz/"$target" -runs="$runs" -max_len=8192 -print_final_stats=1 "$work" 2>&1 |
    grep -E "DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|ERROR|SUMMARY" || true
  rm -rf "$work"
done
