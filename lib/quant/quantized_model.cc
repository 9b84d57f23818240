// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The integer model's storage and inference (eq. 1 on int32 sums).
#include "bitstate/quantized_model.h"

#include <algorithm>
#include <string>

#include "bitstate/error.h"
#include "bitstate/stream_batch.h"
#include "bitstate/unit_range.h"
#include "core/int_forward_step.h"
#include "kernels/int_kernel_table.h"
#include "kernels/select_kernels.h"

namespace bitstate {
namespace {

void CheckSumBound(const ModelConfig& c, unsigned bits, uint64_t multiplier) {
  if (!IntegerSumsFit(bits, c.inputs, c.hidden, multiplier)) {
    throw Error("QuantizedModel: int32 sums could overflow for m = " + std::to_string(c.inputs) +
                ", n = " + std::to_string(c.hidden) + ", " + std::to_string(bits) +
                "-bit weights and input multiplier K = " + std::to_string(multiplier) +
                " (bound " + std::to_string(IntegerSumBound(bits, c.inputs, c.hidden, multiplier)) +
                " > INT32_MAX); use fewer bits or a smaller model");
  }
}

// W's zero levels, after checking k and (with K = 1) the sum bound: nothing
// large is allocated for a model that could never run. (The configuration
// itself was validated by StatefulModel, constructed first.)
LevelMatrix CheckedLevels(const ModelConfig& c, unsigned bits, bool trainable,
                          LevelStorage storage) {
  CheckWeightBits(bits);
  CheckSumBound(c, bits, 1);
  if (trainable && storage != StorageFor(bits, false)) {
    throw Error("QuantizedModel: packed levels are for inference only");
  }
  if (storage != StorageFor(bits, false) && storage != StorageFor(bits, true)) {
    throw Error("QuantizedModel: " + std::to_string(bits) + "-bit levels cannot be stored so");
  }
  return LevelMatrix(bits, c.hidden, c.visible(), trainable, storage);
}

}  // namespace

QuantizedModel::QuantizedModel(const ModelConfig& config, unsigned bits,
                               ScaleGranularity granularity, KernelEngine engine, bool trainable,
                               LevelStorage storage)
    : StatefulModel(config, trainable),
      bits_(bits),
      granularity_(granularity),
      kernels_(kernels::SelectKernels<kernels::IntKernelTable>(
          engine, kernels::DispatchedIntKernels(), kernels::ScalarReferenceIntKernels(), nullptr,
          "QuantizedModel: integer weights run on the Highway or scalar kernels only (the xsimd "
          "backend has float kernels)")),
      levels_(CheckedLevels(config, bits, trainable, storage)) {
  const size_t n = hidden(), v = visible();
  state_step_.assign(n, 1.0);
  input_multiplier_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(n));
  hidden_bias_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(n));
  input_bias_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(v));
  for (size_t i = 0; i < n; ++i) input_multiplier_[i] = 1;
  if (config_.carry != 0.0f) {
    carry_units_ = CarryUnits(config_.carry);
    potential_ = AlignedBuffer<int32_t>(n);
  }

  list_ = AlignedBuffer<uint32_t>(v);
  hidden_list_ = AlignedBuffer<uint32_t>(n);
  hidden_sum_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(n));
  if (!trainable) return;
  visible_ = BitVector(v);
  previous_list_ = AlignedBuffer<uint32_t>(n);
  delta_index_ = AlignedBuffer<uint32_t>(v);
  delta_units_.resize(v);
  delta_whole_.resize(v);
  delta_fraction_.resize(v);
  noise_stride_ = PaddedLength<uint32_t>(std::max(v, n));
  PrepareParts(1);
  unit_index_ = AlignedBuffer<uint32_t>(n);
  for (size_t i = 0; i < n; ++i) unit_index_[i] = static_cast<uint32_t>(i);
  visible_sum_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(v));
}

// No int32 sum overflows (proof at IntegerSumBound); the forward bound
// covers the reconstruction's, which is the same with K = 0.
void QuantizedModel::CheckAccumulatorBound() const {
  uint64_t multiplier = 1;
  for (size_t i = 0; i < input_multiplier_.size(); ++i) {
    multiplier = std::max<uint64_t>(multiplier, static_cast<uint64_t>(input_multiplier_[i]));
  }
  CheckSumBound(config_, bits_, multiplier);
}

const char* QuantizedModel::engine_name() const { return kernels_->target_name; }

double QuantizedModel::step(size_t row, size_t column) const {
  return column < inputs() ? state_step_[row] * input_multiplier_[row] : state_step_[row];
}

size_t QuantizedModel::weight_bytes() const {
  const size_t multipliers = granularity_ == ScaleGranularity::kRow ? hidden() : 1;
  return levels_.bytes(hidden(), visible()) +
         (hidden() + multipliers) * sizeof(int32_t);
}

size_t QuantizedModel::packed_weight_bytes() const {
  const size_t multipliers = granularity_ == ScaleGranularity::kRow ? hidden() : 1;
  return (hidden() * visible() * bits_ + 7) / 8 + (hidden() + multipliers) * sizeof(int32_t);
}

IntForwardWeights QuantizedModel::forward_weights() const {
  IntForwardWeights w{};
  w.storage = levels_.storage();
  w.multipliers = input_multiplier_.data();
  w.any_multiplier = any_multiplier_;
  w.hidden_bias = hidden_bias_.data();
  if (IsPacked(w.storage)) {
    const PackedShape& shape = levels_.packed().shape();
    w.columns = levels_.packed().data();
    w.column_stride = shape.column_bytes;
    w.plane_bytes = shape.plane_bytes;
    w.planes = shape.planes;
    return w;
  }
  levels_.Visit([&](const auto& l) {
    w.columns = l.columns.data();
    w.column_stride = l.column_stride;
  });
  return w;
}

void QuantizedModel::ClearPotentials() {
  std::fill(potential_.data(), potential_.data() + potential_.size(), 0);
}

size_t QuantizedModel::Forward(const uint64_t* x) {
  const ActiveVisible active =
      ListActiveVisible(x, inputs(), state_.words(), hidden(), list_.data());
  const IntForwardWeights weights = forward_weights();
  RunParts([&](size_t part) {
    const UnitRange units = PartOf(hidden(), part, parts());
    IntForwardPart(*kernels_, weights, list_.data(), active, units,
                   {carry_units_, potential_.data()}, hidden_sum_.data() + units.begin,
                   next_state_.words());
  });
  return ListSetBits(next_state_.words(), next_state_.num_words(), 0, hidden_list_.data());
}

size_t QuantizedModel::column_bytes() const {
  return ColumnBytes(forward_weights(), inputs(), hidden());
}

void QuantizedModel::InferStepBatch(StreamBatch& batch) const {
  batch.CheckFits(kName, *this);
  const IntForwardWeights weights = forward_weights();
  batch.Step(batch.TileFor(column_bytes()), [&](size_t s, UnitRange units) {
    IntForwardPart(*kernels_, weights, batch.selected(s), {1, batch.listed(s) - 1}, units,
                   {carry_units_, batch.int_potential(s)}, batch.int_sum(), batch.next_state(s));
  });
}

}  // namespace bitstate
