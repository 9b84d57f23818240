// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The character n-gram peer (ngram_features.h): tf-idf values worked out by
// hand, unit rows, and a ridge on them that separates what it should.
#include "bitstate/ngram_features.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "bitstate/error.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

LabelledSequence Row(int label, const std::string& text) {
  LabelledSequence row;
  row.label = label;
  EncodeText(text, &row.symbols);
  return row;
}

TEST_CASE("n-gram tf-idf by hand: sublinear counts, smoothed idf, unit rows") {
  NgramFeaturizer f(1 << 20);
  const Dataset rows = {Row(0, "ab"), Row(1, "aa"), Row(0, "")};
  std::vector<uint8_t> s;
  EncodeText("abaa", &s);
  const size_t a = f.Bucket(&s[0], 1), b = f.Bucket(&s[1], 1), ab = f.Bucket(&s[0], 2),
               aa = f.Bucket(&s[2], 2);
  REQUIRE(a != b);
  REQUIRE(ab != aa);
  f.FitIdf(rows);
  // df: a 2, b 1, ab 1, aa 1 over 3 rows.
  CHECK(f.idf()[a] == doctest::Approx(std::log(4.0 / 3.0) + 1));
  CHECK(f.idf()[b] == doctest::Approx(std::log(4.0 / 2.0) + 1));
  CHECK(f.idf()[ab] == doctest::Approx(std::log(4.0 / 2.0) + 1));
  const FeatureMatrix x = f.Transform(rows);
  // "aa": a twice (1 + ln 2) * idf(a), aa once 1 * idf(aa), then unit length.
  const double va = (1 + std::log(2.0)) * (std::log(4.0 / 3.0) + 1), vaa = std::log(2.0) + 1;
  const double norm = std::sqrt(va * va + vaa * vaa);
  CHECK(x.row(1)[a] == doctest::Approx(va / norm));
  CHECK(x.row(1)[aa] == doctest::Approx(vaa / norm));
  double squares = 0;
  for (size_t k = 0; k < x.cols; ++k) squares += x.row(0)[k] * x.row(0)[k];
  CHECK(squares == doctest::Approx(1.0));
  size_t nonzero = 0;  // the empty row
  for (size_t k = 0; k < x.cols; ++k) nonzero += x.row(2)[k] != 0.0f;
  CHECK(nonzero == 0);

  CHECK_THROWS_AS(NgramFeaturizer(0), Error);
  CHECK_THROWS_AS(NgramFeaturizer(16).Transform(rows), Error);  // no FitIdf
}

TEST_CASE("a ridge on the n-gram features separates texts by their words") {
  Dataset train, test;
  const char* words[2][3] = {{"market", "shares", "profit"}, {"match", "goal", "season"}};
  for (int i = 0; i < 40; ++i) {
    const int label = i % 2;
    const std::string text =
        std::string("the ") + words[label][i % 3] + " and the " + words[label][(i + 1) % 3];
    (i < 30 ? train : test).push_back(Row(label, text));
  }
  NgramFeaturizer f(512);
  f.FitIdf(train);
  RidgeClassifier ridge;
  std::vector<int> train_labels, test_labels;
  for (const auto& r : train) train_labels.push_back(r.label);
  for (const auto& r : test) test_labels.push_back(r.label);
  ridge.Fit(f.Transform(train), train_labels, 2, 1.0);
  CHECK(ridge.Accuracy(f.Transform(test), test_labels) == 1.0);
}

}  // namespace
}  // namespace bitstate
