// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate sweep-bits`: accuracy against weight bit-width on AG News, for
// post-training quantisation and for integer training (bit_sweep.h), over
// trials with the experiment's seeds and row subsets.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "bitstate/bit_sweep.h"
#include "bitstate/error.h"
#include "bitstate/text_encoder.h"
#include "commands/commands.h"
#include "git_commit.h"
#include "commands/experiment_data.h"
#include "progress.h"
#include "reports/report.h"
#include "reports/sweep_report.h"
#include "reports/sweep_results.h"

namespace bitstate {
namespace cli {
namespace {

const char* const kHelp =
    "usage: bitstate sweep-bits --data DIR [options]\n"
    "Accuracy against weight bits on AG News (default 3 trials): a float-trained model\n"
    "quantised for inference, and models trained with integer weights.\n";
const char* const kSweepHelp =
    "  --bits LIST             widths for quantised inference (default 1,2,3,4,5,6,8,10,12,16)\n"
    "  --granularity LIST      scales of quantised inference: tensor, block, row (default\n"
    "                          block,row)\n"
    "  --step-rule R           steps of quantised inference: maxabs (nothing clips) or mse\n"
    "                          (least squared error, the largest weights clip; default maxabs)\n"
    "  --train-bits LIST       widths for integer training, or none (default as --bits)\n"
    "  --train-granularity G   tensor or block (default block)\n"
    "  --state-range R         integer training: largest state weight (default 2 x init range)\n"
    "  --input-range R         integer training: largest input weight (default 5 x r_x)\n"
    "  --threads N             settings run concurrently (default 1; results do not change)\n"
    "  --float-models DIR      keep each trial's float model in DIR and reuse it when there\n"
    "                          (a later sweep of the same trials skips float training)\n"
    "  --out DIR               where reports go (default sweep-out)\n"
    "  --pooling mean|final    feature pooling (default mean)\n"
    "  --reset-per-row         reset the state before every row\n"
    "  --alpha A               ridge penalty (default 1)\n";

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) items.push_back(item);
  return items;
}

std::vector<unsigned> ParseBitsList(const std::string& text, const char* option) {
  std::vector<unsigned> bits;
  if (text == "none") return bits;
  for (const std::string& item : SplitList(text)) {
    bits.push_back(static_cast<unsigned>(
        ParseInt(item, option, kMinWeightBits, kMaxWeightBits)));
  }
  if (bits.empty()) throw Error(std::string(option) + ": empty list");
  return bits;
}

}  // namespace

int RunSweepBits(Args& args) {
  if (args.Flag("help")) {
    std::printf("%s%s%s%s", kHelp, kExperimentDataHelp, kSweepHelp, kModelOptionsHelp);
    return 0;
  }
  const ExperimentOptions eo = ReadExperimentOptions(args, 3);
  BitSweepOptions options;
  const std::string bits_text = args.String("bits", "1,2,3,4,5,6,8,10,12,16");
  options.quantized_bits = ParseBitsList(bits_text, "--bits");
  options.quantized_granularities.clear();
  const std::string scales_text = args.String("granularity", "block,row");
  for (const std::string& g : SplitList(scales_text)) {
    options.quantized_granularities.push_back(ParseGranularity(g));
  }
  const std::string step_rule_text = args.String("step-rule", "maxabs");
  options.quantized_step_rule = ParseStepRule(step_rule_text);
  const std::string train_bits_text = args.String("train-bits", bits_text);
  const std::string granularity_text = args.String("train-granularity", "block");
  options.training_bits = ParseBitsList(train_bits_text, "--train-bits");
  options.training.granularity = ParseGranularity(granularity_text);
  options.training.state_range = static_cast<float>(args.Real("state-range", 0, 0, 1e6));
  options.training.input_range = static_cast<float>(args.Real("input-range", 0, 0, 1e6));
  options.threads = static_cast<size_t>(args.Int("threads", 1, 1, 256));
  const std::string out_dir = args.String("out", "sweep-out");
  const std::string float_models = args.String("float-models", "");
  PipelineOptions& po = options.pipeline;
  po.pooling = ParsePooling(args.String("pooling", "mean"));
  po.reset_per_row = args.Flag("reset-per-row");
  po.alpha = args.Real("alpha", 1.0, 1e-12, 1e12);
  ModelConfig defaults;
  defaults.inputs = kTextSymbols;
  po.model = ParseModelOptions(args, defaults);
  po.classes = kAgNewsClasses;
  args.Finish();
  if (options.training.granularity == ScaleGranularity::kRow && !options.training_bits.empty()) {
    throw Error("--train-granularity: integer training needs 'tensor' or 'block'");
  }

  const ExperimentData data = LoadExperimentData(eo);
  const ModelConfig& c = po.model;
  std::ostringstream config_json;
  config_json << "{\"protocol\": " << JsonString(data.protocol) << ", \"git_commit\": "
              << JsonString(BITSTATE_GIT_COMMIT) << ", \"data\": " << JsonString(eo.data)
              << ", \"m\": " << c.inputs << ", \"n\": " << c.hidden
              << ", \"rate_input\": " << c.rate_input << ", \"rate_hidden\": " << c.rate_hidden
              << ", \"density\": " << c.density << ", \"reset_per_row\": "
              << (po.reset_per_row ? "true" : "false") << ", \"update_rows\": "
              << JsonString(UpdateRowsName(c.update_rows)) << ", \"pooling\": "
              << JsonString(PoolingName(po.pooling)) << ", \"step_rule\": "
              << JsonString(step_rule_text) << ", \"alpha\": " << po.alpha
              << ", \"run_seed\": " << eo.run_seed << ", \"first_trial\": " << eo.first_trial + 1
              << ", \"state_range\": " << options.training.state_range
              << ", \"input_range\": " << options.training.input_range << "}";
  const JsonValue config = ParseJson(config_json.str(), "sweep configuration");
  std::printf("bitstate sweep-bits: %s\nmodel: m=%zu n=%zu, %zu trials\n", data.protocol.c_str(),
              c.inputs, c.hidden, eo.trials);
  std::fflush(stdout);
  std::filesystem::create_directories(out_dir);

  std::ostringstream reproduce;
  reproduce << "`bitstate sweep-bits --data " << eo.data << " --trials " << eo.trials
            << " --first-trial " << eo.first_trial + 1 << " --seed " << eo.run_seed
            << " --classifier-from " << eo.classifier_from << " --hidden " << c.hidden
            << " --bits " << bits_text << " --granularity " << scales_text << " --step-rule "
            << step_rule_text << " --train-bits "
            << train_bits_text << " --train-granularity " << granularity_text << " --pooling "
            << PoolingName(po.pooling) << (po.reset_per_row ? " --reset-per-row" : "")
            << "` (and the integer-training ranges above, if not the defaults)";
  SweepTrials trials;
  for (size_t t = 0; t < eo.trials; ++t) {
    const size_t trial = eo.first_trial + t;
    const TrialRows rows = MakeTrialRows(data, eo, trial);
    BitSweepOptions trial_options = options;
    trial_options.pipeline.model.seed = rows.seed;
    if (!float_models.empty()) {
      std::filesystem::create_directories(float_models);
      trial_options.float_model_file = float_models + "/float_n" + std::to_string(c.hidden) +
                                       "_seed" + std::to_string(rows.seed) + ".bsm";
    }
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
      WriteSweepReports(out_dir, with_partial, config, config_json.str(), reproduce.str());
    };
    trials.seeds.push_back(rows.seed);
    trials.results.push_back(RunBitSweep(rows.unsupervised, rows.classifier, rows.evaluation,
                                         trial_options, print, progress.Callback()));
    const std::string md =
        WriteSweepReports(out_dir, trials, config, config_json.str(), reproduce.str());
    if (t + 1 == eo.trials) {
      std::printf("\n%s\nreports: %s/table.md, results.json, accuracy_vs_bits.svg\n", md.c_str(),
                  out_dir.c_str());
    }
  }
  return 0;
}

}  // namespace cli
}  // namespace bitstate
