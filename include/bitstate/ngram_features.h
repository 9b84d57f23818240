// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The peer the binary model is measured against: a bag of character 1-3-
// grams (hashed into a fixed number of buckets, sublinear term frequency
// 1 + ln tf, smoothed idf ln((1 + rows) / (1 + df)) + 1 from the rows it is
// fitted on, rows scaled to unit length: scikit-learn's TfidfVectorizer
// with sublinear_tf, up to the hashing) through the same ridge classifier.
#ifndef BITSTATE_NGRAM_FEATURES_H_
#define BITSTATE_NGRAM_FEATURES_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/ngram_features.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bitstate/dataset.h"
#include "bitstate/ridge_classifier.h"

namespace bitstate {

inline constexpr size_t kDefaultNgramBuckets = 8192;

class NgramFeaturizer {
 public:
  // Grams of 1..max_order symbols into `buckets` columns (buckets >= 1).
  explicit NgramFeaturizer(size_t buckets = kDefaultNgramBuckets, size_t max_order = 3);

  // The bucket of the gram symbols[0..order-1] (FNV-1a of order and symbols).
  size_t Bucket(const uint8_t* symbols, size_t order) const;
  // Document frequencies of the buckets over `rows`, as the idf weights.
  void FitIdf(const Dataset& rows);
  // One row per sequence: tf-idf of its grams, unit length (a row with no
  // symbols stays zero). Needs FitIdf first.
  FeatureMatrix Transform(const Dataset& rows) const;

  size_t buckets() const { return buckets_; }
  const std::vector<float>& idf() const { return idf_; }

 private:
  size_t buckets_, max_order_;
  std::vector<float> idf_;
};

}  // namespace bitstate

#endif  // BITSTATE_NGRAM_FEATURES_H_
