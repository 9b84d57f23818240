// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The paper's proposals for slowing convergence so that more data helps
// (Section V), as options of a float Model's training; every one off by
// default, which is exactly the paper's model. docs/model.md says which
// rule each one is and why.
#ifndef BITSTATE_LEARNING_OPTIONS_H_
#define BITSTATE_LEARNING_OPTIONS_H_

#include <cstdint>
#include <string>

namespace bitstate {

struct LearningOptions {
  // W, a and b start at zero instead of U[-range, range).
  bool zero_init = false;
  // Per-element adaptive state rates: state element j of the reconstruction
  // learns at r_h * sqrt(tau / (tau + E_j)), E_j the errors it made before
  // this one (eq. 3 and 4). 0: off, r_h everywhere.
  float adaptive_tau = 0.0f;
  // Controlled randomness: in training steps each bit of h_{t+1} is flipped
  // with this probability (a multiple of 2^-16, FlipLevel), after eq. 1 and
  // before eq. 2-5; inference never flips. Seeded: flip_seed, or when 0 a
  // stream derived from the model's seed.
  double flip_probability = 0.0;
  uint64_t flip_seed = 0;
  // A control, not a proposal: W and a keep their initial values and only
  // eq. 5 (the density drift of b) runs; eq. 2's errors are still counted.
  // How much of the accuracy does learning add?
  bool freeze_weights = false;

  bool any() const {
    return zero_init || adaptive_tau != 0.0f || flip_probability != 0.0 || freeze_weights;
  }
  // Throws bitstate::Error naming the first invalid field.
  void Validate() const;
};

// flip_probability in units of 2^-16, rounded to nearest: a bit flips when
// a uniform 16-bit number is below it. Validate first.
uint32_t FlipLevel(double flip_probability);

// "paper" or e.g. "zero-init, adaptive tau 1000, flip 0.001".
std::string LearningName(const LearningOptions& options);

}  // namespace bitstate

#endif  // BITSTATE_LEARNING_OPTIONS_H_
