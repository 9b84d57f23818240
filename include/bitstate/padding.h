// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The alignment and padding every kernel buffer follows. No allocation here:
// firmware includes this without a heap.
#ifndef BITSTATE_PADDING_H_
#define BITSTATE_PADDING_H_

#include <cstddef>

namespace bitstate {

// Every buffer a kernel reads is aligned to this many bytes and padded to a
// multiple of it, so that vector loads of any target (up to 2048-bit SVE)
// never need a tail case and never read past the allocation.
inline constexpr size_t kPadBytes = 256;

// Number of elements of type T to allocate for `count` logical elements.
template <typename T>
constexpr size_t PaddedLength(size_t count) {
  constexpr size_t kLanes = kPadBytes / sizeof(T);
  return (count + kLanes - 1) / kLanes * kLanes;
}

}  // namespace bitstate

#endif  // BITSTATE_PADDING_H_
