// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/quantized_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "bitstate/error.h"
#include "bitstate/random.h"
#include "core/int_forward_step.h"
#include "kernels/int_kernel_table.h"
#include "core/step_helpers.h"
#include "kernels/stochastic_rounding.h"

namespace bitstate {
namespace {

// Noise rows of the biases (weight rows are < kMaxDimension).
constexpr uint32_t kInputBiasRow = 0xFFFFFFFFu;
constexpr uint32_t kHiddenBiasRow = 0xFFFFFFFEu;
// Streams of DeriveSeed(config.seed, .) for the rounding noise.
constexpr uint64_t kTrainingNoiseStream = 0x51A7E0;
constexpr uint64_t kInitNoiseStream = 0x51A7E1;

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

// A change of `steps` grid steps in 2^-24 fixed point, kept far from int64's
// edge (|result| <= 2^62; no change that large is meaningful).
int64_t ToFixedPoint(double steps) {
  const double limit = std::ldexp(1.0, 62 - kFractionBits);
  return std::llround(std::ldexp(std::max(-limit, std::min(limit, steps)), kFractionBits));
}

// A value (in steps) rounded stochastically onto the levels of a k-bit grid.
int32_t RoundStochasticallyToLevel(double steps, uint32_t noise, unsigned bits) {
  const int32_t limit = MaxLevel(bits);
  const double bounded = std::max(-2.0 * limit, std::min(2.0 * limit, steps));
  // Binary levels are odd (-1, +1): start from -1 and move up by steps + 1.
  if (bits == 1) return AddRounded(-1, ToFixedPoint(bounded + 1.0), noise, 2, 1);
  return AddRounded(0, ToFixedPoint(bounded), noise, 1, limit);
}

int32_t RoundStochasticallyToBias(double steps, uint32_t noise) {
  const double limit = kBiasLimit;
  return AddRounded(0, ToFixedPoint(std::max(-limit, std::min(limit, steps))), noise, 1,
                    kBiasLimit);
}

int32_t ToMultiplier(double ratio) {
  return static_cast<int32_t>(std::max(1.0, std::min(ratio, double{kBiasLimit})));
}

const kernels::IntKernelTable* SelectIntKernels(KernelEngine engine) {
  switch (engine) {
    case KernelEngine::kSimd: return &kernels::DispatchedIntKernels();
    case KernelEngine::kScalarReference: return &kernels::ScalarReferenceIntKernels();
    case KernelEngine::kXsimd: break;
  }
  throw Error("QuantizedModel: integer weights run on the Highway or scalar kernels only "
              "(the xsimd backend has float kernels)");
}

}  // namespace

QuantizedModel::QuantizedModel(const ModelConfig& config, unsigned bits,
                               ScaleGranularity granularity, KernelEngine engine, bool trainable)
    : config_(config),
      bits_(bits),
      granularity_(granularity),
      kernels_(SelectIntKernels(engine)),
      trainable_(trainable) {
  config_.Validate();
  CheckWeightBits(bits);
  CheckAccumulatorBound();  // with K = 1, before allocating; again once K is known
  const size_t m = inputs(), n = hidden(), v = visible();
  const bool narrow = StoredInInt8(bits);
  column_stride_ = narrow ? PaddedLength<int8_t>(n) : PaddedLength<int16_t>(n);
  row_stride_ = narrow ? PaddedLength<int8_t>(v) : PaddedLength<int16_t>(v);
  if (narrow) {
    columns8_ = AlignedBuffer<int8_t>(v * column_stride_);
    if (trainable) rows8_ = AlignedBuffer<int8_t>(n * row_stride_);
  } else {
    columns16_ = AlignedBuffer<int16_t>(v * column_stride_);
    if (trainable) rows16_ = AlignedBuffer<int16_t>(n * row_stride_);
  }
  state_step_.assign(n, 1.0);
  input_multiplier_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(n));
  hidden_bias_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(n));
  input_bias_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(v));
  for (size_t i = 0; i < n; ++i) input_multiplier_[i] = 1;
  state_ = BitVector(n);

  input_ = BitVector(m);
  next_state_ = BitVector(n);
  list_ = AlignedBuffer<uint32_t>(v);
  hidden_list_ = AlignedBuffer<uint32_t>(n);
  hidden_sum_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(n));
  if (!trainable) return;
  visible_ = BitVector(v);
  reconstruction_ = BitVector(v);
  previous_list_ = AlignedBuffer<uint32_t>(n);
  delta_index_ = AlignedBuffer<uint32_t>(v);
  delta_units_.resize(v);
  delta_whole_.resize(v);
  delta_fraction_.resize(v);
  noise_ = AlignedBuffer<uint32_t>(std::max(v, n));
  unit_index_ = AlignedBuffer<uint32_t>(n);
  for (size_t i = 0; i < n; ++i) unit_index_[i] = static_cast<uint32_t>(i);
  visible_sum_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(v));
}

QuantizedModel QuantizedModel::Quantize(const Model& model, const QuantizationOptions& options,
                                        KernelEngine engine) {
  QuantizedModel q(model.config(), options.bits, options.granularity, engine, false);
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
  return q;
}

QuantizedModel::QuantizedModel(const ModelConfig& config, const IntegerTrainingOptions& options,
                               KernelEngine engine)
    : QuantizedModel(config, options.bits, options.granularity, engine, true) {
  if (granularity_ == ScaleGranularity::kRow) {
    throw Error("integer training: granularity must be 'tensor' or 'block' (eq. 2 sums a "
                "column of W over rows, which needs one grid step per column)");
  }
  if (!(options.state_range >= 0) || !(options.input_range >= 0) ||
      !std::isfinite(options.state_range) || !std::isfinite(options.input_range)) {
    throw Error("integer training: state_range and input_range must be finite and >= 0 "
                "(0 = default)");
  }
  const double init = config_.EffectiveInitRange();
  const double state_range = options.state_range > 0 ? options.state_range : 2.0 * init;
  const double input_range =
      options.input_range > 0 ? options.input_range : 5.0 * config_.rate_input;
  const int32_t top = MaxLevel(bits_);
  double step = state_range / top;
  int32_t multiplier = ToMultiplier(std::round(input_range / state_range));
  if (granularity_ == ScaleGranularity::kTensor) {
    step = std::max(state_range, input_range) / top;
    multiplier = 1;
  }
  std::fill(state_step_.begin(), state_step_.end(), step);
  for (size_t i = 0; i < hidden(); ++i) input_multiplier_[i] = multiplier;
  any_multiplier_ = multiplier != 1;
  CheckAccumulatorBound();

  // The float initial values of Model(config), same draws and order, each
  // rounded stochastically (unbiased: the grid may be coarser than them).
  const uint64_t init_key = DeriveSeed(config_.seed, kInitNoiseStream);
  Rng rng(config_.seed);
  const float range = config_.EffectiveInitRange();
  const size_t n = hidden(), v = visible();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < v; ++j) {
      const double w = rng.UniformSymmetric(range);
      SetLevel(i, j, RoundStochasticallyToLevel(w / this->step(i, j),
                                                RoundingNoise(init_key, 0, uint32_t(i), uint32_t(j)),
                                                bits_));
    }
  }
  for (size_t j = 0; j < v; ++j) {
    const double a = rng.UniformSymmetric(range);
    input_bias_[j] = RoundStochasticallyToBias(a / this->step(0, j),
                                               RoundingNoise(init_key, 0, kInputBiasRow, uint32_t(j)));
  }
  for (size_t i = 0; i < n; ++i) {
    const double b = rng.UniformSymmetric(range);
    hidden_bias_[i] = RoundStochasticallyToBias(
        b / step, RoundingNoise(init_key, 0, kHiddenBiasRow, uint32_t(i)));
  }
  noise_key_ = DeriveSeed(config_.seed, kTrainingNoiseStream);
  SetTrainingDeltas();
}

void QuantizedModel::SetTrainingDeltas() {
  rate_units_.resize(visible());
  for (size_t j = 0; j < visible(); ++j) {
    const double rate = j < inputs() ? config_.rate_input : config_.rate_hidden;
    rate_units_[j] = ToFixedPoint(rate / step(0, j));
  }
  const double s = state_step_[0];
  bias_units_on_ = ToFixedPoint(double{config_.rate_hidden} * (double{config_.density} - 1.0) / s);
  bias_units_off_ = ToFixedPoint(double{config_.rate_hidden} * config_.density / s);
}

// No int32 sum overflows (proof at IntegerSumBound); the forward bound
// covers the reconstruction's, which is the same with K = 0.
void QuantizedModel::CheckAccumulatorBound() const {
  uint64_t multiplier = 1;
  for (size_t i = 0; i < input_multiplier_.size(); ++i) {
    multiplier = std::max<uint64_t>(multiplier, static_cast<uint64_t>(input_multiplier_[i]));
  }
  if (!IntegerSumsFit(bits_, inputs(), hidden(), multiplier)) {
    throw Error("QuantizedModel: int32 sums could overflow for m = " + std::to_string(inputs()) +
                ", n = " + std::to_string(hidden()) + ", " + std::to_string(bits_) +
                "-bit weights and input multiplier K = " + std::to_string(multiplier) +
                " (bound " + std::to_string(IntegerSumBound(bits_, inputs(), hidden(), multiplier)) +
                " > INT32_MAX); use fewer bits or a smaller model");
  }
}

const char* QuantizedModel::engine_name() const { return kernels_->target_name; }

int32_t QuantizedModel::level(size_t row, size_t column) const {
  const size_t at = column * column_stride_ + row;
  return StoredInInt8(bits_) ? columns8_[at] : columns16_[at];
}

double QuantizedModel::step(size_t row, size_t column) const {
  return column < inputs() ? state_step_[row] * input_multiplier_[row] : state_step_[row];
}

void QuantizedModel::SetLevel(size_t row, size_t column, int32_t value) {
  const size_t at_column = column * column_stride_ + row, at_row = row * row_stride_ + column;
  if (StoredInInt8(bits_)) {
    columns8_[at_column] = static_cast<int8_t>(value);
    if (trainable_) rows8_[at_row] = static_cast<int8_t>(value);
  } else {
    columns16_[at_column] = static_cast<int16_t>(value);
    if (trainable_) rows16_[at_row] = static_cast<int16_t>(value);
  }
}

size_t QuantizedModel::weight_bytes() const {
  const size_t per_level = StoredInInt8(bits_) ? 1 : 2;
  const size_t multipliers = granularity_ == ScaleGranularity::kRow ? hidden() : 1;
  return hidden() * visible() * per_level + (hidden() + multipliers) * sizeof(int32_t);
}

size_t QuantizedModel::packed_weight_bytes() const {
  const size_t multipliers = granularity_ == ScaleGranularity::kRow ? hidden() : 1;
  return (hidden() * visible() * bits_ + 7) / 8 + (hidden() + multipliers) * sizeof(int32_t);
}

void QuantizedModel::SetState(const BitVector& h) {
  CheckStateSize("QuantizedModel", h, hidden());
  state_ = h;
}

void QuantizedModel::CheckInput(const BitVector& x) const { CheckInputSize("QuantizedModel", x, inputs()); }

void QuantizedModel::CheckSymbol(size_t symbol) const { CheckSymbolRange("QuantizedModel", symbol, inputs()); }

void QuantizedModel::SumRows(const uint32_t* selected, size_t count, int32_t* acc) const {
  if (StoredInInt8(bits_)) {
    kernels_->masked_sum_add_i8(rows8_.data(), row_stride_, selected, count, visible(), acc);
  } else {
    kernels_->masked_sum_add_i16(rows16_.data(), row_stride_, selected, count, visible(), acc);
  }
}

IntForwardWeights QuantizedModel::forward_weights() const {
  const bool narrow = StoredInInt8(bits_);
  return {narrow ? static_cast<const void*>(columns8_.data()) : columns16_.data(), narrow,
          column_stride_, input_multiplier_.data(), any_multiplier_, hidden_bias_.data()};
}

size_t QuantizedModel::Forward(const uint64_t* x) {
  IntForwardStep(*kernels_, forward_weights(), inputs(), hidden(), x, state_.words(),
                 list_.data(), hidden_sum_.data(), next_state_.words());
  return ListSetBits(next_state_.words(), next_state_.num_words(), 0, hidden_list_.data());
}

namespace {

// The rounding noise of one training step.
struct NoiseSource {
  const kernels::IntKernelTable& kernels;
  uint64_t key, step;
  void Fill(kernels::NoiseLine line, uint32_t fixed, const uint32_t* list, size_t count,
            uint32_t* noise) const {
    kernels.rounding_noise(key, step, line, fixed, list, count, noise);
  }
};

// The listed columns' changes of one step, each split once (Split).
struct ColumnChanges {
  const uint32_t* index;
  const int64_t* whole;
  const int64_t* fraction;
  const int64_t* units;  // the unsplit change, for its sign
  size_t count;
};

// Eq. 3 on both layouts of T levels: weight (i, j) for every selected row i
// and listed column j moves by its column's change, rounded with its noise.
// Each layout is updated in its own order (rows, then columns), touching
// each of its cache lines once; both see the same old level, change and
// noise, so they stay equal. Returns the updates lost at the grid's edge.
template <typename T>
uint64_t UpdateLayouts(T* rows, size_t row_stride, T* columns, size_t column_stride,
                       const uint32_t* selected, size_t row_count, const ColumnChanges& changes,
                       const NoiseSource& noise_source, uint32_t* noise, int32_t spacing,
                       int32_t top) {
  uint64_t saturated = 0;
  for (size_t r = 0; r < row_count; ++r) {
    const uint32_t i = selected[r];
    noise_source.Fill(kernels::NoiseLine::kAlongRow, i, changes.index, changes.count, noise);
    T* row = rows + i * row_stride;
    for (size_t k = 0; k < changes.count; ++k) {
      const uint32_t j = changes.index[k];
      const int32_t before = row[j];
      const int32_t after =
          AddSplit(before, {changes.whole[k], changes.fraction[k]}, noise[k], spacing, top);
      // At the edge and pushed outward: the grid lost this update.
      saturated += (before == top && after == top && changes.units[k] > 0) ||
                   (before == -top && after == -top && changes.units[k] < 0);
      row[j] = static_cast<T>(after);
    }
  }
  for (size_t k = 0; k < changes.count; ++k) {
    const uint32_t j = changes.index[k];
    noise_source.Fill(kernels::NoiseLine::kAlongColumn, j, selected, row_count, noise);
    T* column = columns + j * column_stride;
    const SplitChange change = {changes.whole[k], changes.fraction[k]};
    for (size_t r = 0; r < row_count; ++r) {
      T& level = column[selected[r]];
      level = static_cast<T>(AddSplit(level, change, noise[r], spacing, top));
    }
  }
  return saturated;
}

}  // namespace

void QuantizedModel::UpdateWeights(const uint32_t* rows, size_t row_count, size_t deltas) {
  const int32_t spacing = LevelSpacing(bits_), top = MaxLevel(bits_);
  for (size_t k = 0; k < deltas; ++k) {
    const SplitChange change = Split(delta_units_[k], spacing);
    delta_whole_[k] = change.whole;
    delta_fraction_[k] = change.fraction;
  }
  const ColumnChanges changes = {delta_index_.data(), delta_whole_.data(),
                                 delta_fraction_.data(), delta_units_.data(), deltas};
  const NoiseSource noise_source = {*kernels_, noise_key_, steps_};
  if (StoredInInt8(bits_)) {
    saturated_updates_ += UpdateLayouts(rows8_.data(), row_stride_, columns8_.data(),
                                        column_stride_, rows, row_count, changes, noise_source,
                                        noise_.data(), spacing, top);
  } else {
    saturated_updates_ += UpdateLayouts(rows16_.data(), row_stride_, columns16_.data(),
                                        column_stride_, rows, row_count, changes, noise_source,
                                        noise_.data(), spacing, top);
  }
}

StepStats QuantizedModel::LearnAndAdvance(const uint64_t* x, size_t active) {
  const size_t m = inputs(), n = hidden(), v = visible();
  CopyBits(x, m, visible_.words(), 0);
  CopyBits(state_.words(), n, visible_.words(), m);
  // Eq. 2 on integers: x~_j = H(sum of active rows' levels + a_j), column j's step.
  std::memset(visible_sum_.data(), 0, visible_sum_.size() * sizeof(int32_t));
  SumRows(hidden_list_.data(), active, visible_sum_.data());
  kernels_->threshold_pack_i32(visible_sum_.data(), input_bias_.data(), v,
                               reconstruction_.words());

  StepStats stats;
  stats.active = static_cast<uint32_t>(active);
  size_t nonzero = 0;
  ForEachError(visible_.words(), reconstruction_.words(), visible_.num_words(),
               [&](size_t j, bool truth) {
                 delta_index_[nonzero] = static_cast<uint32_t>(j);
                 delta_units_[nonzero] = truth ? rate_units_[j] : -rate_units_[j];
                 ++nonzero;
                 ++(j < m ? stats.input_error : stats.state_error);
               });

  // Eq. 3, u = h_{t+1} or h_t, as in Model.
  if (config_.update_rows == UpdateRows::kNext) {
    UpdateWeights(hidden_list_.data(), active, nonzero);
  } else {
    const size_t count = ListSetBits(state_.words(), state_.num_words(), 0, previous_list_.data());
    UpdateWeights(previous_list_.data(), count, nonzero);
  }
  // Eq. 4 and 5 on int32 biases, rounded the same way.
  kernels_->rounding_noise(noise_key_, steps_, kernels::NoiseLine::kAlongRow, kInputBiasRow,
                           delta_index_.data(), nonzero, noise_.data());
  for (size_t k = 0; k < nonzero; ++k) {
    const uint32_t j = delta_index_[k];
    input_bias_[j] = AddRounded(input_bias_[j], delta_units_[k], noise_[k], 1, kBiasLimit);
  }
  kernels_->rounding_noise(noise_key_, steps_, kernels::NoiseLine::kAlongRow, kHiddenBiasRow,
                           unit_index_.data(), n, noise_.data());
  const SplitChange on = Split(bias_units_on_, 1), off = Split(bias_units_off_, 1);
  for (size_t i = 0; i < n; ++i) {
    const SplitChange& change = next_state_.Get(i) ? on : off;
    hidden_bias_[i] = AddSplit(hidden_bias_[i], change, noise_[i], 1, kBiasLimit);
  }
  ++steps_;
  std::swap(state_, next_state_);
  return stats;
}

StepStats QuantizedModel::TrainStep(const BitVector& x) {
  if (!trainable_) throw Error("QuantizedModel: quantised for inference only, it cannot train");
  CheckInput(x);
  return LearnAndAdvance(x.words(), Forward(x.words()));
}

StepStats QuantizedModel::TrainStepSymbol(size_t symbol) {
  if (!trainable_) throw Error("QuantizedModel: quantised for inference only, it cannot train");
  CheckSymbol(symbol);
  input_.ClearAll();
  input_.Set(symbol, true);
  return LearnAndAdvance(input_.words(), Forward(input_.words()));
}

uint32_t QuantizedModel::InferStep(const BitVector& x) {
  CheckInput(x);
  const size_t active = Forward(x.words());
  std::swap(state_, next_state_);
  return static_cast<uint32_t>(active);
}

uint32_t QuantizedModel::InferStepSymbol(size_t symbol) {
  CheckSymbol(symbol);
  input_.ClearAll();
  input_.Set(symbol, true);
  const size_t active = Forward(input_.words());
  std::swap(state_, next_state_);
  return static_cast<uint32_t>(active);
}

}  // namespace bitstate
