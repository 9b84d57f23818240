// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The subsets of a trial: sizes, disjointness, class balance of test:K,
// the validation split, seeds, and the errors that name what is missing.
#include "bitstate/trial_split.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "bitstate/error.h"

namespace bitstate {
namespace {

std::vector<int> TestLabels(size_t rows, size_t classes) {
  std::vector<int> labels(rows);
  for (size_t r = 0; r < rows; ++r) labels[r] = static_cast<int>(r % classes);
  return labels;
}

size_t Distinct(const std::vector<std::vector<size_t>*>& parts) {
  std::set<size_t> all;
  for (const auto* part : parts) all.insert(part->begin(), part->end());
  return all.size();
}

TEST_CASE("trial splits: the paper's, test:K and validation rows are disjoint and sized") {
  TrialSplitSpec spec;
  spec.unsupervised = 300;
  spec.supervised = 200;
  spec.seed = 4;
  const std::vector<int> test = TestLabels(120, 4);
  TrialSplit paper = MakeTrialSplit(1000, test, 4, spec);
  CHECK(paper.unsupervised.size() == 300);
  CHECK(paper.classifier.size() == 200);
  CHECK(Distinct({&paper.unsupervised, &paper.classifier}) == 500);
  CHECK(paper.evaluation.size() == 120);
  CHECK(std::is_sorted(paper.evaluation.begin(), paper.evaluation.end()));
  CHECK(!paper.evaluation_from_train);

  spec.validation = 150;
  TrialSplit validation = MakeTrialSplit(1000, test, 4, spec);
  CHECK(validation.evaluation_from_train);
  CHECK(validation.evaluation.size() == 150);
  // The same unsupervised and classifier rows as without it; the held-out
  // rows are neither.
  CHECK(validation.unsupervised == paper.unsupervised);
  CHECK(validation.classifier == paper.classifier);
  CHECK(Distinct({&validation.unsupervised, &validation.classifier, &validation.evaluation}) ==
        650);
  CHECK_THROWS_WITH_AS(MakeTrialSplit(600, test, 4, spec),
                       doctest::Contains("300 unsupervised + 200 classifier + 150 validation"),
                       Error);

  spec.validation = 0;
  spec.classifier_from_test = 40;
  TrialSplit from_test = MakeTrialSplit(1000, test, 4, spec);
  CHECK(from_test.classifier_from_test);
  CHECK(from_test.classifier.size() == 40);
  CHECK(from_test.evaluation.size() == 80);
  CHECK(Distinct({&from_test.classifier, &from_test.evaluation}) == 120);
  std::vector<int> per_class(4, 0);
  for (size_t r : from_test.classifier) ++per_class[test[r]];
  CHECK(per_class == std::vector<int>{10, 10, 10, 10});
  spec.validation = 10;
  CHECK_THROWS_WITH_AS(MakeTrialSplit(1000, test, 4, spec),
                       doctest::Contains("not with --classifier-from test:K"), Error);
  spec.validation = 0;
  spec.classifier_from_test = 42;
  CHECK_THROWS_WITH_AS(MakeTrialSplit(1000, test, 4, spec),
                       doctest::Contains("K must be a multiple of 4"), Error);

  spec.classifier_from_test = 0;
  spec.seed = 5;
  CHECK(MakeTrialSplit(1000, test, 4, spec).unsupervised != paper.unsupervised);
}

}  // namespace
}  // namespace bitstate
