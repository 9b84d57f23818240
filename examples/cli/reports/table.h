// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Markdown tables described by their columns: a header and the cell of a row.
#ifndef BITSTATE_EXAMPLES_CLI_REPORTS_TABLE_H_
#define BITSTATE_EXAMPLES_CLI_REPORTS_TABLE_H_

#include <functional>
#include <string>
#include <vector>

namespace bitstate::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  // One cell per header (throws otherwise).
  void AddRow(std::vector<std::string> cells);
  std::string Markdown() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// A column of a table of Rows: its header and how a row's cell reads.
template <typename Row>
struct Column {
  std::string header;
  std::function<std::string(const Row&)> cell;
};

template <typename Row>
Table TableOf(const std::vector<Column<Row>>& columns, const std::vector<Row>& rows) {
  std::vector<std::string> headers;
  for (const Column<Row>& c : columns) headers.push_back(c.header);
  Table table(std::move(headers));
  for (const Row& row : rows) {
    std::vector<std::string> cells;
    for (const Column<Row>& c : columns) cells.push_back(c.cell(row));
    table.AddRow(std::move(cells));
  }
  return table;
}

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_REPORTS_TABLE_H_
