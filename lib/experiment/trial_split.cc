// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/trial_split.h"

#include <numeric>
#include <string>

#include "bitstate/error.h"
#include "bitstate/random.h"

namespace bitstate {
TrialSplit MakeTrialSplit(size_t train_rows, const std::vector<int>& test_labels,
                          size_t classes, const TrialSplitSpec& spec) {
  TrialSplit split;
  const bool from_test = spec.classifier_from_test > 0;
  if (from_test && spec.validation > 0) {
    throw Error("a validation split evaluates on training rows: not with --classifier-from test:K");
  }
  const size_t from_train = spec.unsupervised + (from_test ? 0 : spec.supervised);
  if (from_train + spec.validation > train_rows) {
    throw Error("the training set has " + std::to_string(train_rows) + " rows, the protocol needs " +
                std::to_string(spec.unsupervised) + " unsupervised" +
                (from_test ? std::string() : " + " + std::to_string(spec.supervised) + " classifier") +
                (spec.validation ? " + " + std::to_string(spec.validation) + " validation"
                                 : std::string()) +
                " rows (use --classifier-from test:K or smaller --unsupervised/--supervised)");
  }
  Rng rng(DeriveSeed(spec.seed, 1));
  std::vector<size_t> order(train_rows);
  std::iota(order.begin(), order.end(), size_t{0});
  Shuffle(order, rng);
  split.unsupervised.assign(order.begin(), order.begin() + spec.unsupervised);

  if (!from_test) {
    split.classifier.assign(order.begin() + spec.unsupervised, order.begin() + from_train);
    if (spec.validation > 0) {
      split.evaluation.assign(order.begin() + from_train,
                              order.begin() + from_train + spec.validation);
      split.evaluation_from_train = true;
      return split;
    }
    split.evaluation.resize(test_labels.size());
    std::iota(split.evaluation.begin(), split.evaluation.end(), size_t{0});
    return split;
  }
  split.classifier_from_test = true;
  const size_t k = spec.classifier_from_test;
  if (k % classes != 0 || k >= test_labels.size()) {
    throw Error("--classifier-from test:" + std::to_string(k) + ": K must be a multiple of " +
                std::to_string(classes) + " and below the " + std::to_string(test_labels.size()) +
                " test rows");
  }
  // K / classes random rows of each class go to the classifier.
  std::vector<std::vector<size_t>> by_class(classes);
  for (size_t r = 0; r < test_labels.size(); ++r) by_class.at(test_labels[r]).push_back(r);
  std::vector<bool> taken(test_labels.size(), false);
  for (auto& rows : by_class) {
    if (rows.size() < k / classes) {
      throw Error("--classifier-from test:" + std::to_string(k) + ": a class has only " +
                  std::to_string(rows.size()) + " test rows");
    }
    Shuffle(rows, rng);
    for (size_t i = 0; i < k / classes; ++i) taken[rows[i]] = true;
  }
  for (size_t r = 0; r < test_labels.size(); ++r) {
    (taken[r] ? split.classifier : split.evaluation).push_back(r);
  }
  Shuffle(split.classifier, rng);  // classes interleaved, as in a random sample
  return split;
}

}  // namespace bitstate
