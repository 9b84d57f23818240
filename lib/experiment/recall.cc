// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/recall.h"

#include <cstring>

#include "bitstate/error.h"
#include "kernels/int_kernel_table.h"
#include "kernels/kernel_table.h"

namespace bitstate {

RecallStats::RecallStats(size_t lags, size_t symbols)
    : lags(lags),
      symbols(symbols),
      steps(lags),
      exact(lags),
      top1(lags),
      state_errors(lags),
      state_active(lags),
      symbol_steps(lags * symbols),
      symbol_exact(lags * symbols) {}

void RecallStats::Add(const RecallStats& o) {
  if (o.lags != lags || o.symbols != symbols) throw Error("RecallStats::Add: different shapes");
  for (size_t k = 0; k < lags; ++k) {
    steps[k] += o.steps[k];
    exact[k] += o.exact[k];
    top1[k] += o.top1[k];
    state_errors[k] += o.state_errors[k];
    state_active[k] += o.state_active[k];
  }
  for (size_t i = 0; i < symbol_steps.size(); ++i) {
    symbol_steps[i] += o.symbol_steps[i];
    symbol_exact[i] += o.symbol_exact[i];
  }
}

namespace {
double Rate(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}
}  // namespace

double RecallStats::ExactRate(size_t lag) const { return Rate(exact[lag - 1], steps[lag - 1]); }
double RecallStats::Top1Rate(size_t lag) const { return Rate(top1[lag - 1], steps[lag - 1]); }
double RecallStats::StateError(size_t lag) const {
  return Rate(state_errors[lag - 1], steps[lag - 1]);
}

RecallProbe::RecallProbe(size_t m, size_t n, size_t lags)
    : m_(m),
      n_(n),
      lags_(lags),
      active_(n),
      chain_(lags, BitVector(m + n)),
      past_symbols_(lags),
      past_states_(lags, BitVector(n)),
      link_(n),
      stats_(lags, m) {
  if (lags == 0) throw Error("recall: lags must be at least 1");
}

RecallProbe::RecallProbe(const Model& model, size_t lags)
    : RecallProbe(model.inputs(), model.hidden(), lags) {
  const size_t v = model.visible(), stride = PaddedLength<float>(v);
  kernels_ = &kernels::DispatchedKernels();
  rows_ = AlignedBuffer<float>(n_ * stride);
  input_bias_ = AlignedBuffer<float>(stride);
  sums_ = AlignedBuffer<float>(stride);
  for (size_t i = 0; i < n_; ++i) {
    for (size_t j = 0; j < v; ++j) rows_[i * stride + j] = model.weight(i, j);
  }
  for (size_t j = 0; j < v; ++j) input_bias_[j] = model.input_bias(j);
}

RecallProbe::RecallProbe(const QuantizedModel& model, size_t lags)
    : RecallProbe(model.inputs(), model.hidden(), lags) {
  if (!model.trainable()) {
    throw Error("recall: an inference-only integer model holds no input biases a for eq. 2");
  }
  const size_t v = model.visible(), stride = PaddedLength<int16_t>(v);
  int_kernels_ = &kernels::DispatchedIntKernels();
  int_rows_ = AlignedBuffer<int16_t>(n_ * stride);  // levels of k <= 16 bits
  int_input_bias_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(v));
  int_sums_ = AlignedBuffer<int32_t>(PaddedLength<int32_t>(v));
  for (size_t i = 0; i < n_; ++i) {
    for (size_t j = 0; j < v; ++j) {
      int_rows_[i * stride + j] = static_cast<int16_t>(model.level(i, j));
    }
  }
  for (size_t j = 0; j < v; ++j) int_input_bias_[j] = model.input_bias_level(j);
}

size_t RecallProbe::Reconstruct(const uint64_t* from, size_t k) {
  const size_t v = m_ + n_;
  const size_t count = ListSetBits(from, WordsForBits(n_), 0, active_.data());
  size_t best = 0;
  if (kernels_ != nullptr) {
    // The order of eq. 2 in training (rows summed in increasing order): the
    // lag-1 reconstruction equals a training step's, bit for bit.
    kernels_->masked_vector_sum(rows_.data(), PaddedLength<float>(v), active_.data(), count, v,
                                sums_.data());
    kernels_->threshold_pack(sums_.data(), input_bias_.data(), v, chain_[k].words());
    for (size_t j = 1; j < m_; ++j) {
      if (sums_[j] + input_bias_[j] > sums_[best] + input_bias_[best]) best = j;
    }
    return best;
  }
  // Integer training's eq. 2: exact int32 sums of the active rows' levels
  // (the input columns share one step, so their scores compare).
  std::memset(int_sums_.data(), 0, int_sums_.size() * sizeof(int32_t));
  kernels::MaskedSumAdd(*int_kernels_, int_rows_.data(), PaddedLength<int16_t>(v), active_.data(),
                        count, v, int_sums_.data());
  int_kernels_->threshold_pack_i32(int_sums_.data(), int_input_bias_.data(), v, chain_[k].words());
  for (size_t j = 1; j < m_; ++j) {
    if (int64_t{int_sums_[j]} + int_input_bias_[j] >
        int64_t{int_sums_[best]} + int_input_bias_[best]) {
      best = j;
    }
  }
  return best;
}

void RecallProbe::Step(SequenceModel& model, uint8_t symbol) {
  if (symbol >= m_) throw Error("recall: symbol " + std::to_string(symbol) + " >= m");
  // Remember x_t and h_t before the step makes h_{t+1}.
  past_symbols_[next_] = symbol;
  std::memcpy(past_states_[next_].words(), model.state().words(), 8 * WordsForBits(n_));
  next_ = (next_ + 1) % lags_;
  if (history_ < lags_) ++history_;
  model.InferStepSymbol(symbol);
  const uint64_t* from = model.state().words();
  for (size_t k = 0; k < history_; ++k) {
    const size_t best = Reconstruct(from, k);
    const BitVector& r = chain_[k];
    // Lag k + 1: x_{t-k} and h_{t-k}, k entries before the newest.
    const size_t at = (next_ + lags_ - 1 - k) % lags_;
    const uint8_t truth = past_symbols_[at];
    const BitVector& state = past_states_[at];
    bool exact = true;
    for (size_t j = 0; j < m_; ++j) exact = exact && r.Get(j) == (j == truth);
    size_t errors = 0;
    for (size_t i = 0; i < n_; ++i) errors += r.Get(m_ + i) != state.Get(i);
    stats_.steps[k] += 1;
    stats_.exact[k] += exact;
    stats_.top1[k] += best == truth;
    stats_.state_errors[k] += errors;
    stats_.state_active[k] += state.CountSet();
    stats_.symbol_steps[k * m_ + truth] += 1;
    stats_.symbol_exact[k * m_ + truth] += exact;
    // h~ (bits m .. m + n - 1 of the reconstruction) is the next link.
    for (size_t w = 0; w < link_.num_words(); ++w) {
      const size_t bits = n_ - 64 * w < 64 ? n_ - 64 * w : 64;
      link_.words()[w] = ExtractBits(r.words(), r.num_words(), m_ + 64 * w, bits);
    }
    from = link_.words();
  }
}

}  // namespace bitstate
