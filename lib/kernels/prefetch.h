// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_KERNELS_PREFETCH_H_
#define BITSTATE_KERNELS_PREFETCH_H_

#include <cstddef>

#include "hwy/cache_control.h"

namespace bitstate {
namespace kernels {

// The masked sums read one short block (a few cache lines) of each selected
// vector per pass, hundreds of vectors apart: too many streams for the
// hardware prefetcher. So each visit asks for the vector's next block, which
// the next pass reads after the whole selection: ample time to arrive.
// Measured in docs/performance.md.
template <typename T>
inline void PrefetchNextBlock(const T* block, size_t block_elements) {
  constexpr size_t kLine = 64;
  const size_t bytes = block_elements * sizeof(T);
  const char* next = reinterpret_cast<const char*>(block) + bytes;
  for (size_t offset = 0; offset < bytes; offset += kLine) hwy::Prefetch(next + offset);
}

}  // namespace kernels
}  // namespace bitstate

#endif  // BITSTATE_KERNELS_PREFETCH_H_
