// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/sequence_input.h"

#include <cstdio>

#include "bitstate/agnews.h"
#include "bitstate/csv_reader.h"
#include "bitstate/error.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace cli {

const char* const kSequenceInputHelp =
    "  --csv FILE          AG News CSV: class, title, description\n"
    "  --text FILE         any text file, read as one sequence\n"
    "  --rows N            only the first N CSV rows\n"
    "  --skip-malformed    skip and count malformed CSV rows instead of stopping\n";

Dataset ReadSequenceInput(Args& args, std::string* description) {
  const std::string csv = args.String("csv", "");
  const std::string text = args.String("text", "");
  const int64_t rows = args.Int("rows", 0, 0, INT64_MAX);
  AgNewsOptions options;
  options.skip_malformed = args.Flag("skip-malformed");
  if (csv.empty() == text.empty()) throw Error("give exactly one of --csv FILE and --text FILE");
  Dataset data;
  if (!csv.empty()) {
    AgNewsFile file = LoadAgNewsCsv(csv, options);
    for (const CsvProblem& p : file.problems) {
      std::fprintf(stderr, "%s:%zu: skipped: %s\n", csv.c_str(), p.line, p.message.c_str());
    }
    data = std::move(file.rows);
    if (rows > 0 && static_cast<size_t>(rows) < data.size()) data.resize(static_cast<size_t>(rows));
    *description = csv + " (" + std::to_string(data.size()) + " rows" +
                   (file.skipped ? ", " + std::to_string(file.skipped) + " malformed skipped" : "") + ")";
    return data;
  } else {
    data.emplace_back();
    EncodeText(ReadTextFile(text), &data[0].symbols);
    *description = text + " (" + std::to_string(data[0].symbols.size()) + " characters)";
  }
  return data;
}

}  // namespace cli
}  // namespace bitstate
