// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate sweep-bits`: accuracy against weight bit-width on AG News, for
// post-training quantisation and for integer training (bit_sweep.h), over
// trials with the experiment's seeds and row subsets.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "bitstate/bit_sweep.h"
#include "bitstate/error.h"
#include "commands/commands.h"
#include "commands/experiment_data.h"
#include "git_commit.h"
#include "options.h"
#include "progress.h"
#include "reports/sweep_report.h"
#include "reports/sweep_results.h"

namespace bitstate::cli {
namespace {

struct SweepCommandOptions {
  ExperimentOptions experiment;
  BitSweepOptions sweep;  // bits, granularities, step rule, training, threads
  // The lists as given, for the reproduce line.
  std::string bits_text = "1,2,3,4,5,6,8,10,12,16", granularity_text = "block,row";
  std::string train_bits_text;  // empty: as --bits
  std::string out = "sweep-out";
  std::string float_models;
};

std::vector<unsigned> ParseBitsList(const std::string& text, const std::string& option) {
  std::vector<unsigned> bits;
  if (text == "none") return bits;
  for (const std::string& item : SplitList(text)) {
    bits.push_back(static_cast<unsigned>(ParseInt(item, option, kMinWeightBits, kMaxWeightBits)));
  }
  if (bits.empty()) throw Error(option + ": empty list");
  return bits;
}

std::vector<ScaleGranularity> ParseGranularityList(const std::string& text) {
  std::vector<ScaleGranularity> list;
  for (const std::string& g : SplitList(text)) list.push_back(ParseGranularity(g));
  if (list.empty()) throw Error("empty list");
  return list;
}

// "" for the paper's model, else the proposals in a file name:
// "_zero_tau1000_flip0.001".
std::string LearningSlug(const LearningOptions& l) {
  return std::string(l.freeze_weights ? "_frozen" : "") + (l.zero_init ? "_zero" : "") +
         (l.adaptive_tau != 0.0f ? "_tau" + NumberText(l.adaptive_tau) : "") +
         (l.flip_probability != 0.0 ? "_flip" + NumberText(l.flip_probability) +
                                          (l.flip_seed ? "s" + std::to_string(l.flip_seed) : "")
                                    : "");
}

// The sweep of trial `seed`, as RunSweepBits runs it.
BitSweepOptions TrialSweep(const SweepCommandOptions& o, uint64_t seed, size_t classes) {
  BitSweepOptions trial = o.sweep;
  trial.pipeline = TrialPipeline(o.experiment, seed, classes);
  trial.threads = ThreadsOrCores(o.sweep.threads);
  if (!o.float_models.empty()) {
    trial.float_model_file = o.float_models + "/float_n" +
                             std::to_string(trial.pipeline.model.hidden) + "_seed" +
                             std::to_string(seed) + LearningSlug(trial.pipeline.learning) + ".bsm";
  }
  return trial;
}

void CheckSweepOptions(const SweepCommandOptions& o) {
  CheckExperimentOptions(o.experiment);
  if (o.sweep.training.granularity == ScaleGranularity::kRow && !o.sweep.training_bits.empty()) {
    throw Error("--train-granularity: integer training needs 'tensor' or 'block'");
  }
}

int RunSweepBits(const SweepCommandOptions& o) {
  CheckSweepOptions(o);
  const ExperimentOptions& eo = o.experiment;
  const ExperimentData data = LoadExperimentData(eo);
  const BitSweepOptions shown = TrialSweep(o, TrialSeed(eo, eo.first_trial - 1), data.classes);
  const ModelConfig& c = shown.pipeline.model;
  const PipelineOptions& po = shown.pipeline;
  const Json config = {{"protocol", data.protocol},
                       {"git_commit", BITSTATE_GIT_COMMIT},
                       {"data", eo.data},
                       {"train", data.train_path},
                       {"test", data.test_path},
                       {"unsupervised_csv", eo.unsupervised_csv},
                       {"m", c.inputs},
                       {"n", c.hidden},
                       {"rate_input", FloatForJson(c.rate_input)},
                       {"rate_hidden", FloatForJson(c.rate_hidden)},
                       {"density", FloatForJson(c.density)},
                       {"reset_per_row", po.reset_per_row},
                       {"update_rows", UpdateRowsName(c.update_rows)},
                       {"carry", FloatForJson(c.carry)},
                       {"learning", LearningName(po.learning)},
                       {"pooling", PoolingName(po.pooling)},
                       {"step_rule", StepRuleName(shown.quantized_step_rule)},
                       {"alpha", po.alpha},
                       {"run_seed", eo.run_seed},
                       {"first_trial", eo.first_trial},
                       {"state_range", FloatForJson(shown.training.state_range)},
                       {"input_range", FloatForJson(shown.training.input_range)}};
  std::printf("bitstate sweep-bits: %s\n%s\nmodel: m=%zu n=%zu, %zu trials\n",
              data.protocol.c_str(), DataLine(data, eo).c_str(), c.inputs, c.hidden, eo.trials);
  std::fflush(stdout);
  std::filesystem::create_directories(o.out);
  if (!o.float_models.empty()) std::filesystem::create_directories(o.float_models);

  const std::string reproduce =
      "`bitstate sweep-bits " + ExperimentArgs(eo, c) + " --bits " + o.bits_text +
      " --granularity " + o.granularity_text +
      " --step-rule " + StepRuleName(shown.quantized_step_rule) + " --train-bits " +
      (o.train_bits_text.empty() ? o.bits_text : o.train_bits_text) + " --train-granularity " +
      GranularityName(shown.training.granularity) +
      "` (and the integer-training ranges above, if not the defaults)";
  SweepTrials trials;
  for (size_t t = 0; t < eo.trials; ++t) {
    const size_t trial = eo.first_trial - 1 + t;
    const TrialRows rows = MakeTrialRows(data, eo, trial);
    ProgressReporter progress("trial " + std::to_string(trial + 1), false);
    // Reports after every point, so a long run that stops leaves what it did.
    const auto print = [&](const BitSweepPoint& p, const BitSweepResult& so_far) {
      char agreement[64] = "";
      if (p.agreement >= 0) {
        std::snprintf(agreement, sizeof(agreement), ", same class as float %.2f %%",
                      100 * p.agreement);
      }
      std::printf("trial %zu: %-44s accuracy %6.2f %%%s (%zu bytes, %.0f s)\n", trial + 1,
                  SettingName(p).c_str(), 100 * p.accuracy, agreement, p.weight_bytes, p.seconds);
      std::fflush(stdout);
      SweepTrials with_partial = trials;
      with_partial.seeds.push_back(rows.seed);
      with_partial.results.push_back(so_far);
      WriteSweepReports(o.out, with_partial, config, config, reproduce);
    };
    trials.seeds.push_back(rows.seed);
    trials.results.push_back(RunBitSweep(rows.unsupervised, rows.classifier, rows.evaluation,
                                         TrialSweep(o, rows.seed, data.classes), print,
                                         progress.Callback()));
    const std::string md = WriteSweepReports(o.out, trials, config, config, reproduce);
    if (t + 1 == eo.trials) {
      std::printf("\n%s\nreports: %s/table.md, results.json, accuracy_vs_bits.svg\n", md.c_str(),
                  o.out.c_str());
    }
  }
  return 0;
}

Json BitsJson(const std::vector<unsigned>& bits) { return bits; }

Json GranularitiesJson(const std::vector<ScaleGranularity>& list) {
  Json out = Json::array();
  for (ScaleGranularity g : list) out.push_back(GranularityName(g));
  return out;
}

void DeclareSweepBits(CLI::App& app, SweepCommandOptions& o) {
  app.description(
      "AG News accuracy against weight bits (default 3 trials): a float-trained model "
      "quantised for inference, and models trained with integer weights");
  o.experiment.trials = 3;
  AddExperimentOptions(app, o.experiment);
  BitSweepOptions& s = o.sweep;
  app.add_option_function<std::string>(
         "--bits",
         [&o](const std::string& text) {
           o.sweep.quantized_bits = ParseBitsList(text, "--bits");
           o.bits_text = text;
           if (o.train_bits_text.empty()) o.sweep.training_bits = o.sweep.quantized_bits;
         },
         "widths for quantised inference")
      ->type_name("LIST")
      ->default_str(o.bits_text);
  app.add_option_function<std::string>(
         "--granularity",
         [&o](const std::string& text) {
           ParseAs("--granularity",
                   [&] { o.sweep.quantized_granularities = ParseGranularityList(text); });
           o.granularity_text = text;
         },
         "scales of quantised inference: tensor, block, row")
      ->type_name("LIST")
      ->default_str(o.granularity_text);
  AddChoice<StepRule>(app, "--step-rule", s.quantized_step_rule, ParseStepRule, "maxabs|mse",
                      StepRuleName(s.quantized_step_rule),
                      "steps of quantised inference: maxabs (nothing clips) or mse (least squared "
                      "error, the largest weights clip)");
  app.add_option_function<std::string>(
         "--train-bits",
         [&o](const std::string& text) {
           o.sweep.training_bits = ParseBitsList(text, "--train-bits");
           o.train_bits_text = text;
         },
         "widths for integer training, or none (default as --bits)")
      ->type_name("LIST");
  AddChoice<ScaleGranularity>(app, "--train-granularity", s.training.granularity, ParseGranularity,
                              "tensor|block", "block", "scales of integer training");
  AddReal(app, "--state-range", s.training.state_range, 0, 1e6,
          "integer training: largest state weight (0: 2 x init range)");
  AddReal(app, "--input-range", s.training.input_range, 0, 1e6,
          "integer training: largest input weight (0: 5 x r_x)");
  s.threads = 0;  // every core
  AddInt(app, "--threads", s.threads, 0, 256,
         "threads (0: every core): settings side by side, and the training steps split from "
         "n = 2048 up; results do not change");
  AddText(app, "--float-models", o.float_models, "DIR",
          "keep each trial's float model in DIR and reuse it when there (a later sweep of the "
          "same trials skips float training)");
  AddText(app, "--out", o.out, "DIR", "where reports go");
}

Json DescribeSweepBits(const SweepCommandOptions& o) {
  const BitSweepOptions t = TrialSweep(o, TrialSeed(o.experiment, o.experiment.first_trial - 1), 0);
  return Merged(DescribeExperimentOptions(o.experiment),
                {{"bits", BitsJson(t.quantized_bits)},
                 {"granularity", GranularitiesJson(t.quantized_granularities)},
                 {"step-rule", StepRuleName(t.quantized_step_rule)},
                 {"train-bits", BitsJson(t.training_bits)},
                 {"train-granularity", GranularityName(t.training.granularity)},
                 {"state-range", FloatForJson(t.training.state_range)},
                 {"input-range", FloatForJson(t.training.input_range)},
                 {"threads", o.sweep.threads},
                 {"float-models", t.float_model_file},
                 {"out", o.out}});
}

}  // namespace

Command AddSweepBitsCommand(CLI::App& root) {
  return MakeCommand<SweepCommandOptions>(root, "sweep-bits", DeclareSweepBits, RunSweepBits,
                                          DescribeSweepBits);
}

}  // namespace bitstate::cli
