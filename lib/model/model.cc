// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model.h"

#include <string>

#include "bitstate/error.h"
#include "bitstate/random.h"
#include "core/forward_step.h"
#include "kernels/kernel_table.h"
#include "kernels/select_kernels.h"
#include "core/step_helpers.h"

namespace bitstate {
Model::Model(const ModelConfig& config, KernelEngine engine)
    : Model(config, engine, Uninitialized{}, true) {
  Rng rng(config_.seed);
  const float range = config_.EffectiveInitRange();
  for (size_t i = 0; i < hidden(); ++i) {
    for (size_t j = 0; j < visible(); ++j) SetWeight(i, j, rng.UniformSymmetric(range));
  }
  for (size_t j = 0; j < visible(); ++j) input_bias_[j] = rng.UniformSymmetric(range);
  for (size_t i = 0; i < hidden(); ++i) hidden_bias_[i] = rng.UniformSymmetric(range);
}

Model::Model(const ModelConfig& config, KernelEngine engine, Uninitialized, bool trainable)
    : StatefulModel(config, trainable),
      kernels_(kernels::SelectKernels(
          engine, kernels::DispatchedKernels(), kernels::ScalarReferenceKernels(),
          kernels::XsimdKernels(),
          "Model: the xsimd engine was not built (configure with -DBITSTATE_XSIMD=ON)")) {
  const size_t n = hidden(), v = visible();
  bias_delta_on_ = config_.rate_hidden * (config_.density - 1.0f);
  bias_delta_off_ = config_.rate_hidden * config_.density;

  column_stride_ = PaddedLength<float>(n);
  row_stride_ = PaddedLength<float>(v);
  columns_ = AlignedBuffer<float>(v * column_stride_);
  if (trainable) rows_ = AlignedBuffer<float>(n * row_stride_);
  input_bias_ = AlignedBuffer<float>(PaddedLength<float>(v));
  hidden_bias_ = AlignedBuffer<float>(PaddedLength<float>(n));

  visible_ = BitVector(v);
  visible_list_ = AlignedBuffer<uint32_t>(v);
  hidden_list_ = AlignedBuffer<uint32_t>(n);
  hidden_sum_ = AlignedBuffer<float>(PaddedLength<float>(n));
  if (!trainable) return;
  previous_list_ = AlignedBuffer<uint32_t>(n);
  visible_sum_ = AlignedBuffer<float>(PaddedLength<float>(v));
  delta_index_ = AlignedBuffer<uint32_t>(v);
  delta_value_ = AlignedBuffer<float>(v);
  update_lanes_ = AlignedBuffer<uint32_t>(PaddedLength<float>(n));
}

const char* Model::engine_name() const { return kernels_->target_name; }

float Model::weight(size_t row, size_t column) const {
  return columns_[column * column_stride_ + row];
}

void Model::SetWeight(size_t row, size_t column, float value) {
  if (row >= hidden() || column >= visible()) {
    throw Error("Model::SetWeight: (" + std::to_string(row) + ", " +
                std::to_string(column) + ") is outside W of " +
                std::to_string(hidden()) + " x " + std::to_string(visible()));
  }
  if (trainable_) rows_[row * row_stride_ + column] = value;
  columns_[column * column_stride_ + row] = value;
}

void Model::SetInputBias(size_t j, float value) {
  if (j >= visible()) throw Error("Model::SetInputBias: index " + std::to_string(j) + " >= m+n");
  input_bias_[j] = value;
}

void Model::SetHiddenBias(size_t i, float value) {
  if (i >= hidden()) throw Error("Model::SetHiddenBias: index " + std::to_string(i) + " >= n");
  hidden_bias_[i] = value;
}

size_t Model::Forward(const uint64_t* x) {
  ForwardStep(*kernels_, columns_.data(), column_stride_, hidden_bias_.data(), inputs(), hidden(),
              x, state_.words(), {visible_.words(), visible_list_.data(), hidden_sum_.data()},
              next_state_.words());
  return ListSetBits(next_state_.words(), next_state_.num_words(), 0, hidden_list_.data());
}

StepStats Model::Learn(const uint64_t* /*x: in visible_*/, size_t active) {
  const size_t m = inputs(), n = hidden(), v = visible();
  // Eq. 2: [x~_t, h~_t] = H(W^T h_{t+1} + a).
  kernels_->masked_vector_sum(rows_.data(), row_stride_, hidden_list_.data(),
                              active, v, visible_sum_.data());
  kernels_->threshold_pack(visible_sum_.data(), input_bias_.data(), v,
                           reconstruction_.words());

  StepStats stats;
  stats.active = static_cast<uint32_t>(active);
  const size_t nonzero = ListErrors(visible_, reconstruction_, m, config_.rate_input,
                                    config_.rate_hidden, delta_index_.data(),
                                    delta_value_.data(), stats);

  // Eq. 3: W += u (r * e)^T, u = h_{t+1} (delta rule) or h_t (as printed).
  kernels::SelectedUnits rows;
  if (config_.update_rows == UpdateRows::kNext) {
    rows = {next_state_.words(), next_state_.num_words(), hidden_list_.data(), active};
  } else {
    const size_t count = ListSetBits(state_.words(), state_.num_words(), 0,
                                     previous_list_.data());
    rows = {state_.words(), state_.num_words(), previous_list_.data(), count};
  }
  const kernels::WeightLayouts layouts = {columns_.data(), column_stride_,
                                          rows_.data(), row_stride_, n, v};
  kernels_->sparse_rank1_update(layouts, rows,
                                {delta_index_.data(), delta_value_.data(), nonzero},
                                update_lanes_.data());
  // Eq. 4: a += r * e.
  for (size_t k = 0; k < nonzero; ++k) input_bias_[delta_index_[k]] += delta_value_[k];
  // Eq. 5: b += r_h (d - h_{t+1}).
  kernels_->bias_drift(hidden_bias_.data(), next_state_.words(), n,
                       bias_delta_on_, bias_delta_off_);
  return stats;
}

}  // namespace bitstate
