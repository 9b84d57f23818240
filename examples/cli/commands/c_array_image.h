// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A model image as C source (`bitstate export-c`): a const array aligned
// for bitstate_model_open_in_place, so firmware links a trained model into
// flash, with a header of its sizes. And back: the bytes of such a source,
// so `bitstate info` reads the array as it reads the file.
#ifndef BITSTATE_EXAMPLES_CLI_COMMANDS_C_ARRAY_IMAGE_H_
#define BITSTATE_EXAMPLES_CLI_COMMANDS_C_ARRAY_IMAGE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bitstate::cli {

struct CArrayFacts {
  size_t inputs, hidden, classes;
  unsigned weight_bits;  // 32: float32
  std::string origin;    // the model file it came from
};

// Throws unless `name` is a C identifier.
void CheckCIdentifier(const std::string& name);

// The .c file: `name` (the array) and `name`_size, including `header_file`.
std::string CArraySource(const uint8_t* bytes, size_t size, const std::string& name,
                         const std::string& header_file, const CArrayFacts& facts);
// The .h file: the declarations and NAME_INPUTS, _HIDDEN, _CLASSES,
// _WEIGHT_BITS, _BYTES macros (NAME: `name` in capitals).
std::string CArrayHeader(size_t size, const std::string& name, const CArrayFacts& facts);

// Whether `path` is C source (by its ".c" ending).
bool IsCSourcePath(const std::string& path);
// The bytes of the array a CArraySource file defines; throws naming the
// file and line where it is not one.
std::vector<uint8_t> ReadCArrayImage(const std::string& path);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_C_ARRAY_IMAGE_H_
