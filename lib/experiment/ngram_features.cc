// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/ngram_features.h"

#include <cmath>
#include <string>

#include "bitstate/error.h"

namespace bitstate {

NgramFeaturizer::NgramFeaturizer(size_t buckets, size_t max_order)
    : buckets_(buckets), max_order_(max_order) {
  if (buckets == 0 || max_order == 0) {
    throw Error("NgramFeaturizer: buckets and max_order must be at least 1");
  }
}

size_t NgramFeaturizer::Bucket(const uint8_t* symbols, size_t order) const {
  uint32_t hash = 2166136261u;
  hash = (hash ^ static_cast<uint32_t>(order)) * 16777619u;
  for (size_t k = 0; k < order; ++k) hash = (hash ^ symbols[k]) * 16777619u;
  return hash % buckets_;
}

namespace {

// Visits the bucket of every gram of `row` (with repeats).
template <typename Visit>
void ForEachGram(const NgramFeaturizer& f, const std::vector<uint8_t>& row, size_t max_order,
                 Visit visit) {
  for (size_t t = 0; t < row.size(); ++t) {
    for (size_t order = 1; order <= max_order && t + order <= row.size(); ++order) {
      visit(f.Bucket(row.data() + t, order));
    }
  }
}

}  // namespace

void NgramFeaturizer::FitIdf(const Dataset& rows) {
  std::vector<uint32_t> df(buckets_, 0), seen(buckets_, 0);
  uint32_t stamp = 0;
  for (const LabelledSequence& row : rows) {
    ++stamp;
    ForEachGram(*this, row.symbols, max_order_, [&](size_t b) {
      if (seen[b] != stamp) {
        seen[b] = stamp;
        ++df[b];
      }
    });
  }
  idf_.resize(buckets_);
  const double total = static_cast<double>(rows.size());
  for (size_t b = 0; b < buckets_; ++b) {
    idf_[b] = static_cast<float>(std::log((1.0 + total) / (1.0 + df[b])) + 1.0);
  }
}

FeatureMatrix NgramFeaturizer::Transform(const Dataset& rows) const {
  if (idf_.size() != buckets_) throw Error("NgramFeaturizer::Transform before FitIdf");
  FeatureMatrix features(rows.size(), buckets_);
  std::vector<uint32_t> counts(buckets_, 0);
  std::vector<size_t> used;
  for (size_t r = 0; r < rows.size(); ++r) {
    used.clear();
    ForEachGram(*this, rows[r].symbols, max_order_, [&](size_t b) {
      if (counts[b]++ == 0) used.push_back(b);
    });
    float* out = features.row(r);
    double norm = 0;
    for (size_t b : used) {
      const double value = (1.0 + std::log(static_cast<double>(counts[b]))) * idf_[b];
      out[b] = static_cast<float>(value);
      norm += value * value;
      counts[b] = 0;
    }
    if (norm > 0) {
      const double scale = 1.0 / std::sqrt(norm);
      for (size_t b : used) out[b] = static_cast<float>(out[b] * scale);
    }
  }
  return features;
}

}  // namespace bitstate
