// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Reading model file images: everything the inference-only library (C API)
// needs, without the trainable Model.
#include "format/model_file_view.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include "bitstate/error.h"
#include "bitstate/model_file_bytes.h"
#include "bitstate/quantization.h"
#include "base/crc32.h"
#include "base/regular_file.h"

namespace bitstate {

namespace {

[[noreturn]] void Fail(const std::string& source, const std::string& what) {
  throw Error(source + ": not a usable bitstate model file: " + what);
}

// Every value of a float section finite; `count` values then zero padding up
// to `padded` (the padding is what vector loads read).
void CheckFloats(const uint8_t* p, size_t count, size_t padded, const std::string& source,
                 const char* section) {
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(LoadLittleEndian<float>(p + 4 * i))) {
      Fail(source, std::string(section) + " value " + std::to_string(i) + " is not finite");
    }
  }
  for (size_t i = count; i < padded; ++i) {
    if (LoadLittleEndian<uint32_t>(p + 4 * i) != 0) Fail(source, std::string(section) + " padding is not zero");
  }
}

// The quantisation block, every level on its k-bit grid with zero padding,
// multipliers >= 1 with int32 sums that cannot overflow, biases within
// +-kBiasLimit, steps finite and positive.
[[noreturn]] void FailLevel(const std::string& source, const std::string& what, size_t row,
                            size_t column, unsigned bits, bool padding) {
  Fail(source, "W " + what + " at row " + std::to_string(row) + ", column " +
                   std::to_string(column) + " is off the " + std::to_string(bits) + "-bit grid" +
                   (padding ? " (padding)" : ""));
}

// Every level of int8 / int16 columns on the k-bit grid, zero padding.
void CheckWideLevels(const ModelFileView& view, const std::string& source) {
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
      if (!valid) FailLevel(source, "level " + std::to_string(level), i, j, view.bits, i >= n);
    }
  }
}

// Packed columns: nibbles on the grid (k = 3: |level| <= 3; -8 never),
// ternary units never both +1 and -1, every unit past n zero.
void CheckPackedLevels(const ModelFileView& view, const std::string& source) {
  const size_t m = view.config.inputs, n = view.config.hidden;
  const PackedShape shape = PackedShapeFor(view.bits, n);
  const int32_t top = MaxLevel(view.bits);
  for (size_t j = 0; j < m + n; ++j) {
    const uint8_t* column = view.columns + j * shape.column_bytes;
    if (shape.storage == LevelStorage::kNibbles) {
      for (size_t i = 0; i < 2 * shape.plane_bytes; ++i) {
        const int32_t level = GetPackedLevel(column, shape, i);
        if (i >= n ? level != 0 : (level < -top || level > top)) {
          FailLevel(source, "level " + std::to_string(level), i, j, view.bits, i >= n);
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
          FailLevel(source, "bit plane " + std::to_string(plane), i, j, view.bits, true);
        }
      }
      if (shape.planes == 2 && (column[b] & minus[b]) != 0) {
        const size_t i = 8 * b + static_cast<size_t>(__builtin_ctz(column[b] & minus[b]));
        FailLevel(source, "unit with both its +1 and -1 bits set", i, j, view.bits, false);
      }
    }
  }
}

// The quantisation block, every level on its k-bit grid with zero padding,
// multipliers >= 1 with int32 sums that cannot overflow, biases within
// +-kBiasLimit, steps finite and positive.
void CheckIntegerSections(const uint8_t* meta, ModelFileView& view, const std::string& source) {
  view.bits = LoadLittleEndian<uint32_t>(meta);
  view.granularity = LoadLittleEndian<uint32_t>(meta + 4);
  if (view.bits < kMinWeightBits || view.bits > kMaxWeightBits ||
      !PrecisionHolds(view.precision, view.bits)) {
    Fail(source, std::to_string(view.bits) + "-bit levels do not match the stored precision " +
                     std::to_string(view.precision));
  }
  if (view.granularity > static_cast<uint32_t>(ScaleGranularity::kRow)) {
    Fail(source, "unknown scale granularity " + std::to_string(view.granularity));
  }
  const size_t m = view.config.inputs, n = view.config.hidden;
  if (view.precision >= kPrecisionNibbles) {
    CheckPackedLevels(view, source);
  } else {
    CheckWideLevels(view, source);
  }
  uint64_t max_multiplier = 1;
  for (size_t i = 0; i < n; ++i) {
    const int32_t multiplier = static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.multipliers + 4 * i));
    const int32_t bias = static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.hidden_bias + 4 * i));
    const double step = LoadLittleEndian<double>(view.steps + 8 * i);
    if (multiplier < 1) Fail(source, "input multiplier of row " + std::to_string(i) + " is below 1");
    if (bias < -kBiasLimit || bias > kBiasLimit) {
      Fail(source, "bias level of row " + std::to_string(i) + " is outside +-2^29");
    }
    if (!std::isfinite(step) || step <= 0) {
      Fail(source, "grid step of row " + std::to_string(i) + " is not finite and positive");
    }
    max_multiplier = std::max<uint64_t>(max_multiplier, static_cast<uint64_t>(multiplier));
  }
  if (!IntegerSumsFit(view.bits, m, n, max_multiplier)) {
    Fail(source, "int32 sums could overflow (input multiplier " + std::to_string(max_multiplier) +
                     " with " + std::to_string(view.bits) + "-bit levels)");
  }
}

// What integer training goes on from: one step per column block (eq. 2
// sums a column over rows), input biases within +-kBiasLimit.
void CheckTrainingSections(const ModelFileView& view, const std::string& source) {
  if (view.granularity == static_cast<uint32_t>(ScaleGranularity::kRow)) {
    Fail(source, "integer training needs tensor or block scales, the file has row scales");
  }
  for (size_t j = 0; j < view.config.visible(); ++j) {
    const int32_t a = static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.input_bias + 4 * j));
    if (a < -kBiasLimit || a > kBiasLimit) {
      Fail(source, "input bias level of column " + std::to_string(j) + " is outside +-2^29");
    }
  }
  for (size_t i = 1; i < view.config.hidden; ++i) {
    if (LoadLittleEndian<double>(view.steps + 8 * i) != LoadLittleEndian<double>(view.steps) ||
        LoadLittleEndian<uint32_t>(view.multipliers + 4 * i) !=
            LoadLittleEndian<uint32_t>(view.multipliers)) {
      Fail(source, "integer training needs one grid step and multiplier for every row (row " +
                       std::to_string(i) + " differs)");
    }
  }
}

}  // namespace

ModelFileView ParseModelFile(const uint8_t* data, size_t size, const std::string& source) {
  if (size < kPadBytes) {
    Fail(source, "file is " + std::to_string(size) + " bytes, shorter than the " +
                     std::to_string(kPadBytes) + "-byte header block");
  }
  if (std::memcmp(data, kMagic, sizeof(kMagic)) != 0) Fail(source, "bad magic (expected \"BITSTATE\")");
  const uint32_t version = ReadField(data, header::kVersion);
  if (version != kModelFormatVersion) {
    Fail(source, "format version " + std::to_string(version) + ", this build reads version " +
                     std::to_string(kModelFormatVersion));
  }
  if (Crc32(data, kHeaderCrcCovers) != ReadField(data, header::kHeaderCrc)) Fail(source, "header checksum mismatch (header is corrupt)");
  if (ReadField(data, header::kByteOrder) != kByteOrderMark) Fail(source, "byte-order mark is wrong");
  if (ReadField(data, header::kHeaderBytes) != kHeaderSize) Fail(source, "header size field is wrong");
  ModelFileView view;
  view.precision = ReadField(data, header::kPrecision);
  if (view.precision > kMaxPrecision) {
    Fail(source, "unknown precision " + std::to_string(view.precision));
  }
  const bool integer = view.precision != kPrecisionFloat32;
  const uint32_t update_rows = ReadField(data, header::kUpdateRows);
  if (update_rows > 1) Fail(source, "unknown update_rows " + std::to_string(update_rows));
  view.config.update_rows = static_cast<UpdateRows>(update_rows);
  const uint32_t flags = ReadField(data, header::kFlags);
  if ((flags & ~(kFlagInferenceOnly | kFlagHead)) != 0) Fail(source, "unknown flags");
  view.inference_only = (flags & kFlagInferenceOnly) != 0;
  if (integer && !view.inference_only && view.precision > kPrecisionInt16) {
    Fail(source, "packed integer weights must be marked inference-only");
  }
  const uint64_t m = ReadField(data, header::kInputs), n = ReadField(data, header::kHidden);
  if (m == 0 || n == 0 || m > kMaxDimension || n > kMaxDimension) {
    Fail(source, "dimensions m = " + std::to_string(m) + ", n = " + std::to_string(n) +
                     " are outside 1.." + std::to_string(kMaxDimension));
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
    Fail(source, "payload size field says " + std::to_string(payload) + " bytes, the file has " +
                     std::to_string(size - kHeaderSize) +
                     (size - kHeaderSize < payload ? " (truncated)" : ""));
  }
  // The head's class count sits after the fixed sections: bound it first.
  uint64_t classes = 0;
  const bool trainable = !view.inference_only;
  FileLayout layout = ComputeLayout(m, n, 0, view.precision, trainable);
  if (flags & kFlagHead) {
    if (layout.head_meta + 8 > size) Fail(source, "file too short for its classifier head (truncated)");
    classes = LoadLittleEndian<uint32_t>(data + layout.head_meta);
    if (classes < 2 || classes > kMaxHeadClasses || LoadLittleEndian<uint32_t>(data + layout.head_meta + 4) != n) {
      Fail(source, "classifier head has " + std::to_string(classes) + " classes over " +
                       std::to_string(LoadLittleEndian<uint32_t>(data + layout.head_meta + 4)) + " features");
    }
    layout = ComputeLayout(m, n, classes, view.precision, trainable);
  }
  if (layout.end != size) {
    Fail(source, "file is " + std::to_string(size) + " bytes, m = " + std::to_string(m) +
                     " and n = " + std::to_string(n) + " need " + std::to_string(layout.end) +
                     (size < layout.end ? " (truncated)" : ""));
  }
  if (Crc32(data + kHeaderSize, size - kHeaderSize) != ReadField(data, header::kPayloadCrc)) {
    Fail(source, "payload checksum mismatch (weights are corrupt)");
  }
  try {
    view.config.Validate();
  } catch (const Error& e) {
    Fail(source, e.what());
  }
  const size_t v = static_cast<size_t>(m + n), stride = static_cast<size_t>(layout.stride);
  view.column_stride = stride;
  view.head_stride = static_cast<size_t>(layout.head_stride);
  view.columns = data + layout.columns;
  view.hidden_bias = data + layout.hidden_bias;
  view.state = data + layout.state;
  if (integer) {
    view.multipliers = data + layout.multipliers;
    view.steps = data + layout.steps;
    CheckIntegerSections(data + layout.quant_meta, view, source);
    if (trainable) {
      view.input_bias = data + layout.input_bias;
      view.training = data + layout.training;
      CheckTrainingSections(view, source);
    }
  } else {
    view.input_bias = data + layout.input_bias;
    for (size_t j = 0; j < v; ++j) CheckFloats(view.columns + 4 * j * stride, n, stride, source, "W");
    CheckFloats(view.input_bias, v, v, source, "a");
    CheckFloats(view.hidden_bias, n, n, source, "b");
  }
  if (n % 64 != 0 && (LoadLittleEndian<uint64_t>(view.state + 8 * (n / 64)) >> (n % 64)) != 0) {
    Fail(source, "state has bits set beyond n = " + std::to_string(n));
  }
  if (classes != 0) {
    view.head_classes = static_cast<size_t>(classes);
    view.head_weights = data + layout.head_weights;
    view.head_intercepts = data + layout.head_intercepts;
    for (size_t c = 0; c < classes; ++c) {
      CheckFloats(view.head_weights + 4 * c * view.head_stride, n, view.head_stride, source,
                  "head weights");
    }
    CheckFloats(view.head_intercepts, view.head_classes, view.head_classes, source, "head intercepts");
  }
  return view;
}

ClassifierHead HeadFromView(const ModelFileView& view) {
  ClassifierHead head;
  head.classes = view.head_classes;
  head.dimension = view.config.hidden;
  head.weights.resize(head.classes * head.dimension);
  head.intercepts.resize(head.classes);
  for (size_t c = 0; c < head.classes; ++c) {
    for (size_t k = 0; k < head.dimension; ++k) {
      head.weights[c * head.dimension + k] =
          LoadLittleEndian<float>(view.head_weights + 4 * (c * view.head_stride + k));
    }
    head.intercepts[c] = LoadLittleEndian<float>(view.head_intercepts + 4 * c);
  }
  return head;
}

AlignedBuffer<uint8_t> ReadModelFileBytes(const std::string& path) {
  RequireRegularFile(path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error(path + ": cannot open: " + std::strerror(errno));
  if (std::fseek(file.get(), 0, SEEK_END) != 0) throw Error(path + ": cannot seek");
  const long size = std::ftell(file.get());
  if (size < 0) throw Error(path + ": cannot tell its size");
  std::rewind(file.get());
  AlignedBuffer<uint8_t> bytes;
  try {
    bytes = AlignedBuffer<uint8_t>(static_cast<size_t>(size));
  } catch (const std::bad_alloc&) {
    throw Error(path + ": " + std::to_string(size) + " bytes, too large to load");
  }
  if (size > 0 && std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) {
    throw Error(path + ": read error (file changed while reading?)");
  }
  return bytes;
}

}  // namespace bitstate
