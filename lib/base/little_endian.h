// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Little-endian loads and stores of every stored scalar type, byte by byte:
// the same bytes on every host and no alignment needed.
#ifndef BITSTATE_BASE_LITTLE_ENDIAN_H_
#define BITSTATE_BASE_LITTLE_ENDIAN_H_

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace bitstate {
namespace detail {

// The unsigned integer of T's width (T: an integer or a float type).
template <typename T>
using StoredBits = std::conditional_t<
    sizeof(T) == 1, uint8_t,
    std::conditional_t<sizeof(T) == 2, uint16_t,
                       std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>>;

}  // namespace detail

template <typename T>
T LoadLittleEndian(const uint8_t* p) {
  static_assert(std::is_arithmetic_v<T> && sizeof(T) <= 8, "a stored scalar");
  using Bits = detail::StoredBits<T>;
  Bits bits = 0;
  for (size_t b = 0; b < sizeof(T); ++b) bits |= static_cast<Bits>(Bits{p[b]} << (8 * b));
  T value;
  std::memcpy(&value, &bits, sizeof(T));
  return value;
}

template <typename T>
void StoreLittleEndian(uint8_t* p, T value) {
  static_assert(std::is_arithmetic_v<T> && sizeof(T) <= 8, "a stored scalar");
  detail::StoredBits<T> bits;
  std::memcpy(&bits, &value, sizeof(T));
  for (size_t b = 0; b < sizeof(T); ++b) p[b] = static_cast<uint8_t>(bits >> (8 * b));
}

}  // namespace bitstate

#endif  // BITSTATE_BASE_LITTLE_ENDIAN_H_
