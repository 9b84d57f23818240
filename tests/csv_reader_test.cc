// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/csv_reader.h"

#include <doctest/doctest.h>

#include <fstream>

#include "bitstate/agnews.h"
#include "bitstate/error.h"

namespace bitstate {
namespace {

std::vector<CsvRecord> ReadAll(std::string_view text) {
  CsvReader reader(text, "t.csv");
  std::vector<CsvRecord> out;
  CsvRecord r;
  while (reader.Next(&r)) out.push_back(r);
  return out;
}

TEST_CASE("RFC 4180: quotes, doubled quotes, commas and line breaks in fields, CRLF") {
  const auto records = ReadAll("\"3\",\"a, \"\"b\"\"\",\"line1\nline2\"\r\nplain,,x\n\"last\"");
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 1);
  CHECK(records[0].fields == std::vector<std::string>{"3", "a, \"b\"", "line1\nline2"});
  CHECK(records[1].line == 3);  // the quoted line break moved it down one line
  CHECK(records[1].fields == std::vector<std::string>{"plain", "", "x"});
  CHECK(records[2].fields == std::vector<std::string>{"last"});
}

TEST_CASE("malformed CSV is reported with file and line") {
  // An unbalanced quote swallows the line break: the parser notices on line 3.
  CHECK_THROWS_WITH_AS(ReadAll("\"1\",\"ok\"\n\"2\",\"never closed\n\"3\",\"x\"\n"),
                       doctest::Contains("t.csv:3: unexpected character '3' after a closing quote "
                                         "(the quoted field opened on line 2"),
                       Error);
  CHECK_THROWS_WITH_AS(ReadAll("\"1\",\"ok\"\n\"2\",\"never closed\n"),
                       doctest::Contains("t.csv:2: unterminated quoted field"), Error);
  CHECK_THROWS_WITH_AS(ReadAll("\"1\",\"a\"b\n"), doctest::Contains("t.csv:1: unexpected character"),
                       Error);
  CHECK_THROWS_WITH_AS(ReadAll("a,b\nc,d\"e\n"), doctest::Contains("t.csv:2: quote inside"), Error);
}

TEST_CASE("skipping a malformed record resumes on the next line") {
  CsvReader reader("a,b\nc,\"d\"x\ne,f\n", "t.csv");
  CsvRecord r;
  CsvProblem p;
  REQUIRE(reader.Next(&r, &p));
  CHECK(p.line == 0);
  REQUIRE(reader.Next(&r, &p));
  CHECK(p.line == 2);
  CHECK(r.fields.empty());
  REQUIRE(reader.Next(&r, &p));
  CHECK(p.line == 0);
  CHECK(r.fields == std::vector<std::string>{"e", "f"});
  CHECK(!reader.Next(&r, &p));
}

TEST_CASE("CsvField quotes what needs it, and the reader reads it back") {
  CHECK(CsvField("plain text") == "plain text");
  CHECK(CsvField("") == "");
  for (const std::string field : {"a,b", "say \"hi\"", "two\nlines", "cr\r", "\""}) {
    const std::string line = CsvField(field) + "," + CsvField("x") + "\n";
    CHECK(line[0] == '"');
    const std::vector<CsvRecord> records = ReadAll(line);
    REQUIRE(records.size() == 1);
    CHECK(records[0].fields == std::vector<std::string>{field, "x"});
  }
}

TEST_CASE("AG News rows: text, labels, bad rows stop or are skipped and counted") {
  CHECK(AgNewsText("Title\\x", "Desc") == " Title x Desc");
  const std::string good = "\"3\",\"Wall St.\",\"Stocks \\$ up\"\n\"1\",\"T\",\"caf\xC3\xA9\"\n";
  const AgNewsFile file = ParseAgNewsCsv(good, "agnews.csv");
  REQUIRE(file.rows.size() == 2);
  CHECK(file.rows[0].label == 2);
  CHECK(file.rows[1].label == 0);
  CHECK(file.rows[0].symbols.size() == std::string(" Wall St. Stocks  $ up").size());
  CHECK(file.rows[1].symbols.back() == 95);  // a UTF-8 byte
  CHECK(file.lines == std::vector<size_t>{1, 2});

  const std::string bad = good + "\"5\",\"a\",\"b\"\n\"2\",\"only two\"\n\"4\",\"open\n";
  CHECK_THROWS_WITH_AS(ParseAgNewsCsv(bad, "agnews.csv"),
                       doctest::Contains("agnews.csv:3: class '5' is not one of 1, 2, 3, 4"),
                       Error);
  LabelledTextOptions skip;
  skip.skip_malformed = true;
  const AgNewsFile kept = ParseAgNewsCsv(bad, "agnews.csv", skip);
  CHECK(kept.rows.size() == 2);
  CHECK(kept.skipped == 3);
  REQUIRE(kept.problems.size() == 3);
  CHECK(kept.problems[0].line == 3);
  CHECK(kept.problems[1].line == 4);
  CHECK(kept.problems[1].message.find("expected 3 fields") != std::string::npos);
  CHECK(kept.problems[2].line == 5);
  CHECK_THROWS_WITH_AS(ParseAgNewsCsv("", "empty.csv"),
                       doctest::Contains("empty.csv: no labelled rows (empty file)"), Error);
  CHECK_THROWS_WITH_AS(LoadAgNewsCsv("/nonexistent/train.csv"), doctest::Contains("cannot open"),
                       Error);
  CHECK_THROWS_WITH_AS(LoadAgNewsCsv("."), doctest::Contains("not a regular file (a folder)"), Error);
}

TEST_CASE("the shared AG News test set parses completely, when present") {
  const std::string path = std::string(BITSTATE_AGNEWS_DIR) + "/test.csv";
  if (!std::ifstream(path).good()) {
    MESSAGE("skipped: ", path, " not found");
    return;
  }
  const AgNewsFile file = LoadAgNewsCsv(path);
  CHECK(file.rows.size() == 7600);
  std::vector<int> per_class(4, 0);
  for (const auto& row : file.rows) ++per_class[row.label];
  CHECK(per_class == std::vector<int>{1900, 1900, 1900, 1900});
}

}  // namespace
}  // namespace bitstate
