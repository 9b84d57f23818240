// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Step latency against the references and the memory roofline. For each
// step (train, infer), weight type and size n (and density d at n = 4000):
// the SIMD model, the scalar reference model, integer weights (int8 / int16:
// trained with integer weights, or a float model quantised for inference)
// and the dense Eigen baseline, on a realistic stream: each model is first
// trained on synthetic Markov text, then timed on more of it.
//
// Counters: bytes = weight bytes the step must move (step_traffic.h, from
// the step's own counts on this stream), GBps = bytes per second achieved,
// stream_GBps = read bandwidth of one core over a buffer as large as the
// model's weights (stream_bandwidth.h), roofline_pct = the time the bytes
// take at stream bandwidth, as a percentage of the measured time.
//
// With --threads=1,2 the Highway float and integer rows run again with their
// steps split over that many threads (step_threads.h): name suffix /t:T.
//
//   build/bench/step_bench [--benchmark_filter=REGEX] [--sizes=256,1024] [--all-densities]
//                          [--threads=1,2]
//   bench/run.sh turns its output into one table.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bitstate/model.h"
#include "bitstate/quantized_model.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "dense_model.h"
#include "step_traffic.h"
#include "stream_bandwidth.h"

namespace bitstate {
namespace bench {
namespace {

constexpr size_t kWarmupSteps = 3000;
constexpr size_t kDenseWarmupSteps = 300;  // dense steps are slow; its speed barely drifts
constexpr size_t kProbeSteps = 500;        // steps whose counts give the traffic
constexpr size_t kStreamLength = 1 << 16;

std::vector<uint8_t> Stream() {
  const MarkovSource source(kTextSymbols, 3, 5);
  Rng rng(6);
  return source.Generate(kStreamLength, rng);
}

ModelConfig Config(size_t n, double density) {
  ModelConfig c;
  c.inputs = kTextSymbols;
  c.hidden = n;
  c.density = static_cast<float>(density);
  return c;
}

// A model under test: one step at a time on the stream.
struct Subject {
  std::function<StepStats(uint8_t symbol)> step;  // active only, for inference
  std::function<const BitVector&()> state;
  double weight_bytes;  // per weight (packed: a fraction)
  size_t layout_bytes;  // all stored weights (the stream buffer's size)
  std::string label;
};

enum class Kind {
  kF32, kF32Xsimd, kF32Scalar, kInt8, kInt16, kInt8Scalar, kInt4, kInt2, kInt1, kDense
};

// Weight bits of an integer kind (0: not one); 1, 2 and 4 run packed.
unsigned IntegerBits(Kind kind) {
  switch (kind) {
    case Kind::kInt8: case Kind::kInt8Scalar: return 8;
    case Kind::kInt16: return 16;
    case Kind::kInt4: return 4;
    case Kind::kInt2: return 2;
    case Kind::kInt1: return 1;
    default: return 0;
  }
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kF32: return "f32_simd";
    case Kind::kF32Xsimd: return "f32_xsimd";
    case Kind::kF32Scalar: return "f32_scalar";
    case Kind::kInt8: return "int8_simd";
    case Kind::kInt16: return "int16_simd";
    case Kind::kInt8Scalar: return "int8_scalar";
    case Kind::kInt4: return "int4_packed";
    case Kind::kInt2: return "int2_planes";
    case Kind::kInt1: return "int1_planes";
    case Kind::kDense: return "f32_dense";
  }
  return "?";
}

// Owns whichever model a Kind needs and exposes it as a Subject.
struct Holder {
  std::unique_ptr<Model> model;
  std::unique_ptr<QuantizedModel> quantized;
  std::unique_ptr<DenseModel> dense;
  BitVector dense_state;  // dense steps keep no packed state: none is needed
  Subject subject;
};

Model& Trained(std::unique_ptr<Model>& slot, const ModelConfig& c, KernelEngine engine,
                       const std::vector<uint8_t>& text) {
  slot = std::make_unique<Model>(c, engine);
  for (size_t t = 0; t < kWarmupSteps; ++t) slot->TrainStepSymbol(text[t]);
  return *slot;
}

std::unique_ptr<Holder> MakeSubject(Kind kind, bool train, const ModelConfig& c,
                                    const std::vector<uint8_t>& text, size_t threads = 1) {
  auto h = std::make_unique<Holder>();
  const size_t weights = c.hidden * c.visible(), layouts = train ? 2 : 1;
  auto wrap = [&](SequenceModel& m, double bytes, const char* engine) {
    m.SetStepThreads(threads);
    h->subject.step = [&m, train](uint8_t s) {
      if (train) return m.TrainStepSymbol(s);
      StepStats stats;
      stats.active = m.InferStepSymbol(s);
      return stats;
    };
    h->subject.state = [&m]() -> const BitVector& { return m.state(); };
    h->subject.weight_bytes = bytes;
    h->subject.layout_bytes = static_cast<size_t>(static_cast<double>(weights) * bytes) * layouts;
    h->subject.label = engine;
  };
  if (kind == Kind::kDense) {
    h->dense = std::make_unique<DenseModel>(c);
    for (size_t t = 0; t < kDenseWarmupSteps; ++t) h->dense->Step(text[t], true);
    h->dense_state = BitVector(c.hidden);
    DenseModel* d = h->dense.get();
    h->subject.step = [d, train](uint8_t s) {
      d->Step(s, train);
      return StepStats{};
    };
    const BitVector* dense_state = &h->dense_state;
    h->subject.state = [dense_state]() -> const BitVector& { return *dense_state; };
    h->subject.weight_bytes = sizeof(float);
    h->subject.layout_bytes = h->dense->weight_bytes();
    h->subject.label = "Eigen dense";
    return h;
  }
  const bool integer = IntegerBits(kind) != 0;
  KernelEngine engine = KernelEngine::kSimd;
  if (kind == Kind::kF32Scalar || kind == Kind::kInt8Scalar) engine = KernelEngine::kScalarReference;
  if (kind == Kind::kF32Xsimd) engine = KernelEngine::kXsimd;
  if (!integer) {
    Model& m = Trained(h->model, c, engine, text);
    wrap(m, sizeof(float), m.engine_name());
    return h;
  }
  const unsigned bits = IntegerBits(kind);
  if (train) {
    h->quantized = std::make_unique<QuantizedModel>(c, IntegerTrainingOptions{bits}, engine);
    for (size_t t = 0; t < kWarmupSteps; ++t) h->quantized->TrainStepSymbol(text[t]);
  } else {
    Trained(h->model, c, KernelEngine::kSimd, text);
    h->quantized = std::make_unique<QuantizedModel>(
        QuantizedModel::Quantize(*h->model, {bits, ScaleGranularity::kRow}, engine));
    h->model.reset();
  }
  const double per_weight = static_cast<double>(h->quantized->weight_bytes() -
                                                (2 * c.hidden) * sizeof(int32_t)) /
                            static_cast<double>(weights);
  wrap(*h->quantized, bits > 8 ? 2 : bits > 4 ? 1 : per_weight, h->quantized->engine_name());
  return h;
}

// Mean counts over the next kProbeSteps steps (these steps are not timed).
StepCounts Probe(Subject& s, const std::vector<uint8_t>& text, size_t& t) {
  StepCounts c;
  for (size_t k = 0; k < kProbeSteps; ++k) {
    c.visible_active += 1.0 + static_cast<double>(s.state().CountSet());  // one-hot x
    const StepStats stats = s.step(text[t]);
    c.next_active += stats.active;
    c.errors += stats.input_error + stats.state_error;
    t = t + 1 < text.size() ? t + 1 : kWarmupSteps;
  }
  c.visible_active /= kProbeSteps;
  c.next_active /= kProbeSteps;
  c.errors /= kProbeSteps;
  return c;
}

// A trained subject with its counts, traffic and bandwidth: prepared once
// per configuration, because Google Benchmark calls a benchmark function
// several times (growing the iteration count) and training is slow.
struct Prepared {
  std::string key;
  std::vector<uint8_t> text;
  std::unique_ptr<Holder> holder;
  size_t t = 0;
  StepCounts counts;
  StepTraffic traffic;
  double roofline_seconds = 0;  // per step
  double stream_read = 0;
};

Prepared& Prepare(Kind kind, bool train, size_t n, double density, size_t threads) {
  static std::unique_ptr<Prepared> cache;  // one configuration at a time: big n is big
  const std::string key = std::to_string(static_cast<int>(kind)) + (train ? "t" : "i") +
                          std::to_string(n) + "/" + std::to_string(density) + "/" +
                          std::to_string(threads);
  if (cache && cache->key == key) return *cache;
  cache.reset();
  auto p = std::make_unique<Prepared>();
  p->key = key;
  const ModelConfig config = Config(n, density);
  p->text = Stream();
  p->holder = MakeSubject(kind, train, config, p->text, threads);
  Subject& subject = p->holder->subject;
  p->t = kind == Kind::kDense ? kDenseWarmupSteps : kWarmupSteps;
  // The dense model has no counts of its own: it moves (at least) what the
  // packed float step would, measured on a packed twin.
  if (kind == Kind::kDense) {
    std::unique_ptr<Holder> twin = MakeSubject(Kind::kF32, train, config, p->text);
    size_t twin_t = kWarmupSteps;
    p->counts = Probe(twin->subject, p->text, twin_t);
  } else {
    p->counts = Probe(subject, p->text, p->t);
  }
  p->traffic = train ? TrainTraffic(p->counts, config.inputs, n, subject.weight_bytes)
                     : InferTraffic(p->counts, n, subject.weight_bytes);
  const Bandwidth bandwidth = MeasureBandwidth(subject.layout_bytes);
  p->roofline_seconds = p->traffic.read / bandwidth.read + p->traffic.update / bandwidth.update;
  p->stream_read = bandwidth.read;
  cache = std::move(p);
  return *cache;
}

void RunStep(benchmark::State& state, Kind kind, bool train, size_t n, double density,
             size_t threads) {
  Prepared& p = Prepare(kind, train, n, density, threads);
  Subject& subject = p.holder->subject;
  const std::vector<uint8_t>& text = p.text;
  size_t& t = p.t;
  for (auto _ : state) {
    benchmark::DoNotOptimize(subject.step(text[t]));
    t = t + 1 < text.size() ? t + 1 : kWarmupSteps;
  }
  const double steps = static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = p.traffic.total();
  state.counters["GBps"] = benchmark::Counter(p.traffic.total() * steps / 1e9, benchmark::Counter::kIsRate);
  state.counters["stream_GBps"] = p.stream_read / 1e9;
  state.counters["roofline_pct"] =
      benchmark::Counter(100.0 * p.roofline_seconds * steps, benchmark::Counter::kIsRate);
  state.counters["active"] = p.counts.next_active;
  state.counters["errors"] = p.counts.errors;
  state.SetLabel(subject.label);
}

// Removes argv[i] from the arguments Google Benchmark will see.
void DropArgument(int* argc, char** argv, int i) {
  for (int j = i; j + 1 < *argc; ++j) argv[j] = argv[j + 1];
  --*argc;
}

// Our own options: --sizes=N,N,..., --all-densities (every n gets every
// d; by default only n = 4000 does, the others run d = 0.1) and
// --threads=T,T,... (step threads of the Highway rows).
struct BenchOptions {
  std::vector<size_t> sizes = {256, 1024, 4000, 8192};
  bool all_densities = false;
  std::vector<size_t> threads;  // empty: one thread, no /t: suffix
};

// "N,N,..." after `prefix` into `out`; exits naming the option when bad.
void ParseList(const char* arg, size_t prefix, std::vector<size_t>& out) {
  out.clear();
  const char* p = arg + prefix;
  while (*p != '\0') {
    char* end = nullptr;
    const size_t n = std::strtoul(p, &end, 10);
    if (end == p || n == 0 || (*end != ',' && *end != '\0')) {
      std::fprintf(stderr, "step_bench: bad value in '%s'\n", arg);
      std::exit(2);
    }
    out.push_back(n);
    p = *end == ',' ? end + 1 : end;
  }
}

BenchOptions OptionsFromArgs(int* argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i < *argc;) {
    if (std::strncmp(argv[i], "--sizes=", 8) == 0) {
      ParseList(argv[i], 8, options.sizes);
      DropArgument(argc, argv, i);
    } else if (std::strncmp(argv[i], "--threads=", 10) == 0) {
      ParseList(argv[i], 10, options.threads);
      DropArgument(argc, argv, i);
    } else if (std::strcmp(argv[i], "--all-densities") == 0) {
      options.all_densities = true;
      DropArgument(argc, argv, i);
    } else {
      ++i;
    }
  }
  return options;
}

bool XsimdBuilt() {
  ModelConfig tiny;
  tiny.hidden = 8;
  try {
    Model probe(tiny, KernelEngine::kXsimd);
    return true;
  } catch (const std::exception&) {
    return false;  // built with BITSTATE_XSIMD=OFF
  }
}

void Register(const BenchOptions& options) {
  const Kind kinds[] = {Kind::kF32,   Kind::kF32Xsimd, Kind::kF32Scalar, Kind::kInt8,
                        Kind::kInt16, Kind::kInt8Scalar, Kind::kInt4, Kind::kInt2,
                        Kind::kInt1,  Kind::kDense};
  const bool xsimd = XsimdBuilt();
  for (bool train : {true, false}) {
    for (Kind kind : kinds) {
      if (kind == Kind::kF32Xsimd && !xsimd) continue;
      const bool packed = IntegerBits(kind) != 0 && IntegerBits(kind) <= 4;
      if (packed && train) continue;  // packed levels are for inference
      for (size_t n : options.sizes) {
        for (double d : {0.05, 0.1, 0.2}) {
          if (d != 0.1 && n != 4000 && !options.all_densities) continue;
          const std::string name = std::string(train ? "train" : "infer") + "/" + KindName(kind) +
                                   "/n:" + std::to_string(n) + "/d:" + std::to_string(d).substr(0, 4);
          const bool splits = kind == Kind::kF32 || kind == Kind::kInt8 || kind == Kind::kInt16 ||
                              packed;
          if (options.threads.empty() || !splits) {
            benchmark::RegisterBenchmark(name.c_str(), RunStep, kind, train, n, d, size_t{1})
                ->Unit(benchmark::kMicrosecond);
            continue;
          }
          for (size_t threads : options.threads) {
            benchmark::RegisterBenchmark((name + "/t:" + std::to_string(threads)).c_str(), RunStep,
                                         kind, train, n, d, threads)
                ->Unit(benchmark::kMicrosecond);
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace bench
}  // namespace bitstate

int main(int argc, char** argv) {
  bitstate::bench::Register(bitstate::bench::OptionsFromArgs(&argc, argv));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
