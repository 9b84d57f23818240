// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The roofline of a real stream: step_bench times models trained 3,000
// steps on Markov text, whose state error is still in the hundreds; late in
// a real trial it is far lower, so a training step updates fewer weights.
// This reads a trained float model (e.g. `bitstate train --rows 5000`),
// runs its text (AG News rows one after another), and prints for training
// and inference steps (float, and int8 inference of its quantised copy) the
// step's counts, the weight bytes it must move (step_traffic.h), the time,
// and the % of the STREAM bandwidth roofline (stream_bandwidth.h), on
// THREADS step threads.
//
//   real_stream MODEL CSV [STEPS=3000] [THREADS=1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bitstate/agnews.h"
#include "bitstate/model.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model.h"
#include "step_traffic.h"
#include "stream_bandwidth.h"

namespace bitstate {
namespace bench {
namespace {

constexpr size_t kProbeSteps = 500;

struct Row {
  const char* step;
  const char* weights;
  StepCounts counts;
  StepTraffic traffic;
  double seconds_per_step;
  Bandwidth bandwidth;
};

// Counts over kProbeSteps steps from text[t], then the time of `steps` more.
template <class StepFn>
Row Measure(const char* step, const char* weights, SequenceModel& model, StepFn&& run,
            const std::vector<uint8_t>& text, size_t steps) {
  Row row{step, weights, {}, {}, 0, {}};
  size_t t = 0;
  for (size_t k = 0; k < kProbeSteps; ++k, ++t) {
    row.counts.visible_active += 1.0 + static_cast<double>(model.state().CountSet());
    const StepStats s = run(text[t % text.size()]);
    row.counts.next_active += s.active;
    row.counts.errors += s.input_error + s.state_error;
  }
  row.counts.visible_active /= kProbeSteps;
  row.counts.next_active /= kProbeSteps;
  row.counts.errors /= kProbeSteps;
  const auto start = std::chrono::steady_clock::now();
  for (size_t k = 0; k < steps; ++k, ++t) run(text[t % text.size()]);
  row.seconds_per_step =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(steps);
  return row;
}

void Print(const Row& r) {
  const double bytes = r.traffic.total();
  // Time the bytes take at the read and update bandwidths, against the time measured.
  const double floor = r.traffic.read / r.bandwidth.read + r.traffic.update / r.bandwidth.update;
  std::printf("| %s | %s | %.0f | %.0f | %.0f | %.2f | %.1f | %.1f | %.1f | %.0f %% |\n", r.step,
              r.weights, r.counts.visible_active, r.counts.next_active, r.counts.errors,
              bytes / 1e6, r.seconds_per_step * 1e6, bytes / r.seconds_per_step / 1e9,
              r.bandwidth.read / 1e9, 100.0 * floor / r.seconds_per_step);
}

void PrintInference(const char* weights, SequenceModel& model, double weight_bytes,
                    const std::vector<uint8_t>& text, size_t steps, size_t threads) {
  model.SetStepThreads(threads);
  Row r = Measure(
      "infer", weights, model,
      [&](uint8_t s) {
        StepStats stats;
        stats.active = model.InferStepSymbol(s);
        return stats;
      },
      text, steps);
  r.traffic = InferTraffic(r.counts, model.hidden(), weight_bytes);
  r.bandwidth = MeasureBandwidth(static_cast<size_t>(
      weight_bytes * static_cast<double>(model.hidden() * (model.inputs() + model.hidden()))));
  Print(r);
}

int Run(int argc, char** argv) {
  if (argc < 3 || argc > 5) {
    std::fprintf(stderr, "usage: %s MODEL CSV [STEPS=3000] [THREADS=1]\n", argv[0]);
    return 2;
  }
  const size_t steps = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 3000;
  const size_t threads = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 1;
  const Model loaded = LoadModel(argv[1]);
  std::vector<uint8_t> text;
  for (const LabelledSequence& row : LoadAgNewsCsv(argv[2]).rows) {
    text.insert(text.end(), row.symbols.begin(), row.symbols.end());
  }
  const size_t m = loaded.inputs(), n = loaded.hidden(), weights = n * loaded.visible();
  std::printf("%s: n = %zu, text %zu steps from %s, %zu timed steps, %zu step thread(s)\n\n",
              argv[1], n, text.size(), argv[2], steps, threads);
  std::printf(
      "| step | weights | [x, h] on | h' on | errors | MB / step | us / step | GB/s | "
      "stream GB/s | roofline |\n|---|---|---|---|---|---|---|---|---|---|\n");
  {
    Model model = loaded;
    model.SetStepThreads(threads);
    Row r = Measure(
        "train", "f32", model, [&](uint8_t s) { return model.TrainStepSymbol(s); }, text, steps);
    r.traffic = TrainTraffic(r.counts, m, n, sizeof(float));
    r.bandwidth = MeasureBandwidth(2 * weights * sizeof(float));
    Print(r);
  }
  Model f32 = loaded;
  PrintInference("f32", f32, sizeof(float), text, steps, threads);
  QuantizedModel int8 = QuantizedModel::Quantize(loaded, {8, ScaleGranularity::kRow});
  PrintInference("int8", int8, 1.0, text, steps, threads);
  return 0;
}

}  // namespace
}  // namespace bench
}  // namespace bitstate

int main(int argc, char** argv) { return bitstate::bench::Run(argc, argv); }
