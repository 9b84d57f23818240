// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Inference time per stream-step of B streams stepped together
// (stream_batch.h) against one stream at a time, float and int8, on one
// core. Each model is trained on synthetic Markov text (3,000 steps, as
// step_bench), or read from MODEL (float; its int8 copy is quantised with
// row scales), and each stream reads its own part of the text (with --csv,
// AG News rows one after another, from the test set for instance).
//
//   batch_bench [--sizes=1024,4000] [--streams=1,4,16,64] [--tile=UNITS]
//               [--model=FILE --csv=CSV] [--seconds=1]
// Prints one markdown table; B = "alone" is InferStepSymbol on the model.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bitstate/agnews.h"
#include "bitstate/model.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model.h"
#include "bitstate/stream_batch.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

struct Options {
  std::vector<size_t> sizes = {1024, 4000};
  std::vector<size_t> streams = {1, 4, 16, 64};
  size_t tile = 0;
  std::string model, csv;
  double seconds = 1.0;
};

std::vector<size_t> ParseList(const char* text) {
  std::vector<size_t> out;
  for (const char* p = text; *p != '\0';) {
    char* end = nullptr;
    out.push_back(std::strtoul(p, &end, 10));
    p = *end == ',' ? end + 1 : end;
    if (end == p && *p != '\0') break;
  }
  return out;
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&](const char* name) -> const char* {
      const size_t len = std::strlen(name);
      return a.compare(0, len, name) == 0 ? argv[i] + len : nullptr;
    };
    if (const char* v = value("--sizes=")) {
      o.sizes = ParseList(v);
    } else if (const char* v = value("--streams=")) {
      o.streams = ParseList(v);
    } else if (const char* v = value("--tile=")) {
      o.tile = std::strtoul(v, nullptr, 10);
    } else if (const char* v = value("--model=")) {
      o.model = v;
    } else if (const char* v = value("--csv=")) {
      o.csv = v;
    } else if (const char* v = value("--seconds=")) {
      o.seconds = std::strtod(v, nullptr);
    } else {
      std::fprintf(stderr, "batch_bench: unknown argument %s\n", argv[i]);
      std::exit(2);
    }
  }
  return o;
}

std::vector<uint8_t> Text(const Options& o) {
  if (o.csv.empty()) {
    const MarkovSource source(kTextSymbols, 3, 5);
    Rng rng(6);
    return source.Generate(1 << 20, rng);
  }
  std::vector<uint8_t> text;
  for (const LabelledSequence& row : LoadAgNewsCsv(o.csv).rows) {
    text.insert(text.end(), row.symbols.begin(), row.symbols.end());
  }
  return text;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ns per step of the model alone, stepping through the text from `start`.
double AloneNs(SequenceModel& model, const std::vector<uint8_t>& text, double budget) {
  size_t t = 0, steps = 0;
  for (; t < 200; ++t) model.InferStepSymbol(text[t]);  // warm
  const auto start = std::chrono::steady_clock::now();
  do {
    for (size_t k = 0; k < 50; ++k, ++steps) model.InferStepSymbol(text[(t++) % text.size()]);
  } while (Seconds(start) < budget);
  return Seconds(start) * 1e9 / static_cast<double>(steps);
}

// ns per stream-step of `streams` streams, stream s reading the text from
// s * text.size() / streams on.
double BatchNs(const SequenceModel& model, size_t streams, size_t tile,
               const std::vector<uint8_t>& text, double budget) {
  StreamBatch batch(model, streams, tile);
  std::vector<size_t> at(streams);
  for (size_t s = 0; s < streams; ++s) at[s] = s * (text.size() / streams);
  const auto step = [&] {
    for (size_t s = 0; s < streams; ++s) batch.SetInput(s, text[at[s]++ % text.size()]);
    model.InferStepBatch(batch);
  };
  for (size_t k = 0; k < 200 / streams + 2; ++k) step();  // warm
  size_t steps = 0;
  const auto start = std::chrono::steady_clock::now();
  do {
    step();
    ++steps;
  } while (Seconds(start) < budget || steps < 3);
  return Seconds(start) * 1e9 / static_cast<double>(steps * streams);
}

void Run(const Options& o) {
  const std::vector<uint8_t> text = Text(o);
  std::printf(
      "| n | weights | B | tile (units) | ns / stream-step | vs alone |\n"
      "|---|---|---|---|---|---|\n");
  const std::vector<size_t> sizes = o.model.empty() ? o.sizes : std::vector<size_t>{0};
  for (size_t n : sizes) {
    std::unique_ptr<Model> trained;
    if (o.model.empty()) {
      ModelConfig c;
      c.inputs = kTextSymbols;
      c.hidden = n;
      trained = std::make_unique<Model>(c);
      for (size_t t = 0; t < 3000; ++t) trained->TrainStepSymbol(text[t]);
    } else {
      trained = std::make_unique<Model>(LoadModel(o.model));
      n = trained->hidden();
    }
    std::vector<std::pair<const char*, std::unique_ptr<SequenceModel>>> kinds;
    kinds.emplace_back("f32", trained->Clone());
    kinds.emplace_back("int8", std::make_unique<QuantizedModel>(QuantizedModel::Quantize(
                                   *trained, {8, ScaleGranularity::kRow})));
    for (auto& [name, model] : kinds) {
      const double alone = AloneNs(*model, text, o.seconds);
      std::printf("| %zu | %s | alone | - | %.0f | 1.00 |\n", n, name, alone);
      for (size_t b : o.streams) {
        const double ns = BatchNs(*model, b, o.tile, text, o.seconds);
        const size_t tile = StreamBatch(*model, 1, o.tile).TileFor(model->column_bytes());
        std::printf("| %zu | %s | %zu | %zu | %.0f | %.2f |\n", n, name, b, tile, ns, alone / ns);
        std::fflush(stdout);
      }
    }
  }
}

}  // namespace
}  // namespace bitstate

int main(int argc, char** argv) {
  bitstate::Run(bitstate::ParseOptions(argc, argv));
  return 0;
}
