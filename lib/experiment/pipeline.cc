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

#include "bitstate/error.h"
#include "bitstate/ngram_features.h"
#include "bitstate/parallel_features.h"
#include "bitstate/quantized_model.h"
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
  FeatureMatrix features(rows.size(), model.hidden());
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

PipelineResult RunPipeline(const Dataset& unsupervised, const Dataset& classifier_rows,
                           const Dataset& test_rows, const PipelineOptions& options,
                           const ProgressFn& progress) {
  if (classifier_rows.empty() || test_rows.empty()) {
    throw Error("RunPipeline: the classifier and test sets must not be empty");
  }
  PipelineResult result;
  const std::unique_ptr<SequenceModel> trained = TrainingModel(options);
  SequenceModel& model = *trained;
  auto start = std::chrono::steady_clock::now();
  result.train_threads = StepThreadsFor(model.hidden(), options.threads);
  model.SetStepThreads(result.train_threads);
  TrainUnsupervised(model, unsupervised, options.reset_per_row, &result.curve, progress);
  model.SetStepThreads(1);  // the feature passes use the threads as segments
  result.train_steps = CountSteps(unsupervised);
  result.train_seconds = SecondsSince(start);

  start = std::chrono::steady_clock::now();
  // With mean pooling, the final-state features come free from the same pass.
  const bool both = options.pooling == Pooling::kMean;
  FeatureMatrix fit_final, test_final;
  FeaturePassOptions pass;
  pass.threads = options.threads;
  FeaturePassStats fit_pass, test_pass;
  const FeatureMatrix fit_features =
      ComputeStateFeaturesParallel(model, classifier_rows, options.pooling, options.reset_per_row,
                                   pass, progress, both ? &fit_final : nullptr, &fit_pass);
  const FeatureMatrix test_features =
      ComputeStateFeaturesParallel(model, test_rows, options.pooling, options.reset_per_row, pass,
                                   progress, both ? &test_final : nullptr, &test_pass);
  result.feature_pass = Combined(fit_pass, test_pass);
  result.feature_steps = CountSteps(classifier_rows) + CountSteps(test_rows);
  result.feature_seconds = SecondsSince(start);

  start = std::chrono::steady_clock::now();
  RidgeClassifier classifier;
  classifier.Fit(fit_features, Labels(classifier_rows), options.classes, options.alpha);
  result.model_accuracy = classifier.Accuracy(test_features, Labels(test_rows));
  result.classifier_seconds = SecondsSince(start);
  if (both) {
    RidgeClassifier final_classifier;
    final_classifier.Fit(fit_final, Labels(classifier_rows), options.classes, options.alpha);
    result.final_state_accuracy = final_classifier.Accuracy(test_final, Labels(test_rows));
  }

  start = std::chrono::steady_clock::now();
  RidgeClassifier baseline;
  baseline.Fit(ComputeFrequencyFeatures(classifier_rows, options.model.inputs),
               Labels(classifier_rows), options.classes, options.alpha);
  result.baseline_accuracy = baseline.Accuracy(
      ComputeFrequencyFeatures(test_rows, options.model.inputs), Labels(test_rows));
  result.baseline_seconds = SecondsSince(start);

  if (options.ngram_buckets != 0) {
    start = std::chrono::steady_clock::now();
    NgramFeaturizer ngrams(options.ngram_buckets);
    ngrams.FitIdf(classifier_rows);
    RidgeClassifier peer;
    peer.Fit(ngrams.Transform(classifier_rows), Labels(classifier_rows), options.classes,
             options.alpha);
    result.ngram_accuracy = peer.Accuracy(ngrams.Transform(test_rows), Labels(test_rows));
    result.ngram_seconds = SecondsSince(start);
  }
  return result;
}

}  // namespace bitstate
