// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/bit_sweep.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "bitstate/enum_words.h"
#include "bitstate/error.h"
#include "bitstate/model.h"
#include "bitstate/model_file.h"
#include "bitstate/parallel_features.h"
#include "bitstate/step_threads.h"
#include "bitstate/quantized_model.h"
#include "bitstate/ridge_classifier.h"

namespace bitstate {
namespace {

// Features of both row sets from the model's current state, and the ridge
// classifier fit on the first.
struct Evaluation {
  RidgeClassifier classifier;
  FeatureMatrix test_features;
  double accuracy = 0;
};

Evaluation Evaluate(SequenceModel& model, const Dataset& classifier_rows, const Dataset& test_rows,
                    const PipelineOptions& options, const ProgressFn& progress) {
  Evaluation e;
  FeaturePassOptions pass;
  pass.threads = options.threads;
  const FeatureMatrix fit = ComputeStateFeaturesParallel(model, classifier_rows, options.pooling,
                                                         options.reset_per_row, pass, progress);
  e.test_features = ComputeStateFeaturesParallel(model, test_rows, options.pooling,
                                                 options.reset_per_row, pass, progress);
  e.classifier.Fit(fit, Labels(classifier_rows), options.classes, options.alpha);
  e.accuracy = e.classifier.Accuracy(e.test_features, Labels(test_rows));
  return e;
}

// The float model trained on `unsupervised`, or the one in
// options.float_model_file, which must have been trained with the same
// configuration (the trial's seed included).
Model ReferenceModel(const Dataset& unsupervised, const BitSweepOptions& options,
                     TrainingCurve& curve, const ProgressFn& progress) {
  const ModelConfig& want = options.pipeline.model;
  const std::string& file = options.float_model_file;
  if (file.empty() || !std::filesystem::exists(file)) {
    Model model(want, options.pipeline.learning);
    // Nothing else runs yet: the steps get the sweep's threads where it pays.
    model.SetStepThreads(StepThreadsFor(model.hidden(), options.threads));
    TrainUnsupervised(model, unsupervised, options.pipeline.reset_per_row, &curve, progress);
    model.SetStepThreads(1);
    if (!file.empty()) SaveModel(model, file);
    return model;
  }
  Model model = LoadModel(file);
  const ModelConfig& have = model.config();
  const auto check = [&](const char* field, double theirs, double ours) {
    if (theirs == ours) return;
    char text[160];
    std::snprintf(text, sizeof(text), " = %.7g, the sweep needs %.7g", theirs, ours);
    throw Error(file + ": holds a float model with " + field + text +
                " (another trial or model; use another file)");
  };
  check("m", have.inputs, want.inputs);
  check("n", have.hidden, want.hidden);
  check("r_x", have.rate_input, want.rate_input);
  check("r_h", have.rate_hidden, want.rate_hidden);
  check("d", have.density, want.density);
  check("init range", have.EffectiveInitRange(), want.EffectiveInitRange());
  check("carry lambda", have.carry, want.carry);
  check("update_rows (0 next, 1 previous)", have.update_rows == UpdateRows::kPrevious,
        want.update_rows == UpdateRows::kPrevious);
  if (have.seed != want.seed) {
    throw Error(file + ": holds a float model with seed = " + std::to_string(have.seed) +
                ", the sweep needs " + std::to_string(want.seed) +
                " (another trial or model; use another file)");
  }
  return model;
}

}  // namespace

namespace {

constexpr EnumWord<SweepMethod> kSweepMethodWords[] = {
    {SweepMethod::kFloat, "float"},
    {SweepMethod::kQuantized, "quantised"},
    {SweepMethod::kIntegerTraining, "integer-trained"}};

}  // namespace

const char* SweepMethodName(SweepMethod method) { return WordOf(method, kSweepMethodWords); }
SweepMethod ParseSweepMethod(const std::string& text) {
  return ParseWord(text, kSweepMethodWords, "method");
}

BitSweepResult RunBitSweep(const Dataset& unsupervised, const Dataset& classifier_rows,
                           const Dataset& test_rows, const BitSweepOptions& options,
                           const SweepPointDone& done,
                           const ProgressFn& progress) {
  if (classifier_rows.empty() || test_rows.empty()) {
    throw Error("RunBitSweep: the classifier and test sets must not be empty");
  }
  for (unsigned bits : options.quantized_bits) CheckWeightBits(bits);
  for (unsigned bits : options.training_bits) CheckWeightBits(bits);
  const PipelineOptions& po = options.pipeline;
  BitSweepResult result;
  result.partial = true;
  // The frequency baseline first: cheap, and every partial result has it.
  RidgeClassifier baseline;
  baseline.Fit(ComputeFrequencyFeatures(classifier_rows, po.model.inputs), Labels(classifier_rows),
               po.classes, po.alpha);
  result.baseline_accuracy = baseline.Accuracy(
      ComputeFrequencyFeatures(test_rows, po.model.inputs), Labels(test_rows));

  // The float reference: trained once (or loaded); its weights are what
  // gets quantised.
  auto start = std::chrono::steady_clock::now();
  TrainingCurve curve;
  Model model = ReferenceModel(unsupervised, options, curve, progress);
  // The state training left (bits and, with a carry, potentials): every
  // quantised copy starts its passes from it, as the float model did.
  const BitVector trained_state = model.state();
  const std::vector<float> trained_potentials =
      model.potentials()
          ? std::vector<float>(model.potentials(), model.potentials() + model.hidden())
          : std::vector<float>();
  BitSweepPoint reference;
  reference.final_state_error = LateMean(curve.state_error);
  curve = TrainingCurve();
  const Evaluation float_eval = Evaluate(model, classifier_rows, test_rows, po, progress);
  reference.accuracy = float_eval.accuracy;
  reference.weight_bytes = reference.packed_weight_bytes =
      model.hidden() * model.visible() * sizeof(float) + model.hidden() * sizeof(float);
  reference.seconds = SecondsSince(start);
  std::vector<int> float_classes(test_rows.size());
  for (size_t r = 0; r < test_rows.size(); ++r) {
    float_classes[r] = float_eval.classifier.Predict(float_eval.test_features.row(r));
  }
  result.points.push_back(reference);
  if (done) done(reference, result);

  model.SetState(trained_state);
  for (size_t i = 0; i < trained_potentials.size(); ++i)
    model.SetPotential(i, trained_potentials[i]);
  std::vector<BitSweepPoint> settings;
  for (ScaleGranularity g : options.quantized_granularities) {
    for (unsigned bits : options.quantized_bits) {
      BitSweepPoint p;
      p.method = SweepMethod::kQuantized;
      p.granularity = g;
      p.bits = bits;
      settings.push_back(p);
    }
  }
  for (unsigned bits : options.training_bits) {
    BitSweepPoint p;
    p.method = SweepMethod::kIntegerTraining;
    p.granularity = options.training.granularity;
    p.bits = bits;
    settings.push_back(p);
  }

  // Settings side by side; threads left over split each integer training's
  // steps (large n).
  const size_t side_by_side = std::max<size_t>(1, std::min(settings.size(), options.threads));
  const size_t setting_threads = std::max<size_t>(1, options.threads / side_by_side);
  auto run = [&](BitSweepPoint& p) {
    const auto begin = std::chrono::steady_clock::now();
    const ProgressFn quiet;
    const ProgressFn& report = side_by_side > 1 ? quiet : progress;
    if (p.method == SweepMethod::kQuantized) {
      QuantizedModel q =
          QuantizedModel::Quantize(model, {p.bits, p.granularity, options.quantized_step_rule});
      const Evaluation e = Evaluate(q, classifier_rows, test_rows, po, report);
      p.accuracy = e.accuracy;
      p.float_head_accuracy = float_eval.classifier.Accuracy(e.test_features, Labels(test_rows));
      size_t same = 0;
      for (size_t r = 0; r < test_rows.size(); ++r) {
        same += float_eval.classifier.Predict(e.test_features.row(r)) == float_classes[r];
      }
      p.agreement = static_cast<double>(same) / static_cast<double>(test_rows.size());
      p.weight_bytes = q.weight_bytes();
      p.packed_weight_bytes = q.packed_weight_bytes();
    } else {
      IntegerTrainingOptions training = options.training;
      training.bits = p.bits;
      QuantizedModel q(po.model, training);
      TrainingCurve int_curve;
      q.SetStepThreads(StepThreadsFor(q.hidden(), setting_threads));
      TrainUnsupervised(q, unsupervised, po.reset_per_row, &int_curve, report);
      q.SetStepThreads(1);
      p.final_state_error = LateMean(int_curve.state_error);
      int_curve = TrainingCurve();
      p.accuracy = Evaluate(q, classifier_rows, test_rows, po, report).accuracy;
      p.saturated_updates = q.saturated_updates();
      p.weight_bytes = q.weight_bytes();
      p.packed_weight_bytes = q.packed_weight_bytes();
    }
    p.seconds = SecondsSince(begin);
  };

  std::mutex mutex;
  std::vector<bool> finished(settings.size(), false);
  // The float point and the finished settings, in option order.
  const auto so_far = [&] {
    BitSweepResult partial = result;
    for (size_t k = 0; k < settings.size(); ++k) {
      if (finished[k]) partial.points.push_back(settings[k]);
    }
    return partial;
  };
  RunConcurrently(settings.size(), options.threads, [&](size_t k) {
    run(settings[k]);
    std::lock_guard<std::mutex> lock(mutex);
    finished[k] = true;
    if (done) done(settings[k], so_far());
  });
  result.points.insert(result.points.end(), settings.begin(), settings.end());
  result.partial = false;
  return result;
}

}  // namespace bitstate
