// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/recall_report.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "bitstate/text_encoder.h"
#include "reports/svg_plot.h"

namespace bitstate::cli {
namespace {

double MeanActive(const RecallStats& s, size_t lag) {
  const uint64_t steps = s.steps[lag - 1];
  return steps == 0 ? 0.0 : static_cast<double>(s.state_active[lag - 1]) / steps;
}

std::string SymbolText(size_t symbol) {
  const char c = CharOfSymbol(static_cast<uint8_t>(symbol));
  if (symbol >= kUnknownSymbol) return "(other)";
  if (c == ' ') return "' '";
  return std::string(1, c);
}

}  // namespace

std::string RecallCsv(const RecallStats& s) {
  std::string out = "lag,steps,exact,top1,state_error_bits,state_active_bits\n";
  char line[160];
  for (size_t lag = 1; lag <= s.lags; ++lag) {
    std::snprintf(line, sizeof(line), "%zu,%llu,%.6f,%.6f,%.4f,%.4f\n", lag,
                  static_cast<unsigned long long>(s.steps[lag - 1]), s.ExactRate(lag),
                  s.Top1Rate(lag), s.StateError(lag), MeanActive(s, lag));
    out += line;
  }
  return out;
}

std::string RecallTable(const RecallStats& s) {
  std::string out =
      "| lag k | steps | x exactly recovered (%) | top-1 symbol (%) | state error (bits) | "
      "true state bits on |\n|---|---|---|---|---|---|\n";
  char line[200];
  for (size_t lag = 1; lag <= s.lags; ++lag) {
    std::snprintf(line, sizeof(line), "| %zu | %llu | %.2f | %.2f | %.1f | %.1f |\n", lag,
                  static_cast<unsigned long long>(s.steps[lag - 1]), 100 * s.ExactRate(lag),
                  100 * s.Top1Rate(lag), s.StateError(lag), MeanActive(s, lag));
    out += line;
  }
  return out;
}

std::string BestRememberedSymbols(const RecallStats& s, size_t lag, size_t count,
                                  uint64_t min_steps) {
  std::vector<std::pair<double, size_t>> rates;
  for (size_t symbol = 0; symbol < s.symbols; ++symbol) {
    const uint64_t steps = s.symbol_steps[(lag - 1) * s.symbols + symbol];
    if (steps < min_steps) continue;
    rates.push_back(
        {static_cast<double>(s.symbol_exact[(lag - 1) * s.symbols + symbol]) / steps, symbol});
  }
  std::sort(rates.begin(), rates.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string out;
  char part[64];
  for (size_t i = 0; i < rates.size() && i < count; ++i) {
    std::snprintf(part, sizeof(part), "%s%s %.1f %%", i ? ", " : "",
                  SymbolText(rates[i].second).c_str(), 100 * rates[i].first);
    out += part;
  }
  return out;
}

Json RecallJson(const RecallStats& s) {
  Json lags = Json::array();
  for (size_t lag = 1; lag <= s.lags; ++lag) {
    Json symbols = Json::array();
    for (size_t symbol = 0; symbol < s.symbols; ++symbol) {
      const uint64_t steps = s.symbol_steps[(lag - 1) * s.symbols + symbol];
      if (steps == 0) continue;
      symbols.push_back({{"symbol", symbol},
                         {"text", SymbolText(symbol)},
                         {"steps", steps},
                         {"exact", s.symbol_exact[(lag - 1) * s.symbols + symbol]}});
    }
    lags.push_back({{"lag", lag},
                    {"steps", s.steps[lag - 1]},
                    {"exact", s.exact[lag - 1]},
                    {"top1", s.top1[lag - 1]},
                    {"state_error_bits", s.state_errors[lag - 1]},
                    {"state_active_bits", s.state_active[lag - 1]},
                    {"exact_rate", s.ExactRate(lag)},
                    {"top1_rate", s.Top1Rate(lag)},
                    {"symbols", symbols}});
  }
  return {{"lags", lags}};
}

std::string RecallSvg(const RecallStats& s, const std::string& title) {
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='520' "
         "font-family='sans-serif'>\n<rect width='100%' height='100%' fill='#fff'/>\n";
  const Axis x = RoundAxis(0, static_cast<double>(s.lags), "lag k (characters back)");
  const Axis y{0, 100, {}, "recovered (%)", {}};
  const PlotArea area(70, 50, 620, 360, x, y);
  svg << area.Axes(title);
  std::vector<std::pair<double, double>> exact, top1;
  for (size_t lag = 1; lag <= s.lags; ++lag) {
    exact.push_back({static_cast<double>(lag), 100 * s.ExactRate(lag)});
    top1.push_back({static_cast<double>(lag), 100 * s.Top1Rate(lag)});
  }
  svg << area.Polyline(exact, SeriesColour(0), 2) << area.Polyline(top1, SeriesColour(1), 2)
      << "<text x='80' y='466' font-size='12' fill='" << SeriesColour(0)
      << "'>x~ exactly one-hot(x_{t-k+1})</text>\n<text x='380' y='466' font-size='12' fill='"
      << SeriesColour(1) << "'>top-1 symbol of the input sums</text>\n</svg>\n";
  return svg.str();
}

}  // namespace bitstate::cli
