// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Every step kernel on every compiled SIMD target equals its scalar reference
// bit for bit, on random inputs of awkward sizes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bitstate/aligned_buffer.h"
#include "bitstate/error.h"
#include "bitstate/model.h"
#include "kernels/kernel_table.h"
#include "kernels/sparse_update_parts.h"
#include "test_util.h"

namespace bitstate {
namespace {

using kernels::KernelTable;

const KernelTable& Reference() { return kernels::ScalarReferenceKernels(); }

AlignedBuffer<float> RandomFloats(size_t count, size_t padded, Rng& rng) {
  AlignedBuffer<float> out(padded);
  for (size_t i = 0; i < count; ++i) out[i] = rng.UniformSymmetric(1.0f);
  return out;
}

// Increasing indices below `limit`, each kept with probability `density`.
std::vector<uint32_t> RandomSubset(size_t limit, double density, Rng& rng) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < limit; ++i) {
    if (rng.UniformDouble() < density) out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

void CheckMaskedVectorSum(const KernelTable& simd, Rng& rng) {
  for (size_t length : test::AwkwardSizes()) {
    const size_t stride = PaddedLength<float>(length), vectors = 40;
    const AlignedBuffer<float> matrix = [&] {
      AlignedBuffer<float> m(vectors * stride);
      for (size_t k = 0; k < vectors; ++k) {
        for (size_t i = 0; i < length; ++i) m[k * stride + i] = rng.UniformSymmetric(1.0f);
      }
      return m;
    }();
    for (double density : {0.0, 0.1, 0.5, 1.0}) {
      const std::vector<uint32_t> selected = RandomSubset(vectors, density, rng);
      AlignedBuffer<float> fast(stride), slow(stride);
      simd.masked_vector_sum(matrix.data(), stride, selected.data(), selected.size(), length,
                             fast.data());
      Reference().masked_vector_sum(matrix.data(), stride, selected.data(), selected.size(),
                                    length, slow.data());
      INFO("length ", length, " selected ", selected.size());
      CHECK(test::SameFloats(fast.data(), slow.data(), stride));  // padding stays +0
    }
  }
}

void CheckThresholdPack(const KernelTable& simd, Rng& rng) {
  for (size_t length : test::AwkwardSizes()) {
    const size_t padded = PaddedLength<float>(length);
    AlignedBuffer<float> acc = RandomFloats(length, padded, rng);
    AlignedBuffer<float> bias = RandomFloats(length, padded, rng);
    // Exact zeros: H(0) must be 0 on every target.
    for (size_t i = 0; i < length; i += 3) bias[i] = -acc[i];
    const size_t words = WordsForBits(length);
    std::vector<uint64_t> fast(words, ~uint64_t{0}), slow(words, ~uint64_t{0});
    simd.threshold_pack(acc.data(), bias.data(), length, fast.data());
    Reference().threshold_pack(acc.data(), bias.data(), length, slow.data());
    test::CheckThresholdBits(fast, slow, length);
  }
}

// Eq. 3: the column kernel against the reference, and with the row
// layout's scatter the two layouts still hold the same matrix.
void CheckAddToColumns(const KernelTable& simd, Rng& rng) {
  for (size_t hidden : test::AwkwardSizes()) {
    const size_t visible = hidden + 5;
    const size_t column_stride = PaddedLength<float>(hidden), row_stride = PaddedLength<float>(visible);
    AlignedBuffer<float> columns(visible * column_stride), rows(hidden * row_stride);
    for (size_t i = 0; i < hidden; ++i) {
      for (size_t j = 0; j < visible; ++j) {
        rows[i * row_stride + j] = columns[j * column_stride + i] = rng.UniformSymmetric(1.0f);
      }
    }
    const BitVector selected_bits = test::RandomBits(hidden, 0.3, rng);
    std::vector<uint32_t> selected(hidden);
    selected.resize(ListSetBits(selected_bits.words(), selected_bits.num_words(), 0, selected.data()));
    const std::vector<uint32_t> index = RandomSubset(visible, 0.2, rng);
    std::vector<float> delta(index.size());
    for (float& d : delta) d = rng.UniformSymmetric(0.1f);

    AlignedBuffer<float> fast_columns = columns;
    AlignedBuffer<uint32_t> scratch(PaddedLength<float>(hidden));
    const kernels::SelectedUnits units = {selected.data(), selected.size()};
    const kernels::SparseDeltas deltas = {index.data(), delta.data(), index.size()};
    simd.add_to_columns(fast_columns.data(), column_stride, hidden, units, deltas, scratch.data());
    Reference().add_to_columns(columns.data(), column_stride, hidden, units, deltas, scratch.data());
    kernels::AddDeltasToRows(rows.data(), row_stride, units, deltas);
    INFO("hidden ", hidden);
    CHECK(test::SameFloats(fast_columns.data(), columns.data(), columns.size()));
    bool in_sync = true;
    for (size_t i = 0; i < hidden; ++i) {
      for (size_t j = 0; j < visible; ++j) {
        in_sync &= rows[i * row_stride + j] == columns[j * column_stride + i];
      }
    }
    CHECK(in_sync);
  }
}

void CheckBiasDrift(const KernelTable& simd, Rng& rng) {
  for (size_t length : test::AwkwardSizes()) {
    const size_t padded = PaddedLength<float>(length);
    AlignedBuffer<float> slow = RandomFloats(length, padded, rng);
    AlignedBuffer<float> fast = slow;
    const BitVector bits = test::RandomBits(length, 0.1, rng);
    simd.bias_drift(fast.data(), bits.words(), length, -0.75e-6f, 0.25e-6f);
    Reference().bias_drift(slow.data(), bits.words(), length, -0.75e-6f, 0.25e-6f);
    INFO("length ", length);
    CHECK(test::SameFloats(fast.data(), slow.data(), padded));  // padding stays +0
  }
}

TEST_CASE("every SIMD target's step kernels equal the scalar reference") {
  std::vector<std::string> names;
  const size_t targets = test::ForEachTarget([&](const char* name) {
    const KernelTable& simd = kernels::DispatchedKernels();
    REQUIRE(std::string(simd.target_name) == name);  // dispatch really switched
    names.push_back(name);
    Rng rng(2024);
    CheckMaskedVectorSum(simd, rng);
    CheckThresholdPack(simd, rng);
    CheckAddToColumns(simd, rng);
    CheckBiasDrift(simd, rng);
  });
  std::string list;
  for (const auto& n : names) list += n + " ";
  MESSAGE("targets tested: ", list);
  CHECK(targets >= 1);
}

TEST_CASE("the xsimd backend's kernels equal the scalar reference (when built)") {
  const KernelTable* xsimd = kernels::XsimdKernels();
  if (xsimd == nullptr) {
    MESSAGE("built without xsimd (BITSTATE_XSIMD=OFF): its engine must refuse");
    ModelConfig config;
    config.hidden = 8;
    CHECK_THROWS_WITH_AS(Model(config, KernelEngine::kXsimd),
                         doctest::Contains("BITSTATE_XSIMD"), Error);
    return;
  }
  Rng rng(2025);
  CheckMaskedVectorSum(*xsimd, rng);
  CheckThresholdPack(*xsimd, rng);
  CheckAddToColumns(*xsimd, rng);
  CheckBiasDrift(*xsimd, rng);
}

TEST_CASE("scalar reference threshold: H(z) = 1 iff z > 0") {
  AlignedBuffer<float> acc(PaddedLength<float>(4)), bias(PaddedLength<float>(4));
  const float z[4] = {1e-30f, 0.0f, -1e-30f, 2.0f};
  for (int i = 0; i < 4; ++i) acc[i] = z[i];
  uint64_t out = ~uint64_t{0};
  Reference().threshold_pack(acc.data(), bias.data(), 4, &out);
  CHECK(out == 0b1001);
}

}  // namespace
}  // namespace bitstate
