// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Integer training: eq. 2-5 on k-bit levels and int32 biases, every change
// rounded stochastically (stochastic_rounding.h) so that updates far below
// one grid step still move the weights on average.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "bitstate/quantized_model.h"
#include "bitstate/random.h"
#include "bitstate/unit_range.h"
#include "core/step_helpers.h"
#include "hwy/cache_control.h"
#include "kernels/int_kernel_table.h"
#include "kernels/stochastic_rounding.h"
#include "quant/input_multiplier.h"

namespace bitstate {
namespace {

// Noise rows of the biases (weight rows are < kMaxDimension).
constexpr uint32_t kInputBiasRow = 0xFFFFFFFFu;
constexpr uint32_t kHiddenBiasRow = 0xFFFFFFFEu;
// Streams of DeriveSeed(config.seed, .) for the rounding noise.
constexpr uint64_t kTrainingNoiseStream = 0x51A7E0;
constexpr uint64_t kInitNoiseStream = 0x51A7E1;

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

// The rounding of one training step: RoundedSteps of every weight along a
// row or a column, its noise fused in (kernels' rounding_steps).
struct StepRounding {
  const kernels::IntKernelTable& kernels;
  uint64_t key, step;
  int32_t spacing;
  void AlongRow(uint32_t row, const uint32_t* columns, size_t count, const int32_t* whole,
                const int32_t* fraction, int32_t* steps) const {
    kernels.rounding_steps(key, step, kernels::NoiseLine::kAlongRow, row, columns, count, whole,
                           fraction, 1, spacing, steps);
  }
  void AlongColumn(uint32_t column, const uint32_t* rows, size_t count, const LevelChange& change,
                   int32_t* steps) const {
    kernels.rounding_steps(key, step, kernels::NoiseLine::kAlongColumn, column, rows, count,
                           &change.whole, &change.fraction, 0, spacing, steps);
  }
};

// The listed columns' changes of one step, each split once (Split, ForLevels).
struct ColumnChanges {
  const uint32_t* index;
  const int32_t* whole;
  const int32_t* fraction;
  const int64_t* units;  // the unsplit change, for its sign
  size_t count;
  LevelChange change(size_t k) const { return {whole[k], fraction[k]}; }
};

// Eq. 3 on the row layout of T levels: weight (i, j) for every selected row
// i and listed column j moves by its column's change, rounded with its
// noise. Returns the updates lost at the grid's edge. The column layout
// (below) sees the same old level, change and noise, so both stay equal.
// Each row's touched lines are random reads beyond the L2: the next row's
// are prefetched while this one is updated.
template <typename T>
uint64_t UpdateRowLayout(T* rows, size_t row_stride, const uint32_t* selected, size_t row_count,
                         const ColumnChanges& changes, const StepRounding& rounding, int32_t* steps,
                         int32_t top) {
  uint64_t saturated = 0;
  for (size_t r = 0; r < row_count; ++r) {
    const uint32_t i = selected[r];
    rounding.AlongRow(i, changes.index, changes.count, changes.whole, changes.fraction, steps);
    T* row = rows + i * row_stride;
    const T* next = rows + selected[r + 1 < row_count ? r + 1 : r] * row_stride;
    for (size_t k = 0; k < changes.count; ++k) {
      const uint32_t j = changes.index[k];
      hwy::Prefetch(next + j);
      const int32_t before = row[j];
      // At the edge and pushed outward (a change's steps share its sign):
      // the grid lost this update.
      saturated +=
          (before == top && changes.units[k] > 0) || (before == -top && changes.units[k] < 0);
      row[j] = static_cast<T>(ClampToLevels(before + steps[k], top));
    }
  }
  return saturated;
}

// Eq. 3 on the column layout: column by column, touching each of its cache
// lines once (and prefetching the next column's).
template <typename T>
void UpdateColumnLayout(T* columns, size_t column_stride, const uint32_t* selected,
                        size_t row_count, const ColumnChanges& changes,
                        const StepRounding& rounding, int32_t* steps, int32_t top) {
  for (size_t k = 0; k < changes.count; ++k) {
    const uint32_t j = changes.index[k];
    rounding.AlongColumn(j, selected, row_count, changes.change(k), steps);
    T* column = columns + j * column_stride;
    const T* next = columns + changes.index[k + 1 < changes.count ? k + 1 : k] * column_stride;
    for (size_t r = 0; r < row_count; ++r) {
      hwy::Prefetch(next + selected[r]);
      T& level = column[selected[r]];
      level = static_cast<T>(ClampToLevels(level + steps[r], top));
    }
  }
}

// The changes of the listed columns at positions `range`.
ColumnChanges Within(const ColumnChanges& all, UnitRange range) {
  return {all.index + range.begin, all.whole + range.begin, all.fraction + range.begin,
          all.units + range.begin, range.size()};
}

}  // namespace

QuantizedModel::QuantizedModel(const ModelConfig& config, const IntegerTrainingOptions& options,
                               KernelEngine engine)
    : QuantizedModel(config, options.bits, options.granularity, engine, true,
                     StorageFor(options.bits, false)) {
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
  noise_key_ = TrainingNoiseKey(config_);
  SetTrainingDeltas();
}

uint64_t QuantizedModel::TrainingNoiseKey(const ModelConfig& config) {
  return DeriveSeed(config.seed, kTrainingNoiseStream);
}

void QuantizedModel::SetTrainingDeltas() {
  // Columns j < m share the input step, the others the state step (row 0:
  // training scales are never per row).
  input_rate_units_ = ToFixedPoint(double{config_.rate_input} / step(0, 0));
  state_rate_units_ = ToFixedPoint(double{config_.rate_hidden} / step(0, inputs()));
  const double s = state_step_[0];
  bias_units_on_ = ToFixedPoint(double{config_.rate_hidden} * (double{config_.density} - 1.0) / s);
  bias_units_off_ = ToFixedPoint(double{config_.rate_hidden} * config_.density / s);
}

void QuantizedModel::PrepareParts(size_t parts) {
  if (!trainable_) return;
  noise_ = AlignedBuffer<uint32_t>(parts * noise_stride_);
  part_saturated_.assign(parts, 0);
}

StepStats QuantizedModel::Learn(const uint64_t* x, size_t active) {
  const size_t m = inputs(), n = hidden(), v = visible();
  CopyBits(x, m, visible_.words(), 0);
  CopyBits(state_.words(), n, visible_.words(), m);
  // Eq. 2 on integers: x~_j = H(sum of active rows' levels + a_j), column j's
  // step; each part its visible units.
  RunParts([&](size_t part) {
    const UnitRange units = PartOf(v, part, parts());
    int32_t* sum = visible_sum_.data() + units.begin;
    std::memset(sum, 0, PaddedLength<int32_t>(units.size()) * sizeof(int32_t));
    levels_.Visit([&](const auto& l) {
      MaskedSumAdd(*kernels_, l.rows.data() + units.begin, l.row_stride, hidden_list_.data(),
                   active, units.size(), sum);
    });
    kernels_->threshold_pack_i32(sum, input_bias_.data() + units.begin, units.size(),
                                 reconstruction_.words() + units.begin / 64);
  });

  StepStats stats;
  stats.active = static_cast<uint32_t>(active);
  const size_t nonzero = ListErrors(visible_, reconstruction_, m, input_rate_units_,
                                    state_rate_units_, delta_index_.data(), delta_units_.data(),
                                    stats);

  // Eq. 3, u = h_{t+1} or h_t, as in Model.
  const uint32_t* row_list = hidden_list_.data();
  size_t row_count = active;
  if (config_.update_rows == UpdateRows::kPrevious) {
    row_list = previous_list_.data();
    row_count = ListSetBits(state_.words(), state_.num_words(), 0, previous_list_.data());
  }
  const int32_t spacing = LevelSpacing(bits_), top = MaxLevel(bits_);
  for (size_t k = 0; k < nonzero; ++k) {
    const LevelChange change = ForLevels(Split(delta_units_[k], spacing), top);
    delta_whole_[k] = change.whole;
    delta_fraction_[k] = change.fraction;
  }
  const ColumnChanges changes = {delta_index_.data(), delta_whole_.data(),
                                 delta_fraction_.data(), delta_units_.data(), nonzero};
  const StepRounding rounding = {*kernels_, noise_key_, steps_, spacing};
  const SplitChange on = Split(bias_units_on_, 1), off = Split(bias_units_off_, 1);
  RunParts([&](size_t part) {
    // As in Model: each part updates what it sums in the next step (its
    // hidden units' slice of every column, its visible units' slice of every
    // row) and their biases; every weight sees the same change and noise as
    // on one thread.
    const UnitRange units = PartOf(n, part, parts());
    const UnitRange rows = ListedIn(row_list, row_count, units);
    const ColumnChanges own =
        Within(changes, ListedIn(changes.index, nonzero, PartOf(v, part, parts())));
    uint32_t* noise = noise_.data() + part * noise_stride_;
    int32_t* steps = reinterpret_cast<int32_t*>(noise);
    part_saturated_[part] = levels_.Visit([&](auto& l) {
      UpdateColumnLayout(l.columns.data(), l.column_stride, row_list + rows.begin, rows.size(),
                         changes, rounding, steps, top);
      return UpdateRowLayout(l.rows.data(), l.row_stride, row_list, row_count, own, rounding, steps,
                             top);
    });
    // Eq. 4 and 5 on int32 biases, rounded the same way.
    kernels_->rounding_noise(noise_key_, steps_, kernels::NoiseLine::kAlongRow, kInputBiasRow,
                             own.index, own.count, noise);
    for (size_t k = 0; k < own.count; ++k) {
      const uint32_t j = own.index[k];
      input_bias_[j] = AddRounded(input_bias_[j], own.units[k], noise[k], 1, kBiasLimit);
    }
    kernels_->rounding_noise(noise_key_, steps_, kernels::NoiseLine::kAlongRow, kHiddenBiasRow,
                             unit_index_.data() + units.begin, units.size(), noise);
    for (size_t i = units.begin; i < units.end; ++i) {
      const SplitChange& change = next_state_.Get(i) ? on : off;
      hidden_bias_[i] = AddSplit(hidden_bias_[i], change, noise[i - units.begin], 1, kBiasLimit);
    }
  });
  for (const uint64_t saturated : part_saturated_) saturated_updates_ += saturated;
  ++steps_;
  return stats;
}

}  // namespace bitstate
