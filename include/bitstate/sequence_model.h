// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// What the training and feature pipeline needs of a model, so that the float
// Model and the integer QuantizedModel run through the same code.
#ifndef BITSTATE_SEQUENCE_MODEL_H_
#define BITSTATE_SEQUENCE_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "bitstate/bit_vector.h"
#include "bitstate/model_config.h"

namespace bitstate {

class StreamBatch;

class SequenceModel {
 public:
  virtual ~SequenceModel() = default;

  virtual const ModelConfig& config() const = 0;
  virtual size_t inputs() const = 0;
  virtual size_t hidden() const = 0;
  // Eq. 1-5 on x = one-hot(symbol), then h_t <- h_{t+1}.
  virtual StepStats TrainStepSymbol(size_t symbol) = 0;
  // Eq. 1 only; returns the active count of h_{t+1}.
  virtual uint32_t InferStepSymbol(size_t symbol) = 0;
  // h_t. With a carry (ModelConfig::carry) the state also holds each
  // unit's potential: SetState and ResetState set those to zero, so runs
  // from equal bits are equal only when neither carries.
  virtual const BitVector& state() const = 0;
  // Eq. 1 for every stream of `batch` with an input, in lockstep, each
  // state bit-identical to InferStepSymbol from the same state
  // (stream_batch.h). Reads the model only: not its state, not its threads.
  virtual void InferStepBatch(StreamBatch& batch) const = 0;
  // Bytes of the weights eq. 1 reads (W's columns as stored, no padding):
  // what decides whether a batch pays (stream_batch.h).
  virtual size_t column_bytes() const = 0;
  virtual void SetState(const BitVector& h) = 0;  // n bits
  virtual void ResetState() = 0;
  // An independent copy (weights, state and scratch), e.g. one per thread.
  virtual std::unique_ptr<SequenceModel> Clone() const = 0;
  // Runs each later step on `threads` threads (0 or 1: the caller's only),
  // bit-identical to one; see step_threads.h. A Clone starts with none.
  virtual void SetStepThreads(size_t threads) = 0;
  virtual size_t step_threads() const = 0;

 protected:
  SequenceModel() = default;
  SequenceModel(const SequenceModel&) = default;
  SequenceModel& operator=(const SequenceModel&) = default;
};

}  // namespace bitstate

#endif  // BITSTATE_SEQUENCE_MODEL_H_
