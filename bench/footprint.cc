// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Prints the memory footprint of float32 models of several sizes (m = 96):
// model file bytes, RAM for inference through the C API (the file image,
// used in place, plus one state buffer) and RAM for training (both layouts
// of W plus scratch, as allocated by bitstate::Model).
//
//   footprint [n ...]        (default: 256 1024 4000)
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bitstate/bitstate.h"
#include "bitstate/model_file.h"

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {256, 1024, 4000};
  std::printf("| n | model file (bytes) | inference RAM: image + state (bytes) | "
              "training RAM: W twice + scratch (bytes) |\n|---|---|---|---|\n");
  for (size_t n : sizes) {
    bitstate::ModelConfig config;
    config.hidden = n;
    const bitstate::Model model(config);
    const std::vector<uint8_t> file = bitstate::SerializeModel(model, {true, nullptr});
    bitstate_model* opened = nullptr;
    if (bitstate_model_open_memory(file.data(), file.size(), BITSTATE_OPEN_COPY, &opened, nullptr, 0) !=
        BITSTATE_OK) {
      return 1;
    }
    const size_t state = bitstate_state_size(opened);
    bitstate_model_close(opened);
    const size_t v = config.visible();
    const size_t w_padded = v * bitstate::PaddedLength<float>(n) + n * bitstate::PaddedLength<float>(v);
    const size_t training = 4 * w_padded + 4 * (2 * v + 3 * n) + 4 * (3 * v + 3 * n) + (3 * v + 3 * n) / 8;
    std::printf("| %zu | %zu | %zu + %zu | ~%zu |\n", n, file.size(), file.size(), state, training);
  }
  return 0;
}
