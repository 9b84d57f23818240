// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The dense baseline: eq. 1-5 on 0/1 float vectors with Eigen matrix-vector
// products and a dense rank-1 update, what one writes without bit packing.
#ifndef BITSTATE_BENCH_DENSE_MODEL_H_
#define BITSTATE_BENCH_DENSE_MODEL_H_

#include <Eigen/Core>
#include <cstddef>

#include "bitstate/model_config.h"
#include "bitstate/random.h"

namespace bitstate {
namespace bench {

class DenseModel {
 public:
  explicit DenseModel(const ModelConfig& c)
      : c_(c), w_(c.hidden, c.visible()), a_(c.visible()), b_(c.hidden), v_(c.visible()),
        h_(Eigen::VectorXf::Zero(c.hidden)), r_(c.visible()) {
    Rng rng(c.seed);
    const float range = c.EffectiveInitRange();
    for (Eigen::Index i = 0; i < w_.rows(); ++i) {
      for (Eigen::Index j = 0; j < w_.cols(); ++j) w_(i, j) = rng.UniformSymmetric(range);
    }
    for (Eigen::Index j = 0; j < a_.size(); ++j) a_(j) = rng.UniformSymmetric(range);
    for (Eigen::Index i = 0; i < b_.size(); ++i) b_(i) = rng.UniformSymmetric(range);
    r_.head(c.inputs).setConstant(c.rate_input);
    r_.tail(c.hidden).setConstant(c.rate_hidden);
  }

  void Step(size_t symbol, bool learn) {
    v_.setZero();
    v_(static_cast<Eigen::Index>(symbol)) = 1.0f;
    v_.tail(c_.hidden) = h_;
    const Eigen::VectorXf next = ((w_ * v_ + b_).array() > 0.0f).cast<float>();
    if (learn) {
      const Eigen::VectorXf recon = ((w_.transpose() * next + a_).array() > 0.0f).cast<float>();
      const Eigen::VectorXf re = r_.cwiseProduct(v_ - recon);
      w_.noalias() += next * re.transpose();
      a_ += re;
      b_.array() += c_.rate_hidden * (c_.density - next.array());
    }
    h_ = next;
  }

  size_t weight_bytes() const { return static_cast<size_t>(w_.size()) * sizeof(float); }

 private:
  ModelConfig c_;
  Eigen::MatrixXf w_;
  Eigen::VectorXf a_, b_, v_, h_, r_;
};

}  // namespace bench
}  // namespace bitstate

#endif  // BITSTATE_BENCH_DENSE_MODEL_H_
