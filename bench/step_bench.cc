// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Step latency: the SIMD model, the scalar reference model, integer weights
// (int8 / int16: trained with integer weights, or a float model quantised for
// inference) and a dense baseline (Eigen matrix-vector products on 0/1 float
// vectors: the same step written without bit packing), on a realistic
// stream: each model is first trained on synthetic Markov text, then timed
// on more of it.
//
//   build/bench/step_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <string>
#include <vector>

#include "bitstate/model.h"
#include "bitstate/quantized_model.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

constexpr size_t kWarmupSteps = 3000;
constexpr size_t kStreamLength = 1 << 16;

std::vector<uint8_t> Stream(size_t length, uint64_t seed) {
  const MarkovSource source(kTextSymbols, 3, seed);
  Rng rng(seed + 1);
  return source.Generate(length, rng);
}

ModelConfig Config(size_t n) {
  ModelConfig c;
  c.inputs = kTextSymbols;
  c.hidden = n;
  return c;
}

void TrainStep(benchmark::State& state, KernelEngine engine) {
  Model model(Config(static_cast<size_t>(state.range(0))), engine);
  const std::vector<uint8_t> text = Stream(kStreamLength, 5);
  for (size_t t = 0; t < kWarmupSteps; ++t) model.TrainStepSymbol(text[t]);
  size_t t = kWarmupSteps, state_errors = 0;
  for (auto _ : state) {
    state_errors += model.TrainStepSymbol(text[t]).state_error;
    t = t + 1 < text.size() ? t + 1 : kWarmupSteps;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["state_error"] = benchmark::Counter(static_cast<double>(state_errors),
                                                     benchmark::Counter::kAvgIterations);
  state.SetLabel(model.engine_name());
}

void InferStep(benchmark::State& state, KernelEngine engine) {
  Model model(Config(static_cast<size_t>(state.range(0))), engine);
  const std::vector<uint8_t> text = Stream(kStreamLength, 5);
  for (size_t t = 0; t < kWarmupSteps; ++t) model.TrainStepSymbol(text[t]);
  size_t t = kWarmupSteps;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.InferStepSymbol(text[t]));
    t = t + 1 < text.size() ? t + 1 : kWarmupSteps;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(model.engine_name());
}

// Integer training, k-bit weights (k = state.range(1)), block scales.
void IntegerTrainStep(benchmark::State& state) {
  IntegerTrainingOptions options;
  options.bits = static_cast<unsigned>(state.range(1));
  QuantizedModel model(Config(static_cast<size_t>(state.range(0))), options);
  const std::vector<uint8_t> text = Stream(kStreamLength, 5);
  for (size_t t = 0; t < kWarmupSteps; ++t) model.TrainStepSymbol(text[t]);
  size_t t = kWarmupSteps;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.TrainStepSymbol(text[t]));
    t = t + 1 < text.size() ? t + 1 : kWarmupSteps;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(model.engine_name()) + (options.bits <= 8 ? " int8" : " int16"));
}

// A float model trained on the warm-up text, quantised (row scales) to k bits.
void QuantizedInferStep(benchmark::State& state) {
  Model trained(Config(static_cast<size_t>(state.range(0))));
  const std::vector<uint8_t> text = Stream(kStreamLength, 5);
  for (size_t t = 0; t < kWarmupSteps; ++t) trained.TrainStepSymbol(text[t]);
  const unsigned bits = static_cast<unsigned>(state.range(1));
  QuantizedModel model = QuantizedModel::Quantize(trained, {bits, ScaleGranularity::kRow});
  size_t t = kWarmupSteps;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.InferStepSymbol(text[t]));
    t = t + 1 < text.size() ? t + 1 : kWarmupSteps;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(model.engine_name()) + (bits <= 8 ? " int8" : " int16"));
}

// Eq. 1-5 with dense float vectors and Eigen products.
class DenseModel {
 public:
  explicit DenseModel(const ModelConfig& c)
      : c_(c), w_(c.hidden, c.visible()), a_(c.visible()), b_(c.hidden), v_(c.visible()),
        h_(Eigen::VectorXf::Zero(c.hidden)), r_(c.visible()) {
    Rng rng(c.seed);
    const float range = c.EffectiveInitRange();
    for (Eigen::Index i = 0; i < w_.rows(); ++i) {
      for (Eigen::Index j = 0; j < w_.cols(); ++j) w_(i, j) = rng.UniformSymmetric(range);
    }
    for (Eigen::Index j = 0; j < a_.size(); ++j) a_(j) = rng.UniformSymmetric(range);
    for (Eigen::Index i = 0; i < b_.size(); ++i) b_(i) = rng.UniformSymmetric(range);
    r_.head(c.inputs).setConstant(c.rate_input);
    r_.tail(c.hidden).setConstant(c.rate_hidden);
  }
  void Step(size_t symbol, bool learn) {
    v_.setZero();
    v_(static_cast<Eigen::Index>(symbol)) = 1.0f;
    v_.tail(c_.hidden) = h_;
    const Eigen::VectorXf next = ((w_ * v_ + b_).array() > 0.0f).cast<float>();
    if (learn) {
      const Eigen::VectorXf recon = ((w_.transpose() * next + a_).array() > 0.0f).cast<float>();
      const Eigen::VectorXf re = r_.cwiseProduct(v_ - recon);
      w_.noalias() += next * re.transpose();
      a_ += re;
      b_.array() += c_.rate_hidden * (c_.density - next.array());
    }
    h_ = next;
  }

 private:
  ModelConfig c_;
  Eigen::MatrixXf w_;
  Eigen::VectorXf a_, b_, v_, h_, r_;
};

void DenseStep(benchmark::State& state, bool learn) {
  DenseModel model(Config(static_cast<size_t>(state.range(0))));
  const std::vector<uint8_t> text = Stream(kStreamLength, 5);
  for (size_t t = 0; t < 300; ++t) model.Step(text[t], true);
  size_t t = 300;
  for (auto _ : state) {
    model.Step(text[t], learn);
    t = t + 1 < text.size() ? t + 1 : 300;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("Eigen dense");
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (int n : {256, 1024, 4000}) b->Arg(n);
  b->Unit(benchmark::kMicrosecond);
}

void SizesAndBits(benchmark::internal::Benchmark* b) {
  for (int bits : {8, 16}) {
    for (int n : {256, 1024, 4000}) b->Args({n, bits});
  }
  b->Unit(benchmark::kMicrosecond);
}

BENCHMARK_CAPTURE(TrainStep, simd, KernelEngine::kSimd)->Apply(Sizes);
BENCHMARK_CAPTURE(TrainStep, scalar_reference, KernelEngine::kScalarReference)->Apply(Sizes);
BENCHMARK_CAPTURE(DenseStep, train_dense, true)->Apply(Sizes);
BENCHMARK_CAPTURE(InferStep, simd, KernelEngine::kSimd)->Apply(Sizes);
BENCHMARK_CAPTURE(InferStep, scalar_reference, KernelEngine::kScalarReference)->Apply(Sizes);
BENCHMARK_CAPTURE(DenseStep, infer_dense, false)->Apply(Sizes);
BENCHMARK(IntegerTrainStep)->Apply(SizesAndBits);
BENCHMARK(QuantizedInferStep)->Apply(SizesAndBits);

}  // namespace
}  // namespace bitstate

BENCHMARK_MAIN();
