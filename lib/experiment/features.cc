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

constexpr EnumWord<Pooling> kPoolingWords[] = {{Pooling::kMean, "mean"},
                                               {Pooling::kFinal, "final"},
                                               {Pooling::kLateMean, "late-mean"},
                                               {Pooling::kMeanFinal, "mean+final"}};

void FinalState(const uint64_t* h, size_t n, size_t steps, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = steps != 0 && (h[i / 64] >> (i % 64) & 1) ? 1.0f : 0.0f;
}

}  // namespace

const char* PoolingName(Pooling pooling) { return WordOf(pooling, kPoolingWords); }
Pooling ParsePooling(const std::string& text) { return ParseWord(text, kPoolingWords, "pooling"); }

size_t PooledWidth(Pooling pooling, size_t n) { return pooling == Pooling::kMeanFinal ? 2 * n : n; }

void RowPooling::Start(Pooling pooling, size_t row_steps) {
  pooling_ = pooling;
  steps_ = row_steps;
  counting_ = pooling != Pooling::kFinal;
  mean_from_ = pooling == Pooling::kLateMean ? row_steps / 2 : 0;
  if (counting_) std::fill(counts_.begin(), counts_.end(), 0u);
}

void RowPooling::CountRowState(const uint64_t* h) {
  CountActive(h, WordsForBits(counts_.size()), counts_.data());
}

void RowPooling::Finish(const uint64_t* h, float* features, float* final_state) const {
  const size_t n = counts_.size();
  if (counting_) MeanState(counts_.data(), n, steps_ - mean_from_, features);
  if (pooling_ == Pooling::kFinal) FinalState(h, n, steps_, features);
  if (pooling_ == Pooling::kMeanFinal) FinalState(h, n, steps_, features + n);
  if (final_state != nullptr) FinalState(h, n, steps_, final_state);
}

void StateFeatures::Compute(SequenceModel& model, const uint8_t* symbols, size_t count,
                            Pooling pooling, float* out) {
  ComputeRow(model, symbols, count, pooling, out, nullptr);
}

void StateFeatures::ComputeRow(SequenceModel& model, const uint8_t* symbols, size_t count,
                               Pooling pooling, float* features, float* final_state,
                               const StepObserver& after_step) {
  if (pool_.hidden() != model.hidden()) throw Error("StateFeatures: sized for another model");
  pool_.Start(pooling, count);
  for (size_t t = 0; t < count; ++t) {
    model.InferStepSymbol(symbols[t]);
    pool_.Add(t, model.state().words());
    if (after_step) after_step(model.state());
  }
  pool_.Finish(model.state().words(), features, final_state);
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
