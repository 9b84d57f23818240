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
  kMean,       // fraction of the row's steps each neuron was on (the paper)
  kFinal,      // h after the row's last symbol
  kLateMean,   // the mean over the row's second half (steps t >= count / 2)
  kMeanFinal,  // 2n features: the mean, then the final state
};

const char* PoolingName(Pooling pooling);
// "mean", "final", "late-mean" or "mean+final".
Pooling ParsePooling(const std::string& text);
// Features per row for a model of n state bits.
size_t PooledWidth(Pooling pooling, size_t n);

// Sees the state after each step of a row.
using StepObserver = std::function<void(const BitVector& state)>;

// Counts a row's states and writes its pooled features: what every feature
// pass (sequential, segments, batched streams) does per row, so that all
// give the same floats.
class RowPooling {
 public:
  explicit RowPooling(size_t hidden) : counts_(hidden) {}

  size_t hidden() const { return counts_.size(); }
  void Start(Pooling pooling, size_t row_steps);  // before a row of this many steps
  // After step t (0-based) of the row, with the state h it left.
  void Add(size_t t, const uint64_t* h) {
    if (counting_ && t >= mean_from_) CountRowState(h);
  }
  // After the row's last step, h the final state: PooledWidth features to
  // `features`, and the final state to `final_state` if not null.
  void Finish(const uint64_t* h, float* features, float* final_state) const;

 private:
  void CountRowState(const uint64_t* h);
  Pooling pooling_ = Pooling::kMean;
  bool counting_ = false;
  size_t steps_ = 0, mean_from_ = 0;
  std::vector<uint32_t> counts_;
};

class StateFeatures {
 public:
  explicit StateFeatures(size_t hidden) : pool_(hidden) {}

  // Feeds the row to the model (InferStepSymbol, state carried over from
  // before) and writes PooledWidth(pooling, n) features to out. An empty row
  // gives zeros.
  void Compute(SequenceModel& model, const uint8_t* symbols, size_t count, Pooling pooling,
               float* out);
  // One row of a feature pass (ComputeStateFeatures): `features` gets the
  // pooled features and `final_state`, if not null, the final state too.
  // after_step (if set) sees the state after every step.
  void ComputeRow(SequenceModel& model, const uint8_t* symbols, size_t count, Pooling pooling,
                  float* features, float* final_state, const StepObserver& after_step = {});

 private:
  RowPooling pool_;
};

// out[s] = fraction of the row's symbols equal to s, s < num_symbols.
void SymbolFrequencies(const uint8_t* symbols, size_t count, size_t num_symbols,
                       float* out);

}  // namespace bitstate

#endif  // BITSTATE_FEATURES_H_
