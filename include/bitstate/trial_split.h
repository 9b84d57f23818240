// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The random, disjoint row subsets of one trial of the paper's experiment.
#ifndef BITSTATE_TRIAL_SPLIT_H_
#define BITSTATE_TRIAL_SPLIT_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bitstate {

struct TrialSplitSpec {
  size_t unsupervised = 5000;  // U training rows, learning on
  size_t supervised = 5000;    // S rows for the classifier
  // 0: the paper's protocol, S more training rows for the classifier and the
  // whole test set for evaluation. K > 0: the classifier takes a
  // class-balanced K of the test rows and is evaluated on the rest (for when
  // the training set is too small); `supervised` is then ignored.
  size_t classifier_from_test = 0;
  // V > 0: evaluation on V further training rows instead of the test set
  // (a validation split for choosing settings; the test set is not read
  // into any result). Not with classifier_from_test.
  size_t validation = 0;
  uint64_t seed = 1;
};

struct TrialSplit {
  std::vector<size_t> unsupervised;  // indices into the training rows
  std::vector<size_t> classifier;    // into training rows, or test rows if from test
  std::vector<size_t> evaluation;    // into the test rows, file order; or training rows
  bool classifier_from_test = false;
  bool evaluation_from_train = false;  // validation
};

// Throws bitstate::Error when the data cannot supply the subsets asked for.
TrialSplit MakeTrialSplit(size_t train_rows, const std::vector<int>& test_labels,
                          size_t classes, const TrialSplitSpec& spec);

}  // namespace bitstate

#endif  // BITSTATE_TRIAL_SPLIT_H_
