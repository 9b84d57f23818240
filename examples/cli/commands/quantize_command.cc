// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate quantize`: a float32 model file to k-bit integer weights
// (post-training, round to nearest), keeping its state and classifier head.
#include <cstdio>

#include "bitstate/error.h"
#include "bitstate/quantized_model_file.h"
#include "commands/commands.h"

namespace bitstate {
namespace cli {

int RunQuantize(Args& args) {
  if (args.Flag("help")) {
    std::printf(
        "usage: bitstate quantize --model IN --out OUT [options]\n"
        "Post-training quantisation of a float32 model file; the result is an\n"
        "inference-only file the C API runs with integer kernels.\n"
        "  --model IN          float32 model file\n"
        "  --out OUT           integer model file to write\n"
        "  --bits K            weight bits, 1..16 (default 8; int8 storage up to 8)\n"
        "  --granularity G     tensor, block or row scales (default row)\n"
        "  --step-rule R       maxabs (nothing clips) or mse (least squared error; the\n"
        "                      largest weights clip), for k >= 2 (default maxabs)\n");
    return 0;
  }
  const std::string in = args.String("model", ""), out = args.String("out", "");
  QuantizationOptions options;
  options.bits = static_cast<unsigned>(args.Int("bits", 8, kMinWeightBits, kMaxWeightBits));
  options.granularity = ParseGranularity(args.String("granularity", "row"));
  options.step_rule = ParseStepRule(args.String("step-rule", "maxabs"));
  args.Finish();
  if (in.empty() || out.empty()) throw Error("--model IN and --out OUT are required");
  const AnyModel loaded = LoadAnyModel(in);
  if (!loaded.float_model) {
    throw Error(in + " already holds " + std::to_string(loaded.weight_bits) +
                "-bit integer weights; quantize needs a float32 model file");
  }
  const ClassifierHead& head = loaded.head;
  const Model& model = *loaded.float_model;
  const QuantizedModel quantized = QuantizedModel::Quantize(model, options);
  SaveQuantizedModel(quantized, out, head.classes != 0 ? &head : nullptr);
  std::printf("quantised %s to %u-bit weights (%s scales, %s steps): %s, W + biases %zu bytes%s\n",
              in.c_str(), options.bits, GranularityName(options.granularity),
              StepRuleName(options.step_rule), out.c_str(),
              quantized.weight_bytes(), head.classes != 0 ? ", classifier head kept" : "");
  return 0;
}

}  // namespace cli
}  // namespace bitstate
