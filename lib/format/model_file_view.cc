// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Checking a model file image, in place and without exceptions or heap: the
// loader firmware links (the host's ParseModelFile throws its message).
#include "format/model_file_view.h"

#include <cmath>
#include <cstring>

#include "base/crc32.h"
#include "bitstate/padding.h"
#include "bitstate/quantization.h"
#include "core/carry_step.h"
#include "core/model_config_check.h"

namespace bitstate {

namespace {

// Starts the message of a failed check: Fail(why) << ...; the checks then
// return false.
FixedText& Fail(FixedText* why) { return why->Clear(); }

// Every value of a float section finite; `count` values then zero padding up
// to `padded` (the padding is what vector loads read).
bool CheckFloats(const uint8_t* p, size_t count, size_t padded, const char* section,
                 FixedText* why) {
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(LoadLittleEndian<float>(p + 4 * i))) {
      Fail(why) << section << " value " << i << " is not finite";
      return false;
    }
  }
  for (size_t i = count; i < padded; ++i) {
    if (LoadLittleEndian<uint32_t>(p + 4 * i) != 0) {
      Fail(why) << section << " padding is not zero";
      return false;
    }
  }
  return true;
}

// Ends the message of a weight off its grid, begun as "W <what>".
bool OffGrid(FixedText* why, size_t row, size_t column, unsigned bits, bool padding) {
  *why << " at row " << row << ", column " << column << " is off the " << bits << "-bit grid"
       << (padding ? " (padding)" : "");
  return false;
}

// Every level of int8 / int16 columns on the k-bit grid, zero padding.
bool CheckWideLevels(const ModelFileView& view, FixedText* why) {
  const size_t m = view.config.inputs, n = view.config.hidden;
  const size_t bytes = view.precision == kPrecisionInt8 ? 1 : 2;
  const int32_t top = MaxLevel(view.bits);
  for (size_t j = 0; j < m + n; ++j) {
    const uint8_t* column = view.columns + bytes * j * view.column_stride;
    for (size_t i = 0; i < view.column_stride; ++i) {
      const int32_t level = LoadLevel(column + bytes * i, view.precision);
      const bool valid = i >= n ? level == 0
                                : (view.bits == 1 ? (level == 1 || level == -1)
                                                  : (level >= -top && level <= top));
      if (!valid) {
        Fail(why) << "W level " << level;
        return OffGrid(why, i, j, view.bits, i >= n);
      }
    }
  }
  return true;
}

// Packed columns: nibbles on the grid (k = 3: |level| <= 3; -8 never),
// ternary units never both +1 and -1, every unit past n zero.
bool CheckPackedLevels(const ModelFileView& view, FixedText* why) {
  const size_t m = view.config.inputs, n = view.config.hidden;
  const PackedShape shape = PackedShapeFor(view.bits, n);
  const int32_t top = MaxLevel(view.bits);
  for (size_t j = 0; j < m + n; ++j) {
    const uint8_t* column = view.columns + j * shape.column_bytes;
    if (shape.storage == LevelStorage::kNibbles) {
      for (size_t i = 0; i < 2 * shape.plane_bytes; ++i) {
        const int32_t level = GetPackedLevel(column, shape, i);
        if (i >= n ? level != 0 : (level < -top || level > top)) {
          Fail(why) << "W level " << level;
          return OffGrid(why, i, j, view.bits, i >= n);
        }
      }
      continue;
    }
    const uint8_t* minus = column + shape.plane_bytes;
    for (size_t b = 0; b < shape.plane_bytes; ++b) {
      for (size_t plane = 0; plane < shape.planes; ++plane) {
        const uint8_t byte = column[plane * shape.plane_bytes + b];
        const uint8_t past_n = 8 * b >= n      ? 0xFF
                               : 8 * b + 8 > n ? static_cast<uint8_t>(0xFF << (n % 8))
                                               : 0;
        if ((byte & past_n) != 0) {
          const size_t i = 8 * b + static_cast<size_t>(__builtin_ctz(byte & past_n));
          Fail(why) << "W bit plane " << plane;
          return OffGrid(why, i, j, view.bits, true);
        }
      }
      if (shape.planes == 2 && (column[b] & minus[b]) != 0) {
        const size_t i = 8 * b + static_cast<size_t>(__builtin_ctz(column[b] & minus[b]));
        Fail(why) << "W unit with both its +1 and -1 bits set";
        return OffGrid(why, i, j, view.bits, false);
      }
    }
  }
  return true;
}

// The quantisation block, every level on its k-bit grid with zero padding,
// multipliers >= 1 with int32 sums that cannot overflow, biases within
// +-kBiasLimit, steps finite and positive.
bool CheckIntegerSections(const uint8_t* meta, ModelFileView& view, FixedText* why) {
  view.bits = LoadLittleEndian<uint32_t>(meta);
  view.granularity = LoadLittleEndian<uint32_t>(meta + 4);
  if (view.bits < kMinWeightBits || view.bits > kMaxWeightBits ||
      !PrecisionHolds(view.precision, view.bits)) {
    Fail(why) << view.bits << "-bit levels do not match the stored precision " << view.precision;
    return false;
  }
  if (view.granularity > static_cast<uint32_t>(ScaleGranularity::kRow)) {
    Fail(why) << "unknown scale granularity " << view.granularity;
    return false;
  }
  const size_t m = view.config.inputs, n = view.config.hidden;
  if (!(view.precision >= kPrecisionNibbles ? CheckPackedLevels(view, why)
                                            : CheckWideLevels(view, why))) {
    return false;
  }
  uint64_t max_multiplier = 1;
  for (size_t i = 0; i < n; ++i) {
    const int32_t multiplier =
        static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.multipliers + 4 * i));
    const int32_t bias = static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.hidden_bias + 4 * i));
    const double step = LoadLittleEndian<double>(view.steps + 8 * i);
    if (multiplier < 1) {
      Fail(why) << "input multiplier of row " << i << " is below 1";
      return false;
    }
    if (bias < -kBiasLimit || bias > kBiasLimit) {
      Fail(why) << "bias level of row " << i << " is outside +-2^29";
      return false;
    }
    if (!std::isfinite(step) || step <= 0) {
      Fail(why) << "grid step of row " << i << " is not finite and positive";
      return false;
    }
    if (static_cast<uint64_t>(multiplier) > max_multiplier) {
      max_multiplier = static_cast<uint64_t>(multiplier);
    }
  }
  if (!IntegerSumsFit(view.bits, m, n, max_multiplier)) {
    Fail(why) << "int32 sums could overflow (input multiplier " << max_multiplier << " with "
              << view.bits << "-bit levels)";
    return false;
  }
  return true;
}

// What integer training goes on from: one step per column block (eq. 2
// sums a column over rows), input biases within +-kBiasLimit.
bool CheckTrainingSections(const ModelFileView& view, FixedText* why) {
  if (view.granularity == static_cast<uint32_t>(ScaleGranularity::kRow)) {
    Fail(why) << "integer training needs tensor or block scales, the file has row scales";
    return false;
  }
  for (size_t j = 0; j < view.config.visible(); ++j) {
    const int32_t a = static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.input_bias + 4 * j));
    if (a < -kBiasLimit || a > kBiasLimit) {
      Fail(why) << "input bias level of column " << j << " is outside +-2^29";
      return false;
    }
  }
  for (size_t i = 1; i < view.config.hidden; ++i) {
    if (LoadLittleEndian<double>(view.steps + 8 * i) != LoadLittleEndian<double>(view.steps) ||
        LoadLittleEndian<uint32_t>(view.multipliers + 4 * i) !=
            LoadLittleEndian<uint32_t>(view.multipliers)) {
      Fail(why) << "integer training needs one grid step and multiplier for every row (row " << i
                << " differs)";
      return false;
    }
  }
  return true;
}

// The carry block: lambda in (0, 1], then n potentials >= 0 (float32
// finite; int32 at most kPotentialLimit).
bool CheckCarrySection(const uint8_t* block, bool integer, ModelFileView& view, FixedText* why) {
  const float lambda = LoadLittleEndian<float>(block);
  if (!(lambda > 0.0f && lambda <= 1.0f) || LoadLittleEndian<uint32_t>(block + 4) != 0) {
    Fail(why) << "carry lambda " << lambda << " is outside (0, 1] (or its reserved word is set)";
    return false;
  }
  view.config.carry = lambda;
  view.potentials = block + 8;
  for (size_t i = 0; i < view.config.hidden; ++i) {
    const uint8_t* p = view.potentials + 4 * i;
    const int32_t level = static_cast<int32_t>(LoadLittleEndian<uint32_t>(p));
    const float value = LoadLittleEndian<float>(p);
    const bool valid =
        integer ? level >= 0 && level <= kPotentialLimit : std::isfinite(value) && value >= 0.0f;
    if (!valid) {
      Fail(why) << "potential of hidden unit " << i << " is "
                << (integer ? "outside 0..2^30" : "not finite and >= 0");
      return false;
    }
  }
  return true;
}

// The header's fields, then the sizes they imply against `size`.
bool CheckHeader(const uint8_t* data, size_t size, ModelFileView& view, uint32_t* flags,
                 FixedText* why) {
  if (size < kPadBytes) {
    Fail(why) << "file is " << size << " bytes, shorter than the " << kPadBytes
              << "-byte header block";
    return false;
  }
  if (std::memcmp(data, kMagic, sizeof(kMagic)) != 0) {
    Fail(why) << "bad magic (expected \"BITSTATE\")";
    return false;
  }
  const uint32_t version = ReadField(data, header::kVersion);
  if (version != kModelFormatVersion) {
    Fail(why) << "format version " << version << ", this build reads version "
              << kModelFormatVersion;
    return false;
  }
  if (Crc32(data, kHeaderCrcCovers) != ReadField(data, header::kHeaderCrc)) {
    Fail(why) << "header checksum mismatch (header is corrupt)";
    return false;
  }
  if (ReadField(data, header::kByteOrder) != kByteOrderMark) {
    Fail(why) << "byte-order mark is wrong";
    return false;
  }
  if (ReadField(data, header::kHeaderBytes) != kHeaderSize) {
    Fail(why) << "header size field is wrong";
    return false;
  }
  view.precision = ReadField(data, header::kPrecision);
  if (view.precision > kMaxPrecision) {
    Fail(why) << "unknown precision " << view.precision;
    return false;
  }
  const uint32_t update_rows = ReadField(data, header::kUpdateRows);
  if (update_rows > 1) {
    Fail(why) << "unknown update_rows " << update_rows;
    return false;
  }
  view.config.update_rows = static_cast<UpdateRows>(update_rows);
  *flags = ReadField(data, header::kFlags);
  if ((*flags & ~(kFlagInferenceOnly | kFlagHead | kFlagCarry)) != 0) {
    Fail(why) << "unknown flags";
    return false;
  }
  view.inference_only = (*flags & kFlagInferenceOnly) != 0;
  if (view.precision != kPrecisionFloat32 && !view.inference_only &&
      view.precision > kPrecisionInt16) {
    Fail(why) << "packed integer weights must be marked inference-only";
    return false;
  }
  const uint64_t m = ReadField(data, header::kInputs), n = ReadField(data, header::kHidden);
  if (m == 0 || n == 0 || m > kMaxDimension || n > kMaxDimension) {
    Fail(why) << "dimensions m = " << m << ", n = " << n << " are outside 1.." << kMaxDimension;
    return false;
  }
  view.config.inputs = static_cast<size_t>(m);
  view.config.hidden = static_cast<size_t>(n);
  view.config.rate_input = ReadField(data, header::kRateInput);
  view.config.rate_hidden = ReadField(data, header::kRateHidden);
  view.config.density = ReadField(data, header::kDensity);
  view.config.init_range = ReadField(data, header::kInitRange);
  view.config.seed = ReadField(data, header::kSeed);
  const uint64_t payload = ReadField(data, header::kPayloadSize);
  if (payload != size - kHeaderSize) {
    Fail(why) << "payload size field says " << payload << " bytes, the file has "
              << (size - kHeaderSize) << (size - kHeaderSize < payload ? " (truncated)" : "");
    return false;
  }
  return true;
}

}  // namespace

bool ParseModelImage(const uint8_t* data, size_t size, ModelFileView* parsed, FixedText* why) {
  ModelFileView view;
  uint32_t flags = 0;
  if (!CheckHeader(data, size, view, &flags, why)) return false;
  const uint64_t m = view.config.inputs, n = view.config.hidden;
  const bool integer = view.precision != kPrecisionFloat32;
  // The head's class count sits after the fixed sections: bound it first.
  uint64_t classes = 0;
  const bool trainable = !view.inference_only;
  const bool carry = (flags & kFlagCarry) != 0;
  FileLayout layout = ComputeLayout(m, n, 0, view.precision, trainable, carry);
  if (flags & kFlagHead) {
    if (layout.head_meta + 8 > size) {
      Fail(why) << "file too short for its classifier head (truncated)";
      return false;
    }
    classes = LoadLittleEndian<uint32_t>(data + layout.head_meta);
    const uint32_t dimension = LoadLittleEndian<uint32_t>(data + layout.head_meta + 4);
    if (classes < 2 || classes > kMaxHeadClasses || dimension != n) {
      Fail(why) << "classifier head has " << classes << " classes over " << dimension
                << " features";
      return false;
    }
    layout = ComputeLayout(m, n, classes, view.precision, trainable, carry);
  }
  if (layout.end != size) {
    Fail(why) << "file is " << size << " bytes, m = " << m << " and n = " << n << " need "
              << layout.end << (size < layout.end ? " (truncated)" : "");
    return false;
  }
  if (Crc32(data + kHeaderSize, size - kHeaderSize) != ReadField(data, header::kPayloadCrc)) {
    Fail(why) << "payload checksum mismatch (weights are corrupt)";
    return false;
  }
  if (carry && !CheckCarrySection(data + layout.carry, integer, view, why)) return false;
  if (!CheckModelConfig(view.config, why)) return false;
  const size_t v = static_cast<size_t>(m + n), stride = static_cast<size_t>(layout.stride);
  view.column_stride = stride;
  view.head_stride = static_cast<size_t>(layout.head_stride);
  view.columns = data + layout.columns;
  view.hidden_bias = data + layout.hidden_bias;
  view.state = data + layout.state;
  if (integer) {
    view.multipliers = data + layout.multipliers;
    view.steps = data + layout.steps;
    if (!CheckIntegerSections(data + layout.quant_meta, view, why)) return false;
    if (trainable) {
      view.input_bias = data + layout.input_bias;
      view.training = data + layout.training;
      if (!CheckTrainingSections(view, why)) return false;
    }
  } else {
    view.input_bias = data + layout.input_bias;
    for (size_t j = 0; j < v; ++j) {
      if (!CheckFloats(view.columns + 4 * j * stride, n, stride, "W", why)) return false;
    }
    if (!CheckFloats(view.input_bias, v, v, "a", why) ||
        !CheckFloats(view.hidden_bias, n, n, "b", why)) {
      return false;
    }
  }
  if (n % 64 != 0 && (LoadLittleEndian<uint64_t>(view.state + 8 * (n / 64)) >> (n % 64)) != 0) {
    Fail(why) << "state has bits set beyond n = " << n;
    return false;
  }
  if (classes != 0) {
    view.head_classes = static_cast<size_t>(classes);
    view.head_weights = data + layout.head_weights;
    view.head_intercepts = data + layout.head_intercepts;
    for (size_t c = 0; c < classes; ++c) {
      if (!CheckFloats(view.head_weights + 4 * c * view.head_stride, n, view.head_stride,
                       "head weights", why)) {
        return false;
      }
    }
    if (!CheckFloats(view.head_intercepts, view.head_classes, view.head_classes, "head intercepts",
                     why)) {
      return false;
    }
  }
  *parsed = view;
  return true;
}

}  // namespace bitstate
