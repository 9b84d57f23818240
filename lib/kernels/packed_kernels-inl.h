// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// SIMD kernels of packed levels (layouts in bitstate/packed_shape.h,
// contracts in int_kernel_table.h). A part of step_kernels-inl.h's
// per-target pass, included before int_kernels-inl.h inside its
// HWY_NAMESPACE, so it has no guard of its own. Integer sums are exact: any
// order equals the scalar reference.

// Adds units [unit, unit + 16) ∩ [0, length) of `sums` (+ offset each) to out.
template <class D32>
HWY_INLINE void AddSixteen(D32 d32, const uint16_t* HWY_RESTRICT sums, size_t unit, size_t length,
                           int32_t offset, int32_t* HWY_RESTRICT out) {
  const hn::RebindToUnsigned<D32> du32;
  const hn::Rebind<uint16_t, D32> du16;
  const size_t N = hn::Lanes(d32);
  size_t r = 0;
  for (; r + N <= 16 && unit + r + N <= length; r += N) {
    const auto wide = hn::BitCast(d32, hn::PromoteTo(du32, hn::LoadU(du16, sums + r)));
    int32_t* to = out + unit + r;
    hn::StoreU(hn::Add(hn::LoadU(d32, to), hn::Add(wide, hn::Set(d32, offset))), d32, to);
  }
  for (; r < 16 && unit + r < length; ++r) out[unit + r] += sums[r] + offset;
}

// Nibble columns: each level XOR 8 is its value + 8 in 0..15 (offset
// binary), so unsigned lanes add without sign extension: 17 columns fit a
// byte lane (17 * 15 = 255), 4352 a uint16 lane; the offset 8 per column is
// taken off when the sums are widened into out.
constexpr size_t kNibbleByteColumns = 17;
constexpr size_t kNibbleWordColumns = 17 * 256;

#if HWY_TARGET == HWY_SCALAR
// One lane holds no 16-byte group: byte lanes in 32-bit words instead.
void MaskedSumAddI4(const uint8_t* HWY_RESTRICT matrix, size_t stride,
                    const uint32_t* HWY_RESTRICT selected, size_t count, size_t length,
                    int32_t* HWY_RESTRICT out) {
  MaskedSumAddI4Words(matrix, stride, selected, count, length, out);
}
#else
void MaskedSumAddI4(const uint8_t* HWY_RESTRICT matrix, size_t stride,
                    const uint32_t* HWY_RESTRICT selected, size_t count, size_t length,
                    int32_t* HWY_RESTRICT out) {
  const hn::CappedTag<uint8_t, kPackedSlackBytes> d8;  // a multiple of 16 lanes
  const hn::Half<decltype(d8)> dh8;
  const hn::Rebind<uint16_t, decltype(dh8)> d16;
  const hn::CappedTag<int32_t, 16> d32;
  const size_t N8 = hn::Lanes(d8), H = N8 / 2;
  HWY_ALIGN uint16_t low[hn::MaxLanes(d8)], high[hn::MaxLanes(d8)];
  const auto to_offset = hn::Set(d8, uint8_t{0x88});
  const auto low_nibble = hn::Set(d8, uint8_t{15});
  const size_t bytes = (length + kNibbleGroup - 1) / kNibbleGroup * 16;
  for (size_t t = 0; t < bytes; t += N8) {
    for (size_t begin = 0; begin < count; begin += kNibbleWordColumns) {
      const size_t end = std::min(count, begin + kNibbleWordColumns);
      auto low0 = hn::Zero(d16), low1 = hn::Zero(d16), high0 = hn::Zero(d16), high1 = hn::Zero(d16);
      for (size_t c = begin; c < end; c += kNibbleByteColumns) {
        const size_t stop = std::min(end, c + kNibbleByteColumns);
        auto low8 = hn::Zero(d8), high8 = hn::Zero(d8);
        for (size_t k = c; k < stop; ++k) {
          const auto v = hn::Xor(hn::LoadU(d8, matrix + selected[k] * stride + t), to_offset);
          low8 = hn::Add(low8, hn::And(v, low_nibble));
          high8 = hn::Add(high8, hn::ShiftRight<4>(v));
        }
        low0 = hn::Add(low0, hn::PromoteTo(d16, hn::LowerHalf(dh8, low8)));
        low1 = hn::Add(low1, hn::PromoteTo(d16, hn::UpperHalf(dh8, low8)));
        high0 = hn::Add(high0, hn::PromoteTo(d16, hn::LowerHalf(dh8, high8)));
        high1 = hn::Add(high1, hn::PromoteTo(d16, hn::UpperHalf(dh8, high8)));
      }
      hn::Store(low0, d16, low);
      hn::Store(low1, d16, low + H);
      hn::Store(high0, d16, high);
      hn::Store(high1, d16, high + H);
      const int32_t offset = -8 * static_cast<int32_t>(end - begin);
      // Byte 16g + r: low nibble unit 32g + r, high nibble unit 32g + 16 + r.
      for (size_t b = 0; b < N8 && 2 * (t + b) < length; b += 16) {
        AddSixteen(d32, low + b, 2 * (t + b), length, offset, out);
        AddSixteen(d32, high + b, 2 * (t + b) + 16, length, offset, out);
      }
    }
  }
}
#endif

// Bit planes, counted down each lane with carry-save adders (Harley-Seal):
// the count of every unit lives in bit-sliced registers ones, twos, fours,
// eights and, for the multiples of 16, bit planes in memory. 16 columns cost
// 15 adders of 5 logic ops on N * 64 units at once.
template <class V>
HWY_INLINE void CarrySave(V& high, V& low, V a, V b, V c) {
  const V u = hn::Xor(a, b);
  high = hn::Or(hn::And(a, b), hn::And(u, c));
  low = hn::Xor(u, c);
}

// ones + 2 twos + 4 fours += columns k..k+7 (word w on); returns the carry
// of weight 8.
template <class V, class Column>
HWY_INLINE V AddEight(V& ones, V& twos, V& fours, const Column& column, size_t k, size_t w) {
  V twos_a, twos_b, fours_a, fours_b, eights;
  CarrySave(twos_a, ones, ones, column(k, w), column(k + 1, w));
  CarrySave(twos_b, ones, ones, column(k + 2, w), column(k + 3, w));
  CarrySave(fours_a, twos, twos, twos_a, twos_b);
  CarrySave(twos_a, ones, ones, column(k + 4, w), column(k + 5, w));
  CarrySave(twos_b, ones, ones, column(k + 6, w), column(k + 7, w));
  CarrySave(fours_b, twos, twos, twos_a, twos_b);
  CarrySave(eights, fours, fours, fours_a, fours_b);
  return eights;
}

// counter (bit planes, `plane_words` apart) += carry.
template <class D>
HWY_INLINE void RippleAdd(D d, hn::Vec<D> carry, uint64_t* HWY_RESTRICT counter, size_t planes,
                          size_t plane_words) {
  for (size_t p = 0; p < planes; ++p) {
    if (hn::AllTrue(d, hn::Eq(carry, hn::Zero(d)))) return;
    const auto plane = hn::Load(d, counter + p * plane_words);
    hn::Store(hn::Xor(plane, carry), d, counter + p * plane_words);
    carry = hn::And(plane, carry);
  }
}

// (ones, twos, fours, eights) += one column; returns the carry of weight 16.
template <class V>
HWY_INLINE V AddOne(V& ones, V& twos, V& fours, V& eights, V carry) {
  V next = hn::And(ones, carry);
  ones = hn::Xor(ones, carry);
  carry = next;
  next = hn::And(twos, carry);
  twos = hn::Xor(twos, carry);
  carry = next;
  next = hn::And(fours, carry);
  fours = hn::Xor(fours, carry);
  carry = next;
  next = hn::And(eights, carry);
  eights = hn::Xor(eights, carry);
  return next;
}

// Swaps the bits of `mask` << kShift in a with those of `mask` in b: a step
// of a recursive transpose, a the lower row.
template <int kShift, class V>
HWY_INLINE void DeltaSwap(V& a, V& b, V mask) {
  const V t = hn::And(hn::Xor(hn::ShiftRight<kShift>(a), b), mask);
  b = hn::Xor(b, t);
  a = hn::Xor(a, hn::ShiftLeft<kShift>(t));
}

// The 8x8 bit matrix in each lane (byte r, bit c) transposed.
template <class V>
HWY_INLINE V TransposeBits8x8(V x, V m7, V m14, V m28) {
  V t = hn::And(hn::Xor(x, hn::ShiftRight<7>(x)), m7);
  x = hn::Xor(hn::Xor(x, t), hn::ShiftLeft<7>(t));
  t = hn::And(hn::Xor(x, hn::ShiftRight<14>(x)), m14);
  x = hn::Xor(hn::Xor(x, t), hn::ShiftLeft<14>(t));
  t = hn::And(hn::Xor(x, hn::ShiftRight<28>(x)), m28);
  return hn::Xor(hn::Xor(x, t), hn::ShiftLeft<28>(t));
}

// `planes` (<= 8) bit planes of T = Lanes(d) words each, plane p at
// plane[p * T], into bytes[u] = bits 0..planes-1 of unit u (64 * T units):
// per lane an 8x8 transpose of bytes across the planes, then of bits within
// each resulting word; ~28 logic ops per 64 * T units and plane group,
// where testing each bit into an int32 lane took ~7 per 8 units and plane.
template <class D>
HWY_INLINE void PlanesToBytes(D d, const uint64_t* HWY_RESTRICT plane, size_t planes,
                              uint8_t* HWY_RESTRICT bytes) {
  const size_t T = hn::Lanes(d);
  const auto load = [&](size_t p) { return p < planes ? hn::Load(d, plane + p * T) : hn::Zero(d); };
  auto x0 = load(0), x1 = load(1), x2 = load(2), x3 = load(3);
  auto x4 = load(4), x5 = load(5), x6 = load(6), x7 = load(7);
  // Bytes: x_p's byte b goes to x_b's byte p.
  const auto m8 = hn::Set(d, 0x00FF00FF00FF00FFull), m16 = hn::Set(d, 0x0000FFFF0000FFFFull),
             m32 = hn::Set(d, 0x00000000FFFFFFFFull);
  DeltaSwap<8>(x0, x1, m8);
  DeltaSwap<8>(x2, x3, m8);
  DeltaSwap<8>(x4, x5, m8);
  DeltaSwap<8>(x6, x7, m8);
  DeltaSwap<16>(x0, x2, m16);
  DeltaSwap<16>(x1, x3, m16);
  DeltaSwap<16>(x4, x6, m16);
  DeltaSwap<16>(x5, x7, m16);
  DeltaSwap<32>(x0, x4, m32);
  DeltaSwap<32>(x1, x5, m32);
  DeltaSwap<32>(x2, x6, m32);
  DeltaSwap<32>(x3, x7, m32);
  // Bits: x_b's byte p bit k (plane p, unit 8b + k) to byte k bit p.
  const auto m7 = hn::Set(d, 0x00AA00AA00AA00AAull), m14 = hn::Set(d, 0x0000CCCC0000CCCCull),
             m28 = hn::Set(d, 0x00000000F0F0F0F0ull);
  HWY_ALIGN uint64_t rows[8 * hn::MaxLanes(d)];  // rows[b * T + lane]: units 64 lane + 8b..
  hn::Store(TransposeBits8x8(x0, m7, m14, m28), d, rows);
  hn::Store(TransposeBits8x8(x1, m7, m14, m28), d, rows + T);
  hn::Store(TransposeBits8x8(x2, m7, m14, m28), d, rows + 2 * T);
  hn::Store(TransposeBits8x8(x3, m7, m14, m28), d, rows + 3 * T);
  hn::Store(TransposeBits8x8(x4, m7, m14, m28), d, rows + 4 * T);
  hn::Store(TransposeBits8x8(x5, m7, m14, m28), d, rows + 5 * T);
  hn::Store(TransposeBits8x8(x6, m7, m14, m28), d, rows + 6 * T);
  hn::Store(TransposeBits8x8(x7, m7, m14, m28), d, rows + 7 * T);
  for (size_t lane = 0; lane < T; ++lane) {
    for (size_t b = 0; b < 8; ++b) std::memcpy(bytes + 64 * lane + 8 * b, &rows[b * T + lane], 8);
  }
}

// (count >> 4) < 2^planes for every count the kernels see (m + n < 2^22).
constexpr size_t kMaxSixteensPlanes = 18;

// One vector per tile: two (tried) spill registers on AVX2 and run slower.
void CountBitsAdd(const uint8_t* HWY_RESTRICT planes, size_t stride,
                  const uint32_t* HWY_RESTRICT selected, size_t count, size_t length,
                  int32_t weight, int32_t offset, int32_t* HWY_RESTRICT out) {
  const hn::CappedTag<uint64_t, kPackedSlackBytes / 8> d;
  const hn::CappedTag<int32_t, 16> d32;
  const size_t T = hn::Lanes(d), N32 = hn::Lanes(d32);  // T words per tile
  size_t sixteens_planes = 0;
  while (sixteens_planes < kMaxSixteensPlanes && ((count >> 4) >> sixteens_planes) != 0) {
    ++sixteens_planes;
  }
  const size_t total_planes = 4 + sixteens_planes;
  // Plane p of the tile's counts at counter[p * T], T words.
  HWY_ALIGN uint64_t counter[(4 + kMaxSixteensPlanes) * hn::MaxLanes(d)];
  HWY_ALIGN int32_t lanes[hn::MaxLanes(d32)];
  // Byte u of counts[g]: bits 8g..8g+7 of unit u's count (64 * T units).
  HWY_ALIGN uint8_t counts[(4 + kMaxSixteensPlanes + 7) / 8][64 * hn::MaxLanes(d)];
  const hn::RebindToUnsigned<decltype(d32)> du32;
  const hn::Rebind<uint8_t, decltype(d32)> d8;
  const auto weights = hn::Set(d32, weight), offsets = hn::Set(d32, offset);
  const auto column = [&](size_t k, size_t w) {
    return hn::LoadU(d, reinterpret_cast<const uint64_t*>(planes + selected[k] * stride) + w);
  };
  for (size_t w = 0; w < WordsForBits(length); w += T) {
    uint64_t* sixteens_counter = counter + 4 * T;
    std::memset(sixteens_counter, 0, sixteens_planes * T * sizeof(uint64_t));
    auto ones = hn::Zero(d), twos = hn::Zero(d), fours = hn::Zero(d), eights = hn::Zero(d);
    size_t k = 0;
    for (; k + 16 <= count; k += 16) {
      const auto eights_a = AddEight(ones, twos, fours, column, k, w);
      const auto eights_b = AddEight(ones, twos, fours, column, k + 8, w);
      hn::Vec<decltype(d)> sixteens;
      CarrySave(sixteens, eights, eights, eights_a, eights_b);
      RippleAdd(d, sixteens, sixteens_counter, sixteens_planes, T);
    }
    for (; k < count; ++k) {
      RippleAdd(d, AddOne(ones, twos, fours, eights, column(k, w)), sixteens_counter,
                sixteens_planes, T);
    }
    hn::Store(ones, d, counter);
    hn::Store(twos, d, counter + T);
    hn::Store(fours, d, counter + 2 * T);
    hn::Store(eights, d, counter + 3 * T);
    // The planes, transposed to one byte per unit and group of 8 planes,
    // then widened into int32 lanes.
    for (size_t g = 0; g * 8 < total_planes; ++g) {
      PlanesToBytes(d, counter + 8 * g * T, std::min<size_t>(8, total_planes - 8 * g), counts[g]);
    }
    const size_t first = 64 * w, units = std::min(length - first, 64 * T);
    for (size_t u = 0; u < units; u += N32) {
      auto sum = hn::BitCast(d32, hn::PromoteTo(du32, hn::LoadU(d8, counts[0] + u)));
      for (size_t g = 1; g * 8 < total_planes; ++g) {
        const auto high = hn::BitCast(d32, hn::PromoteTo(du32, hn::LoadU(d8, counts[g] + u)));
        sum = hn::Add(sum, hn::ShiftLeftSame(high, static_cast<int>(8 * g)));
      }
      const auto add = hn::Add(hn::Mul(sum, weights), offsets);
      int32_t* to = out + first + u;
      if (u + N32 <= units) {
        hn::StoreU(hn::Add(hn::LoadU(d32, to), add), d32, to);
      } else {
        hn::Store(add, d32, lanes);
        for (size_t r = 0; r < units - u; ++r) to[r] += lanes[r];
      }
    }
  }
}
