// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The C++ API on a user's own sequence: train a model on a text file (or a
// built-in sample), then show how much of the input the model reconstructs
// (the input reconstruction error) and how the state error fell.
//
//   cpp_example [FILE]
#include <cstdio>
#include <vector>

#include "bitstate/csv_reader.h"
#include "bitstate/model.h"
#include "bitstate/text_encoder.h"

int main(int argc, char** argv) {
  std::vector<uint8_t> symbols;
  if (argc > 1) {
    bitstate::EncodeText(bitstate::ReadTextFile(argv[1]), &symbols);
  } else {
    for (int i = 0; i < 200; ++i) {
      bitstate::EncodeText("to be or not to be, that is the question. ", &symbols);
    }
  }
  bitstate::ModelConfig config;  // m = 96 text symbols
  config.hidden = 256;
  bitstate::Model model(config);
  const size_t tenth = symbols.size() / 10 + 1;
  double first = 0, last = 0, input_errors = 0;
  for (size_t t = 0; t < symbols.size(); ++t) {
    const bitstate::StepStats s = model.TrainStepSymbol(symbols[t]);
    if (t < tenth) first += s.state_error;
    if (t + tenth >= symbols.size()) {
      last += s.state_error;
      input_errors += s.input_error;
    }
  }
  std::printf("%zu steps on %s kernels\n", symbols.size(), model.engine_name());
  std::printf("state error: %.1f bits/step in the first tenth, %.1f in the last\n", first / tenth,
              last / tenth);
  std::printf("input error in the last tenth: %.3f bits/step\n", input_errors / tenth);
  return 0;
}
