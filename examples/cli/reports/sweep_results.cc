// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/sweep_results.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <utility>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "reports/report.h"
#include "reports/svg_plot.h"

namespace bitstate::cli {
namespace {

BitSweepPoint ParsePoint(const Json& v, const std::string& where) {
  BitSweepPoint p;
  const std::string method = MemberAs<std::string>(v, "method", where);
  const std::string granularity = MemberAs<std::string>(v, "granularity", where);
  try {
    p.method = ParseSweepMethod(method);
    p.granularity = ParseGranularity(granularity);
  } catch (const Error& e) {
    throw Error(where + ": " + e.what());
  }
  p.bits = MemberAs<unsigned>(v, "bits", where);
  p.accuracy = MemberAs<double>(v, "accuracy", where);
  p.float_head_accuracy = MemberAs<double>(v, "float_head_accuracy", where);
  p.agreement = MemberAs<double>(v, "agreement", where);
  p.weight_bytes = MemberAs<uint64_t>(v, "weight_bytes", where);
  p.packed_weight_bytes = MemberAs<uint64_t>(v, "packed_weight_bytes", where);
  p.saturated_updates = MemberAs<uint64_t>(v, "saturated_updates", where);
  p.final_state_error = MemberAs<double>(v, "final_state_error", where);
  p.seconds = MemberAs<double>(v, "seconds", where);
  return p;
}

// Fields that make two runs' trials comparable (the data path, commit, seed
// and first trial may differ).
const char* const kSameSetup[] = {"protocol", "m", "n", "rate_input", "rate_hidden", "density",
                                  "reset_per_row", "update_rows", "alpha", "state_range",
                                  "input_range", "pooling", "step_rule"};

// Reports from before step rules existed all used max-abs steps.
const Json kMaxAbs = "maxabs";
const Json* Field(const Json& config, const char* key) {
  const Json* v = FindMember(config, key);
  if (v == nullptr && std::string(key) == "step_rule") return &kMaxAbs;
  return v;
}

std::string FieldText(const Json* v) { return v == nullptr ? "(not recorded)" : v->dump(); }

}  // namespace

SweepTrials ParseSweepTrials(const Json& root, const std::string& source) {
  SweepTrials trials;
  const Json& all = Member(root, "trials", source);
  if (!all.is_array()) throw Error(source + ": \"trials\" is not an array");
  for (size_t t = 0; t < all.size(); ++t) {
    const Json& trial = all[t];
    const std::string where = source + ": trials[" + std::to_string(t) + "]";
    trials.seeds.push_back(MemberAs<uint64_t>(trial, "seed", where));
    BitSweepResult result;
    result.baseline_accuracy = MemberAs<double>(trial, "baseline_accuracy", where);
    if (FindMember(trial, "partial") != nullptr) result.partial = MemberAs<bool>(trial, "partial", where);
    const Json& points = Member(trial, "points", where);
    if (!points.is_array()) throw Error(where + ": \"points\" is not an array");
    for (size_t k = 0; k < points.size(); ++k) {
      result.points.push_back(ParsePoint(points[k], where + ".points[" + std::to_string(k) + "]"));
    }
    if (result.points.empty() || result.points[0].method != SweepMethod::kFloat) {
      throw Error(where + ": a trial's first point must be its float32 reference");
    }
    trials.results.push_back(std::move(result));
  }
  return trials;
}

SweepRun ReadSweepRun(const std::string& path) {
  SweepRun run;
  run.source = std::filesystem::is_directory(path) ? path + "/results.json" : path;
  const Json root = ReadJsonFile(run.source);
  run.config = Member(root, "config", run.source);
  if (!run.config.is_object()) throw Error(run.source + ": \"config\" is not an object");
  if (FindMember(run.config, "merged_from") != nullptr) {
    throw Error(run.source + " is a merged report: merge the runs it lists instead");
  }
  run.trials = ParseSweepTrials(root, run.source);
  return run;
}

SweepTrials MergeSweepRuns(const std::vector<SweepRun>& runs) {
  SweepTrials merged;
  std::vector<std::string> seed_source;
  for (const SweepRun& run : runs) {
    for (const char* key : kSameSetup) {
      const Json *mine = Field(run.config, key), *first = Field(runs[0].config, key);
      if (!SameValue(mine, first)) {
        throw Error("cannot merge " + run.source + " with " + runs[0].source + ": \"" + key +
                    "\" is " + FieldText(mine) + " there and " + FieldText(first) + " here");
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

std::vector<SweepRun> JoinSplitRuns(const std::vector<SweepRun>& runs) {
  const auto same_model = [](const SweepRun& a, const SweepRun& b) {
    return SameValue(Field(a.config, "n"), Field(b.config, "n")) &&
           SameValue(Field(a.config, "step_rule"), Field(b.config, "step_rule"));
  };
  // The trial seeds of a group's runs, counted without merging them.
  const auto shared_trials = [](const std::vector<SweepRun>& group, const SweepTrials& b) {
    size_t shared = 0, total = 0;
    for (const SweepRun& part : group) {
      total += part.trials.seeds.size();
      for (uint64_t seed : b.seeds) {
        shared += std::find(part.trials.seeds.begin(), part.trials.seeds.end(), seed) !=
                  part.trials.seeds.end();
      }
    }
    return std::make_pair(shared, total);
  };
  std::vector<std::vector<SweepRun>> groups;
  for (const SweepRun& run : runs) {
    std::vector<SweepRun>* home = nullptr;
    for (std::vector<SweepRun>& group : groups) {
      if (!same_model(group[0], run)) continue;
      const auto [shared, total] = shared_trials(group, run.trials);
      if (shared == 0) {
        home = &group;
        break;
      }
      if (shared != run.trials.seeds.size() || shared != total) {
        throw Error(run.source + " and " + group[0].source +
                    " share some trials but not all: give a sweep's trials once, each in one "
                    "run");
      }
    }
    if (home != nullptr) {
      home->push_back(run);
    } else {
      groups.push_back({run});
    }
  }
  std::vector<SweepRun> joined;
  for (const std::vector<SweepRun>& group : groups) {
    if (group.size() == 1) {
      joined.push_back(group[0]);
      continue;
    }
    SweepRun run = group[0];
    run.trials = MergeSweepRuns(group);
    for (size_t k = 1; k < group.size(); ++k) run.source += " + " + group[k].source;
    joined.push_back(std::move(run));
  }
  return joined;
}

std::string SweepHeader(const Json& config, const SweepTrials& trials) {
  const auto text = [&](const char* key) {
    const Json* v = FindMember(config, key);
    return v == nullptr ? std::string("(not recorded)") : ValueText(*v);
  };
  const auto range = [&](const char* key, const char* fallback) {
    const Json* v = FindMember(config, key);
    return v == nullptr || !v->is_number() || v->get<double>() <= 0 ? std::string(fallback)
                                                                     : ShortNumber(v->get<double>());
  };
  const Json* reset = FindMember(config, "reset_per_row");
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
      << (reset != nullptr && reset->is_boolean() && reset->get<bool>() ? " (state reset per row)" : "")
      << ", ridge alpha = " << text("alpha") << ". Quantised inference: "
      << ValueText(*Field(config, "step_rule"))
      << (FindMember(config, "step_rule") == nullptr ? " (before step rules were recorded)" : "")
      << " steps. Integer training: state range "
      << range("state_range", "2 x init range") << ", input range "
      << range("input_range", "5 x r_x") << ". Commit " << text("git_commit") << ".";
  return out.str();
}

std::string WriteSweepReports(const std::string& out_dir, const SweepTrials& trials,
                              const Json& heading_config, const Json& config,
                              const std::string& reproduce) {
  constexpr double kWithin = 0.5;  // the question: within half a point of float
  std::ostringstream md;
  md << SweepMarkdown(trials, SweepHeader(heading_config, trials)) << "\n"
     << FewestBitsLines(trials, kWithin) << "(0: no width tried was within " << kWithin
     << " points.)\n\nReproduce: " << reproduce << "\n";
  WriteFileAtomically(out_dir + "/table.md", md.str());
  WriteJsonFile(out_dir + "/results.json", SweepJson(trials, config));
  const Json* n = FindMember(heading_config, "n");
  WriteFileAtomically(out_dir + "/accuracy_vs_bits.svg",
                      SweepSvg(trials, "AG News accuracy against weight bits (n = " +
                                           (n ? ValueText(*n) : "?") + ")"));
  return md.str();
}

}  // namespace bitstate::cli
