// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/model_options.h"

#include "bitstate/text_encoder.h"
#include "options.h"

namespace bitstate::cli {

void AddModelOptions(CLI::App& app, ModelOptions& o, const std::string& hidden_default,
                     const std::string& init_seed_default) {
  o.config.inputs = kTextSymbols;
  AddInt(app, "--hidden", o.hidden, 1, static_cast<int64_t>(kMaxDimension),
         "state bits n (default " + hidden_default + ")");
  AddReal(app, "--rate-input", o.config.rate_input, 0, 1e6, "r_x, learning rate of input columns");
  AddReal(app, "--rate-hidden", o.config.rate_hidden, 0, 1e6, "r_h, learning rate of state columns");
  AddReal(app, "--density", o.config.density, 0, 1, "target density d in (0, 1)");
  AddReal(app, "--init-range", o.config.init_range, 0, 1e6,
          "initial values ~ U[-R, R) (0: 1/(m+n))");
  AddSeed(app, "--init-seed", o.init_seed,
          "seed of the initial values (default " + init_seed_default + ")");
  AddChoice<UpdateRows>(app, "--update-rows", o.config.update_rows, ParseUpdateRows,
                        "next|previous", UpdateRowsName(o.config.update_rows),
                        "reading of eq. 3 (model.md)");
  AddReal(app, "--carry", o.config.carry, 0, 1,
          "lambda of neurons that keep their value: v = max(0, lambda v + W[x, h] + b), h = H(v) "
          "(0: the paper's model; 1: pure integrators; integer weights use lambda rounded to "
          "1/65536)");
}

ModelConfig ResolveModel(const ModelOptions& o, size_t default_hidden, uint64_t default_init_seed) {
  ModelConfig config = o.config;
  config.hidden = o.hidden.value_or(default_hidden);
  config.seed = o.init_seed.value_or(default_init_seed);
  config.Validate();
  return config;
}

Json DescribeModel(const ModelConfig& c) {
  return {{"hidden", c.hidden},
          {"rate-input", FloatForJson(c.rate_input)},
          {"rate-hidden", FloatForJson(c.rate_hidden)},
          {"density", FloatForJson(c.density)},
          {"init-range", FloatForJson(c.init_range)},
          {"init-seed", c.seed},
          {"update-rows", UpdateRowsName(c.update_rows)},
          {"carry", FloatForJson(c.carry)}};
}

void AddLearningOptions(CLI::App& app, LearningOptions& o) {
  AddFlag(app, "--zero-init", o.zero_init,
          "proposal: start W, a and b at zero instead of U[-R, R)");
  AddReal(app, "--adaptive-tau", o.adaptive_tau, 0, 1e30,
          "proposal: per-element adaptive state rates, r_h sqrt(tau / (tau + errors so far)) "
          "(0: off)");
  AddReal(app, "--flip-probability", o.flip_probability, 0, 0.5,
          "proposal: flip each new state bit with this probability in training steps (in "
          "units of 2^-16; 0: off)");
  AddSeed(app, "--flip-seed", o.flip_seed, "seed of the flips (0: derived from the model's seed)");
  AddFlag(app, "--freeze-weights", o.freeze_weights,
          "control: W and a keep their initial values, only eq. 5 (b's density drift) learns");
}

Json DescribeLearning(const LearningOptions& o) {
  return {{"zero-init", o.zero_init},
          {"adaptive-tau", FloatForJson(o.adaptive_tau)},
          {"flip-probability", o.flip_probability},
          {"flip-seed", o.flip_seed},
          {"freeze-weights", o.freeze_weights}};
}

std::string LearningArgs(const LearningOptions& o) {
  return std::string(o.freeze_weights ? "--freeze-weights " : "") +
         (o.zero_init ? "--zero-init " : "") +
         (o.adaptive_tau != 0.0f ? "--adaptive-tau " + NumberText(o.adaptive_tau) + " " : "") +
         (o.flip_probability != 0.0 ? "--flip-probability " + NumberText(o.flip_probability) + " "
                                    : "") +
         (o.flip_seed != 0 ? "--flip-seed " + std::to_string(o.flip_seed) + " " : "");
}

}  // namespace bitstate::cli
