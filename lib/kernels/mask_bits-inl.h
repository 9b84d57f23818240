// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Conversions between Highway masks and packed bits, shared by the float and
// the integer step kernels. A part of step_kernels-inl.h's per-target pass:
// included inside its HWY_NAMESPACE (after <cstring>, bit_words.h and
// hwy/highway.h), once per target, so it has no guard of its own.

// Mask of lanes [start, start + Lanes(d)) from packed bits. Lanes(d) <= 64
// for 32-bit lanes on every target, so the bits fit one word.
template <class D>
HWY_INLINE hn::Mask<D> MaskFromBits(D d, const uint64_t* words,
                                    size_t num_words, size_t start) {
  const uint64_t bits = ExtractBits(words, num_words, start, hn::Lanes(d));
  uint8_t bytes[8];
  for (size_t b = 0; b < 8; ++b) bytes[b] = static_cast<uint8_t>(bits >> (8 * b));
  return hn::LoadMaskBits(d, bytes);
}

// The inverse: mask lanes as an integer, bit k = lane k.
template <class D>
HWY_INLINE uint64_t BitsFromMask(D d, hn::Mask<D> mask) {
  uint8_t bytes[8] = {0};
  hn::StoreMaskBits(d, mask, bytes);
  // Only the bytes that hold lanes (one on the scalar target, where this
  // runs once per unit).
  const size_t used = (hn::Lanes(d) + 7) / 8;
  uint64_t bits = 0;
  for (size_t b = 0; b < used; ++b) bits |= uint64_t{bytes[b]} << (8 * b);
  return bits;
}

// Packs H(z) for lanes [0, length) of 32-bit values into `out` (WordsForBits(
// length) words, tail bits zero). z_of(i) returns the vector of z at lane i.
template <class D, class ZOf>
HWY_INLINE void PackPositive(D d, size_t length, ZOf z_of, uint64_t* HWY_RESTRICT out) {
  const size_t N = hn::Lanes(d);
  const size_t num_words = WordsForBits(length);
  if (N == 1) {  // the scalar target (firmware): bits gathered in 32-bit halves
    const auto half = [&](size_t from) {
      uint32_t bits = 0;
      const size_t end = from + 32 < length ? from + 32 : length;
      for (size_t i = from; i < end; ++i) {
        bits |= (hn::GetLane(z_of(i)) > 0 ? 1u : 0u) << (i - from);
      }
      return bits;
    };
    for (size_t w = 0; w < num_words; ++w) {
      out[w] = half(64 * w) | (uint64_t{half(64 * w + 32)} << 32);
    }
    return;
  }
  if (num_words != 0) std::memset(out, 0, num_words * sizeof(uint64_t));
  const auto zero = hn::Zero(d);
  for (size_t i = 0; i < length; i += N) {
    const uint64_t bits = BitsFromMask(d, hn::Gt(z_of(i), zero));
    const size_t w = i / 64, shift = i % 64;
    out[w] |= bits << shift;
    // Only a vector length that does not divide 64 spills into the next word.
    if (shift + N > 64 && w + 1 < num_words) out[w + 1] |= bits >> (64 - shift);
  }
  if (num_words != 0) ClearTailBits(out, length);
}
