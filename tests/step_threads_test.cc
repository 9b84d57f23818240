// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Steps on several threads equal steps on one bit for bit: 2,000 training
// steps of float and integer models with 2 and 3 threads, on every SIMD
// target, and inference of post-training-quantised models (with input
// multipliers). Test names with threads say "with threads": .ci/cross-test
// leaves them out on qemu-aarch64, which hangs a guest's second thread.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "bitstate/model.h"
#include "bitstate/quantized_model.h"
#include "bitstate/step_threads.h"
#include "bitstate/text_encoder.h"
#include "bitstate/unit_range.h"
#include "model_compare.h"
#include "test_util.h"

namespace bitstate {
namespace {

// n = 600: three part granules (256, 256, 88), so 2 and 3 threads each get
// units, and the last part is not a whole number of words or vectors.
constexpr size_t kHidden = 600;
constexpr size_t kSteps = 2000;

ModelConfig Config(UpdateRows rows) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = kHidden;
  config.update_rows = rows;
  config.seed = 21;
  return config;
}

TEST_CASE("parts cover the units once, in order, cut at whole granules") {
  for (size_t units : {size_t{0}, size_t{1}, size_t{255}, size_t{256}, size_t{600}, size_t{4096},
                       size_t{4000}}) {
    for (size_t parts = 1; parts <= 17; ++parts) {
      CAPTURE(units);
      CAPTURE(parts);
      size_t next = 0, largest = 0, smallest = units;
      for (size_t p = 0; p < parts; ++p) {
        const UnitRange r = PartOf(units, p, parts);
        CHECK(r.begin == next);
        CHECK(r.end >= r.begin);
        CHECK((r.begin % kPartGranule == 0 || r.begin == units));
        next = r.end;
        largest = std::max(largest, r.size());
        smallest = std::min(smallest, r.size());
      }
      CHECK(next == units);
      // As even as whole granules allow.
      CHECK(largest <= smallest + kPartGranule);
    }
  }
}

TEST_CASE("step threads with threads run every part of every job once, and a copy has none") {
  StepThreads threads;
  CHECK(threads.count() == 1);
  threads.Resize(3);
  REQUIRE(threads.count() == 3);
  std::vector<std::atomic<int>> runs(3);
  for (int job = 0; job < 5000; ++job) {
    threads.Run([&](size_t part) { runs[part].fetch_add(1); });
    // Every part has finished when Run returns.
    CHECK((runs[0].load() == job + 1 && runs[1].load() == job + 1 && runs[2].load() == job + 1));
  }
  const StepThreads copy = threads;
  CHECK(copy.count() == 1);
  threads.Resize(1);
  CHECK(threads.count() == 1);
  int alone = 0;
  threads.Run([&](size_t part) { alone += 1 + static_cast<int>(part); });
  CHECK(alone == 1);
}

TEST_CASE("float training with threads is bit-identical to one thread on every SIMD target") {
  const std::vector<uint8_t> text = test::MarkovText(kSteps, 17);
  for (UpdateRows rows : {UpdateRows::kNext, UpdateRows::kPrevious}) {
    Model reference(Config(rows), KernelEngine::kScalarReference);
    std::vector<StepStats> expected;
    std::vector<BitVector> states;
    for (uint8_t symbol : text) {
      expected.push_back(reference.TrainStepSymbol(symbol));
      states.push_back(reference.state());
    }
    // 2 threads on every target, 3 (more than this CI machine's cores: the
    // slow case for spinning) on the dispatched one.
    const auto check = [&](const char* target, size_t threads) {
      {
        INFO("target ", target, ", ", threads, " threads, update_rows ", UpdateRowsName(rows));
        Model model(Config(rows));
        model.SetStepThreads(threads);
        REQUIRE(model.step_threads() == threads);
        size_t mismatches = 0;
        for (size_t t = 0; t < text.size(); ++t) {
          const StepStats s = model.TrainStepSymbol(text[t]);
          mismatches += s.input_error != expected[t].input_error ||
                        s.state_error != expected[t].state_error ||
                        s.active != expected[t].active || model.state() != states[t];
        }
        CHECK(mismatches == 0);
        CHECK(test::SameModel(model, reference));
        // The scalar reference model splits the same way.
        Model scalar(Config(rows), KernelEngine::kScalarReference);
        scalar.SetStepThreads(threads);
        for (size_t t = 0; t < 300; ++t) scalar.TrainStepSymbol(text[t]);
        CHECK(scalar.state() == states[299]);
      }
    };
    test::ForEachTarget([&](const char* target) { check(target, 2); });
    check(Model(Config(rows)).engine_name(), 3);
  }
}

bool SameLevels(const QuantizedModel& a, const QuantizedModel& b) {
  bool same = a.state() == b.state() && a.saturated_updates() == b.saturated_updates();
  for (size_t i = 0; i < a.hidden(); ++i) {
    for (size_t j = 0; j < a.visible(); ++j) same &= a.level(i, j) == b.level(i, j);
    same &= a.hidden_bias_level(i) == b.hidden_bias_level(i);
  }
  for (size_t j = 0; j < a.visible(); ++j) same &= a.input_bias_level(j) == b.input_bias_level(j);
  return same;
}

TEST_CASE("integer training with threads is bit-identical to one thread on every SIMD target") {
  const std::vector<uint8_t> text = test::MarkovText(kSteps, 19);
  struct Case {
    unsigned bits;  // 1 and 8: int8 storage; 12: int16
    UpdateRows rows;
    bool every_target;  // 2 threads on every target, else on the dispatched one; 3 there
  };
  for (const Case& c : {Case{8, UpdateRows::kNext, true}, Case{12, UpdateRows::kPrevious, true},
                        Case{1, UpdateRows::kNext, false}, Case{8, UpdateRows::kPrevious, false},
                        Case{12, UpdateRows::kNext, false}}) {
    QuantizedModel reference(Config(c.rows), IntegerTrainingOptions{c.bits});
    std::vector<BitVector> states;
    size_t errors = 0;
    for (uint8_t symbol : text) {
      errors += reference.TrainStepSymbol(symbol).state_error;
      states.push_back(reference.state());
    }
    REQUIRE(errors > 0);
    const auto check = [&](const char* target, size_t threads) {
      {
        INFO("target ", target, ", ", c.bits, " bits, ", threads, " threads, update_rows ",
             UpdateRowsName(c.rows));
        QuantizedModel model(Config(c.rows), IntegerTrainingOptions{c.bits});
        model.SetStepThreads(threads);
        size_t mismatches = 0;
        for (size_t t = 0; t < text.size(); ++t) {
          model.TrainStepSymbol(text[t]);
          mismatches += model.state() != states[t];
        }
        CHECK(mismatches == 0);
        CHECK(SameLevels(model, reference));
      }
    };
    if (c.every_target) {
      test::ForEachTarget([&](const char* target) { check(target, 2); });
    } else {
      check(reference.engine_name(), 2);
    }
    check(reference.engine_name(), 3);
  }
}

TEST_CASE("inference with threads is bit-identical to one thread: float, int8 and int16") {
  Model trained(Config(UpdateRows::kNext));
  const std::vector<uint8_t> text = test::MarkovText(3000, 23);
  for (size_t t = 0; t < 1000; ++t) trained.TrainStepSymbol(text[t]);
  // Row scales give each unit its own input multiplier K_i.
  std::vector<std::unique_ptr<SequenceModel>> models;
  models.push_back(trained.Clone());
  for (unsigned bits : {4u, 8u, 12u}) {
    models.push_back(std::make_unique<QuantizedModel>(
        QuantizedModel::Quantize(trained, {bits, ScaleGranularity::kRow})));
  }
  for (const auto& model : models) {
    std::unique_ptr<SequenceModel> one = model->Clone(), three = model->Clone();
    three->SetStepThreads(3);
    size_t mismatches = 0, active = 0;
    for (size_t t = 1000; t < text.size(); ++t) {
      active += one->InferStepSymbol(text[t]);
      three->InferStepSymbol(text[t]);
      mismatches += one->state() != three->state();
    }
    CHECK(active > 0);
    CHECK(mismatches == 0);
    // A clone runs on its caller's thread only.
    CHECK(three->Clone()->step_threads() == 1);
  }
}

}  // namespace
}  // namespace bitstate
