// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The passes are Highway kernels with dynamic dispatch, like the step
// kernels, so the roofline is measured at the vector width the steps use.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "stream_bandwidth.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace bitstate {
namespace bench {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Sum of `words` 64-bit words (a multiple of 4 vectors), four accumulators.
uint64_t SumWords(const uint64_t* HWY_RESTRICT data, size_t words) {
  const hn::ScalableTag<uint64_t> d;
  const size_t N = hn::Lanes(d);
  auto s0 = hn::Zero(d), s1 = hn::Zero(d), s2 = hn::Zero(d), s3 = hn::Zero(d);
  for (size_t i = 0; i + 4 * N <= words; i += 4 * N) {
    s0 = hn::Add(s0, hn::Load(d, data + i));
    s1 = hn::Add(s1, hn::Load(d, data + i + N));
    s2 = hn::Add(s2, hn::Load(d, data + i + 2 * N));
    s3 = hn::Add(s3, hn::Load(d, data + i + 3 * N));
  }
  return hn::GetLane(hn::SumOfLanes(d, hn::Add(hn::Add(s0, s1), hn::Add(s2, s3))));
}

// data[i] += 1: each word read and written once.
void IncrementWords(uint64_t* HWY_RESTRICT data, size_t words) {
  const hn::ScalableTag<uint64_t> d;
  const size_t N = hn::Lanes(d);
  const auto one = hn::Set(d, 1);
  for (size_t i = 0; i + N <= words; i += N) {
    hn::Store(hn::Add(hn::Load(d, data + i), one), d, data + i);
  }
}

// NOLINTNEXTLINE(google-readability-namespace-comments)
}  // namespace HWY_NAMESPACE
}  // namespace bench
}  // namespace bitstate
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <algorithm>
#include <chrono>

#include "bitstate/aligned_buffer.h"
#include "stream_bandwidth.h"

namespace bitstate {
namespace bench {
HWY_EXPORT(SumWords);
HWY_EXPORT(IncrementWords);

namespace {

// Seconds of the fastest of `passes` calls of pass().
template <class Pass>
double BestSeconds(int passes, const Pass& pass) {
  double best = 1e30;
  for (int p = 0; p < passes; ++p) {
    const auto start = std::chrono::steady_clock::now();
    pass();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count());
  }
  return best;
}

}  // namespace

Bandwidth MeasureBandwidth(size_t bytes) {
  // Whole blocks of 4 vectors of the widest target (AlignedBuffer pads to 256 bytes).
  const size_t words = PaddedLength<uint64_t>(std::max<size_t>(bytes / sizeof(uint64_t), 1));
  AlignedBuffer<uint64_t> buffer(words);  // same allocator (and page size) as the weights
  uint64_t* data = buffer.data();
  for (size_t i = 0; i < words; ++i) data[i] = i;
  // Small buffers are timed over several sweeps for a measurable interval.
  const size_t sweeps = std::max<size_t>(1, (size_t{64} << 20) / (words * sizeof(uint64_t)));
  volatile uint64_t sink = 0;
  const double read_seconds = BestSeconds(5, [&] {
    for (size_t s = 0; s < sweeps; ++s) sink = sink + HWY_DYNAMIC_DISPATCH(SumWords)(data, words);
  });
  const double update_seconds = BestSeconds(5, [&] {
    for (size_t s = 0; s < sweeps; ++s) HWY_DYNAMIC_DISPATCH(IncrementWords)(data, words);
  });
  const double moved = static_cast<double>(words * sizeof(uint64_t) * sweeps);
  return {moved / read_seconds, moved / update_seconds};
}

}  // namespace bench
}  // namespace bitstate
#endif  // HWY_ONCE
