// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Eq. 1-5 on a model small enough to compute by hand (m = 2, n = 3). All
// values are dyadic, so every sum below is exact in float.
#include <doctest/doctest.h>

#include "bitstate/error.h"
#include "bitstate/model.h"

namespace bitstate {
namespace {

constexpr size_t kM = 2, kN = 3, kV = kM + kN;

// W rows (n = 3) over the visible units [x0, x1, h0, h1, h2].
constexpr float kW[kN][kV] = {{0.5f, -0.25f, 0.125f, 0.0f, -0.5f},
                              {-0.5f, 0.75f, 0.0f, 0.25f, 0.0f},
                              {0.25f, 0.25f, -0.125f, 0.5f, 0.25f}};
constexpr float kA[kV] = {0.5f, -1.0f, 0.0f, -0.75f, -0.5f};
constexpr float kB[kN] = {-0.625f, 0.75f, 0.0f};

Model HandModel(UpdateRows rows, KernelEngine engine) {
  ModelConfig config;
  config.inputs = kM;
  config.hidden = kN;
  config.rate_input = 0.5f;   // r_x
  config.rate_hidden = 0.25f; // r_h
  config.density = 0.5f;      // d
  config.update_rows = rows;
  Model model(config, engine);
  for (size_t i = 0; i < kN; ++i) {
    for (size_t j = 0; j < kV; ++j) model.SetWeight(i, j, kW[i][j]);
    model.SetHiddenBias(i, kB[i]);
  }
  for (size_t j = 0; j < kV; ++j) model.SetInputBias(j, kA[j]);
  model.SetState(BitVector(kN, {0}));  // h_t = [1, 0, 0]
  return model;
}

void CheckRow(const Model& model, size_t i, const float (&expected)[kV]) {
  for (size_t j = 0; j < kV; ++j) {
    INFO("W[", i, "][", j, "]");
    CHECK(model.weight(i, j) == expected[j]);
  }
}

TEST_CASE("eq. 1-5 on a hand-computed step, both readings of eq. 3, both engines") {
  for (KernelEngine engine : {KernelEngine::kSimd, KernelEngine::kScalarReference}) {
    for (UpdateRows rows : {UpdateRows::kNext, UpdateRows::kPrevious}) {
      Model model = HandModel(rows, engine);
      INFO("engine ", model.engine_name(), ", update_rows ", UpdateRowsName(rows));
      // x = [1, 0], so [x, h] = [1, 0, 1, 0, 0].
      // Eq. 1: W [x, h] = columns 0 + 2 = [0.625, -0.5, 0.125];
      //   + b = [0, 0.25, 0.125] -> H = [0, 1, 1] (H(0) = 0 on neuron 0).
      const StepStats stats = model.TrainStep(BitVector(kM, {0}));
      CHECK(model.state() == BitVector(kN, {1, 2}));
      CHECK(stats.active == 2);
      // Eq. 2: W^T h' = rows 1 + 2 = [-0.25, 1, -0.125, 0.75, 0.25];
      //   + a = [0.25, 0, -0.125, 0, -0.25] -> [x~, h~] = [1, 0, 0, 0, 0].
      CHECK(model.reconstruction() == BitVector(kV, {0}));
      // e = [1,0,1,0,0] - [1,0,0,0,0] = [0,0,1,0,0]: one state error, at h0.
      CHECK(stats.input_error == 0);
      CHECK(stats.state_error == 1);
      // Eq. 3: r*e = +r_h = 0.25 at column 2, added to the rows in u.
      if (rows == UpdateRows::kNext) {  // u = h_{t+1} = [0, 1, 1]
        CheckRow(model, 0, kW[0]);
        CheckRow(model, 1, {-0.5f, 0.75f, 0.25f, 0.25f, 0.0f});
        CheckRow(model, 2, {0.25f, 0.25f, 0.125f, 0.5f, 0.25f});
      } else {  // u = h_t = [1, 0, 0]
        CheckRow(model, 0, {0.5f, -0.25f, 0.375f, 0.0f, -0.5f});
        CheckRow(model, 1, kW[1]);
        CheckRow(model, 2, kW[2]);
      }
      // Eq. 4: a_2 += 0.25.
      CHECK(model.input_bias(2) == 0.25f);
      CHECK(model.input_bias(0) == kA[0]);
      // Eq. 5: b += r_h (d - h') = 0.25 * [0.5, -0.5, -0.5].
      CHECK(model.hidden_bias(0) == -0.5f);
      CHECK(model.hidden_bias(1) == 0.625f);
      CHECK(model.hidden_bias(2) == -0.125f);
    }
  }
}

TEST_CASE("a second hand-computed step with input errors (update_rows = next)") {
  for (KernelEngine engine : {KernelEngine::kSimd, KernelEngine::kScalarReference}) {
    Model model = HandModel(UpdateRows::kNext, engine);
    model.TrainStep(BitVector(kM, {0}));  // the step above: h = [0, 1, 1]
    // x = [0, 1]: [x, h] = [0, 1, 0, 1, 1].
    // Eq. 1: columns 1 + 3 + 4 = [-0.75, 1, 1]; + b = [-1.25, 1.625, 0.875]
    //   -> h' = [0, 1, 1].
    const StepStats stats = model.TrainStep(BitVector(kM, {1}));
    CHECK(model.state() == BitVector(kN, {1, 2}));
    // Eq. 2: rows 1 + 2 = [-0.25, 1, 0.375, 0.75, 0.25];
    //   + a = [0.25, 0, 0.625, 0, -0.25] -> [1, 0, 1, 0, 0].
    CHECK(model.reconstruction() == BitVector(kV, {0, 2}));
    // e = [-1, +1, -1, +1, +1]: two input errors, three state errors.
    CHECK(stats.input_error == 2);
    CHECK(stats.state_error == 3);
    CHECK(stats.active == 2);
    // r*e = [-0.5, 0.5, -0.25, 0.25, 0.25] added to rows 1 and 2.
    CheckRow(model, 0, kW[0]);
    CheckRow(model, 1, {-1.0f, 1.25f, 0.0f, 0.5f, 0.25f});
    CheckRow(model, 2, {-0.25f, 0.75f, -0.125f, 0.75f, 0.5f});
    const float a[kV] = {0.0f, -0.5f, 0.0f, -0.5f, -0.25f};
    for (size_t j = 0; j < kV; ++j) CHECK(model.input_bias(j) == a[j]);
    CHECK(model.hidden_bias(0) == -0.375f);
    CHECK(model.hidden_bias(1) == 0.5f);
    CHECK(model.hidden_bias(2) == -0.25f);
  }
}

TEST_CASE("inference runs eq. 1 only and changes no parameter") {
  Model model = HandModel(UpdateRows::kNext, KernelEngine::kSimd);
  CHECK(model.InferStep(BitVector(kM, {0})) == 2);
  CHECK(model.state() == BitVector(kN, {1, 2}));
  for (size_t i = 0; i < kN; ++i) CheckRow(model, i, kW[i]);
  CHECK(model.hidden_bias(0) == kB[0]);
  CHECK(model.input_bias(2) == kA[2]);
}

TEST_CASE("one-hot steps equal steps on the same bit vector") {
  Model by_symbol = HandModel(UpdateRows::kNext, KernelEngine::kSimd);
  Model by_vector = HandModel(UpdateRows::kNext, KernelEngine::kSimd);
  for (size_t symbol : {0, 1, 1, 0, 1}) {
    const StepStats a = by_symbol.TrainStepSymbol(symbol);
    const StepStats b = by_vector.TrainStep(BitVector(kM, {symbol}));
    CHECK(a.state_error == b.state_error);
    CHECK(by_symbol.state() == by_vector.state());
  }
  CHECK_THROWS_AS(by_symbol.TrainStepSymbol(kM), Error);
  CHECK_THROWS_AS(by_symbol.TrainStep(BitVector(kM + 1)), Error);
  CHECK_THROWS_AS(by_symbol.SetState(BitVector(kN + 1)), Error);
  CHECK_THROWS_AS(by_symbol.SetWeight(kN, 0, 1.0f), Error);
}

}  // namespace
}  // namespace bitstate
