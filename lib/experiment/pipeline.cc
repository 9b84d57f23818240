// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "bitstate/error.h"
#include "bitstate/ngram_features.h"
#include "bitstate/parallel_features.h"
#include "bitstate/quantized_model.h"
#include "bitstate/random.h"
#include "bitstate/ridge_cross_validation.h"
#include "bitstate/step_threads.h"
#include "experiment/progress_ticker.h"

namespace bitstate {
double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

namespace {

double MeanOf(const std::vector<uint32_t>& errors, size_t begin, size_t end) {
  if (end <= begin) return -1;
  double sum = 0;
  for (size_t t = begin; t < end; ++t) sum += errors[t];
  return sum / static_cast<double>(end - begin);
}

size_t Tenth(size_t steps) { return std::max<size_t>(1, steps / 10); }

}  // namespace

double EarlyMean(const std::vector<uint32_t>& errors) {
  return MeanOf(errors, 0, std::min(errors.size(), Tenth(errors.size())));
}

double LateMean(const std::vector<uint32_t>& errors) {
  const size_t steps = errors.size();
  return MeanOf(errors, steps - std::min(steps, Tenth(steps)), steps);
}

void RunConcurrently(size_t count, size_t threads, const std::function<void(size_t)>& task) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  const auto worker = [&] {
    for (size_t k; (k = next++) < count;) {
      try {
        task(k);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < std::min(threads, count); ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
}

size_t CountSteps(const Dataset& rows) {
  size_t steps = 0;
  for (const LabelledSequence& row : rows) steps += row.symbols.size();
  return steps;
}

std::vector<int> Labels(const Dataset& rows) {
  std::vector<int> labels;
  labels.reserve(rows.size());
  for (const LabelledSequence& row : rows) labels.push_back(row.label);
  return labels;
}

void TrainUnsupervised(SequenceModel& model, const Dataset& rows, bool reset_per_row,
                       TrainingCurve* curve, const ProgressFn& progress) {
  const size_t total = CountSteps(rows);
  if (curve != nullptr) {
    curve->input_error.reserve(curve->input_error.size() + total);
    curve->state_error.reserve(curve->state_error.size() + total);
  }
  ProgressTicker ticker(progress, "train", total);
  for (const LabelledSequence& row : rows) {
    if (reset_per_row) model.ResetState();
    for (const uint8_t symbol : row.symbols) {
      const StepStats stats = model.TrainStepSymbol(symbol);
      if (curve != nullptr) {
        curve->input_error.push_back(stats.input_error);
        curve->state_error.push_back(stats.state_error);
      }
    }
    ticker.Add(row.symbols.size());
  }
}

FeatureMatrix ComputeStateFeatures(SequenceModel& model, const Dataset& rows, Pooling pooling,
                                   bool reset_per_row, const ProgressFn& progress,
                                   FeatureMatrix* final_state) {
  FeatureMatrix features(rows.size(), PooledWidth(pooling, model.hidden()));
  if (final_state != nullptr) *final_state = FeatureMatrix(rows.size(), model.hidden());
  StateFeatures pool(model.hidden());
  ProgressTicker ticker(progress, "features", CountSteps(rows));
  for (size_t r = 0; r < rows.size(); ++r) {
    if (reset_per_row) model.ResetState();
    const LabelledSequence& row = rows[r];
    pool.ComputeRow(model, row.symbols.data(), row.symbols.size(), pooling, features.row(r),
                    final_state != nullptr ? final_state->row(r) : nullptr);
    ticker.Add(row.symbols.size());
  }
  return features;
}

FeatureMatrix ComputeFrequencyFeatures(const Dataset& rows, size_t num_symbols) {
  FeatureMatrix features(rows.size(), num_symbols);
  for (size_t r = 0; r < rows.size(); ++r) {
    SymbolFrequencies(rows[r].symbols.data(), rows[r].symbols.size(), num_symbols,
                      features.row(r));
  }
  return features;
}

namespace {

// The model a trial trains: float32, or integer weights from the start.
std::unique_ptr<SequenceModel> TrainingModel(const PipelineOptions& options) {
  if (options.train_bits == 0) return std::make_unique<Model>(options.model, options.learning);
  CheckWeightBits(options.train_bits);
  if (options.learning.any()) {
    throw Error(
        "RunPipeline: the convergence proposals (learning = " + LearningName(options.learning) +
        ") are float training only; integer training (train_bits = " +
        std::to_string(options.train_bits) + ") runs the paper's rule");
  }
  IntegerTrainingOptions training;
  training.bits = options.train_bits;
  return std::make_unique<QuantizedModel>(options.model, training);
}

}  // namespace

ModelConfig EnsembleMember(const PipelineOptions& options, size_t k) {
  ModelConfig member = options.model;
  if (k != 0) member.seed = DeriveSeed(options.model.seed, kEnsembleSeedStream + k);
  const std::vector<float>& densities = options.member_densities;
  const std::vector<float>& carries = options.member_carries;
  if (!densities.empty()) member.density = densities[k % densities.size()];
  if (!carries.empty())
    member.carry = carries[(k / std::max<size_t>(1, densities.size())) % carries.size()];
  return member;
}

namespace {

// Joins the feature matrices of the same rows side by side, in order (one
// model: its matrix, moved, not copied).
FeatureMatrix Concatenated(std::vector<FeatureMatrix>&& parts) {
  if (parts.size() == 1) return std::move(parts[0]);
  size_t cols = 0;
  for (const FeatureMatrix& part : parts) cols += part.cols;
  FeatureMatrix joined(parts[0].rows, cols);
  for (size_t r = 0; r < joined.rows; ++r) {
    float* out = joined.row(r);
    for (const FeatureMatrix& part : parts) out = std::copy_n(part.row(r), part.cols, out);
  }
  return joined;
}

// A ridge classifier with options.alpha, or with the penalty that k-fold
// cross-validation on these rows chose (options.alpha_folds != 0).
RidgeClassifier FitRidge(const FeatureMatrix& features, const std::vector<int>& labels,
                         const PipelineOptions& options, double* alpha) {
  *alpha = options.alpha;
  if (options.alpha_folds != 0) {
    const std::vector<double> grid =
        options.alpha_grid.empty() ? DefaultAlphaGrid() : options.alpha_grid;
    *alpha =
        ChooseAlpha(features, labels, options.classes, grid, options.alpha_folds, options.threads)
            .alpha;
  }
  RidgeClassifier classifier;
  classifier.Fit(features, labels, options.classes, *alpha);
  return classifier;
}

// `scaling` is fit on the fit rows and applied to both (the peers: kNone).
double FitAndScore(FeatureMatrix fit, FeatureMatrix test, const Dataset& fit_rows,
                   const Dataset& test_rows, const PipelineOptions& options, double* alpha,
                   FeatureScaling scaling = FeatureScaling::kNone) {
  const FeatureScaler scaler(scaling, fit);
  scaler.Apply(fit);
  scaler.Apply(test);
  return FitRidge(fit, Labels(fit_rows), options, alpha).Accuracy(test, Labels(test_rows));
}

}  // namespace

PipelineResult RunPipeline(const Dataset& unsupervised, const Dataset& classifier_rows,
                           const Dataset& test_rows, const PipelineOptions& options,
                           const ProgressFn& progress) {
  if (classifier_rows.empty() || test_rows.empty()) {
    throw Error("RunPipeline: the classifier and test sets must not be empty");
  }
  if (options.models == 0) throw Error("RunPipeline: models must be >= 1");
  const size_t pairs = std::max<size_t>(1, options.member_densities.size()) *
                       std::max<size_t>(1, options.member_carries.size());
  if (options.models % pairs != 0) {
    throw Error("RunPipeline: " + std::to_string(options.models) +
                " models do not hold each of the " + std::to_string(pairs) +
                " member density x carry pairs equally often (models must be a multiple of " +
                std::to_string(pairs) + ")");
  }
  // Checked before training, not after it.
  if (options.alpha_folds == 1) {
    throw Error("RunPipeline: alpha_folds = 1: cross-validation needs >= 2 folds (0: alpha)");
  }
  PipelineResult result;
  // Ensemble members train side by side, each on its share of the threads;
  // only the first reports progress and its error curve.
  const size_t side_by_side = std::min(options.models, std::max<size_t>(1, options.threads));
  const size_t member_threads = std::max<size_t>(1, options.threads / side_by_side);
  std::vector<std::unique_ptr<SequenceModel>> members(options.models);
  for (size_t k = 0; k < options.models; ++k) {
    PipelineOptions member = options;
    member.model = EnsembleMember(options, k);
    members[k] = TrainingModel(member);
  }
  const auto progress_of = [&](size_t k) { return k == 0 ? progress : ProgressFn(); };
  auto start = std::chrono::steady_clock::now();
  result.train_threads = StepThreadsFor(members[0]->hidden(), member_threads);
  RunConcurrently(options.models, side_by_side, [&](size_t k) {
    SequenceModel& model = *members[k];
    model.SetStepThreads(result.train_threads);
    TrainUnsupervised(model, unsupervised, options.reset_per_row, k == 0 ? &result.curve : nullptr,
                      progress_of(k));
    model.SetStepThreads(1);  // the feature passes use the threads as segments
  });
  result.train_steps = CountSteps(unsupervised);
  result.train_seconds = SecondsSince(start);

  start = std::chrono::steady_clock::now();
  // Besides the pooled features, the final-state features come free from
  // the same pass.
  const bool final_too = options.pooling != Pooling::kFinal;
  std::vector<FeatureMatrix> fit(options.models), test(options.models), fit_final(options.models),
      test_final(options.models);
  std::vector<FeaturePassStats> passes(options.models);
  RunConcurrently(options.models, side_by_side, [&](size_t k) {
    FeaturePassOptions pass;
    pass.threads = member_threads;
    FeaturePassStats fit_pass, test_pass;
    fit[k] = ComputeStateFeaturesParallel(*members[k], classifier_rows, options.pooling,
                                          options.reset_per_row, pass, progress_of(k),
                                          final_too ? &fit_final[k] : nullptr, &fit_pass);
    test[k] = ComputeStateFeaturesParallel(*members[k], test_rows, options.pooling,
                                           options.reset_per_row, pass, progress_of(k),
                                           final_too ? &test_final[k] : nullptr, &test_pass);
    passes[k] = Combined(fit_pass, test_pass);
  });
  result.feature_pass = passes[0];
  for (size_t k = 1; k < options.models; ++k) {
    result.feature_pass = Combined(result.feature_pass, passes[k]);
  }
  result.feature_steps = CountSteps(classifier_rows) + CountSteps(test_rows);
  result.feature_seconds = SecondsSince(start);

  start = std::chrono::steady_clock::now();
  result.model_accuracy =
      FitAndScore(Concatenated(std::move(fit)), Concatenated(std::move(test)), classifier_rows,
                  test_rows, options, &result.model_alpha, options.feature_scaling);
  result.classifier_seconds = SecondsSince(start);
  if (final_too) {
    result.final_state_accuracy = FitAndScore(
        Concatenated(std::move(fit_final)), Concatenated(std::move(test_final)), classifier_rows,
        test_rows, options, &result.final_state_alpha, options.feature_scaling);
  }

  // The peers' penalties come from the default grid, whatever the model's.
  PipelineOptions peer_options = options;
  peer_options.alpha_grid.clear();
  start = std::chrono::steady_clock::now();
  result.baseline_accuracy =
      FitAndScore(ComputeFrequencyFeatures(classifier_rows, options.model.inputs),
                  ComputeFrequencyFeatures(test_rows, options.model.inputs), classifier_rows,
                  test_rows, peer_options, &result.baseline_alpha);
  result.baseline_seconds = SecondsSince(start);

  if (options.ngram_buckets != 0) {
    start = std::chrono::steady_clock::now();
    NgramFeaturizer ngrams(options.ngram_buckets);
    ngrams.FitIdf(classifier_rows);
    result.ngram_accuracy =
        FitAndScore(ngrams.Transform(classifier_rows), ngrams.Transform(test_rows), classifier_rows,
                    test_rows, peer_options, &result.ngram_alpha);
    result.ngram_seconds = SecondsSince(start);
  }
  return result;
}

}  // namespace bitstate
