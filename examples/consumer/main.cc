// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Trains a small model on a line of text and prints the reconstruction
// errors: proof that an installed bitstate links and runs.
#include <cstdio>
#include <vector>

#include "bitstate/model.h"
#include "bitstate/text_encoder.h"

int main() {
  bitstate::ModelConfig config;
  config.hidden = 64;
  bitstate::Model model(config);
  std::vector<uint8_t> symbols;
  for (int i = 0; i < 20; ++i) bitstate::EncodeText("the quick brown fox jumps over the lazy dog. ", &symbols);
  size_t errors = 0;
  for (uint8_t s : symbols) errors += model.TrainStepSymbol(s).state_error;
  std::printf("consumer: %zu steps, mean state error %.1f bits, kernels %s\n", symbols.size(),
              static_cast<double>(errors) / symbols.size(), model.engine_name());
  return 0;
}
