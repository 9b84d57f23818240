// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The paper's protocol as building blocks: unsupervised training on rows of
// symbols, pooled-state features with learning off, a ridge classifier on
// them, and the symbol-frequency baseline through the same classifier.
#ifndef BITSTATE_PIPELINE_H_
#define BITSTATE_PIPELINE_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/pipeline.h belongs to the full library, not to bitstate_inference"
#endif

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "bitstate/dataset.h"
#include "bitstate/feature_scaling.h"
#include "bitstate/features.h"
#include "bitstate/learning_options.h"
#include "bitstate/model.h"
#include "bitstate/ridge_classifier.h"

namespace bitstate {

// Called now and then with the phase name and steps done / total.
using ProgressFn = std::function<void(const char* phase, size_t done, size_t total)>;

// Per-step reconstruction errors of a training run (the paper's Fig. 2).
struct TrainingCurve {
  std::vector<uint32_t> input_error;
  std::vector<uint32_t> state_error;
};

// The mean of a per-step error curve over its first / last tenth (at least
// one step): where training started and how far it got (the "late error").
// -1 for an empty curve.
double EarlyMean(const std::vector<uint32_t>& errors);
double LateMean(const std::vector<uint32_t>& errors);

double SecondsSince(std::chrono::steady_clock::time_point start);

// Runs task(k) for every k < count, each once, on up to `threads` threads
// (the caller's among them). After all have stopped, the first exception a
// task threw is rethrown.
void RunConcurrently(size_t count, size_t threads, const std::function<void(size_t)>& task);

size_t CountSteps(const Dataset& rows);
std::vector<int> Labels(const Dataset& rows);

// Trains on every symbol of every row, in order. The state carries over from
// row to row unless reset_per_row.
void TrainUnsupervised(SequenceModel& model, const Dataset& rows, bool reset_per_row,
                       TrainingCurve* curve, const ProgressFn& progress = {});

// One feature row per sequence, learning off, state carried over (or reset).
// With `final_state`, the final-state features of the same pass go there too.
FeatureMatrix ComputeStateFeatures(SequenceModel& model, const Dataset& rows, Pooling pooling,
                                   bool reset_per_row, const ProgressFn& progress = {},
                                   FeatureMatrix* final_state = nullptr);

FeatureMatrix ComputeFrequencyFeatures(const Dataset& rows, size_t num_symbols);

// How a feature pass on several threads (parallel_features.h) ran and what
// it recomputed.
enum class FeaturePath { kSequential, kSegments, kStepThreads, kBatched };
const char* FeaturePathName(FeaturePath path);

struct FeaturePassStats {
  FeaturePath path = FeaturePath::kSequential;
  size_t step_threads = 1;  // threads each step was split over (kStepThreads, fix-ups)
  size_t batch_streams = 1;  // streams stepped together per thread (kBatched)
  size_t probe_steps = 0;   // steps of each probe run; 0: no probe
  size_t segments = 1;
  size_t steps = 0;             // of the rows
  size_t recomputed_steps = 0;  // run again from the true state
  size_t unmet_segments = 0;    // recomputed whole: the runs never met
  // Per segment that met: after how many of its steps the true run and the
  // guessed run were in the same state (the rest of that row is recomputed
  // too).
  std::vector<size_t> meeting_steps;
};

struct PipelineOptions {
  ModelConfig model;
  LearningOptions learning;  // the convergence proposals; off: the paper's model
  Pooling pooling = Pooling::kMean;
  bool reset_per_row = false;
  double alpha = 1.0;
  // k >= 2: the ridge penalty of each classifier chosen by k-fold
  // cross-validation on the classifier rows (ridge_cross_validation.h), for
  // the state features from alpha_grid (empty: DefaultAlphaGrid), for the
  // baseline and the peer from DefaultAlphaGrid; 0: `alpha`.
  size_t alpha_folds = 0;
  std::vector<double> alpha_grid;
  // Of the state features (pooled and final) before their ridge, fit on the
  // classifier rows (feature_scaling.h); the baseline and peer: none.
  FeatureScaling feature_scaling = FeatureScaling::kNone;
  size_t classes = 4;
  // Independent models (EnsembleMember seeds) trained on the same rows, their
  // pooled features joined side by side for the classifier; 1: the paper.
  size_t models = 1;
  // Mixed ensembles: member k takes member_densities[k % D] and
  // member_carries[(k / D) % C] (D, C: the lists' lengths; an empty list:
  // model.density or model.carry for all), so that models, a multiple of
  // D x C, hold every pair equally often.
  std::vector<float> member_densities, member_carries;
  // Threads of one trial: the training steps are split over
  // StepThreadsFor(n, threads) of them (step_threads.h), the feature passes
  // over all of them (parallel_features.h); every result stays bit for bit
  // the same.
  size_t threads = 1;
  // The character n-gram peer (ngram_features.h) through the same ridge on
  // the same rows, with this many hash buckets; 0: not run.
  size_t ngram_buckets = 0;
  // 0: float32 weights; k in 1..16: trained with k-bit integer weights from
  // the start (QuantizedModel, block scales, stochastic rounding), the
  // paper's proposals off.
  unsigned train_bits = 0;
};

struct PipelineResult {
  double model_accuracy = 0, baseline_accuracy = 0;
  // Pooling other than final: the same models and pass, pooled by the final state
  // (the paper reports this is much worse); -1 when not measured.
  double final_state_accuracy = -1;
  // The character 1-3-gram peer; -1 when not run (ngram_buckets = 0).
  double ngram_accuracy = -1;
  double ngram_seconds = 0;
  // The ridge penalty each classifier used (chosen, with alpha_folds).
  double model_alpha = 0, final_state_alpha = 0, baseline_alpha = 0, ngram_alpha = 0;
  TrainingCurve curve;  // of the first model
  size_t train_steps = 0, feature_steps = 0;
  double train_seconds = 0, feature_seconds = 0, classifier_seconds = 0, baseline_seconds = 0;
  FeaturePassStats feature_pass;  // both passes (classifier rows, test rows) together
  size_t train_threads = 1;       // threads each training step was split over
};

// Member k of an ensemble: the model's own seed for k = 0, a derived one
// otherwise, its density and carry from the member lists (the model's when
// they are empty), every other option the model's.
constexpr uint64_t kEnsembleSeedStream = 0x656e73656d626c65;  // "ensemble"
ModelConfig EnsembleMember(const PipelineOptions& options, size_t k);

// Train on `unsupervised`, then featurise `classifier_rows` followed by
// `test_rows` (state never reset unless asked), fit on the former, score on
// the latter; the same for the frequency baseline.
PipelineResult RunPipeline(const Dataset& unsupervised, const Dataset& classifier_rows,
                           const Dataset& test_rows, const PipelineOptions& options,
                           const ProgressFn& progress = {});

}  // namespace bitstate

#endif  // BITSTATE_PIPELINE_H_
