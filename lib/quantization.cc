// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/quantization.h"

#include <limits>
#include <string>

#include "bitstate/error.h"

namespace bitstate {

const char* GranularityName(ScaleGranularity granularity) {
  switch (granularity) {
    case ScaleGranularity::kTensor: return "tensor";
    case ScaleGranularity::kBlock: return "block";
    case ScaleGranularity::kRow: return "row";
  }
  return "?";
}

ScaleGranularity ParseGranularity(const std::string& text) {
  if (text == "tensor") return ScaleGranularity::kTensor;
  if (text == "block") return ScaleGranularity::kBlock;
  if (text == "row") return ScaleGranularity::kRow;
  throw Error("granularity: expected 'tensor', 'block' or 'row', got '" + text + "'");
}

void CheckWeightBits(unsigned bits) {
  if (bits < kMinWeightBits || bits > kMaxWeightBits) {
    throw Error("weight bits: " + std::to_string(bits) + " is outside " +
                std::to_string(kMinWeightBits) + ".." + std::to_string(kMaxWeightBits));
  }
}

uint64_t IntegerSumBound(unsigned bits, size_t inputs, size_t hidden, uint64_t max_multiplier) {
  const uint64_t top = static_cast<uint64_t>(MaxLevel(bits));
  return max_multiplier * top * inputs + top * hidden + uint64_t{kBiasLimit};
}

bool IntegerSumsFit(unsigned bits, size_t inputs, size_t hidden, uint64_t max_multiplier) {
  const uint64_t limit = std::numeric_limits<int32_t>::max();
  return max_multiplier <= limit && IntegerSumBound(bits, inputs, hidden, max_multiplier) <= limit;
}

}  // namespace bitstate
