// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Prints the memory footprint of models of several sizes (m = 96) at float32,
// int16, int8 and packed 4-, 2- and 1-bit weights (packed_levels.h):
// inference-only model file bytes, RAM for inference
// through the C API (the file image, used in place, plus one state buffer)
// and, for float32, RAM for training (both layouts of W plus scratch, as
// allocated by bitstate::Model).
//
//   footprint [n ...]        (default: 256 1024 4000)
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bitstate/bitstate.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model_file.h"

namespace {

// Bytes of one C API state buffer for the model in `file`; 0 on failure.
size_t StateBytes(const std::vector<uint8_t>& file) {
  bitstate_model* opened = nullptr;
  if (bitstate_model_open_memory(file.data(), file.size(), BITSTATE_OPEN_COPY, &opened, nullptr,
                                 0) != BITSTATE_OK) {
    return 0;
  }
  const size_t state = bitstate_state_size(opened);
  bitstate_model_close(opened);
  return state;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {256, 1024, 4000};
  std::printf("| n | weights | model file (bytes) | inference RAM: image + state (bytes) | "
              "training RAM: W twice + scratch (bytes) |\n|---|---|---|---|---|\n");
  for (size_t n : sizes) {
    bitstate::ModelConfig config;
    config.hidden = n;
    const bitstate::Model model(config);
    const size_t v = config.visible();
    const size_t w_padded = v * bitstate::PaddedLength<float>(n) + n * bitstate::PaddedLength<float>(v);
    const size_t training = 4 * w_padded + 4 * (2 * v + 3 * n) + 4 * (3 * v + 3 * n) + (3 * v + 3 * n) / 8;
    const std::vector<uint8_t> f32 = bitstate::SerializeModel(model, {true, nullptr});
    std::printf("| %zu | float32 | %zu | %zu + %zu | ~%zu |\n", n, f32.size(), f32.size(),
                StateBytes(f32), training);
    const struct {
      unsigned bits;
      const char* name;
    } kinds[] = {{16, "int16"}, {8, "int8"}, {4, "4-bit, two per byte"},
                 {2, "ternary, two bit planes"}, {1, "binary, one bit plane"}};
    for (const auto& kind : kinds) {
      const bitstate::QuantizedModel q = bitstate::QuantizedModel::Quantize(
          model, {kind.bits, bitstate::ScaleGranularity::kRow});
      const std::vector<uint8_t> file = bitstate::SerializeQuantizedModel(q);
      std::printf("| %zu | %s | %zu | %zu + %zu | |\n", n, kind.name, file.size(), file.size(),
                  StateBytes(file));
    }
  }
  return 0;
}
