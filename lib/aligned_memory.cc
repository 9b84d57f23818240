// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include <cstdlib>
#include <new>

#include "bitstate/aligned_buffer.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace bitstate {

// Weight matrices are read a few columns at a time, scattered over many
// megabytes: with 4 KiB pages nearly every column costs a TLB miss. Buffers
// of 2 MiB or more are therefore 2 MiB-aligned and offered to the kernel as
// transparent huge pages (a hint: without THP they are ordinary memory).
void* AllocateAligned(size_t bytes) {
  constexpr size_t kHugePage = size_t{2} << 20;
  if (bytes >= kHugePage) {
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* data = std::aligned_alloc(kHugePage, rounded);
    if (data == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(data, rounded, MADV_HUGEPAGE);  // advice only: failure changes nothing
#endif
    return data;
  }
  void* data = std::aligned_alloc(kPadBytes, bytes);
  if (data == nullptr) throw std::bad_alloc();
  return data;
}

}  // namespace bitstate
