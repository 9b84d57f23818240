// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Labelled text in CSV: a class, then one or more text fields, per record
// (AG News: "class","title","description"; or "class","text"). Any labels,
// any number of classes; a row's text is built as the paper builds AG News's.
#ifndef BITSTATE_LABELLED_TEXT_H_
#define BITSTATE_LABELLED_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bitstate/csv_reader.h"
#include "bitstate/dataset.h"

namespace bitstate {

struct LabelledTextOptions {
  // Malformed rows: false = stop with an error naming file and line; true =
  // skip them, count them and keep their descriptions.
  bool skip_malformed = false;
  bool header = false;  // the first record names the columns: not a row
  // The classes in label order (label k = classes[k]); a row with another
  // class is malformed. Empty: the classes found in the file, in numeric
  // order when every one is an integer, else in byte order, so two files
  // with the same classes get the same labels.
  std::vector<std::string> classes;
  // Fields per record, class included; 0: as many as the first row has (at
  // least 2). Every row must have as many.
  size_t fields = 0;
  bool backslash_as_space = true;  // AG News's escapes, as the paper reads them
};

struct LabelledTextFile {
  Dataset rows;                      // labels index `classes`
  std::vector<size_t> lines;         // line of each row in the file
  std::vector<std::string> classes;  // class names in label order
  size_t fields = 0;                 // per record, class included
  size_t skipped = 0;
  std::vector<CsvProblem> problems;  // the first few skipped rows
};

// " " + the text fields joined by " " (AG News: " " + title + " " +
// description), backslashes as spaces unless told otherwise.
std::string LabelledRowText(const std::vector<std::string>& text_fields,
                            bool backslash_as_space = true);

// Throws bitstate::Error "<source>:<line>: <what>" for a malformed row
// (unless skipped) and when no row is left.
LabelledTextFile ParseLabelledText(std::string_view text, const std::string& source,
                                   const LabelledTextOptions& options = {});
LabelledTextFile LoadLabelledText(const std::string& path, const LabelledTextOptions& options = {});

// "World, Sports, ..." for messages; the first `shown` names, then "...".
std::string ClassList(const std::vector<std::string>& classes, size_t shown = 8);

}  // namespace bitstate

#endif  // BITSTATE_LABELLED_TEXT_H_
