// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/labelled_text.h"

#include <doctest/doctest.h>

#include <fstream>

#include "bitstate/agnews.h"
#include "bitstate/error.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

std::vector<uint8_t> Symbols(const std::string& text) {
  std::vector<uint8_t> out;
  EncodeText(text, &out);
  return out;
}

TEST_CASE("labelled text: classes found in the file, numeric or byte order, any count") {
  const LabelledTextFile numeric = ParseLabelledText("10,a\n2,b\n-1,c\n2,d\n", "n.csv");
  CHECK(numeric.classes == std::vector<std::string>{"-1", "2", "10"});
  REQUIRE(numeric.rows.size() == 4);
  CHECK(numeric.rows[0].label == 2);
  CHECK(numeric.rows[1].label == 1);
  CHECK(numeric.rows[2].label == 0);
  CHECK(numeric.rows[3].label == 1);
  CHECK(numeric.fields == 2);

  const LabelledTextFile named =
      ParseLabelledText("spam,buy now\nham,hi\neggs,x\nham,\"a, b\"\n10,y\n", "w.csv");
  CHECK(named.classes == std::vector<std::string>{"10", "eggs", "ham", "spam"});
  CHECK(named.rows[0].label == 3);
  CHECK(named.rows[3].label == 2);
  CHECK(named.rows[3].symbols == Symbols(" a, b"));
  CHECK(ClassList(named.classes, 2) == "10, eggs, ... (4 classes)");
}

TEST_CASE("labelled text: a two-column row gives the three-column row's text") {
  const std::string three = "\"3\",\"Wall St.\\Bears\",\"Stocks \\$ up\"\n";
  const std::string two = "\"3\",\"Wall St.\\Bears Stocks \\$ up\"\n";
  const AgNewsFile agnews = ParseAgNewsCsv(three, "three.csv");
  const LabelledTextFile joined = ParseLabelledText(two, "two.csv");
  REQUIRE(agnews.rows.size() == 1);
  REQUIRE(joined.rows.size() == 1);
  CHECK(joined.rows[0].symbols == agnews.rows[0].symbols);
  CHECK(joined.rows[0].symbols == Symbols(" Wall St. Bears Stocks  $ up"));
  LabelledTextOptions literal;
  literal.backslash_as_space = false;
  CHECK(ParseLabelledText(two, "two.csv", literal).rows[0].symbols ==
        Symbols(" Wall St.\\Bears Stocks \\$ up"));
}

TEST_CASE("labelled text: a header, given classes, and bad rows named by line") {
  LabelledTextOptions with_header;
  with_header.header = true;
  const LabelledTextFile h =
      ParseLabelledText("label,text\npos,good\nneg,bad\n", "h.csv", with_header);
  CHECK(h.classes == std::vector<std::string>{"neg", "pos"});
  CHECK(h.lines == std::vector<size_t>{2, 3});
  // Without the option the header is a row of its own class.
  CHECK(ParseLabelledText("label,text\npos,good\n", "h.csv").classes.size() == 2);

  LabelledTextOptions given;
  given.classes = {"pos", "neg"};
  const LabelledTextFile g = ParseLabelledText("neg,x\npos,y\n", "g.csv", given);
  CHECK(g.rows[0].label == 1);
  CHECK(g.rows[1].label == 0);
  CHECK(g.classes == given.classes);
  CHECK_THROWS_WITH_AS(ParseLabelledText("neg,x\nmaybe,y\n", "g.csv", given),
                       "g.csv:2: class 'maybe' is not one of pos, neg", Error);
  given.classes = {"pos", "pos"};
  CHECK_THROWS_WITH_AS(ParseLabelledText("pos,x\n", "g.csv", given),
                       "g.csv: the class 'pos' is given twice", Error);

  const std::string bad = "a,one,two\nb,three\nonly\n,empty class,x\nb,\"open\n";
  CHECK_THROWS_WITH_AS(ParseLabelledText(bad, "b.csv"),
                       "b.csv:2: expected 3 fields (a class and 2 text), found 2", Error);
  LabelledTextOptions skip;
  skip.skip_malformed = true;
  const LabelledTextFile kept = ParseLabelledText(bad, "b.csv", skip);
  CHECK(kept.rows.size() == 1);
  CHECK(kept.skipped == 4);
  REQUIRE(kept.problems.size() == 4);
  CHECK(kept.problems[0].line == 2);
  CHECK(kept.problems[1].line == 3);
  CHECK(kept.problems[1].message == "expected a class and at least one text field, found 1 field");
  CHECK(kept.problems[2].line == 4);
  CHECK(kept.problems[2].message == "empty class");
  CHECK(kept.problems[3].line == 5);
  CHECK_THROWS_WITH_AS(ParseLabelledText("x\n", "one.csv", skip),
                       "one.csv: no labelled rows (1 malformed rows skipped)", Error);
}

// Its README says every train.csv row is in train_text.csv in the same
// order; they are interleaved with the rows known only joined (row 5,659 of
// train.csv is row 5,660 of train_text.csv), so rows are matched by text.
TEST_CASE("the 52k AG News text file holds train.csv's rows in order, same text, when present") {
  const std::string dir = BITSTATE_AGNEWS52K_DIR;
  if (!std::ifstream(dir + "/train_text.csv").good()) {
    MESSAGE("skipped: ", dir, "/train_text.csv not found");
    return;
  }
  const AgNewsFile train = LoadAgNewsCsv(dir + "/train.csv");
  const LabelledTextFile text = LoadLabelledText(dir + "/train_text.csv");
  CHECK(text.rows.size() == 80490);
  CHECK(text.fields == 2);
  CHECK(text.classes == std::vector<std::string>{"1", "2", "3", "4"});
  REQUIRE(train.rows.size() == 52934);
  size_t found = 0;
  for (size_t t = 0; t < text.rows.size() && found < train.rows.size(); ++t) {
    found += text.rows[t].label == train.rows[found].label &&
             text.rows[t].symbols == train.rows[found].symbols;
  }
  CHECK(found == train.rows.size());
  CHECK(text.rows[5658].symbols != train.rows[5658].symbols);
}

}  // namespace
}  // namespace bitstate
