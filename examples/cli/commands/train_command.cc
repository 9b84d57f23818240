// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate train`: unsupervised training on a CSV or text file, one pass,
// saved as a model file (atomically). --resume continues a saved model.
#include <cstdio>
#include <memory>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/labelled_text.h"
#include "bitstate/model_file.h"
#include "bitstate/pipeline.h"
#include "bitstate/quantized_model_file.h"
#include "bitstate/step_threads.h"
#include "bitstate/text_encoder.h"
#include "commands/commands.h"
#include "commands/model_options.h"
#include "commands/sequence_input.h"
#include "options.h"
#include "progress.h"

namespace bitstate::cli {
namespace {

struct TrainOptions {
  SequenceInputOptions input;
  std::string out, resume, classifier_csv;
  bool reset_per_row = false, inference_only = false;
  size_t classifier_rows = 0;
  double alpha = 1.0;
  size_t threads = 0;  // 0: every core where it pays (StepThreadsFor)
  size_t bits = 0;  // 0: float32 weights, else integer training at k bits
  ScaleGranularity granularity = ScaleGranularity::kBlock;
  ModelOptions model;
  LearningOptions learning;
};

// The threads each training step is split over: as asked, or (0) every core
// from n = 2048 up.
size_t TrainThreads(const TrainOptions& o, size_t hidden) {
  return o.threads != 0 ? o.threads : StepThreadsFor(hidden, ThreadsOrCores(0));
}

constexpr uint64_t kDefaultInitSeed = 1;

ModelConfig TrainModel(const TrainOptions& o) {
  return ResolveModel(o.model, ModelConfig{}.hidden, kDefaultInitSeed);
}

// The model to train: resumed from a trainable file of any precision, or new
// (float32, or integer levels when --bits is given).
AnyModel ModelToTrain(const TrainOptions& o, const ModelConfig& config) {
  AnyModel any;
  if (!o.resume.empty()) {
    any = LoadAnyModel(o.resume);
    if (!any.trainable()) {
      throw Error(o.resume + ": an inference-only file (" + any.precision_name() +
                  "); only trainable files can be resumed");
    }
  } else if (o.bits != 0) {
    any.weight_bits = static_cast<unsigned>(o.bits);
    any.integer_model.emplace(config, IntegerTrainingOptions{any.weight_bits, o.granularity});
  } else {
    any.float_model.emplace(config, o.learning);
  }
  if (any.float_model && !o.resume.empty()) any.float_model->SetLearningOptions(o.learning);
  return any;
}

int RunTrain(const TrainOptions& o) {
  // Every option checked before anything is read.
  const ModelConfig config = TrainModel(o);
  if (o.out.empty()) throw Error("--out MODEL is required");
  if (o.bits != 0 && !o.resume.empty()) throw Error("--bits: a resumed model keeps its own");
  if (o.model.config.carry != 0.0f && !o.resume.empty()) {
    throw Error("--carry: a resumed model keeps its own");
  }
  o.learning.Validate();
  if (o.learning.zero_init && !o.resume.empty()) {
    throw Error("--zero-init: a resumed model keeps its weights");
  }
  CheckSequenceInput(o.input);
  CheckWritableDestination(o.out);
  AnyModel any = ModelToTrain(o, config);
  if (any.integer_model && o.learning.any()) {
    throw Error(
        "--zero-init, --adaptive-tau, --flip-probability and --freeze-weights train float32 "
        "models only (not --bits or an integer file)");
  }
  SequenceModel& model = any.model();
  if (model.inputs() != kTextSymbols) {
    throw Error(o.resume + ": the model has m = " + std::to_string(model.inputs()) +
                ", text needs m = " + std::to_string(kTextSymbols));
  }
  std::string source;
  const Dataset data = ReadSequenceInput(o.input, &source);
  const ModelConfig& c = any.float_model ? any.float_model->config() : any.integer_model->config();
  model.SetStepThreads(TrainThreads(o, c.hidden));
  std::printf(
      "training on %s\nmodel: m=%zu n=%zu d=%g r_x=%g r_h=%g update_rows=%s carry=%g, learning: "
      "%s, weights: %s%s, kernels %s, steps on %zu thread(s)\n",
      source.c_str(), c.inputs, c.hidden, c.density, c.rate_input, c.rate_hidden,
      UpdateRowsName(c.update_rows), c.carry, LearningName(o.learning).c_str(),
      any.precision_name().c_str(),
      o.resume.empty() ? "" : (" (resumed from " + o.resume + ")").c_str(),
      any.float_model ? any.float_model->engine_name() : any.integer_model->engine_name(),
      model.step_threads());
  std::fflush(stdout);
  ProgressReporter progress("train");
  TrainingCurve curve;
  TrainUnsupervised(model, data, o.reset_per_row, &curve, progress.Callback());
  model.SetStepThreads(1);
  if (!curve.state_error.empty()) {
    std::printf("%zu steps; over the last tenth: state error %.1f bits/step, input error %.3f\n",
                curve.state_error.size(), LateMean(curve.state_error), LateMean(curve.input_error));
  }
  ClassifierHead head;
  if (!o.classifier_csv.empty()) {
    LabelledTextOptions csv;
    csv.skip_malformed = o.input.skip_malformed;
    csv.header = o.input.header;
    const LabelledTextFile file = LoadLabelledText(o.classifier_csv, csv);
    ReportSkippedRows(file, o.classifier_csv);
    Dataset rows = file.rows;
    if (o.classifier_rows > 0 && o.classifier_rows < rows.size()) rows.resize(o.classifier_rows);
    const FeatureMatrix features =
        ComputeStateFeatures(model, rows, Pooling::kMean, o.reset_per_row, progress.Callback());
    RidgeClassifier ridge;
    ridge.Fit(features, Labels(rows), file.classes.size(), o.alpha);
    head = ridge.ToHead();
    std::printf(
        "classifier head: ridge on %zu rows of %s, training accuracy %.1f %%; classes 0..%zu "
        "are %s\n",
        rows.size(), o.classifier_csv.c_str(), 100 * ridge.Accuracy(features, Labels(rows)),
        file.classes.size() - 1, ClassList(file.classes).c_str());
  }
  const ClassifierHead* stored_head = head.classes != 0 ? &head : nullptr;
  if (any.float_model) {
    SaveModel(*any.float_model, o.out, {o.inference_only, stored_head});
  } else {
    SaveQuantizedModel(*any.integer_model, o.out, stored_head, o.inference_only);
  }
  std::printf("saved %s%s\n", o.out.c_str(), o.inference_only ? " (inference-only)" : "");
  return 0;
}

void DeclareTrain(CLI::App& app, TrainOptions& o) {
  app.description("unsupervised training on a CSV or text file, saved as a model file");
  AddSequenceInputOptions(app, o.input);
  AddText(app, "--out", o.out, "MODEL", "model file to write (required)");
  AddText(app, "--resume", o.resume, "MODEL",
          "continue training a saved trainable model, float32 or integer (model options "
          "ignored)");
  AddFlag(app, "--reset-per-row", o.reset_per_row, "reset the state before every row");
  AddText(app, "--classifier-csv", o.classifier_csv, "FILE",
          "then fit a ridge head on these labelled rows' mean states (state carried over) and "
          "store it in the model (its classes, in the order printed, are the head's outputs)");
  AddInt(app, "--classifier-rows", o.classifier_rows, 0, INT64_MAX,
         "only the first N of them (0: all)");
  AddReal(app, "--alpha", o.alpha, 1e-12, 1e12, "ridge penalty");
  AddInt(app, "--threads", o.threads, 0, 1024,
         "threads each training step is split over (0: every core from n = 2048 up, else "
         "1); the model file does not change");
  AddInt(app, "--bits", o.bits, 0, kMaxWeightBits,
         "train with k-bit integer weights from the start (0: float32); the file trains on "
         "with --resume");
  AddChoice<ScaleGranularity>(app, "--granularity", o.granularity, ParseGranularity,
                              "tensor|block", GranularityName(o.granularity),
                              "grid scales of integer training");
  AddFlag(app, "--inference-only", o.inference_only,
          "mark the file inference-only (loads without the row layout)");
  AddModelOptions(app, o.model, "4000, the paper's", std::to_string(kDefaultInitSeed));
  AddLearningOptions(app, o.learning);
}

Json DescribeTrain(const TrainOptions& o) {
  return Merged(Merged(Merged(DescribeSequenceInput(o.input), DescribeModel(TrainModel(o))),
                       DescribeLearning(o.learning)),
                {{"out", o.out},
                 {"resume", o.resume},
                 {"reset-per-row", o.reset_per_row},
                 {"classifier-csv", o.classifier_csv},
                 {"classifier-rows", o.classifier_rows},
                 {"alpha", o.alpha},
                 {"threads", o.threads},
                 {"bits", o.bits},
                 {"granularity", GranularityName(o.granularity)},
                 {"inference-only", o.inference_only}});
}

}  // namespace

Command AddTrainCommand(CLI::App& root) {
  return MakeCommand<TrainOptions>(root, "train", DeclareTrain, RunTrain, DescribeTrain);
}

}  // namespace bitstate::cli
