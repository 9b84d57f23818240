// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// What the float Model and the integer QuantizedModel share, written once:
// the configuration, the state h_t and the four step entry points.
#ifndef BITSTATE_STATEFUL_MODEL_H_
#define BITSTATE_STATEFUL_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

#include "bitstate/bit_vector.h"
#include "bitstate/error.h"
#include "bitstate/model_config.h"
#include "bitstate/sequence_model.h"
#include "bitstate/step_threads.h"

namespace bitstate {

// Throw bitstate::Error, naming `who` (e.g. "Model"), when a size is wrong.
void CheckStateSize(const char* who, const BitVector& h, size_t hidden);
void CheckInputSize(const char* who, const BitVector& x, size_t inputs);
void CheckSymbolRange(const char* who, size_t symbol, size_t inputs);

// Every step checks its argument, runs eq. 1 into next_state_
// (Derived::Forward, returning the active count of h_{t+1}), when training
// eq. 2-5 (Derived::Learn), then h_t <- h_{t+1}. Derived names itself in
// kName and says in kCannotTrain why a model without a row layout cannot
// train. Derived::ClearPotentials() zeroes the carried potentials (if
// any) when the state is set. Derived::PrepareParts(parts) sizes any
// per-part scratch when the step threads change; each of Forward and Learn
// splits its work with RunParts. Steps allocate nothing.
template <class Derived>
class StatefulModel : public SequenceModel {
 public:
  const ModelConfig& config() const override { return config_; }
  size_t inputs() const override { return config_.inputs; }
  size_t hidden() const override { return config_.hidden; }
  size_t visible() const { return config_.visible(); }
  // False for an inference-only model (no row layout).
  bool trainable() const { return trainable_; }

  // One training step on input x (m bits): forward (eq. 1), reconstruction
  // (eq. 2), then updates (eq. 3, 4, 5), then h_t <- h_{t+1}.
  StepStats TrainStep(const BitVector& x) {
    CheckTrainable();
    CheckInputSize(Derived::kName, x, inputs());
    return Train(x.words());
  }
  // The same with x = one-hot(symbol), symbol < m.
  StepStats TrainStepSymbol(size_t symbol) override {
    CheckTrainable();
    return Train(OneHot(symbol));
  }
  // Forward only (eq. 1), learning off; returns the active count of h_{t+1}.
  uint32_t InferStep(const BitVector& x) {
    CheckInputSize(Derived::kName, x, inputs());
    return Infer(x.words());
  }
  uint32_t InferStepSymbol(size_t symbol) override { return Infer(OneHot(symbol)); }

  const BitVector& state() const override { return state_; }
  void SetState(const BitVector& h) override {
    CheckStateSize(Derived::kName, h, hidden());
    state_ = h;
    static_cast<Derived&>(*this).ClearPotentials();
  }
  void ResetState() override {
    state_.ClearAll();
    static_cast<Derived&>(*this).ClearPotentials();
  }
  std::unique_ptr<SequenceModel> Clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
  void SetStepThreads(size_t threads) override {
    threads_.Resize(threads);
    static_cast<Derived&>(*this).PrepareParts(threads_.count());
  }
  size_t step_threads() const override { return threads_.count(); }
  // [x~, h~] of the last training step.
  const BitVector& reconstruction() const { return reconstruction_; }

 protected:
  // Validates `config` first; the training scratch only when `trainable`.
  StatefulModel(const ModelConfig& config, bool trainable)
      : config_(Validated(config)),
        trainable_(trainable),
        state_(config_.hidden),
        next_state_(config_.hidden),
        input_(config_.inputs),
        reconstruction_(trainable ? config_.visible() : 0) {}
  // A copy's steps run on its caller's thread only (StepThreads' copy).
  StatefulModel(const StatefulModel&) = default;
  StatefulModel& operator=(const StatefulModel&) = default;
  StatefulModel(StatefulModel&&) = default;
  StatefulModel& operator=(StatefulModel&&) = default;

  ModelConfig config_;
  bool trainable_;
  BitVector state_;           // h_t
  BitVector next_state_;      // h_{t+1}
  BitVector input_;           // x_t of one-hot steps
  BitVector reconstruction_;  // [x~_t, h~_t]

  size_t parts() const { return threads_.count(); }
  // job(part) on every part of a step, part 0 on this thread (step_threads.h).
  template <class Job>
  void RunParts(Job&& job) {
    threads_.Run(std::forward<Job>(job));
  }

 private:
  StepThreads threads_;

  static ModelConfig Validated(const ModelConfig& config) {
    config.Validate();
    return config;
  }
  void CheckTrainable() const {
    if (!trainable_) throw Error(std::string(Derived::kName) + ": " + Derived::kCannotTrain);
  }
  const uint64_t* OneHot(size_t symbol) {
    CheckSymbolRange(Derived::kName, symbol, inputs());
    input_.ClearAll();
    input_.Set(symbol, true);
    return input_.words();
  }
  StepStats Train(const uint64_t* x) {
    Derived& self = static_cast<Derived&>(*this);
    const StepStats stats = self.Learn(x, self.Forward(x));
    std::swap(state_, next_state_);
    return stats;
  }
  uint32_t Infer(const uint64_t* x) {
    const size_t active = static_cast<Derived&>(*this).Forward(x);
    std::swap(state_, next_state_);
    return static_cast<uint32_t>(active);
  }
};

}  // namespace bitstate

#endif  // BITSTATE_STATEFUL_MODEL_H_
