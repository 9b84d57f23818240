// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate train`: unsupervised training on a CSV or text file, one pass,
// saved as a model file (atomically). --resume continues a saved model.
#include <cstdio>
#include <numeric>

#include "bitstate/agnews.h"
#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "bitstate/pipeline.h"
#include "bitstate/text_encoder.h"
#include "commands/commands.h"
#include "progress.h"
#include "commands/sequence_input.h"

namespace bitstate {
namespace cli {

int RunTrain(Args& args) {
  if (args.Flag("help")) {
    std::printf("usage: bitstate train (--csv FILE | --text FILE) --out MODEL [options]\n%s"
                "  --out MODEL         model file to write\n"
                "  --resume MODEL      continue training a saved model (model options ignored)\n"
                "  --reset-per-row     reset the state before every row\n"
                "  --classifier-csv FILE  then fit a ridge head on these AG News rows' mean\n"
                "                      states (state carried over) and store it in the model\n"
                "  --classifier-rows N only the first N of them\n"
                "  --alpha A           ridge penalty (default 1)\n"
                "  --inference-only    mark the file inference-only (loads without the row layout)\n%s",
                kSequenceInputHelp, kModelOptionsHelp);
    return 0;
  }
  const std::string out = args.String("out", "");
  const std::string resume = args.String("resume", "");
  const bool reset_per_row = args.Flag("reset-per-row");
  const std::string classifier_csv = args.String("classifier-csv", "");
  const int64_t classifier_rows = args.Int("classifier-rows", 0, 0, INT64_MAX);
  const double alpha = args.Real("alpha", 1.0, 1e-12, 1e12);
  const bool inference_only = args.Flag("inference-only");
  std::string source;
  const Dataset data = ReadSequenceInput(args, &source);
  ModelConfig defaults;
  defaults.inputs = kTextSymbols;
  const ModelConfig config = ParseModelOptions(args, defaults);
  args.Finish();
  if (out.empty()) throw Error("--out MODEL is required");
  CheckWritableDestination(out);

  Model model = resume.empty() ? Model(config) : LoadModel(resume);
  if (model.inputs() != kTextSymbols) {
    throw Error(resume + ": the model has m = " + std::to_string(model.inputs()) +
                ", text needs m = " + std::to_string(kTextSymbols));
  }
  const ModelConfig& c = model.config();
  std::printf("training on %s\nmodel: m=%zu n=%zu d=%g r_x=%g r_h=%g update_rows=%s%s, kernels %s\n",
              source.c_str(), c.inputs, c.hidden, c.density, c.rate_input, c.rate_hidden,
              UpdateRowsName(c.update_rows), resume.empty() ? "" : (" (resumed from " + resume + ")").c_str(),
              model.engine_name());
  std::fflush(stdout);
  ProgressReporter progress("train");
  TrainingCurve curve;
  TrainUnsupervised(model, data, reset_per_row, &curve, progress.Callback());
  const size_t steps = curve.state_error.size(), tail = std::max<size_t>(steps / 10, 1);
  if (steps > 0) {
    const double state = std::accumulate(curve.state_error.end() - tail, curve.state_error.end(), 0.0) / tail;
    const double input = std::accumulate(curve.input_error.end() - tail, curve.input_error.end(), 0.0) / tail;
    std::printf("%zu steps; over the last tenth: state error %.1f bits/step, input error %.3f\n",
                steps, state, input);
  }
  SaveOptions save;
  save.inference_only = inference_only;
  ClassifierHead head;
  if (!classifier_csv.empty()) {
    Dataset rows = LoadAgNewsCsv(classifier_csv).rows;
    if (classifier_rows > 0 && static_cast<size_t>(classifier_rows) < rows.size()) {
      rows.resize(static_cast<size_t>(classifier_rows));
    }
    const FeatureMatrix features = ComputeStateFeatures(model, rows, Pooling::kMean, reset_per_row,
                                                        progress.Callback());
    RidgeClassifier ridge;
    ridge.Fit(features, Labels(rows), kAgNewsClasses, alpha);
    head = ridge.ToHead();
    save.head = &head;
    std::printf("classifier head: ridge on %zu rows of %s, training accuracy %.1f %%\n", rows.size(),
                classifier_csv.c_str(), 100 * ridge.Accuracy(features, Labels(rows)));
  }
  SaveModel(model, out, save);
  std::printf("saved %s%s\n", out.c_str(), inference_only ? " (inference-only)" : "");
  return 0;
}

}  // namespace cli
}  // namespace bitstate
