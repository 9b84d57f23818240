// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The weight bytes one step must move, from the step's own counts: the
// roofline's numerator. It is the same for every implementation of a step
// (scalar, SIMD, dense), only the weight width changes it, so that "% of
// roofline" compares each with the least traffic any could have.
#ifndef BITSTATE_BENCH_STEP_TRAFFIC_H_
#define BITSTATE_BENCH_STEP_TRAFFIC_H_

#include <cmath>
#include <cstddef>

namespace bitstate {
namespace bench {

inline constexpr double kLineBytes = 64;

// Mean counts of a step on the timed stream.
struct StepCounts {
  double visible_active = 0;  // set bits of [x_t, h_t]: columns summed by eq. 1
  double next_active = 0;     // set bits of h_{t+1}: rows summed by eq. 2, rows updated by eq. 3
  double errors = 0;          // nonzero entries of e: columns updated by eq. 3
};

// Bytes read, and bytes read-and-written, by one step.
struct StepTraffic {
  double read = 0;
  double update = 0;  // each byte read once and written once
  double total() const { return read + update; }
};

// Expected distinct cache lines hit when `hits` positions fall uniformly on
// a vector of `bytes` (an estimate: error positions are not quite uniform).
inline double LinesHit(double bytes, double hits) {
  const double lines = std::ceil(bytes / kLineBytes);
  return lines * (1.0 - std::pow(1.0 - 1.0 / lines, hits));
}

// Inference: eq. 1 reads the active columns (n weights each).
inline StepTraffic InferTraffic(const StepCounts& c, size_t n, double weight_bytes) {
  return {c.visible_active * n * weight_bytes, 0};
}

// Training with W in two layouts: eq. 1 reads the active columns, eq. 2 the
// active rows (m+n weights each); eq. 3 rewrites, in each layout, the lines
// that hold an updated weight.
inline StepTraffic TrainTraffic(const StepCounts& c, size_t m, size_t n, double weight_bytes) {
  const double column = static_cast<double>(n) * weight_bytes;
  const double row = static_cast<double>(m + n) * weight_bytes;
  StepTraffic t;
  t.read = c.visible_active * column + c.next_active * row;
  t.update = (c.next_active * LinesHit(row, c.errors) + c.errors * LinesHit(column, c.next_active)) *
             kLineBytes;
  return t;
}

}  // namespace bench
}  // namespace bitstate

#endif  // BITSTATE_BENCH_STEP_TRAFFIC_H_
