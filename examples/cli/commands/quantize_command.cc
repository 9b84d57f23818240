// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate quantize`: a float32 model file to k-bit integer weights
// (post-training, round to nearest), keeping its state and classifier head.
#include <cstdio>
#include <memory>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/quantized_model_file.h"
#include "commands/commands.h"
#include "options.h"

namespace bitstate::cli {
namespace {

struct QuantizeOptions {
  std::string in, out;
  QuantizationOptions quantization{8, ScaleGranularity::kRow};
};

int RunQuantize(const QuantizeOptions& o) {
  if (o.in.empty() || o.out.empty()) throw Error("--model IN and --out OUT are required");
  CheckWritableDestination(o.out);
  const AnyModel loaded = LoadAnyModel(o.in);
  if (!loaded.float_model) {
    throw Error(o.in + " already holds " + std::to_string(loaded.weight_bits) +
                "-bit integer weights; quantize needs a float32 model file");
  }
  const ClassifierHead& head = loaded.head;
  const QuantizedModel quantized = QuantizedModel::Quantize(*loaded.float_model, o.quantization);
  SaveQuantizedModel(quantized, o.out, head.classes != 0 ? &head : nullptr);
  std::printf("quantised %s to %u-bit weights (%s scales, %s steps): %s, W + biases %zu bytes%s\n",
              o.in.c_str(), o.quantization.bits, GranularityName(o.quantization.granularity),
              StepRuleName(o.quantization.step_rule), o.out.c_str(), quantized.weight_bytes(),
              head.classes != 0 ? ", classifier head kept" : "");
  return 0;
}

void DeclareQuantize(CLI::App& app, QuantizeOptions& o) {
  app.description(
      "post-training quantisation of a float32 model file to k-bit integer weights: an "
      "inference-only file the C API runs with integer kernels");
  QuantizationOptions& q = o.quantization;
  AddText(app, "--model", o.in, "IN", "float32 model file (required)");
  AddText(app, "--out", o.out, "OUT", "integer model file to write (required)");
  app.add_option_function<std::string>(
         "--bits",
         [&o](const std::string& text) {
           o.quantization.bits =
               static_cast<unsigned>(ParseInt(text, "--bits", kMinWeightBits, kMaxWeightBits));
         },
         "weight bits, 1..16 (int8 storage up to 8)")
      ->type_name("K")
      ->default_str(std::to_string(q.bits));
  AddChoice<ScaleGranularity>(app, "--granularity", q.granularity, ParseGranularity,
                              "tensor|block|row", GranularityName(q.granularity), "grid scales");
  AddChoice<StepRule>(app, "--step-rule", q.step_rule, ParseStepRule, "maxabs|mse",
                      StepRuleName(q.step_rule),
                      "maxabs (nothing clips) or mse (least squared error; the largest weights "
                      "clip), for k >= 2");
}

Json DescribeQuantize(const QuantizeOptions& o) {
  const QuantizationOptions& q = o.quantization;
  return Json{{"model", o.in},
              {"out", o.out},
              {"bits", q.bits},
              {"granularity", GranularityName(q.granularity)},
              {"step-rule", StepRuleName(q.step_rule)}};
}

}  // namespace

Command AddQuantizeCommand(CLI::App& root) {
  return MakeCommand<QuantizeOptions>(root, "quantize", DeclareQuantize, RunQuantize,
                                      DescribeQuantize);
}

}  // namespace bitstate::cli
