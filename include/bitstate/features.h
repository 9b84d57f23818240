// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Feature vectors of a sequence: pooled states of a model run with learning
// off (the paper's features), or symbol frequencies (the baseline).
#ifndef BITSTATE_FEATURES_H_
#define BITSTATE_FEATURES_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/features.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bitstate/sequence_model.h"

namespace bitstate {

enum class Pooling {
  kMean,   // fraction of the row's steps each neuron was on (the paper)
  kFinal,  // h after the row's last symbol
};

const char* PoolingName(Pooling pooling);
Pooling ParsePooling(const std::string& text);  // "mean" or "final"

// Sees the state after each step of a row.
using StepObserver = std::function<void(const BitVector& state)>;

class StateFeatures {
 public:
  explicit StateFeatures(size_t hidden) : counts_(hidden) {}

  // Feeds the row to the model (InferStepSymbol, state carried over from
  // before) and writes n features to out. An empty row gives zeros.
  void Compute(SequenceModel& model, const uint8_t* symbols, size_t count, Pooling pooling,
               float* out);
  // Both poolings from one pass over the row; either output may be null.
  // after_step (if set) sees the state after every step.
  void ComputeMeanAndFinal(SequenceModel& model, const uint8_t* symbols, size_t count, float* mean,
                           float* final_state, const StepObserver& after_step = {});
  // One row of a feature pass (ComputeStateFeatures): `features` gets the
  // pooled features and `final_state`, if not null, the final-state ones too.
  void ComputeRow(SequenceModel& model, const uint8_t* symbols, size_t count, Pooling pooling,
                  float* features, float* final_state, const StepObserver& after_step = {});

 private:
  std::vector<uint32_t> counts_;
};

// out[s] = fraction of the row's symbols equal to s, s < num_symbols.
void SymbolFrequencies(const uint8_t* symbols, size_t count, size_t num_symbols,
                       float* out);

}  // namespace bitstate

#endif  // BITSTATE_FEATURES_H_
