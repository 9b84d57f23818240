// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/commands.h"

namespace bitstate {
namespace cli {

const char* const kModelOptionsHelp =
    "  --hidden N          state bits n\n"
    "  --rate-input R      r_x (default 0.01)\n"
    "  --rate-hidden R     r_h (default 1e-6)\n"
    "  --density D         target density d in (0, 1) (default 0.1)\n"
    "  --init-range R      initial values ~ U[-R, R) (default 1/(m+n))\n"
    "  --seed S            seed of the initial values\n"
    "  --update-rows next|previous  reading of eq. 3 (default next)\n";

ModelConfig ParseModelOptions(Args& args, const ModelConfig& defaults) {
  ModelConfig config = defaults;
  config.hidden = static_cast<size_t>(args.Int("hidden", static_cast<int64_t>(defaults.hidden), 1,
                                               static_cast<int64_t>(kMaxDimension)));
  config.rate_input = static_cast<float>(args.Real("rate-input", defaults.rate_input, 0, 1e6));
  config.rate_hidden = static_cast<float>(args.Real("rate-hidden", defaults.rate_hidden, 0, 1e6));
  config.density = static_cast<float>(args.Real("density", defaults.density, 0, 1));
  config.init_range = static_cast<float>(args.Real("init-range", defaults.init_range, 0, 1e6));
  config.seed = args.Seed("seed", defaults.seed);
  config.update_rows = ParseUpdateRows(args.String("update-rows", UpdateRowsName(defaults.update_rows)));
  config.Validate();
  return config;
}

}  // namespace cli
}  // namespace bitstate
