// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A STREAM-like measure of what the memory system gives one core over a
// buffer as large as a model's weights: the roofline's denominator.
#ifndef BITSTATE_BENCH_STREAM_BANDWIDTH_H_
#define BITSTATE_BENCH_STREAM_BANDWIDTH_H_

#include <cstddef>

namespace bitstate {
namespace bench {

struct Bandwidth {
  double read = 0;    // bytes/s of a sum over the buffer
  double update = 0;  // bytes/s of buffer rewritten in place (x += 1: each byte read and written)
};

// Best of a few passes of each kind over a `bytes`-long buffer.
Bandwidth MeasureBandwidth(size_t bytes);

}  // namespace bench
}  // namespace bitstate

#endif  // BITSTATE_BENCH_STREAM_BANDWIDTH_H_
