// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate export-c`: a model file as a C array for firmware
// (c_array_image.h), checked as the loader checks it first.
#include <cstdio>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/model_file_bytes.h"
#include "bitstate/quantized_model_file.h"
#include "commands/c_array_image.h"
#include "commands/commands.h"
#include "options.h"

namespace bitstate::cli {
namespace {

struct ExportCOptions {
  std::string model, out, name = "bitstate_model_data";
};

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

int RunExportC(const ExportCOptions& o) {
  if (o.model.empty() || o.out.empty()) throw Error("--model FILE and --out FILE.c are required");
  if (!IsCSourcePath(o.out)) throw Error("--out " + o.out + ": must end in .c");
  CheckCIdentifier(o.name);
  const std::string header = o.out.substr(0, o.out.size() - 2) + ".h";
  CheckWritableDestination(o.out);
  CheckWritableDestination(header);
  const AlignedBuffer<uint8_t> bytes = ReadModelFileBytes(o.model);
  const AnyModel loaded = DeserializeAnyModel(bytes.data(), bytes.size(), o.model);
  const SequenceModel& model = loaded.model();
  const CArrayFacts facts{model.inputs(), model.hidden(), loaded.head.classes, loaded.weight_bits,
                          BaseName(o.model)};
  WriteFileAtomically(header, CArrayHeader(bytes.size(), o.name, facts));
  WriteFileAtomically(o.out,
                      CArraySource(bytes.data(), bytes.size(), o.name, BaseName(header), facts));
  std::printf("exported %s (%zu bytes, %s) as %s[] to %s and %s\n", o.model.c_str(), bytes.size(),
              loaded.precision_name().c_str(), o.name.c_str(), o.out.c_str(), header.c_str());
  return 0;
}

void DeclareExportC(CLI::App& app, ExportCOptions& o) {
  app.description(
      "a model file (any precision) as a 256-byte-aligned const C array and a header of its "
      "sizes, for firmware: bitstate_model_open_in_place runs it from flash");
  AddText(app, "--model", o.model, "FILE", "model file (required)");
  AddText(app, "--out", o.out, "FILE.c", "C source to write; the header goes beside it as FILE.h");
  AddText(app, "--name", o.name, "IDENT", "the array's name (macros: the name in capitals)");
}

Json DescribeExportC(const ExportCOptions& o) {
  return {{"model", o.model}, {"out", o.out}, {"name", o.name}};
}

}  // namespace

Command AddExportCCommand(CLI::App& root) {
  return MakeCommand<ExportCOptions>(root, "export-c", DeclareExportC, RunExportC, DescribeExportC);
}

}  // namespace bitstate::cli
