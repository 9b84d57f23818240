// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The host's side of reading model files: the file's bytes, the parse that
// throws its message, the head copied out.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include "base/regular_file.h"
#include "bitstate/error.h"
#include "bitstate/model_file_bytes.h"
#include "format/model_file_view.h"

namespace bitstate {

ModelFileView ParseModelFile(const uint8_t* data, size_t size, const std::string& source) {
  ModelFileView view;
  FixedText why;
  if (!ParseModelImage(data, size, &view, &why)) {
    throw Error(source + ": not a usable bitstate model file: " + why.c_str());
  }
  return view;
}

ClassifierHead HeadFromView(const ModelFileView& view) {
  ClassifierHead head;
  head.classes = view.head_classes;
  head.dimension = view.config.hidden;
  head.weights.resize(head.classes * head.dimension);
  head.intercepts.resize(head.classes);
  for (size_t c = 0; c < head.classes; ++c) {
    for (size_t k = 0; k < head.dimension; ++k) {
      head.weights[c * head.dimension + k] =
          LoadLittleEndian<float>(view.head_weights + 4 * (c * view.head_stride + k));
    }
    head.intercepts[c] = LoadLittleEndian<float>(view.head_intercepts + 4 * c);
  }
  return head;
}

AlignedBuffer<uint8_t> ReadModelFileBytes(const std::string& path) {
  RequireRegularFile(path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw Error(path + ": cannot open: " + std::strerror(errno));
  if (std::fseek(file.get(), 0, SEEK_END) != 0) throw Error(path + ": cannot seek");
  const long size = std::ftell(file.get());
  if (size < 0) throw Error(path + ": cannot tell its size");
  std::rewind(file.get());
  AlignedBuffer<uint8_t> bytes;
  try {
    bytes = AlignedBuffer<uint8_t>(static_cast<size_t>(size));
  } catch (const std::bad_alloc&) {
    throw Error(path + ": " + std::to_string(size) + " bytes, too large to load");
  }
  if (size > 0 && std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) {
    throw Error(path + ": read error (file changed while reading?)");
  }
  return bytes;
}

}  // namespace bitstate
