// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/feature_scaling.h"

#include <cmath>
#include <string>

#include "bitstate/enum_words.h"
#include "bitstate/error.h"

namespace bitstate {

namespace {

constexpr EnumWord<FeatureScaling> kScalingWords[] = {
    {FeatureScaling::kNone, "none"},
    {FeatureScaling::kStandard, "standard"},
    {FeatureScaling::kSqrt, "sqrt"},
    {FeatureScaling::kSqrtStandard, "sqrt+standard"}};

bool TakesRoot(FeatureScaling s) {
  return s == FeatureScaling::kSqrt || s == FeatureScaling::kSqrtStandard;
}
bool Standardises(FeatureScaling s) {
  return s == FeatureScaling::kStandard || s == FeatureScaling::kSqrtStandard;
}

float Root(float x, size_t r, size_t k) {
  if (!(x >= 0.0f)) {
    throw Error("feature scaling sqrt: feature " + std::to_string(k) + " of row " +
                std::to_string(r) + " is negative or not a number");
  }
  return std::sqrt(x);
}

}  // namespace

const char* FeatureScalingName(FeatureScaling scaling) { return WordOf(scaling, kScalingWords); }
FeatureScaling ParseFeatureScaling(const std::string& text) {
  return ParseWord(text, kScalingWords, "feature scaling");
}

FeatureScaler::FeatureScaler(FeatureScaling scaling, const FeatureMatrix& fit_rows)
    : scaling_(scaling), cols_(fit_rows.cols) {
  if (!Standardises(scaling)) return;
  if (fit_rows.rows == 0) throw Error("feature scaling standard: no rows to fit on");
  // Two passes in double: the mean, then the spread around it.
  std::vector<double> sum(cols_, 0.0), squares(cols_, 0.0);
  const auto value = [&](size_t r, size_t k) {
    const float x = fit_rows.row(r)[k];
    return TakesRoot(scaling) ? Root(x, r, k) : x;
  };
  for (size_t r = 0; r < fit_rows.rows; ++r) {
    for (size_t k = 0; k < cols_; ++k) sum[k] += value(r, k);
  }
  mean_.resize(cols_);
  for (size_t k = 0; k < cols_; ++k) mean_[k] = static_cast<float>(sum[k] / fit_rows.rows);
  for (size_t r = 0; r < fit_rows.rows; ++r) {
    for (size_t k = 0; k < cols_; ++k) {
      const double d = value(r, k) - static_cast<double>(mean_[k]);
      squares[k] += d * d;
    }
  }
  inverse_sd_.resize(cols_);
  for (size_t k = 0; k < cols_; ++k) {
    const double sd = std::sqrt(squares[k] / fit_rows.rows);
    inverse_sd_[k] = sd > 0.0 ? static_cast<float>(1.0 / sd) : 0.0f;
  }
}

void FeatureScaler::Apply(FeatureMatrix& features) const {
  if (scaling_ == FeatureScaling::kNone) return;
  if (features.cols != cols_) {
    throw Error("feature scaling: " + std::to_string(features.cols) + " features, fit on " +
                std::to_string(cols_));
  }
  for (size_t r = 0; r < features.rows; ++r) {
    float* row = features.row(r);
    for (size_t k = 0; k < cols_; ++k) {
      float x = TakesRoot(scaling_) ? Root(row[k], r, k) : row[k];
      if (Standardises(scaling_)) x = (x - mean_[k]) * inverse_sd_[k];
      row[k] = x;
    }
  }
}

}  // namespace bitstate
