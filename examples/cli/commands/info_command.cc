// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate info`: the build (SIMD target) and, given --model, a model file's
// header and sizes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "bitstate/quantized_model_file.h"
#include "commands/c_array_image.h"
#include "commands/commands.h"
#include "options.h"

namespace bitstate::cli {
namespace {

void PrintConfig(const ModelConfig& c) {
  std::printf("  r_x = %g, r_h = %g, d = %g, init_range = %g, seed = %llu, update_rows = %s\n",
              c.rate_input, c.rate_hidden, c.density, c.init_range,
              static_cast<unsigned long long>(c.seed), UpdateRowsName(c.update_rows));
  if (c.carry != 0.0f) {
    std::printf("  carry lambda = %g (neurons keep their value; integer weights: %u/65536)\n",
                c.carry, CarryUnits(c.carry));
  }
}

// |w| percentiles of the input columns (j < m) and the state columns: what
// a k-bit grid has to cover (docs/precision.md).
void PrintMagnitudes(const Model& model) {
  std::vector<float> input, state;
  for (size_t i = 0; i < model.hidden(); ++i) {
    for (size_t j = 0; j < model.visible(); ++j) {
      (j < model.inputs() ? input : state).push_back(std::fabs(model.weight(i, j)));
    }
  }
  for (auto* block : {&input, &state}) {
    std::sort(block->begin(), block->end());
    const auto at = [&](double q) {
      return (*block)[static_cast<size_t>(q * (block->size() - 1))];
    };
    std::printf("  |W| of the %s columns: median %.3g, p99 %.3g, p99.9 %.3g, max %.3g\n",
                block == &input ? "input" : "state", at(0.5), at(0.99), at(0.999), block->back());
  }
}

int RunInfo(const std::string& path) {
  const Model probe(ModelConfig{1, 1});
  std::printf("bitstate %s, kernels: %s\n", BITSTATE_VERSION, probe.engine_name());
  if (path.empty()) return 0;
  AnyModel loaded;
  if (IsCSourcePath(path)) {  // an array from export-c: its bytes, as the file's
    const std::vector<uint8_t> bytes = ReadCArrayImage(path);
    loaded = DeserializeAnyModel(bytes.data(), bytes.size(), path);
    loaded.file_bytes = bytes.size();
  } else {
    loaded = LoadAnyModel(path);
  }
  if (loaded.float_model) {
    const Model& model = *loaded.float_model;
    std::printf("model %s (%zu bytes)\n  m = %zu, n = %zu, precision float32%s\n", path.c_str(),
                loaded.file_bytes, model.inputs(), model.hidden(),
                model.trainable() ? "" : ", inference-only");
    PrintConfig(model.config());
    std::printf("  active state bits now: %zu\n", model.state().CountSet());
    PrintMagnitudes(model);
    return 0;
  }
  const QuantizedModel& model = *loaded.integer_model;
  std::printf(
      "model %s (%zu bytes)\n  m = %zu, n = %zu, integer weights: %s, %s scales, %s\n"
      "  W + biases %zu bytes; state step (row 0) %g, input multiplier K (row 0) %d\n",
      path.c_str(), loaded.file_bytes, model.inputs(), model.hidden(),
      loaded.precision_name().c_str(), GranularityName(model.granularity()),
      model.trainable() ? "trainable (integer training goes on with train --resume)"
                        : "inference-only",
      model.weight_bytes(), model.step(0, model.inputs()), model.input_multiplier(0));
  PrintConfig(model.config());
  std::printf("  active state bits now: %zu\n", model.state().CountSet());
  return 0;
}

struct InfoOptions {
  std::string model;
};

int RunInfoCommand(const InfoOptions& o) { return RunInfo(o.model); }

void DeclareInfo(CLI::App& app, InfoOptions& o) {
  app.description("build information (version, SIMD target); --model FILE shows a model file");
  AddText(app, "--model", o.model, "FILE",
          "a model file of any precision, or its C array (export-c)");
}

Json DescribeInfo(const InfoOptions& o) { return {{"model", o.model}}; }

}  // namespace

Command AddInfoCommand(CLI::App& root) {
  return MakeCommand<InfoOptions>(root, "info", DeclareInfo, RunInfoCommand, DescribeInfo);
}

}  // namespace bitstate::cli
