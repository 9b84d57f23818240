#!/usr/bin/env bash
# One table of step speed: for every configuration (step, weights and
# engine, n, d) the time per step, steps per second, speed-up over the f32
# scalar reference and over the dense Eigen baseline of the same step, n and
# d, the weight bytes the step must move, the bandwidth achieved, the STREAM
# read bandwidth over a buffer as large as the weights, and the % of that
# roofline reached. Built first with bash .ci/build (or cmake).
#
#   bench/run.sh [step_bench options, e.g. --sizes=256,1024 --benchmark_filter=infer]
#   BUILD_DIR=other-build bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BUILD_DIR:-build}/bench/step_bench"
if [[ ! -x "$bench" ]]; then
  echo "bench/run.sh: $bench not found; build first (bash .ci/build)" >&2
  exit 1
fi
csv="$(mktemp)"
trap 'rm -f "$csv"' EXIT
"$bench" --benchmark_format=csv "$@" > "$csv"

awk -F, '
  function unquote(s) { gsub(/"/, "", s); return s }
  function ns(value, unit) {
    return value * (unit == "us" ? 1e3 : unit == "ms" ? 1e6 : unit == "s" ? 1e9 : 1)
  }
  NR == 1 { for (i = 1; i <= NF; ++i) col[unquote($i)] = i; next }
  {
    name = unquote($col["name"]); split(name, p, "/")
    # p[1] step, p[2] kind, p[3] n:N, p[4] d:D, p[5] t:T (step threads, with --threads)
    key = p[1] "/" p[3] "/" p[4]
    threads[name] = p[5] == "" ? 1 : substr(p[5], 3)
    rows[++count] = name; kind[name] = p[2]; group[name] = key
    time[name] = ns($col["real_time"], $col["time_unit"])
    label[name] = unquote($col["label"])
    bytes[name] = $col["bytes"]; gbps[name] = $col["GBps"]
    stream[name] = $col["stream_GBps"]; roof[name] = $col["roofline_pct"]
    if (p[2] == "f32_scalar") scalar[key] = time[name]
    if (p[2] == "f32_dense") dense[key] = time[name]
  }
  function ratio(base, t) { return base > 0 ? sprintf("%.1fx", base / t) : "-" }
  function human(b) {
    return b >= 1e6 ? sprintf("%.2f MB", b / 1e6) : sprintf("%.1f kB", b / 1e3)
  }
  END {
    print "| step | weights / engine | n | d | threads | ns/step | steps/s | vs f32 scalar | vs dense | bytes/step | GB/s | stream GB/s | % of roofline |"
    print "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    for (r = 1; r <= count; ++r) {
      name = rows[r]; split(name, p, "/")
      printf "| %s | %s (%s) | %s | %s | %s | %.0f | %.0f | %s | %s | %s | %.1f | %.1f | %.0f |\n",
        p[1], kind[name], label[name], substr(p[3], 3), substr(p[4], 3), threads[name], time[name],
        1e9 / time[name], ratio(scalar[group[name]], time[name]),
        ratio(dense[group[name]], time[name]), human(bytes[name]), gbps[name],
        stream[name], roof[name]
    }
  }' "$csv"
