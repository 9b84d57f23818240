// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Every integer step kernel on every compiled SIMD target equals its scalar
// reference bit for bit, on random inputs of awkward sizes and at the
// extremes of the int8 and int16 ranges.
#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "bitstate/aligned_buffer.h"
#include "kernels/int_kernel_table.h"
#include "kernels/stochastic_rounding.h"
#include "test_util.h"

namespace bitstate {
namespace {

using kernels::IntKernelTable;

const IntKernelTable& Reference() { return kernels::ScalarReferenceIntKernels(); }

int32_t RandomInt(Rng& rng, int32_t lo, int32_t hi) {
  return lo + static_cast<int32_t>(rng.UniformBelow(static_cast<uint64_t>(hi - lo + 1)));
}

AlignedBuffer<int32_t> RandomInts(size_t count, int32_t lo, int32_t hi, Rng& rng) {
  AlignedBuffer<int32_t> out(PaddedLength<int32_t>(count));
  for (size_t i = 0; i < count; ++i) out[i] = RandomInt(rng, lo, hi);
  return out;
}

bool SameInts(const AlignedBuffer<int32_t>& a, const AlignedBuffer<int32_t>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(int32_t)) == 0;
}

template <typename T, class Kernel>
void CheckMaskedSumAdd(Kernel fast_kernel, Kernel slow_kernel, Rng& rng) {
  constexpr int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  // 600 vectors: more than one chunk of the int8 kernel's int16 partial sums.
  for (size_t vectors : {size_t{40}, size_t{600}}) {
  for (size_t length : test::AwkwardSizes()) {
    const size_t stride = PaddedLength<T>(length);
    AlignedBuffer<T> matrix(vectors * stride);
    for (size_t k = 0; k < vectors; ++k) {
      for (size_t i = 0; i < length; ++i) {
        // Every third vector at the type's extremes: sign extension must hold.
        const int32_t value = k % 3 == 0 ? (rng.UniformBelow(2) ? lo : hi) : RandomInt(rng, lo, hi);
        matrix[k * stride + i] = static_cast<T>(value);
      }
    }
    for (double density : {0.0, 0.1, 0.5, 1.0}) {
      std::vector<uint32_t> selected;
      for (uint32_t k = 0; k < vectors; ++k) {
        if (rng.UniformDouble() < density) selected.push_back(k);
      }
      // Accumulates onto a nonzero start, as the forward step does.
      AlignedBuffer<int32_t> fast = RandomInts(length, -1000, 1000, rng), slow = fast;
      fast_kernel(matrix.data(), stride, selected.data(), selected.size(), length, fast.data());
      slow_kernel(matrix.data(), stride, selected.data(), selected.size(), length, slow.data());
      INFO("bytes ", sizeof(T), " length ", length, " selected ", selected.size());
      CHECK(SameInts(fast, slow));  // padding stays 0
    }
  }
  }
}

void CheckMultiply(const IntKernelTable& simd, Rng& rng) {
  for (size_t length : test::AwkwardSizes()) {
    AlignedBuffer<int32_t> fast = RandomInts(length, -40000, 40000, rng), slow = fast;
    const AlignedBuffer<int32_t> factor = RandomInts(length, 1, 30000, rng);
    simd.multiply_i32(fast.data(), factor.data(), length);
    Reference().multiply_i32(slow.data(), factor.data(), length);
    INFO("length ", length);
    CHECK(SameInts(fast, slow));
  }
}

void CheckThresholdPack(const IntKernelTable& simd, Rng& rng) {
  for (size_t length : test::AwkwardSizes()) {
    const AlignedBuffer<int32_t> acc = RandomInts(length, -100, 100, rng);
    AlignedBuffer<int32_t> bias = RandomInts(length, -100, 100, rng);
    for (size_t i = 0; i < length; i += 3) bias[i] = -acc[i];  // z = 0 must give 0
    const size_t words = WordsForBits(length);
    std::vector<uint64_t> fast(words, ~uint64_t{0}), slow(words, ~uint64_t{0});
    simd.threshold_pack_i32(acc.data(), bias.data(), length, fast.data());
    Reference().threshold_pack_i32(acc.data(), bias.data(), length, slow.data());
    test::CheckThresholdBits(fast, slow, length);
  }
}

void CheckRoundingNoise(const IntKernelTable& simd, Rng& rng) {
  for (size_t count : test::AwkwardSizes()) {
    // Unsorted columns with the top bits set too: every bit of the position counts.
    std::vector<uint32_t> columns(count);
    for (uint32_t& c : columns) c = static_cast<uint32_t>(rng.Next());
    const uint64_t key = rng.Next(), step = rng.Next();
    const uint32_t fixed = static_cast<uint32_t>(rng.Next());
    for (auto line : {kernels::NoiseLine::kAlongRow, kernels::NoiseLine::kAlongColumn}) {
      const bool along_row = line == kernels::NoiseLine::kAlongRow;
      std::vector<uint32_t> fast(count + 1, 0xDEADBEEF), slow(count + 1, 0xDEADBEEF);
      simd.rounding_noise(key, step, line, fixed, columns.data(), count, fast.data());
      Reference().rounding_noise(key, step, line, fixed, columns.data(), count, slow.data());
      INFO("count ", count, along_row ? " along a row" : " along a column");
      CHECK(fast == slow);
      CHECK(fast[count] == 0xDEADBEEF);  // writes exactly `count` values
      for (size_t k = 0; k < count; ++k) {
        CHECK(fast[k] < (1u << kFractionBits));
        const uint32_t row = along_row ? fixed : columns[k], column = along_row ? columns[k] : fixed;
        CHECK(slow[k] == RoundingNoise(key, step, row, column));
      }
    }
  }
}

// The fused rounding: per-weight changes (along a row) and one change for all
// (along a column), at both spacings, with fractions on both sides of the
// noise and at its edges.
void CheckRoundingSteps(const IntKernelTable& simd, Rng& rng) {
  for (size_t count : test::AwkwardSizes()) {
    std::vector<uint32_t> list(count);
    for (uint32_t& c : list) c = static_cast<uint32_t>(rng.Next());
    const uint64_t key = rng.Next(), step = rng.Next();
    const uint32_t fixed = static_cast<uint32_t>(rng.Next());
    for (int32_t spacing : {1, 2}) {
      std::vector<int32_t> whole(count + 1), fraction(count + 1);
      for (size_t k = 0; k <= count; ++k) {
        whole[k] = spacing * (static_cast<int32_t>(rng.Next() % 21) - 10);
        const uint32_t edge = static_cast<uint32_t>(spacing) << kFractionBits;
        const uint64_t pick = rng.Next() % 4;
        fraction[k] = static_cast<int32_t>(pick == 0   ? 0
                                           : pick == 1 ? edge - 1
                                                       : rng.Next() % edge);
      }
      for (auto line : {kernels::NoiseLine::kAlongRow, kernels::NoiseLine::kAlongColumn}) {
        const bool along_row = line == kernels::NoiseLine::kAlongRow;
        const size_t stride = along_row ? 1 : 0;
        std::vector<int32_t> fast(count + 1, -77777), slow(count + 1, -77777);
        simd.rounding_steps(key, step, line, fixed, list.data(), count, whole.data(),
                            fraction.data(), stride, spacing, fast.data());
        Reference().rounding_steps(key, step, line, fixed, list.data(), count, whole.data(),
                                   fraction.data(), stride, spacing, slow.data());
        INFO("count ", count, " spacing ", spacing, along_row ? " along a row" : " along a column");
        CHECK(fast == slow);
        CHECK(fast[count] == -77777);  // writes exactly `count` values
        for (size_t k = 0; k < count; ++k) {
          const uint32_t row = along_row ? fixed : list[k], column = along_row ? list[k] : fixed;
          const int64_t noise = RoundingNoise(key, step, row, column);
          const size_t c = k * stride;
          const bool up = fraction[c] > noise * spacing;
          CHECK(slow[k] == whole[c] + (up ? spacing : 0));
        }
      }
    }
  }
}

TEST_CASE("every SIMD target's integer kernels equal the scalar reference") {
  std::string list;
  const size_t targets = test::ForEachTarget([&](const char* name) {
    const IntKernelTable& simd = kernels::DispatchedIntKernels();
    REQUIRE(std::string(simd.target_name) == name);
    list += std::string(name) + " ";
    Rng rng(77);
    CheckMaskedSumAdd<int8_t>(simd.masked_sum_add_i8, Reference().masked_sum_add_i8, rng);
    CheckMaskedSumAdd<int16_t>(simd.masked_sum_add_i16, Reference().masked_sum_add_i16, rng);
    CheckMultiply(simd, rng);
    CheckThresholdPack(simd, rng);
    CheckRoundingNoise(simd, rng);
    CheckRoundingSteps(simd, rng);
  });
  MESSAGE("targets tested: ", list);
  CHECK(targets >= 1);
}

TEST_CASE("int8 sums past int16's range: 600 columns of -128 and of 127, every target") {
  const size_t length = 100, vectors = 600, stride = PaddedLength<int8_t>(length);
  AlignedBuffer<int8_t> matrix(vectors * stride);
  for (size_t k = 0; k < vectors; ++k) {
    for (size_t i = 0; i < length; ++i) matrix[k * stride + i] = i % 2 ? int8_t{127} : int8_t{-128};
  }
  std::vector<uint32_t> selected(vectors);
  for (uint32_t k = 0; k < vectors; ++k) selected[k] = k;
  test::ForEachTarget([&](const char* target) {
    AlignedBuffer<int32_t> out(PaddedLength<int32_t>(length));
    kernels::DispatchedIntKernels().masked_sum_add_i8(matrix.data(), stride, selected.data(),
                                                       vectors, length, out.data());
    INFO("target ", target);
    bool exact = true;
    for (size_t i = 0; i < length; ++i) exact &= out[i] == (i % 2 ? 127 * 600 : -128 * 600);
    CHECK(exact);
  });
}

TEST_CASE("scalar reference integer sum: sign-extended narrow values, accumulated") {
  AlignedBuffer<int8_t> matrix(2 * PaddedLength<int8_t>(3));
  const size_t stride = PaddedLength<int8_t>(3);
  const int8_t values[2][3] = {{-128, 127, -1}, {-128, 1, 5}};
  for (size_t k = 0; k < 2; ++k) {
    for (size_t i = 0; i < 3; ++i) matrix[k * stride + i] = values[k][i];
  }
  AlignedBuffer<int32_t> out(PaddedLength<int32_t>(3));
  out[0] = 10;
  const uint32_t selected[2] = {0, 1};
  Reference().masked_sum_add_i8(matrix.data(), stride, selected, 2, 3, out.data());
  CHECK(out[0] == 10 - 256);
  CHECK(out[1] == 128);
  CHECK(out[2] == 4);
}

}  // namespace
}  // namespace bitstate
