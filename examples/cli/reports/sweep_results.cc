// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/sweep_results.h"

#include <filesystem>
#include <sstream>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "reports/report.h"

namespace bitstate {
namespace cli {
namespace {

SweepMethod ParseMethod(const JsonValue& v) {
  for (SweepMethod m :
       {SweepMethod::kFloat, SweepMethod::kQuantized, SweepMethod::kIntegerTraining}) {
    if (v.String() == SweepMethodName(m)) return m;
  }
  throw Error(v.where + ": unknown method \"" + v.String() + "\"");
}

BitSweepPoint ParsePoint(const JsonValue& v) {
  BitSweepPoint p;
  p.method = ParseMethod(v.At("method"));
  try {
    p.granularity = ParseGranularity(v.At("granularity").String());
  } catch (const Error& e) {
    throw Error(v.At("granularity").where + ": " + e.what());
  }
  p.bits = static_cast<unsigned>(v.At("bits").Unsigned());
  p.accuracy = v.At("accuracy").Number();
  p.float_head_accuracy = v.At("float_head_accuracy").Number();
  p.agreement = v.At("agreement").Number();
  p.weight_bytes = v.At("weight_bytes").Unsigned();
  p.packed_weight_bytes = v.At("packed_weight_bytes").Unsigned();
  p.saturated_updates = v.At("saturated_updates").Unsigned();
  p.final_state_error = v.At("final_state_error").Number();
  p.seconds = v.At("seconds").Number();
  return p;
}

// Fields that make two runs' trials comparable (the data path, commit, seed
// and first trial may differ).
const char* const kSameSetup[] = {"protocol", "m", "n", "rate_input", "rate_hidden", "density",
                                  "reset_per_row", "update_rows", "alpha", "state_range",
                                  "input_range", "pooling", "step_rule"};

// Reports from before step rules existed all used max-abs steps.
std::string StepRuleOf(const JsonValue& config) {
  const JsonValue* rule = config.Find("step_rule");
  return rule == nullptr ? "maxabs" : rule->String();
}

std::string FieldText(const JsonValue& config, const char* key) {
  if (std::string(key) == "step_rule") return JsonString(StepRuleOf(config));
  const JsonValue* v = config.Find(key);
  return v == nullptr ? "(not recorded)" : ToJson(*v);
}

}  // namespace

SweepTrials ParseSweepTrials(const JsonValue& root) {
  SweepTrials trials;
  for (const JsonValue& trial : root.At("trials").Array()) {
    trials.seeds.push_back(trial.At("seed").Unsigned());
    BitSweepResult result;
    result.baseline_accuracy = trial.At("baseline_accuracy").Number();
    if (const JsonValue* partial = trial.Find("partial")) result.partial = partial->Bool();
    for (const JsonValue& point : trial.At("points").Array()) {
      result.points.push_back(ParsePoint(point));
    }
    if (result.points.empty() || result.points[0].method != SweepMethod::kFloat) {
      throw Error(trial.where + ": a trial's first point must be its float32 reference");
    }
    trials.results.push_back(std::move(result));
  }
  return trials;
}

SweepRun ReadSweepRun(const std::string& path) {
  SweepRun run;
  run.source = std::filesystem::is_directory(path) ? path + "/results.json" : path;
  const JsonValue root = ReadJsonFile(run.source);
  run.config = root.At("config");
  if (run.config.type != JsonValue::Type::kObject) throw Error(run.config.where + ": expected an object");
  if (run.config.Find("merged_from") != nullptr) {
    throw Error(run.source + " is a merged report: merge the runs it lists instead");
  }
  run.trials = ParseSweepTrials(root);
  return run;
}

SweepTrials MergeSweepRuns(const std::vector<SweepRun>& runs) {
  SweepTrials merged;
  std::vector<std::string> seed_source;
  for (const SweepRun& run : runs) {
    for (const char* key : kSameSetup) {
      const std::string mine = FieldText(run.config, key), first = FieldText(runs[0].config, key);
      if (mine != first) {
        throw Error("cannot merge " + run.source + " with " + runs[0].source + ": \"" + key +
                    "\" is " + mine + " there and " + first + " here");
      }
    }
    for (size_t t = 0; t < run.trials.results.size(); ++t) {
      const uint64_t seed = run.trials.seeds[t];
      for (size_t s = 0; s < merged.seeds.size(); ++s) {
        if (merged.seeds[s] == seed) {
          throw Error("the trial with seed " + std::to_string(seed) + " is in both " +
                      seed_source[s] + " and " + run.source);
        }
      }
      merged.seeds.push_back(seed);
      merged.results.push_back(run.trials.results[t]);
      seed_source.push_back(run.source);
    }
  }
  return merged;
}

std::string SweepHeader(const JsonValue& config, const SweepTrials& trials) {
  const auto text = [&](const char* key) {
    const JsonValue* v = config.Find(key);
    if (v == nullptr) return std::string("(not recorded)");
    return v->type == JsonValue::Type::kString ? v->String() : ToJson(*v);
  };
  const auto range = [&](const char* key, const char* fallback) {
    const JsonValue* v = config.Find(key);
    return v == nullptr || v->Number() <= 0 ? std::string(fallback) : TickLabel(v->Number());
  };
  const JsonValue* reset = config.Find("reset_per_row");
  std::ostringstream out;
  size_t partial = 0;
  for (const BitSweepResult& r : trials.results) partial += r.partial;
  out << "# Accuracy against weight bits: AG News, " << trials.results.size() << " trials";
  if (partial != 0) out << " (" << partial << " still running: their finished settings only)";
  out << "\n\n"
      << text("protocol") << ".\n\nModel: m = " << text("m") << ", n = " << text("n")
      << ", d = " << text("density") << ", r_x = " << text("rate_input")
      << ", r_h = " << text("rate_hidden") << ", update_rows = " << text("update_rows")
      << ", pooling = " << text("pooling")
      << (reset != nullptr && reset->Bool() ? " (state reset per row)" : "")
      << ", ridge alpha = " << text("alpha") << ". Quantised inference: "
      << StepRuleOf(config)
      << (config.Find("step_rule") == nullptr ? " (before step rules were recorded)" : "")
      << " steps. Integer training: state range "
      << range("state_range", "2 x init range") << ", input range "
      << range("input_range", "5 x r_x") << ". Commit " << text("git_commit") << ".";
  return out.str();
}

std::string WriteSweepReports(const std::string& out_dir, const SweepTrials& trials,
                              const JsonValue& config, const std::string& config_json,
                              const std::string& reproduce) {
  constexpr double kWithin = 0.5;  // the question: within half a point of float
  std::ostringstream md;
  md << SweepMarkdown(trials, SweepHeader(config, trials)) << "\n"
     << FewestBitsLines(trials, kWithin) << "(0: no width tried was within " << kWithin
     << " points.)\n\nReproduce: " << reproduce << "\n";
  WriteFileAtomically(out_dir + "/table.md", md.str());
  WriteFileAtomically(out_dir + "/results.json", SweepJson(trials, config_json));
  WriteFileAtomically(out_dir + "/accuracy_vs_bits.svg",
                      SweepSvg(trials, "AG News accuracy against weight bits (n = " +
                                           ToJson(config.At("n")) + ")"));
  return md.str();
}

}  // namespace cli
}  // namespace bitstate
