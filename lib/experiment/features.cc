// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/features.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "bitstate/enum_words.h"
#include "bitstate/error.h"
#include "core/mean_state.h"

namespace bitstate {

namespace {

constexpr EnumWord<Pooling> kPoolingWords[] = {{Pooling::kMean, "mean"}, {Pooling::kFinal, "final"}};

}  // namespace

const char* PoolingName(Pooling pooling) { return WordOf(pooling, kPoolingWords); }
Pooling ParsePooling(const std::string& text) { return ParseWord(text, kPoolingWords, "pooling"); }

void StateFeatures::Compute(SequenceModel& model, const uint8_t* symbols, size_t count,
                            Pooling pooling, float* out) {
  ComputeRow(model, symbols, count, pooling, out, nullptr);
}

void StateFeatures::ComputeMeanAndFinal(SequenceModel& model, const uint8_t* symbols, size_t count,
                                        float* mean, float* final_state,
                                        const StepObserver& after_step) {
  const size_t n = model.hidden();
  if (counts_.size() != n) throw Error("StateFeatures: sized for another model");
  std::fill(counts_.begin(), counts_.end(), 0u);
  for (size_t t = 0; t < count; ++t) {
    model.InferStepSymbol(symbols[t]);
    if (mean != nullptr) CountActive(model.state().words(), model.state().num_words(), counts_.data());
    if (after_step) after_step(model.state());
  }
  if (final_state != nullptr) {
    for (size_t i = 0; i < n; ++i) {
      final_state[i] = count != 0 && model.state().Get(i) ? 1.0f : 0.0f;
    }
  }
  if (mean != nullptr) MeanState(counts_.data(), n, count, mean);
}

void StateFeatures::ComputeRow(SequenceModel& model, const uint8_t* symbols, size_t count,
                               Pooling pooling, float* features, float* final_state,
                               const StepObserver& after_step) {
  const bool mean = pooling == Pooling::kMean;
  ComputeMeanAndFinal(model, symbols, count, mean ? features : nullptr,
                      final_state != nullptr ? final_state : (mean ? nullptr : features), after_step);
  if (!mean && final_state != nullptr) std::copy_n(final_state, model.hidden(), features);
}

void SymbolFrequencies(const uint8_t* symbols, size_t count, size_t num_symbols,
                       float* out) {
  std::fill(out, out + num_symbols, 0.0f);
  for (size_t t = 0; t < count; ++t) {
    if (symbols[t] >= num_symbols) {
      throw Error("SymbolFrequencies: symbol " + std::to_string(symbols[t]) +
                  " is not below " + std::to_string(num_symbols));
    }
    out[symbols[t]] += 1.0f;
  }
  const float scale = count != 0 ? 1.0f / static_cast<float>(count) : 0.0f;
  for (size_t s = 0; s < num_symbols; ++s) out[s] *= scale;
}

}  // namespace bitstate
