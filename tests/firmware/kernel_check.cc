// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// On the target (under qemu-system-arm): every kernel the firmware runs, the
// Cortex-M int8 sum (DSP or MVE) included, equals the scalar reference bit
// for bit on random inputs, at every length around the vector and chunk
// edges. Exit status 0 when all agree; each mismatch is printed.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "bitstate/packed_shape.h"
#include "bitstate/padding.h"
#include "kernels/int_kernel_table.h"
#include "kernels/kernel_table.h"

namespace bitstate::kernels {
namespace {

constexpr size_t kMaxUnits = 300;
constexpr size_t kColumns = 24;
constexpr size_t kMaxSelected = 600;  // past two int16 chunks of 256

// Largest column of any storage: int16 levels, PaddedLength<int16_t> units.
constexpr size_t kColumnBytes = 2 * PaddedLength<int16_t>(kMaxUnits);
alignas(256) uint8_t matrix[kColumns * kColumnBytes + kPackedSlackBytes];
alignas(256) float float_matrix[kColumns * PaddedLength<float>(kMaxUnits)];
alignas(256) int32_t expected[PaddedLength<int32_t>(kMaxUnits)];
alignas(256) int32_t got[PaddedLength<int32_t>(kMaxUnits)];
alignas(256) int32_t factor[PaddedLength<int32_t>(kMaxUnits)];
alignas(256) float float_expected[PaddedLength<float>(kMaxUnits)];
alignas(256) float float_got[PaddedLength<float>(kMaxUnits)];
alignas(256) float bias[PaddedLength<float>(kMaxUnits)];
uint32_t selected[kMaxSelected];
uint64_t bits_expected[8], bits_got[8];
uint32_t noise_expected[kMaxSelected], noise_got[kMaxSelected];
int32_t steps_expected[kMaxSelected], steps_got[kMaxSelected];

uint64_t rng_state = 0x9E3779B97F4A7C15ull;
uint32_t Next() {  // xorshift64*
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return static_cast<uint32_t>((rng_state * 2685821657736338717ull) >> 32);
}

size_t failures = 0, cases = 0;

void Compare(const char* kernel, size_t length, size_t count, bool equal) {
  ++cases;
  if (equal) return;
  ++failures;
  std::printf("MISMATCH %s: length %u, %u columns\n", kernel, static_cast<unsigned>(length),
              static_cast<unsigned>(count));
}

// Random levels within +-top (int8 / int16), zero padding past `length`.
template <typename T>
size_t FillLevels(size_t length, int32_t top) {
  const size_t stride = PaddedLength<T>(length);
  T* levels = reinterpret_cast<T*>(matrix);
  for (size_t j = 0; j < kColumns; ++j) {
    for (size_t i = 0; i < stride; ++i) {
      // Extremes often, so int16 partial sums reach their bound.
      const uint32_t r = Next();
      const int32_t level = r % 4 == 0   ? top
                            : r % 4 == 1 ? -top
                                         : static_cast<int32_t>(r % (2 * top + 1)) - top;
      levels[j * stride + i] = i < length ? static_cast<T>(level) : T{0};
    }
  }
  return stride;
}

void FillSelected(size_t count) {
  for (size_t k = 0; k < count; ++k) selected[k] = Next() % kColumns;
}

void ClearSums() {
  for (size_t i = 0; i < PaddedLength<int32_t>(kMaxUnits); ++i) {
    expected[i] = got[i] = 0;
  }
}

bool SumsEqual(size_t length) {
  return std::memcmp(expected, got, sizeof(int32_t) * PaddedLength<int32_t>(length)) == 0;
}

void CheckIntegerKernels(const IntKernelTable& simd, const IntKernelTable& ref) {
  const size_t lengths[] = {1, 7, 8, 9, 15, 16, 17, 63, 64, 100, 130, 256, 300};
  const size_t counts[] = {0, 1, 5, 255, 256, 257, 600};
  for (size_t length : lengths) {
    for (size_t count : counts) {
      FillSelected(count);
      size_t stride = FillLevels<int8_t>(length, 127);
      ClearSums();
      ref.masked_sum_add_i8(reinterpret_cast<int8_t*>(matrix), stride, selected, count, length,
                            expected);
      simd.masked_sum_add_i8(reinterpret_cast<int8_t*>(matrix), stride, selected, count, length,
                             got);
      Compare("masked_sum_add_i8", length, count, SumsEqual(length));
      stride = FillLevels<int16_t>(length, 2047);
      ClearSums();
      ref.masked_sum_add_i16(reinterpret_cast<int16_t*>(matrix), stride, selected, count, length,
                             expected);
      simd.masked_sum_add_i16(reinterpret_cast<int16_t*>(matrix), stride, selected, count, length,
                              got);
      Compare("masked_sum_add_i16", length, count, SumsEqual(length));
      for (unsigned bits : {4u, 1u}) {
        const PackedShape shape = PackedShapeFor(bits, length);
        for (size_t j = 0; j < kColumns; ++j) {
          for (size_t i = 0; i < 8 * shape.plane_bytes / shape.planes; ++i) {
            const int32_t level =
                bits == 4 ? static_cast<int32_t>(Next() % 15) - 7 : (Next() % 2 ? 1 : -1);
            SetPackedLevel(matrix + j * shape.column_bytes, shape, i, i < length ? level : 0);
          }
        }
        if (bits == 1) {  // bits past n are clear in a valid file
          for (size_t j = 0; j < kColumns; ++j) {
            for (size_t i = length; i < 8 * shape.plane_bytes; ++i) {
              SetPackedLevel(matrix + j * shape.column_bytes, shape, i, -1);
            }
          }
        }
        ClearSums();
        if (bits == 4) {
          ref.masked_sum_add_i4(matrix, shape.column_bytes, selected, count, length, expected);
          simd.masked_sum_add_i4(matrix, shape.column_bytes, selected, count, length, got);
          Compare("masked_sum_add_i4", length, count, SumsEqual(length));
        } else {
          const int32_t c = static_cast<int32_t>(count);
          ref.count_bits_add(matrix, shape.column_bytes, selected, count, length, 2, -c, expected);
          simd.count_bits_add(matrix, shape.column_bytes, selected, count, length, 2, -c, got);
          Compare("count_bits_add", length, count, SumsEqual(length));
        }
      }
      for (size_t i = 0; i < length; ++i) {
        factor[i] = static_cast<int32_t>(Next() % 9) + 1;
        expected[i] = got[i] = static_cast<int32_t>(Next() % 20001) - 10000;
      }
      ref.multiply_i32(expected, factor, length);
      simd.multiply_i32(got, factor, length);
      Compare("multiply_i32", length, count, SumsEqual(length));
      std::memset(bits_expected, 0, sizeof(bits_expected));
      std::memset(bits_got, 0, sizeof(bits_got));
      ref.threshold_pack_i32(expected, factor, length, bits_expected);
      simd.threshold_pack_i32(expected, factor, length, bits_got);
      Compare("threshold_pack_i32", length, count,
              std::memcmp(bits_expected, bits_got, sizeof(bits_got)) == 0);
      ref.rounding_noise(7, length, NoiseLine::kAlongRow, 3, selected, count, noise_expected);
      simd.rounding_noise(7, length, NoiseLine::kAlongRow, 3, selected, count, noise_got);
      Compare("rounding_noise", length, count,
              std::memcmp(noise_expected, noise_got, 4 * count) == 0);
      const int32_t whole = static_cast<int32_t>(length % 7) - 3;
      const int32_t fraction = static_cast<int32_t>(Next() % (1u << 24));
      ref.rounding_steps(7, length, NoiseLine::kAlongColumn, 3, selected, count, &whole, &fraction,
                         0, 1, steps_expected);
      simd.rounding_steps(7, length, NoiseLine::kAlongColumn, 3, selected, count, &whole, &fraction,
                          0, 1, steps_got);
      Compare("rounding_steps", length, count,
              std::memcmp(steps_expected, steps_got, 4 * count) == 0);
    }
  }
}

void CheckFloatKernels(const KernelTable& simd, const KernelTable& ref) {
  for (size_t length : {1u, 5u, 16u, 64u, 130u, 300u}) {
    const size_t stride = PaddedLength<float>(length);
    for (size_t count : {0u, 1u, 40u, 600u}) {
      FillSelected(count);
      for (size_t j = 0; j < kColumns; ++j) {
        for (size_t i = 0; i < stride; ++i) {
          float_matrix[j * stride + i] =
              i < length ? (static_cast<float>(Next() % 20001) - 10000.0f) / 4096.0f : 0.0f;
        }
      }
      ref.masked_vector_sum(float_matrix, stride, selected, count, length, float_expected);
      simd.masked_vector_sum(float_matrix, stride, selected, count, length, float_got);
      Compare("masked_vector_sum", length, count,
              std::memcmp(float_expected, float_got, 4 * stride) == 0);
      for (size_t i = 0; i < stride; ++i) bias[i] = i < length ? float_matrix[i] : 0.0f;
      std::memset(bits_expected, 0, sizeof(bits_expected));
      std::memset(bits_got, 0, sizeof(bits_got));
      ref.threshold_pack(float_expected, bias, length, bits_expected);
      simd.threshold_pack(float_expected, bias, length, bits_got);
      Compare("threshold_pack", length, count,
              std::memcmp(bits_expected, bits_got, sizeof(bits_got)) == 0);
    }
  }
}

}  // namespace
}  // namespace bitstate::kernels

int main() {
  using namespace bitstate::kernels;
  const IntKernelTable& simd = DispatchedIntKernels();
  std::printf("kernel check: %s (integer), %s (float) against the scalar reference\n",
              simd.target_name, DispatchedKernels().target_name);
  CheckIntegerKernels(simd, ScalarReferenceIntKernels());
  CheckFloatKernels(DispatchedKernels(), ScalarReferenceKernels());
  std::printf("kernel check: %u cases, %u mismatches\n", static_cast<unsigned>(cases),
              static_cast<unsigned>(failures));
  return failures == 0 ? 0 : 1;
}
