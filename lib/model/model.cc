// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "bitstate/error.h"
#include "bitstate/random.h"
#include "bitstate/stream_batch.h"
#include "bitstate/unit_range.h"
#include "core/forward_step.h"
#include "core/step_helpers.h"
#include "kernels/kernel_table.h"
#include "kernels/select_kernels.h"
#include "kernels/sparse_update_parts.h"
#include "model/bernoulli_bits.h"

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

Model::Model(const ModelConfig& config, const LearningOptions& learning, KernelEngine engine)
    : Model(config, engine) {
  learning.Validate();
  if (learning.zero_init) ZeroParameters();
  SetLearningOptions(learning);
}

void Model::SetLearningOptions(const LearningOptions& learning) {
  learning.Validate();
  learning_ = learning;
  flip_level_ = FlipLevel(learning.flip_probability);
  flip_rng_ = Rng(learning.flip_seed != 0 ? learning.flip_seed : DeriveSeed(config_.seed, 0xF11B));
  state_error_count_.assign(learning.adaptive_tau != 0.0f ? hidden() : 0, 0);
}

void Model::ZeroParameters() {
  std::fill(columns_.data(), columns_.data() + visible() * column_stride_, 0.0f);
  if (trainable_) std::fill(rows_.data(), rows_.data() + hidden() * row_stride_, 0.0f);
  std::fill(input_bias_.data(), input_bias_.data() + visible(), 0.0f);
  std::fill(hidden_bias_.data(), hidden_bias_.data() + hidden(), 0.0f);
}

void Model::AdaptStateRates(size_t nonzero) {
  const float tau = learning_.adaptive_tau;
  const uint32_t m = static_cast<uint32_t>(inputs());
  const uint32_t* first = std::lower_bound(delta_index_.data(), delta_index_.data() + nonzero, m);
  for (size_t k = first - delta_index_.data(); k < nonzero; ++k) {
    uint32_t& errors = state_error_count_[delta_index_[k] - m];
    const float rate = config_.rate_hidden * std::sqrt(tau / (tau + static_cast<float>(errors)));
    delta_value_[k] = delta_value_[k] > 0.0f ? rate : -rate;
    if (errors != UINT32_MAX) ++errors;
  }
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
  if (config_.carry != 0.0f) {
    potential_ = AlignedBuffer<float>(n);
    ClearPotentials();
  }

  visible_ = BitVector(v);
  visible_list_ = AlignedBuffer<uint32_t>(v);
  hidden_list_ = AlignedBuffer<uint32_t>(n);
  hidden_sum_ = AlignedBuffer<float>(PaddedLength<float>(n));
  if (!trainable) return;
  previous_list_ = AlignedBuffer<uint32_t>(n);
  shifted_list_ = AlignedBuffer<uint32_t>(n);
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

void Model::SetPotential(size_t i, float value) {
  if (potential_.size() == 0) throw Error("Model::SetPotential: the model carries no potentials");
  if (i >= hidden()) throw Error("Model::SetPotential: index " + std::to_string(i) + " >= n");
  if (!(value >= 0.0f && std::isfinite(value))) {
    throw Error("Model::SetPotential: potentials are finite and >= 0");
  }
  potential_[i] = value;
}

void Model::ClearPotentials() {
  std::fill(potential_.data(), potential_.data() + potential_.size(), 0.0f);
}

void Model::PrepareParts(size_t /*parts*/) {}  // parts write disjoint slices of the scratch

size_t Model::Forward(const uint64_t* x) {
  const ForwardScratch scratch = {visible_.words(), visible_list_.data(), hidden_sum_.data()};
  const size_t count = ListVisible(x, inputs(), state_.words(), hidden(), scratch);
  RunParts([&](size_t part) {
    const UnitRange units = PartOf(hidden(), part, parts());
    ForwardPart(*kernels_, columns_.data(), column_stride_, hidden_bias_.data(),
                visible_list_.data(), count, units, {config_.carry, potential_.data()},
                hidden_sum_.data() + units.begin, next_state_.words());
  });
  return ListSetBits(next_state_.words(), next_state_.num_words(), 0, hidden_list_.data());
}

void Model::InferStepBatch(StreamBatch& batch) const {
  batch.CheckFits(kName, *this);
  batch.Step(batch.TileFor(column_bytes()), [&](size_t s, UnitRange units) {
    ForwardPart(*kernels_, columns_.data(), column_stride_, hidden_bias_.data(), batch.selected(s),
                batch.listed(s), units, {config_.carry, batch.float_potential(s)},
                batch.float_sum(), batch.next_state(s));
  });
}

StepStats Model::Learn(const uint64_t* /*x: in visible_*/, size_t active) {
  const size_t m = inputs(), n = hidden(), v = visible();
  if (flip_level_ != 0) {  // controlled randomness: h_{t+1} as eq. 2-5 and the next step see it
    FlipRandomBits(next_state_.words(), n, flip_level_, flip_rng_);
    active = ListSetBits(next_state_.words(), next_state_.num_words(), 0, hidden_list_.data());
  }
  // Eq. 2: [x~_t, h~_t] = H(W^T h_{t+1} + a), each part its visible units.
  RunParts([&](size_t part) {
    const UnitRange units = PartOf(v, part, parts());
    kernels_->masked_vector_sum(rows_.data() + units.begin, row_stride_, hidden_list_.data(),
                                active, units.size(), visible_sum_.data() + units.begin);
    kernels_->threshold_pack(visible_sum_.data() + units.begin, input_bias_.data() + units.begin,
                             units.size(), reconstruction_.words() + units.begin / 64);
  });

  StepStats stats;
  stats.active = static_cast<uint32_t>(active);
  const size_t nonzero = ListErrors(visible_, reconstruction_, m, config_.rate_input,
                                    config_.rate_hidden, delta_index_.data(),
                                    delta_value_.data(), stats);
  if (!state_error_count_.empty()) AdaptStateRates(nonzero);
  if (learning_.freeze_weights) {  // the control: eq. 5 only
    RunParts([&](size_t part) {
      const UnitRange units = PartOf(n, part, parts());
      kernels_->bias_drift(hidden_bias_.data() + units.begin,
                           next_state_.words() + units.begin / 64, units.size(), bias_delta_on_,
                           bias_delta_off_);
    });
    return stats;
  }

  // Eq. 3: W += u (r * e)^T, u = h_{t+1} (delta rule) or h_t (as printed).
  const uint32_t* row_list = hidden_list_.data();
  size_t row_count = active;
  if (config_.update_rows == UpdateRows::kPrevious) {
    row_list = previous_list_.data();
    row_count = ListSetBits(state_.words(), state_.num_words(), 0, previous_list_.data());
  }
  RunParts([&](size_t part) {
    // Each part updates what it sums in the next step, so no weight moves
    // between cores: its hidden units' slice of every column (eq. 1) and its
    // visible units' slice of every row (eq. 2); and their biases.
    const UnitRange units = PartOf(n, part, parts());
    const UnitRange rows = ListedIn(row_list, row_count, units);
    // Unit i of the part is begin + i; the first part needs no shifted copy.
    const uint32_t* local = row_list + rows.begin;
    if (units.begin != 0) {
      uint32_t* shifted = shifted_list_.data() + rows.begin;
      for (size_t r = rows.begin; r < rows.end; ++r) {
        shifted[r - rows.begin] = row_list[r] - static_cast<uint32_t>(units.begin);
      }
      local = shifted;
    }
    const kernels::SparseDeltas deltas = {delta_index_.data(), delta_value_.data(), nonzero};
    kernels_->add_to_columns(columns_.data() + units.begin, column_stride_, units.size(),
                             {local, rows.size()}, deltas, update_lanes_.data() + units.begin);
    // Eq. 5: b += r_h (d - h_{t+1}).
    kernels_->bias_drift(hidden_bias_.data() + units.begin, next_state_.words() + units.begin / 64,
                         units.size(), bias_delta_on_, bias_delta_off_);

    const UnitRange columns = ListedIn(delta_index_.data(), nonzero, PartOf(v, part, parts()));
    const kernels::SparseDeltas own = {delta_index_.data() + columns.begin,
                                       delta_value_.data() + columns.begin, columns.size()};
    kernels::AddDeltasToRows(rows_.data(), row_stride_, {row_list, row_count}, own);
    // Eq. 4: a += r * e.
    for (size_t k = 0; k < own.count; ++k) input_bias_[own.index[k]] += own.delta[k];
  });
  return stats;
}

}  // namespace bitstate
