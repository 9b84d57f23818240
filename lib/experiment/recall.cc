// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/recall.h"

#include <cstring>

#include "bitstate/error.h"
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

RecallProbe::RecallProbe(const Model& model, size_t lags)
    : m_(model.inputs()),
      n_(model.hidden()),
      lags_(lags),
      kernels_(&kernels::DispatchedKernels()),
      rows_(model.hidden() * PaddedLength<float>(model.visible())),
      input_bias_(PaddedLength<float>(model.visible())),
      sums_(PaddedLength<float>(model.visible())),
      active_(model.hidden()),
      chain_(lags, BitVector(model.visible())),
      past_symbols_(lags),
      past_states_(lags, BitVector(model.hidden())),
      link_(model.hidden()),
      stats_(lags, model.inputs()) {
  if (lags == 0) throw Error("recall: lags must be at least 1");
  const size_t v = model.visible(), stride = PaddedLength<float>(v);
  for (size_t i = 0; i < n_; ++i) {
    for (size_t j = 0; j < v; ++j) rows_[i * stride + j] = model.weight(i, j);
  }
  for (size_t j = 0; j < v; ++j) input_bias_[j] = model.input_bias(j);
}

void RecallProbe::Reconstruct(const uint64_t* from, size_t k) {
  const size_t v = m_ + n_;
  const size_t count = ListSetBits(from, WordsForBits(n_), 0, active_.data());
  // The order of eq. 2 in training (rows summed in increasing order): the
  // lag-1 reconstruction equals a training step's, bit for bit.
  kernels_->masked_vector_sum(rows_.data(), PaddedLength<float>(v), active_.data(), count, v,
                            sums_.data());
  kernels_->threshold_pack(sums_.data(), input_bias_.data(), v, chain_[k].words());
}

void RecallProbe::Step(Model& model, uint8_t symbol) {
  if (symbol >= m_) throw Error("recall: symbol " + std::to_string(symbol) + " >= m");
  // Remember x_t and h_t before the step makes h_{t+1}.
  past_symbols_[next_] = symbol;
  std::memcpy(past_states_[next_].words(), model.state().words(), 8 * WordsForBits(n_));
  next_ = (next_ + 1) % lags_;
  if (history_ < lags_) ++history_;
  model.InferStepSymbol(symbol);
  const uint64_t* from = model.state().words();
  for (size_t k = 0; k < history_; ++k) {
    Reconstruct(from, k);
    const BitVector& r = chain_[k];
    // Lag k + 1: x_{t-k} and h_{t-k}, k entries before the newest.
    const size_t at = (next_ + lags_ - 1 - k) % lags_;
    const uint8_t truth = past_symbols_[at];
    const BitVector& state = past_states_[at];
    bool exact = true;
    size_t best = 0;
    for (size_t j = 0; j < m_; ++j) {
      exact = exact && r.Get(j) == (j == truth);
      if (sums_[j] + input_bias_[j] > sums_[best] + input_bias_[best]) best = j;
    }
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
