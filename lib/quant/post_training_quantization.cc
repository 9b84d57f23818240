// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Post-training quantisation: a trained float Model onto k-bit levels,
// round to nearest, steps per group (tensor, block or row).
#include <algorithm>
#include <cmath>
#include <vector>

#include "bitstate/quantized_model.h"
#include "core/carry_step.h"
#include "quant/input_multiplier.h"

namespace bitstate {
namespace {

// Absolute values of one group of weights.
struct MagnitudeStats {
  double max_abs = 0, sum_abs = 0;
  size_t count = 0;
  void Add(double w) {
    max_abs = std::max(max_abs, std::fabs(w));
    sum_abs += std::fabs(w);
    ++count;
  }
  void Merge(const MagnitudeStats& other) {
    max_abs = std::max(max_abs, other.max_abs);
    sum_abs += other.sum_abs;
    count += other.count;
  }
  // Grid step for round to nearest: nothing clips (k >= 2), or the
  // least-squares scale of sign(w) (k = 1). 0 for an all-zero group.
  double Step(unsigned bits) const {
    if (bits == 1) return count != 0 ? sum_abs / static_cast<double>(count) : 0.0;
    return max_abs / MaxLevel(bits);
  }
};

// Steps of StepRule::kMinSquaredError, per group of `options.granularity`:
// each row's input and state weights, all input and all state weights
// (block), or all of W (tensor).
void MinSquaredErrorSteps(const Model& model, const QuantizationOptions& options,
                          std::vector<double>& input_steps, std::vector<double>& state_steps) {
  const size_t m = model.inputs(), n = model.hidden(), v = model.visible();
  const auto magnitudes = [&](size_t row_begin, size_t row_end, size_t column_begin,
                              size_t column_end) {
    std::vector<float> out;
    out.reserve((row_end - row_begin) * (column_end - column_begin));
    for (size_t i = row_begin; i < row_end; ++i) {
      for (size_t j = column_begin; j < column_end; ++j) out.push_back(std::fabs(model.weight(i, j)));
    }
    return out;
  };
  const auto step = [&](const std::vector<float>& group) {
    return MinSquaredErrorStep(group.data(), group.size(), options.bits);
  };
  switch (options.granularity) {
    case ScaleGranularity::kRow:
      for (size_t i = 0; i < n; ++i) {
        input_steps[i] = step(magnitudes(i, i + 1, 0, m));
        state_steps[i] = step(magnitudes(i, i + 1, m, v));
      }
      return;
    case ScaleGranularity::kBlock:
      std::fill(input_steps.begin(), input_steps.end(), step(magnitudes(0, n, 0, m)));
      std::fill(state_steps.begin(), state_steps.end(), step(magnitudes(0, n, m, v)));
      return;
    case ScaleGranularity::kTensor: {
      const double all = step(magnitudes(0, n, 0, v));
      std::fill(input_steps.begin(), input_steps.end(), all);
      std::fill(state_steps.begin(), state_steps.end(), all);
      return;
    }
  }
}

int32_t RoundToNearestLevel(double value, unsigned bits) {
  if (bits == 1) return value >= 0 ? 1 : -1;
  const double limit = MaxLevel(bits);
  return static_cast<int32_t>(std::lround(std::max(-limit, std::min(limit, value))));
}

int32_t RoundBias(double value) {
  const double limit = kBiasLimit;
  return static_cast<int32_t>(std::llround(std::max(-limit, std::min(limit, value))));
}

}  // namespace

QuantizedModel QuantizedModel::Quantize(const Model& model, const QuantizationOptions& options,
                                        KernelEngine engine) {
  QuantizedModel q(model.config(), options.bits, options.granularity, engine, false,
                   StorageFor(options.bits, options.packed));
  const size_t m = q.inputs(), n = q.hidden(), v = q.visible();
  std::vector<MagnitudeStats> input_stats(n), state_stats(n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < v; ++j) (j < m ? input_stats : state_stats)[i].Add(model.weight(i, j));
  }
  // Collapse the per-row statistics into the groups that share a step.
  if (options.granularity != ScaleGranularity::kRow) {
    MagnitudeStats all_inputs, all_states;
    for (size_t i = 0; i < n; ++i) {
      all_inputs.Merge(input_stats[i]);
      all_states.Merge(state_stats[i]);
    }
    if (options.granularity == ScaleGranularity::kTensor) {
      all_states.Merge(all_inputs);
      all_inputs = all_states;
    }
    std::fill(input_stats.begin(), input_stats.end(), all_inputs);
    std::fill(state_stats.begin(), state_stats.end(), all_states);
  }
  std::vector<double> input_steps(n), state_steps(n);
  for (size_t i = 0; i < n; ++i) {
    input_steps[i] = input_stats[i].Step(options.bits);
    state_steps[i] = state_stats[i].Step(options.bits);
  }
  if (options.step_rule == StepRule::kMinSquaredError && options.bits >= 2) {
    MinSquaredErrorSteps(model, options, input_steps, state_steps);
  }
  for (size_t i = 0; i < n; ++i) {
    const double input_step = input_steps[i];
    double state_step = state_steps[i];
    if (state_step <= 0) state_step = input_step > 0 ? input_step : 1.0;
    // K rounds up so that no input weight clips beyond its own step's
    // choice (k = 1: nearest).
    const double ratio = input_step / state_step;
    q.input_multiplier_[i] = ToMultiplier(options.bits == 1 ? std::round(ratio) : std::ceil(ratio));
    q.any_multiplier_ |= q.input_multiplier_[i] != 1;
    q.state_step_[i] = state_step;
    for (size_t j = 0; j < v; ++j) {
      q.SetLevel(i, j, RoundToNearestLevel(model.weight(i, j) / q.step(i, j), options.bits));
    }
    q.hidden_bias_[i] = RoundBias(model.hidden_bias(i) / state_step);
  }
  q.CheckAccumulatorBound();
  q.state_ = model.state();
  for (size_t i = 0; i < q.potential_.size(); ++i) {  // v on the row's grid, saturating
    const double level = std::round(model.potentials()[i] / q.state_step_[i]);
    q.potential_[i] = static_cast<int32_t>(std::min<double>(level, kPotentialLimit));
  }
  return q;
}

}  // namespace bitstate
