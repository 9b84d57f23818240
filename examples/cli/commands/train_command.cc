// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate train`: unsupervised training on a CSV or text file, one pass,
// saved as a model file (atomically). --resume continues a saved model.
#include <cstdio>
#include <memory>

#include "bitstate/agnews.h"
#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "bitstate/pipeline.h"
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
  ModelOptions model;
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

int RunTrain(const TrainOptions& o) {
  // Every option checked before anything is read.
  const ModelConfig config = TrainModel(o);
  if (o.out.empty()) throw Error("--out MODEL is required");
  CheckSequenceInput(o.input);
  CheckWritableDestination(o.out);
  Model model = o.resume.empty() ? Model(config) : LoadModel(o.resume);
  if (model.inputs() != kTextSymbols) {
    throw Error(o.resume + ": the model has m = " + std::to_string(model.inputs()) +
                ", text needs m = " + std::to_string(kTextSymbols));
  }
  std::string source;
  const Dataset data = ReadSequenceInput(o.input, &source);
  const ModelConfig& c = model.config();
  model.SetStepThreads(TrainThreads(o, c.hidden));
  std::printf(
      "training on %s\nmodel: m=%zu n=%zu d=%g r_x=%g r_h=%g update_rows=%s%s, kernels %s, "
      "steps on %zu thread(s)\n",
      source.c_str(), c.inputs, c.hidden, c.density, c.rate_input, c.rate_hidden,
      UpdateRowsName(c.update_rows),
      o.resume.empty() ? "" : (" (resumed from " + o.resume + ")").c_str(), model.engine_name(),
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
  SaveOptions save;
  save.inference_only = o.inference_only;
  ClassifierHead head;
  if (!o.classifier_csv.empty()) {
    Dataset rows = LoadAgNewsCsv(o.classifier_csv).rows;
    if (o.classifier_rows > 0 && o.classifier_rows < rows.size()) rows.resize(o.classifier_rows);
    const FeatureMatrix features =
        ComputeStateFeatures(model, rows, Pooling::kMean, o.reset_per_row, progress.Callback());
    RidgeClassifier ridge;
    ridge.Fit(features, Labels(rows), kAgNewsClasses, o.alpha);
    head = ridge.ToHead();
    save.head = &head;
    std::printf("classifier head: ridge on %zu rows of %s, training accuracy %.1f %%\n",
                rows.size(), o.classifier_csv.c_str(),
                100 * ridge.Accuracy(features, Labels(rows)));
  }
  SaveModel(model, o.out, save);
  std::printf("saved %s%s\n", o.out.c_str(), o.inference_only ? " (inference-only)" : "");
  return 0;
}

void DeclareTrain(CLI::App& app, TrainOptions& o) {
  app.description("unsupervised training on a CSV or text file, saved as a model file");
  AddSequenceInputOptions(app, o.input);
  AddText(app, "--out", o.out, "MODEL", "model file to write (required)");
  AddText(app, "--resume", o.resume, "MODEL",
          "continue training a saved model (model options ignored)");
  AddFlag(app, "--reset-per-row", o.reset_per_row, "reset the state before every row");
  AddText(app, "--classifier-csv", o.classifier_csv, "FILE",
          "then fit a ridge head on these AG News rows' mean states (state carried over) and "
          "store it in the model");
  AddInt(app, "--classifier-rows", o.classifier_rows, 0, INT64_MAX,
         "only the first N of them (0: all)");
  AddReal(app, "--alpha", o.alpha, 1e-12, 1e12, "ridge penalty");
  AddInt(app, "--threads", o.threads, 0, 1024,
         "threads each training step is split over (0: every core from n = 2048 up, else "
         "1); the model file does not change");
  AddFlag(app, "--inference-only", o.inference_only,
          "mark the file inference-only (loads without the row layout)");
  AddModelOptions(app, o.model, "4000, the paper's", std::to_string(kDefaultInitSeed));
}

Json DescribeTrain(const TrainOptions& o) {
  return Merged(Merged(DescribeSequenceInput(o.input), DescribeModel(TrainModel(o))),
                {{"out", o.out},
                 {"resume", o.resume},
                 {"reset-per-row", o.reset_per_row},
                 {"classifier-csv", o.classifier_csv},
                 {"classifier-rows", o.classifier_rows},
                 {"alpha", o.alpha},
                 {"threads", o.threads},
                 {"inference-only", o.inference_only}});
}

}  // namespace

Command AddTrainCommand(CLI::App& root) {
  return MakeCommand<TrainOptions>(root, "train", DeclareTrain, RunTrain, DescribeTrain);
}

}  // namespace bitstate::cli
