// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate info`: the build (SIMD target) and, given --model, a model file's
// header and sizes.
#include <cstdio>

#include "bitstate/model_file.h"
#include "commands.h"

namespace bitstate {
namespace cli {

int RunInfo(Args& args) {
  const std::string path = args.String("model", "");
  args.Finish();
  const Model probe(ModelConfig{1, 1});
  std::printf("bitstate %s, kernels: %s\n", BITSTATE_VERSION, probe.engine_name());
  if (path.empty()) return 0;
  const Model model = LoadModel(path);
  const ModelConfig& c = model.config();
  std::printf("model %s\n  m = %zu, n = %zu, precision float32\n"
              "  r_x = %g, r_h = %g, d = %g, init_range = %g, seed = %llu, update_rows = %s\n"
              "  active state bits now: %zu\n",
              path.c_str(), c.inputs, c.hidden, c.rate_input, c.rate_hidden, c.density,
              c.init_range, static_cast<unsigned long long>(c.seed),
              UpdateRowsName(c.update_rows), model.state().CountSet());
  return 0;
}

}  // namespace cli
}  // namespace bitstate
