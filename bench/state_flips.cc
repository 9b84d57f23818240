// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// How many state bits flip per step (|h_{t+1} xor h_t|), during training
// and during inference afterwards: the number that decides whether an
// incremental (NNUE-style) accumulator can beat re-summing ~d*n columns.
//
//   state_flips CSV N_HIDDEN TRAIN_ROWS INFER_ROWS   (AG News CSV)
#include <cstdio>
#include <cstdlib>

#include "bitstate/agnews.h"
#include "bitstate/model.h"
#include "bitstate/text_encoder.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s CSV N_HIDDEN TRAIN_ROWS INFER_ROWS\n", argv[0]);
    return 2;
  }
  const bitstate::Dataset rows = bitstate::LoadAgNewsCsv(argv[1]).rows;
  bitstate::ModelConfig config;
  config.hidden = std::strtoul(argv[2], nullptr, 10);
  const size_t train_rows = std::strtoul(argv[3], nullptr, 10);
  const size_t infer_rows = std::strtoul(argv[4], nullptr, 10);
  bitstate::Model model(config);
  bitstate::BitVector previous(config.hidden);
  auto flips = [&](const bitstate::BitVector& h) {
    size_t count = 0;
    for (size_t w = 0; w < h.num_words(); ++w) {
      count += static_cast<size_t>(__builtin_popcountll(h.words()[w] ^ previous.words()[w]));
    }
    previous = h;
    return count;
  };
  size_t steps = 0, flipped = 0, active = 0;
  std::printf("| phase | rows | steps | mean active bits | mean flipped bits per step |\n|---|---|---|---|---|\n");
  auto report = [&](const char* phase, size_t row_count) {
    std::printf("| %s | %zu | %zu | %.1f | %.1f |\n", phase, row_count, steps,
                static_cast<double>(active) / steps, static_cast<double>(flipped) / steps);
    steps = flipped = active = 0;
  };
  for (size_t r = 0; r < train_rows && r < rows.size(); ++r) {
    for (uint8_t s : rows[r].symbols) {
      active += model.TrainStepSymbol(s).active;
      flipped += flips(model.state());
      ++steps;
    }
    if (r + 1 == train_rows / 10) report("train, first tenth", train_rows / 10);
  }
  report("train, the rest", train_rows - train_rows / 10);
  for (size_t r = train_rows; r < train_rows + infer_rows && r < rows.size(); ++r) {
    for (uint8_t s : rows[r].symbols) {
      active += model.InferStepSymbol(s);
      flipped += flips(model.state());
      ++steps;
    }
  }
  report("inference", infer_rows);
  return 0;
}
