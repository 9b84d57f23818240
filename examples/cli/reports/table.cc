// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/table.h"

#include "bitstate/error.h"

namespace bitstate::cli {

void Table::AddRow(std::vector<std::string> cells) {
  if (cells.size() != headers_.size()) {
    throw Error("Table: a row of " + std::to_string(cells.size()) + " cells under " +
                std::to_string(headers_.size()) + " headers");
  }
  rows_.push_back(std::move(cells));
}

std::string Table::Markdown() const {
  const auto line = [](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const std::string& c : cells) out += c.empty() ? " |" : " " + c + " |";
    return out + "\n";
  };
  std::string out = line(headers_) + "|";
  for (size_t k = 0; k < headers_.size(); ++k) out += "---|";
  out += "\n";
  for (const auto& row : rows_) out += line(row);
  return out;
}

}  // namespace bitstate::cli
