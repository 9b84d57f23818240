// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/sequence_input.h"

#include <cstdio>

#include "bitstate/csv_reader.h"
#include "bitstate/error.h"
#include "bitstate/labelled_text.h"
#include "bitstate/text_encoder.h"
#include "options.h"

namespace bitstate::cli {

void AddSequenceInputOptions(CLI::App& app, SequenceInputOptions& o) {
  AddText(app, "--csv", o.csv, "FILE",
          "labelled text CSV: a class, then text fields (AG News: class, title, description)");
  AddText(app, "--text", o.text, "FILE", "any text file, read as one sequence");
  AddInt(app, "--rows", o.rows, 0, INT64_MAX, "only the first N CSV rows (0: all)");
  AddFlag(app, "--skip-malformed", o.skip_malformed,
          "skip and count malformed CSV rows instead of stopping");
  AddFlag(app, "--header", o.header, "the CSV's first line names its columns");
}

void CheckSequenceInput(const SequenceInputOptions& o) {
  if (o.csv.empty() == o.text.empty()) throw Error("give exactly one of --csv FILE and --text FILE");
}

Dataset ReadSequenceInput(const SequenceInputOptions& o, std::string* description,
                          std::vector<std::string>* classes) {
  CheckSequenceInput(o);
  Dataset data;
  if (!o.csv.empty()) {
    LabelledTextOptions options;
    options.skip_malformed = o.skip_malformed;
    options.header = o.header;
    LabelledTextFile file = LoadLabelledText(o.csv, options);
    ReportSkippedRows(file, o.csv);
    data = std::move(file.rows);
    if (classes != nullptr) *classes = file.classes;
    if (o.rows > 0 && o.rows < data.size()) data.resize(o.rows);
    *description =
        o.csv + " (" + std::to_string(data.size()) + " rows" +
        (file.skipped ? ", " + std::to_string(file.skipped) + " malformed skipped" : "") +
        "; labels 0.." + std::to_string(file.classes.size() - 1) + " are the classes " +
        ClassList(file.classes) + ")";
    return data;
  }
  if (classes != nullptr) *classes = {"1"};
  data.emplace_back();
  EncodeText(ReadTextFile(o.text), &data[0].symbols);
  *description = o.text + " (" + std::to_string(data[0].symbols.size()) + " characters)";
  return data;
}

void ReportSkippedRows(const LabelledTextFile& file, const std::string& path) {
  for (const CsvProblem& p : file.problems) {
    std::fprintf(stderr, "%s:%zu: skipped: %s\n", path.c_str(), p.line, p.message.c_str());
  }
}

Json DescribeSequenceInput(const SequenceInputOptions& o) {
  return {{"csv", o.csv},
          {"text", o.text},
          {"rows", o.rows},
          {"skip-malformed", o.skip_malformed},
          {"header", o.header}};
}

}  // namespace bitstate::cli
