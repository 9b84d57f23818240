// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Packed levels (packed_levels.h): the layout's definition, the nibble and
// bit-plane kernels of every SIMD target against the scalar reference, and
// packed models step for step against the int8 path on the same levels.
#include "bitstate/packed_levels.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bitstate/aligned_buffer.h"
#include "bitstate/model.h"
#include "bitstate/quantized_model.h"
#include "bitstate/text_encoder.h"
#include "kernels/int_kernel_table.h"
#include "kernels/nibble_words.h"
#include "test_util.h"

namespace bitstate {
namespace {

using kernels::IntKernelTable;

const IntKernelTable& Reference() { return kernels::ScalarReferenceIntKernels(); }

TEST_CASE("packed layouts: nibbles by groups of 32 units, bit planes by words") {
  const PackedShape nibbles = PackedShapeFor(4, 70), binary = PackedShapeFor(1, 70),
                    ternary = PackedShapeFor(2, 70);
  CHECK(nibbles.column_bytes == 48);  // 3 groups of 32 units, 16 bytes each
  CHECK(binary.column_bytes == 16);   // 2 words
  CHECK(ternary.column_bytes == 32);  // 2 planes of 2 words
  std::vector<uint8_t> column(48, 0);
  SetPackedLevel(column.data(), nibbles, 17, -3);  // group 0, r = 17: byte 1, high nibble
  CHECK(column[1] == 0xD0);
  SetPackedLevel(column.data(), nibbles, 33, 7);  // group 1, r = 1: byte 17, low nibble
  CHECK(column[17] == 0x07);
  CHECK(GetPackedLevel(column.data(), nibbles, 17) == -3);
  CHECK(GetPackedLevel(column.data(), nibbles, 33) == 7);
  CHECK(GetPackedLevel(column.data(), nibbles, 1) == 0);
  std::vector<uint8_t> planes(32, 0);
  SetPackedLevel(planes.data(), ternary, 9, -1);  // "-1" plane (bytes 16..31), byte 1, bit 1
  CHECK(planes[17] == 0x02);
  SetPackedLevel(planes.data(), ternary, 9, 1);
  CHECK(planes[1] == 0x02);
  CHECK(planes[17] == 0);
  CHECK(GetPackedLevel(planes.data(), ternary, 9) == 1);
  CHECK(GetPackedLevel(planes.data(), ternary, 8) == 0);
  CHECK(GetPackedLevel(planes.data(), binary, 8) == -1);  // binary: bit 0 is -1
  // Every level of every packed k reads back.
  for (unsigned bits : {1u, 2u, 3u, 4u}) {
    const PackedShape shape = PackedShapeFor(bits, 70);
    std::vector<uint8_t> c(shape.column_bytes, 0);
    for (int32_t level = -MaxLevel(bits); level <= MaxLevel(bits); level += LevelSpacing(bits)) {
      for (size_t i = 0; i < 70; ++i) SetPackedLevel(c.data(), shape, i, level);
      bool same = true;
      for (size_t i = 0; i < 70; ++i) same &= GetPackedLevel(c.data(), shape, i) == level;
      INFO(bits, " bits, level ", level);
      CHECK(same);
    }
  }
}

// `columns` packed columns of `units` units with random levels (nibbles:
// the whole -8..7 the kernel can meet; planes: random bits).
AlignedBuffer<uint8_t> RandomPacked(const PackedShape& shape, size_t columns, size_t units,
                                    Rng& rng) {
  AlignedBuffer<uint8_t> bytes(columns * shape.column_bytes + kPackedSlackBytes);
  for (size_t j = 0; j < columns; ++j) {
    uint8_t* column = bytes.data() + j * shape.column_bytes;
    for (size_t i = 0; i < units; ++i) {
      if (shape.storage == LevelStorage::kNibbles) {
        // Every third column at the extremes.
        const int32_t level = j % 3 == 0 ? (rng.UniformBelow(2) ? -8 : 7)
                                         : static_cast<int32_t>(rng.UniformBelow(16)) - 8;
        SetPackedLevel(column, shape, i, level);
      } else {
        for (size_t p = 0; p < shape.planes; ++p) {
          if (rng.UniformBelow(2)) column[p * shape.plane_bytes + i / 8] |= uint8_t(1u << (i % 8));
        }
      }
    }
  }
  return bytes;
}

constexpr int32_t kUntouched = 0x7EADBEEF;

// Both kernels on the same inputs, at unit `first` (0 or a part's start) of
// columns of first + length units; lanes past length must stay untouched.
void CheckPackedKernels(const IntKernelTable& simd, Rng& rng, size_t columns) {
  for (size_t length : test::AwkwardSizes()) {
    for (size_t first : {size_t{0}, size_t{256}}) {
      for (unsigned bits : {1u, 4u}) {
        const PackedShape shape = PackedShapeFor(bits, first + length);
        const AlignedBuffer<uint8_t> matrix = RandomPacked(shape, columns, first + length, rng);
        const uint8_t* from = matrix.data() + (bits == 1 ? first / 8 : first / 2);
        for (double density : {0.0, 0.1, 0.5, 1.0}) {
          std::vector<uint32_t> selected;
          for (uint32_t k = 0; k < columns; ++k) {
            if (rng.UniformDouble() < density) selected.push_back(k);
          }
          AlignedBuffer<int32_t> fast(PaddedLength<int32_t>(length + 64));
          for (size_t i = 0; i < fast.size(); ++i) {
            fast[i] = i < length ? static_cast<int32_t>(rng.UniformBelow(2000)) - 1000 : kUntouched;
          }
          AlignedBuffer<int32_t> slow = fast;
          const size_t count = selected.size();
          if (bits == 4) {
            simd.masked_sum_add_i4(from, shape.column_bytes, selected.data(), count, length,
                                   fast.data());
            Reference().masked_sum_add_i4(from, shape.column_bytes, selected.data(), count,
                                          length, slow.data());
          } else {
            const int32_t weight = density < 0.3 ? 2 : -1, offset = -static_cast<int32_t>(count);
            simd.count_bits_add(from, shape.column_bytes, selected.data(), count, length, weight,
                                offset, fast.data());
            Reference().count_bits_add(from, shape.column_bytes, selected.data(), count, length,
                                       weight, offset, slow.data());
          }
          INFO(bits, " bits, length ", length, " from unit ", first, ", ", count, " columns");
          CHECK(std::memcmp(fast.data(), slow.data(), fast.size() * sizeof(int32_t)) == 0);
          CHECK(fast[length] == kUntouched);
        }
      }
    }
  }
}

TEST_CASE("every SIMD target's packed kernels equal the scalar reference") {
  std::string list;
  const size_t targets = test::ForEachTarget([&](const char* name) {
    const IntKernelTable& simd = kernels::DispatchedIntKernels();
    REQUIRE(std::string(simd.target_name) == name);
    list += std::string(name) + " ";
    Rng rng(91);
    // 15, 16, 17 and 40 columns: the carry-save groups of 16 and the byte
    // chunks of 17 nibble columns, with and without a remainder.
    for (size_t columns : {15, 16, 17, 40}) CheckPackedKernels(simd, rng, columns);
  });
  MESSAGE("targets tested: ", list);
  CHECK(targets >= 1);
}

TEST_CASE("the nibble sum in 32-bit words (the scalar target's) equals the scalar reference") {
  IntKernelTable words = Reference();
  words.masked_sum_add_i4 = kernels::MaskedSumAddI4Words;
  Rng rng(92);
  for (size_t columns : {15, 16, 17, 18, 40}) CheckPackedKernels(words, rng, columns);
}

TEST_CASE("packed sums past a uint16 lane's chunk and past 2^16 bits: 4400 columns, every target") {
  // Nibble sums are widened every 4352 columns; 4400 all-7 and all-(-8)
  // columns check the flush, 4400 all-set planes the counter's high planes.
  const size_t length = 300, columns = 4400;
  std::vector<uint32_t> selected(columns);
  for (uint32_t k = 0; k < columns; ++k) selected[k] = k;
  for (unsigned bits : {1u, 4u}) {
    const PackedShape shape = PackedShapeFor(bits, length);
    AlignedBuffer<uint8_t> matrix(columns * shape.column_bytes + kPackedSlackBytes);
    for (size_t j = 0; j < columns; ++j) {
      for (size_t i = 0; i < length; ++i) {
        const int32_t level = bits == 1 ? 1 : (i % 2 ? 7 : -8);
        SetPackedLevel(matrix.data() + j * shape.column_bytes, shape, i, level);
      }
    }
    test::ForEachTarget([&](const char* target) {
      AlignedBuffer<int32_t> out(PaddedLength<int32_t>(length));
      const IntKernelTable& simd = kernels::DispatchedIntKernels();
      if (bits == 4) {
        simd.masked_sum_add_i4(matrix.data(), shape.column_bytes, selected.data(), columns,
                               length, out.data());
      } else {
        simd.count_bits_add(matrix.data(), shape.column_bytes, selected.data(), columns, length,
                            2, -static_cast<int32_t>(columns), out.data());
      }
      INFO("target ", target, ", ", bits, " bits");
      bool exact = true;
      for (size_t i = 0; i < length; ++i) {
        const int32_t each = bits == 1 ? 1 : (i % 2 ? 7 : -8);
        exact &= out[i] == each * static_cast<int32_t>(columns);
      }
      CHECK(exact);
    });
  }
}

Model TrainedModel(size_t hidden, size_t steps) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = hidden;
  Model model(config);
  for (uint8_t symbol : test::MarkovText(steps, 11)) model.TrainStepSymbol(symbol);
  return model;
}

// Packed and int8-stored models of the same levels over the same text:
// every state identical. `threads` splits each packed step.
void CheckPackedLikeInt8(const Model& trained, unsigned bits, ScaleGranularity granularity,
                         size_t threads) {
  QuantizationOptions options{bits, granularity};
  QuantizedModel packed = QuantizedModel::Quantize(trained, options);
  options.packed = false;
  QuantizedModel unpacked = QuantizedModel::Quantize(trained, options);
  REQUIRE(IsPacked(packed.storage()));
  REQUIRE(unpacked.storage() == LevelStorage::kInt8);
  packed.SetStepThreads(threads);
  size_t differ = 0, active = 0;
  for (uint8_t symbol : test::MarkovText(600, 5)) {
    packed.InferStepSymbol(symbol);
    unpacked.InferStepSymbol(symbol);
    differ += packed.state() != unpacked.state();
    active += packed.state().CountSet();
  }
  INFO(bits, " bits, ", std::string(GranularityName(granularity)), ", ", threads, " threads");
  CHECK(active > 600);  // the states were not trivially empty
  CHECK(differ == 0);
}

TEST_CASE("packed models step exactly like the int8 path on the same levels, every target") {
  const Model trained = TrainedModel(300, 3000);  // n = 300: a partial group and word
  test::ForEachTarget([&](const char*) {
    for (unsigned bits : {1u, 2u, 3u, 4u}) {
      for (ScaleGranularity g : {ScaleGranularity::kBlock, ScaleGranularity::kRow}) {
        CheckPackedLikeInt8(trained, bits, g, 1);
      }
    }
  });
}

TEST_CASE("packed inference with threads steps exactly like the int8 path") {
  const Model trained = TrainedModel(700, 2000);  // 3 parts of 256 units, the last partial
  for (unsigned bits : {1u, 2u, 4u}) CheckPackedLikeInt8(trained, bits, ScaleGranularity::kRow, 3);
}

}  // namespace
}  // namespace bitstate
