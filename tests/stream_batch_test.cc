// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Streams stepped together (stream_batch.h) equal the same streams stepped
// one at a time, bit for bit: float and every integer storage, with and
// without a carry, several tiles or one, streams that wait, reset and set.
#include "bitstate/stream_batch.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/model.h"
#include "bitstate/quantized_model.h"
#include "bitstate/random.h"
#include "bitstate/text_encoder.h"
#include "test_util.h"

namespace bitstate {
namespace {

// n = 600: tiles of 256 units give three (256, 256, 88), the last not a
// whole number of words or vectors.
ModelConfig Config(float carry) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 600;
  config.seed = 31;
  config.carry = carry;
  return config;
}

// The model kinds a batch must serve, trained on `text` (float) and
// quantised from it; made afresh so they take the current SIMD target.
std::vector<std::unique_ptr<SequenceModel>> Models(float carry, const std::vector<uint8_t>& text) {
  Model trained(Config(carry));
  for (uint8_t symbol : text) trained.TrainStepSymbol(symbol);
  std::vector<std::unique_ptr<SequenceModel>> models;
  models.push_back(trained.Clone());
  // 1: binary planes, 2: ternary planes, 4: nibbles, 8: int8, 12: int16;
  // row scales give each unit its own input multiplier.
  for (unsigned bits : {1u, 2u, 4u, 8u, 12u}) {
    models.push_back(std::make_unique<QuantizedModel>(
        QuantizedModel::Quantize(trained, {bits, ScaleGranularity::kRow})));
  }
  return models;
}

// B streams of different texts, each also stepped alone on a clone of
// `model`; stream s waits at steps where (t + s) % 4 == 0, stream 0 starts
// from the model's state, stream 2 is reset and stream 3 set to random bits
// on the way. Returns how many stream-steps differed.
size_t Mismatches(const SequenceModel& model, size_t tile_units, size_t* steps_run) {
  constexpr size_t kStreams = 5, kSteps = 300;
  StreamBatch batch(model, kStreams, tile_units);
  std::vector<std::unique_ptr<SequenceModel>> alone;
  std::vector<std::vector<uint8_t>> texts;
  for (size_t s = 0; s < kStreams; ++s) {
    alone.push_back(model.Clone());
    alone[s]->ResetState();
    texts.push_back(test::MarkovText(kSteps - 40 * s, 100 + s));
  }
  alone[0]->SetState(model.state());
  batch.SetState(0, model.state());
  Rng rng(5);
  const BitVector random_state = test::RandomBits(model.hidden(), 0.1, rng);
  size_t mismatches = 0, active = 0;
  for (size_t t = 0; t < kSteps; ++t) {
    if (t == 120) {
      batch.Reset(2);
      alone[2]->ResetState();
      batch.SetState(3, random_state);
      alone[3]->SetState(random_state);
    }
    for (size_t s = 0; s < kStreams; ++s) {
      if ((t + s) % 4 == 0 || t >= texts[s].size()) continue;
      batch.SetInput(s, texts[s][t]);
      alone[s]->InferStepSymbol(texts[s][t]);
      ++*steps_run;
    }
    model.InferStepBatch(batch);
    for (size_t s = 0; s < kStreams; ++s) {
      BitVector h(model.hidden());
      std::copy_n(batch.state(s), h.num_words(), h.words());
      mismatches += h != alone[s]->state() || batch.active(s) != h.CountSet();
      active += batch.active(s);
    }
  }
  CHECK(active > 10 * kSteps);  // the states are not trivially zero
  return mismatches;
}

TEST_CASE("a stream batch equals its streams run alone, bit for bit, on every SIMD target") {
  const std::vector<uint8_t> text = test::MarkovText(1500, 41);
  for (float carry : {0.0f, 0.5f}) {
    test::ForEachTarget([&](const char* target) {
      const auto models = Models(carry, text);
      for (size_t k = 0; k < models.size(); ++k) {
        for (size_t tile : {size_t{256}, size_t{0}}) {
          INFO("target ", std::string(target), ", carry ", carry, ", model ", k, ", tile ", tile);
          size_t steps = 0;
          CHECK(Mismatches(*models[k], tile, &steps) == 0);
          CHECK(steps == 825);  // (300 + 260 + 220 + 180 + 140) * 3 / 4
        }
      }
    });
  }
}

TEST_CASE("a stream batch leaves the model alone and refuses what does not fit") {
  const std::vector<uint8_t> text = test::MarkovText(200, 43);
  Model model(Config(0.0f));
  for (uint8_t symbol : text) model.TrainStepSymbol(symbol);
  const BitVector before = model.state();
  StreamBatch batch(model, 2);
  CHECK(batch.tile_units() == 0);
  // Columns that fit the cache: one tile; larger ones: cut to whole granules.
  CHECK(batch.TileFor(model.column_bytes()) == 3 * kPartGranule);
  CHECK(batch.TileFor(size_t{100} << 20) == kPartGranule);
  CHECK(StreamBatch(model, 2, 512).TileFor(model.column_bytes()) == 512);
  batch.SetInput(1, 3);
  model.InferStepBatch(batch);
  CHECK(model.state() == before);
  CHECK(batch.active(0) == 0);  // no input: still the zero state
  CHECK(batch.active(1) > 0);

  CHECK_THROWS_WITH_AS(batch.SetInput(2, 0), doctest::Contains("stream 2 of 2"), Error);
  CHECK_THROWS_WITH_AS(batch.SetInput(0, kTextSymbols), doctest::Contains("symbol"), Error);
  CHECK_THROWS_WITH_AS(StreamBatch(model, 2, 100), doctest::Contains("multiple of 256"), Error);
  CHECK_THROWS_WITH_AS(StreamBatch(model, 0), doctest::Contains("at least one stream"), Error);
  CHECK_THROWS_WITH_AS(batch.SetState(0, BitVector(599)), doctest::Contains("599 bits"), Error);
  Model carrying(Config(0.5f));
  CHECK_THROWS_WITH_AS(carrying.InferStepBatch(batch), doctest::Contains("not for this model"),
                       Error);
  ModelConfig wider = Config(0.0f);
  wider.hidden = 700;
  CHECK_THROWS_WITH_AS(Model(wider).InferStepBatch(batch), doctest::Contains("600 hidden units"),
                       Error);
}

}  // namespace
}  // namespace bitstate
