// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate export-c`: the C array holds the model file's bytes exactly, its
// header the model's sizes; `info` reads the array; bad arrays and names are
// reported with the file and line.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model_file.h"
#include "cli_parse.h"
#include "commands/c_array_image.h"
#include "test_util.h"

namespace bitstate::cli {
namespace {

using test::FileBytes;
using test::RunCommand;

TEST_CASE("export-c writes the model's bytes as a C array that info and the loader read back") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "bitstate_export_c";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto at = [&](const std::string& file) { return (dir / file).string(); };
  ModelConfig config;
  config.hidden = 70;
  Model model(config);
  for (uint8_t s : bitstate::test::MarkovText(500, 3)) model.TrainStepSymbol(s);
  SaveModel(model, at("f32.bsm"));
  for (const char* bits : {"8", "4", "1"}) {
    REQUIRE(RunCommand({"quantize", "--model", at("f32.bsm"), "--bits", bits, "--out",
                        at(std::string("q") + bits + ".bsm")}) == 0);
  }
  for (const std::string name : {"f32", "q8", "q4", "q1"}) {
    INFO(name);
    REQUIRE(RunCommand({"export-c", "--model", at(name + ".bsm"), "--out", at(name + ".c"),
                        "--name", name + "_image"}) == 0);
    const std::string file = FileBytes(at(name + ".bsm"));
    const std::vector<uint8_t> array = ReadCArrayImage(at(name + ".c"));
    CHECK(std::string(array.begin(), array.end()) == file);
    const std::string header = FileBytes(at(name + ".h"));
    const std::string macro = name == "f32" ? "F32" : "Q" + name.substr(1);
    CHECK(header.find("#define " + macro + "_IMAGE_HIDDEN 70u") != std::string::npos);
    CHECK(header.find("#define " + macro + "_IMAGE_BYTES " + std::to_string(file.size()) + "u") !=
          std::string::npos);
    CHECK(header.find("extern const unsigned char " + name + "_image[];") != std::string::npos);
    const std::string source = FileBytes(at(name + ".c"));
    CHECK(source.find("#include \"" + name + ".h\"") != std::string::npos);
    CHECK(source.find("__attribute__((aligned(256)))") != std::string::npos);
    CHECK(RunCommand({"info", "--model", at(name + ".c")}) == 0);
  }
  const AnyModel from_array = [&] {
    const std::vector<uint8_t> bytes = ReadCArrayImage(at("q4.c"));
    return DeserializeAnyModel(bytes.data(), bytes.size(), "q4.c");
  }();
  CHECK(from_array.weight_bits == 4);

  CHECK_THROWS_WITH_AS(
      RunCommand({"export-c", "--model", at("q8.bsm"), "--out", at("x.c"), "--name", "8bit"}),
      doctest::Contains("not a C identifier"), Error);
  CHECK_THROWS_WITH_AS(RunCommand({"export-c", "--model", at("q8.bsm"), "--out", at("x.txt")}),
                       doctest::Contains("must end in .c"), Error);
  // A damaged array names its line; a cut one says so; other C is refused.
  std::string source = FileBytes(at("q8.c"));
  const size_t byte = source.find("0x", source.find("] = {"));
  std::string damaged = source;
  damaged.replace(byte, 4, "0xZZ");
  std::ofstream(at("damaged.c"), std::ios::binary) << damaged;
  CHECK_THROWS_WITH_AS(ReadCArrayImage(at("damaged.c")), doctest::Contains("damaged.c: line 11"),
                       Error);
  std::ofstream(at("cut.c"), std::ios::binary) << source.substr(0, source.size() / 2);
  CHECK_THROWS_WITH_AS(ReadCArrayImage(at("cut.c")), doctest::Contains("not closed"), Error);
  std::ofstream(at("other.c"), std::ios::binary) << "int main(void) { return 0; }\n";
  CHECK_THROWS_WITH_AS(RunCommand({"info", "--model", at("other.c")}),
                       doctest::Contains("other.c: line 1"), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bitstate::cli
