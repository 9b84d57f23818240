// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// SIMD integer step kernels. Contracts in int_kernel_table.h. Weights stay
// narrow in memory (the point: 4x or 2x fewer bytes per step than float) and
// are widened to int32 lanes in registers. A part of step_kernels-inl.h's
// per-target pass: included inside its HWY_NAMESPACE (after
// int_kernel_table.h, prefetch.h and stochastic_rounding.h), once per
// target, so it has no guard of its own.

// Four blocks of N wide lanes at column i: to[b] = from[b] (zero when from
// is null) + the b-th block of every selected[k] row, k in [begin, end),
// each N narrow values widened per load. Lanes run across outputs; the four
// sums stay in registers for the whole pass over the rows.
template <class DW, class DN, typename T, typename W>
HWY_INLINE void SumFourBlocks(DW dw, DN dn, const T* HWY_RESTRICT matrix, size_t stride,
                              const uint32_t* HWY_RESTRICT selected, size_t begin, size_t end,
                              size_t i, const W* from, W* to) {  // from may be to
  const size_t N = hn::Lanes(dw);
  auto sum0 = from ? hn::Load(dw, from) : hn::Zero(dw);
  auto sum1 = from ? hn::Load(dw, from + N) : hn::Zero(dw);
  auto sum2 = from ? hn::Load(dw, from + 2 * N) : hn::Zero(dw);
  auto sum3 = from ? hn::Load(dw, from + 3 * N) : hn::Zero(dw);
  for (size_t k = begin; k < end; ++k) {
    const T* HWY_RESTRICT v = matrix + selected[k] * stride + i;
    PrefetchNextBlock(v, 4 * N);
    sum0 = hn::Add(sum0, hn::PromoteTo(dw, hn::LoadU(dn, v)));
    sum1 = hn::Add(sum1, hn::PromoteTo(dw, hn::LoadU(dn, v + N)));
    sum2 = hn::Add(sum2, hn::PromoteTo(dw, hn::LoadU(dn, v + 2 * N)));
    sum3 = hn::Add(sum3, hn::PromoteTo(dw, hn::LoadU(dn, v + 3 * N)));
  }
  hn::Store(sum0, dw, to);
  hn::Store(sum1, dw, to + N);
  hn::Store(sum2, dw, to + 2 * N);
  hn::Store(sum3, dw, to + 3 * N);
}

// int32 outputs += the selected rows of T (int8 or int16) levels.
template <typename T>
void MaskedSumAdd(const T* HWY_RESTRICT matrix, size_t stride,
                  const uint32_t* HWY_RESTRICT selected, size_t count, size_t length,
                  int32_t* HWY_RESTRICT out) {
  const hn::ScalableTag<int32_t> d;
  const hn::Rebind<T, decltype(d)> dn;  // N narrow lanes, widened to N int32
  const size_t N = hn::Lanes(d);
  const size_t padded = hwy::RoundUpTo(length, N);
  size_t i = 0;
  for (; i + 4 * N <= padded; i += 4 * N) {
    SumFourBlocks(d, dn, matrix, stride, selected, 0, count, i, out + i, out + i);
  }
  for (; i < padded; i += N) {
    auto sum = hn::Load(d, out + i);
    for (size_t k = 0; k < count; ++k) {
      sum = hn::Add(sum, hn::PromoteTo(d, hn::LoadU(dn, matrix + selected[k] * stride + i)));
    }
    hn::Store(sum, d, out + i);
  }
}

// int8 columns: sums of up to kInt16Chunk of them fit int16 (|v| <= 128, and
// 256 * 128 = 32768 only reached by -128 alone: -32768 fits), so they are
// added in int16 lanes (twice as many per vector, one widening per value
// instead of two) and widened into the int32 outputs once per chunk.
// Integer sums are exact: the result equals the reference in any order.
constexpr size_t kInt16Chunk = 256;

// Adds the int16 partial sums to N int32 outputs per widening.
template <class D16>
HWY_INLINE void WidenInto(D16 d16, const int16_t* HWY_RESTRICT partial, size_t count,
                          int32_t* HWY_RESTRICT out) {
  const hn::Repartition<int32_t, D16> d32;
  const hn::Rebind<int16_t, decltype(d32)> d16_half;
  const size_t N32 = hn::Lanes(d32);
  (void)d16;
  for (size_t j = 0; j < count; j += N32) {
    hn::Store(hn::Add(hn::Load(d32, out + j), hn::PromoteTo(d32, hn::Load(d16_half, partial + j))),
              d32, out + j);
  }
}

#if HWY_TARGET == HWY_SCALAR
// One lane: int16 partial sums would only add their widening; int8 levels
// are added straight to int32, as int16 ones are (Cortex-M3: 50k -> 38k
// instructions per step at n = 256).
void MaskedSumAddI8(const int8_t* HWY_RESTRICT matrix, size_t stride,
                    const uint32_t* HWY_RESTRICT selected, size_t count, size_t length,
                    int32_t* HWY_RESTRICT out) {
  MaskedSumAdd(matrix, stride, selected, count, length, out);
}
#else
void MaskedSumAddI8(const int8_t* HWY_RESTRICT matrix, size_t stride,
                    const uint32_t* HWY_RESTRICT selected, size_t count, size_t length,
                    int32_t* HWY_RESTRICT out) {
  // At most 64 int16 lanes: one vector of outputs stays within the int32
  // padding (64 lanes) on every target, 2048-bit SVE included.
  const hn::CappedTag<int16_t, 64> d16;
  const hn::Rebind<int8_t, decltype(d16)> d8;
  const size_t N = hn::Lanes(d16);
  const size_t limit = hwy::RoundUpTo(length, N);
  HWY_ALIGN int16_t partial[4 * hn::MaxLanes(d16)];
  size_t i = 0;
  for (; i + 4 * N <= limit; i += 4 * N) {
    for (size_t begin = 0; begin < count; begin += kInt16Chunk) {
      const size_t end = begin + kInt16Chunk < count ? begin + kInt16Chunk : count;
      SumFourBlocks(d16, d8, matrix, stride, selected, begin, end, i,
                    static_cast<const int16_t*>(nullptr), partial);
      WidenInto(d16, partial, 4 * N, out + i);
    }
  }
  for (; i < limit; i += N) {
    for (size_t begin = 0; begin < count; begin += kInt16Chunk) {
      const size_t end = begin + kInt16Chunk < count ? begin + kInt16Chunk : count;
      auto sum = hn::Zero(d16);
      for (size_t k = begin; k < end; ++k) {
        sum = hn::Add(sum, hn::PromoteTo(d16, hn::LoadU(d8, matrix + selected[k] * stride + i)));
      }
      hn::Store(sum, d16, partial);
      WidenInto(d16, partial, N, out + i);
    }
  }
}
#endif

void MaskedSumAddI16(const int16_t* matrix, size_t stride, const uint32_t* selected,
                     size_t count, size_t length, int32_t* out) {
  MaskedSumAdd(matrix, stride, selected, count, length, out);
}

void MultiplyI32(int32_t* HWY_RESTRICT acc, const int32_t* HWY_RESTRICT factor,
                 size_t length) {
  const hn::ScalableTag<int32_t> d;
  const size_t N = hn::Lanes(d);
  for (size_t i = 0; i < length; i += N) {
    hn::Store(hn::Mul(hn::Load(d, acc + i), hn::Load(d, factor + i)), d, acc + i);
  }
}

void ThresholdPackI32(const int32_t* HWY_RESTRICT acc, const int32_t* HWY_RESTRICT bias,
                      size_t length, uint64_t* HWY_RESTRICT out) {
  const hn::ScalableTag<int32_t> d;
  PackPositive(
      d, length, [&](size_t i) { return hn::Add(hn::Load(d, acc + i), hn::Load(d, bias + i)); },
      out);
}

// RoundingNoise in 64-bit lanes, one weight per lane (u64 multiplies are
// native on AVX-512 and SVE, emulated by Highway elsewhere).
class NoiseHash {
 public:
  using D = hn::ScalableTag<uint64_t>;
  using D32 = hn::Rebind<uint32_t, D>;
  NoiseHash(uint64_t key, uint64_t step, NoiseLine line, uint32_t fixed)
      : key_(key),
        step_(step),
        fixed_(fixed),
        along_row_(line == NoiseLine::kAlongRow),
        // Position (row << 32) | column: the fixed half and the listed half.
        fixed_half_(along_row_ ? uint64_t{fixed} << 32 : uint64_t{fixed}),
        list_shift_(along_row_ ? 0 : 32),
        base_(key ^ (step * kNoiseStepFactor)) {}

  static size_t Lanes() { return hn::Lanes(D()); }

  // The noise of list[k .. k + Lanes()) in 32-bit lanes.
  hn::Vec<D32> At(const uint32_t* HWY_RESTRICT list, size_t k) const {
    const D d;
    const auto listed =
        hn::ShiftLeftSame(hn::PromoteTo(d, hn::LoadU(D32(), list + k)), list_shift_);
    auto z = hn::Xor(hn::Set(d, base_), hn::Mul(hn::Or(hn::Set(d, fixed_half_), listed),
                                                hn::Set(d, kNoisePositionFactor)));
    z = hn::Mul(hn::Xor(z, hn::ShiftRight<30>(z)), hn::Set(d, kNoiseMix1));
    z = hn::Mul(hn::Xor(z, hn::ShiftRight<27>(z)), hn::Set(d, kNoiseMix2));
    z = hn::Xor(z, hn::ShiftRight<31>(z));
    return hn::TruncateTo(D32(), hn::ShiftRight<64 - kFractionBits>(z));
  }

  // The same for one position, past the last whole vector.
  uint32_t One(uint32_t listed) const {
    return along_row_ ? RoundingNoise(key_, step_, fixed_, listed)
                      : RoundingNoise(key_, step_, listed, fixed_);
  }

 private:
  uint64_t key_, step_;
  uint32_t fixed_;
  bool along_row_;
  // Scalars, not vectors: SVE vectors cannot be class members.
  uint64_t fixed_half_;
  int list_shift_;
  uint64_t base_;
};

void Noise(uint64_t key, uint64_t step, NoiseLine line, uint32_t fixed,
           const uint32_t* HWY_RESTRICT list, size_t count, uint32_t* HWY_RESTRICT noise) {
  const NoiseHash hash(key, step, line, fixed);
  const size_t N = NoiseHash::Lanes();
  size_t k = 0;
  for (; k + N <= count; k += N) hn::StoreU(hash.At(list, k), NoiseHash::D32(), noise + k);
  for (; k < count; ++k) noise[k] = hash.One(list[k]);
}

// RoundedSteps (stochastic_rounding.h) of every listed weight: the noise
// above, times the spacing (noise < 2^24, spacing <= 2: fits int32), against
// the fraction.
void Steps(uint64_t key, uint64_t step, NoiseLine line, uint32_t fixed,
           const uint32_t* HWY_RESTRICT list, size_t count, const int32_t* HWY_RESTRICT whole,
           const int32_t* HWY_RESTRICT fraction, size_t change_stride, int32_t spacing,
           int32_t* HWY_RESTRICT steps) {
  if (count == 0) return;
  const NoiseHash hash(key, step, line, fixed);
  const hn::Rebind<int32_t, NoiseHash::D> d;
  const size_t N = NoiseHash::Lanes();
  const auto spacing_v = hn::Set(d, spacing);
  const auto one_whole = hn::Set(d, whole[0]), one_fraction = hn::Set(d, fraction[0]);
  size_t k = 0;
  for (; k + N <= count; k += N) {
    const auto noise = hn::Mul(hn::BitCast(d, hash.At(list, k)), spacing_v);
    const auto w = change_stride == 0 ? one_whole : hn::LoadU(d, whole + k);
    const auto f = change_stride == 0 ? one_fraction : hn::LoadU(d, fraction + k);
    hn::StoreU(hn::Add(w, hn::IfThenElseZero(hn::Gt(f, noise), spacing_v)), d, steps + k);
  }
  for (; k < count; ++k) {
    const size_t c = k * change_stride;
    steps[k] = RoundedSteps({whole[c], fraction[c]}, hash.One(list[k]), spacing);
  }
}

#if HWY_TARGET == HWY_SCALAR && BITSTATE_CORTEX_M_INT8
// Cortex-M firmware: the int8 sum of cortex_m_kernels.h, the rest scalar.
constexpr auto* kMaskedSumAddI8 = &MaskedSumAddI8CortexM;
inline const char* IntTargetName() { return BITSTATE_CORTEX_M_INT8_NAME; }
#else
constexpr auto* kMaskedSumAddI8 = &MaskedSumAddI8;
inline const char* IntTargetName() { return hwy::TargetName(HWY_TARGET); }
#endif

const IntKernelTable* GetIntKernelTable() {
  static const IntKernelTable kTable = {IntTargetName(),  kMaskedSumAddI8, MaskedSumAddI16,
                                        MaskedSumAddI4,   CountBitsAdd,    MultiplyI32,
                                        ThresholdPackI32, Noise,           Steps};
  return &kTable;
}
