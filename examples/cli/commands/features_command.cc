// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate features`: per-row feature vectors of a saved model (learning
// off) as CSV: label, then n values.
#include <cstdio>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "bitstate/pipeline.h"
#include "commands/commands.h"
#include "progress.h"
#include "commands/sequence_input.h"

namespace bitstate {
namespace cli {

int RunFeatures(Args& args) {
  if (args.Flag("help")) {
    std::printf("usage: bitstate features --model MODEL (--csv FILE | --text FILE) --out FEATURES.csv\n%s"
                "  --pooling mean|final  mean state over the row (default) or the last state\n"
                "  --reset-per-row     reset the state before every row\n",
                kSequenceInputHelp);
    return 0;
  }
  const std::string model_path = args.String("model", "");
  const std::string out = args.String("out", "");
  const Pooling pooling = ParsePooling(args.String("pooling", "mean"));
  const bool reset_per_row = args.Flag("reset-per-row");
  std::string source;
  const Dataset data = ReadSequenceInput(args, &source);
  args.Finish();
  if (model_path.empty() || out.empty()) throw Error("--model MODEL and --out FILE are required");
  CheckWritableDestination(out);
  Model model = LoadModel(model_path);
  ProgressReporter progress("features");
  const FeatureMatrix features = ComputeStateFeatures(model, data, pooling, reset_per_row,
                                                      progress.Callback());
  AtomicFileWriter writer(out);
  for (size_t r = 0; r < features.rows; ++r) {
    std::fprintf(writer.file(), "%d", data[r].label + 1);
    for (size_t k = 0; k < features.cols; ++k) std::fprintf(writer.file(), ",%.6g", features.row(r)[k]);
    std::fputc('\n', writer.file());
  }
  writer.Commit();
  std::printf("%s: %zu rows x %zu features (%s pooling) from %s\n", out.c_str(), features.rows,
              features.cols, PoolingName(pooling), source.c_str());
  return 0;
}

}  // namespace cli
}  // namespace bitstate
