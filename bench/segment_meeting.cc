// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// When do a model's runs from the true state and from the zero state meet?
// That decides how much an exact parallel feature pass (parallel_features.h)
// recomputes. Trains a float model on the first TRAIN_ROWS rows of an AG
// News CSV (state carried over), then featurises the next ROWS rows with
// SEGMENTS segments and prints the distribution of the meeting steps. With
// MODEL, that file (trained on the first TRAIN_ROWS rows, e.g. by `bitstate
// train --rows TRAIN_ROWS`) is used instead of training (N_HIDDEN must match).
//
//   segment_meeting CSV N_HIDDEN TRAIN_ROWS ROWS SEGMENTS [MODEL]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bitstate/agnews.h"
#include "bitstate/model.h"
#include "bitstate/model_file.h"
#include "bitstate/parallel_features.h"
#include "bitstate/text_encoder.h"

int main(int argc, char** argv) {
  if (argc != 6 && argc != 7) {
    std::fprintf(stderr, "usage: %s CSV N_HIDDEN TRAIN_ROWS ROWS SEGMENTS [MODEL]\n", argv[0]);
    return 2;
  }
  const bitstate::Dataset all = bitstate::LoadAgNewsCsv(argv[1]).rows;
  const size_t n = std::strtoul(argv[2], nullptr, 10);
  const size_t train_rows = std::min<size_t>(std::strtoul(argv[3], nullptr, 10), all.size());
  const size_t rows = std::min<size_t>(std::strtoul(argv[4], nullptr, 10), all.size() - train_rows);
  bitstate::ModelConfig config;
  config.hidden = n;
  bitstate::Model model(config);
  if (argc == 7) {
    model = bitstate::LoadModel(argv[6]);
    if (model.config().hidden != n) {
      std::fprintf(stderr, "%s has %zu hidden units, not %zu\n", argv[6], model.config().hidden, n);
      return 2;
    }
  } else {
    bitstate::TrainUnsupervised(model, bitstate::Dataset(all.begin(), all.begin() + train_rows),
                                false, nullptr);
  }
  const bitstate::Dataset pass(all.begin() + train_rows, all.begin() + train_rows + rows);
  bitstate::FeaturePassOptions options;
  options.threads = std::strtoul(argv[5], nullptr, 10);
  options.probe_steps = 0;  // always segments: the meeting is what is measured
  bitstate::FeaturePassStats stats;
  const auto start = std::chrono::steady_clock::now();
  bitstate::ComputeStateFeaturesParallel(model, pass, bitstate::Pooling::kMean, false, options, {},
                                         nullptr, &stats);
  const double seconds = bitstate::SecondsSince(start);
  std::vector<size_t> met = stats.meeting_steps;
  std::sort(met.begin(), met.end());
  const auto at = [&](double q) {
    return met.empty() ? 0 : met[std::min(met.size() - 1, static_cast<size_t>(q * met.size()))];
  };
  const auto within = [&](size_t steps) {
    return 100.0 * static_cast<double>(std::upper_bound(met.begin(), met.end(), steps) - met.begin()) /
           static_cast<double>(stats.segments - 1);
  };
  std::printf("| n | trained on | segments | met | median | p90 | max | met within 400 / 2,000 "
              "steps | recomputed steps | pass (s) |\n|---|---|---|---|---|---|---|---|---|---|\n");
  std::printf("| %zu | %zu rows | %zu | %zu of %zu | %zu | %zu | %zu | %.0f %% / %.0f %% | %zu of %zu | %.1f |\n",
              n, train_rows, stats.segments, met.size(), stats.segments - 1, at(0.5), at(0.9),
              met.empty() ? 0 : met.back(), within(400), within(2000), stats.recomputed_steps,
              stats.steps, seconds);
  return 0;
}
