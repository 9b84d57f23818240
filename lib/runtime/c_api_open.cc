// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The C API's openers that allocate (host builds): a model file read into
// memory, or a memory image copied when it cannot be used in place.
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "bitstate/aligned_buffer.h"
#include "bitstate/model_file_bytes.h"
#include "runtime/c_api_model.h"

namespace {

// A model with the image it owns (empty when the caller's is used in place).
struct OwnedModel : bitstate_model {
  bitstate::AlignedBuffer<uint8_t> image;
};

void ReleaseOwned(bitstate_model* model) { delete static_cast<OwnedModel*>(model); }

OwnedModel* NewModel() {
  OwnedModel* model = new (std::nothrow) OwnedModel;
  if (model != nullptr) model->release = ReleaseOwned;
  return model;
}

bitstate_status Finish(OwnedModel* opened, const uint8_t* bytes, size_t size, const char* source,
                       bitstate_model** model, char* error, size_t error_size) {
  const bitstate_status status =
      bitstate::c_api::OpenImage(bytes, size, source, opened, error, error_size);
  if (status != BITSTATE_OK) {
    delete opened;
    return status;
  }
  *model = opened;
  return BITSTATE_OK;
}

}  // namespace

extern "C" {

bitstate_status bitstate_model_open_file(const char* path, bitstate_model** model, char* error,
                                         size_t error_size) {
  using bitstate::c_api::WriteMessage;
  if (model == nullptr || path == nullptr) return BITSTATE_ERROR_ARGUMENT;
  *model = nullptr;
  OwnedModel* opened = NewModel();
  if (opened == nullptr) return BITSTATE_ERROR_NO_MEMORY;
  try {
    opened->image = bitstate::ReadModelFileBytes(path);
  } catch (const std::bad_alloc&) {
    delete opened;
    WriteMessage(error, error_size, path, ": out of memory");
    return BITSTATE_ERROR_NO_MEMORY;
  } catch (const std::exception& e) {
    delete opened;
    WriteMessage(error, error_size, e.what());
    return BITSTATE_ERROR_IO;
  }
  return Finish(opened, opened->image.data(), opened->image.size(), path, model, error, error_size);
}

bitstate_status bitstate_model_open_memory(const void* data, size_t size, int flags,
                                           bitstate_model** model, char* error, size_t error_size) {
  if (model == nullptr || (data == nullptr && size != 0)) return BITSTATE_ERROR_ARGUMENT;
  *model = nullptr;
  OwnedModel* opened = NewModel();
  if (opened == nullptr) return BITSTATE_ERROR_NO_MEMORY;
  const auto* bytes = static_cast<const uint8_t*>(data);
  opened->zero_copy = (flags & BITSTATE_OPEN_COPY) == 0 &&
                      reinterpret_cast<uintptr_t>(data) % bitstate::kPadBytes == 0;
  if (!opened->zero_copy) {
    try {
      opened->image = bitstate::AlignedBuffer<uint8_t>(size);
    } catch (const std::bad_alloc&) {
      delete opened;
      bitstate::c_api::WriteMessage(error, error_size, "<memory>: out of memory");
      return BITSTATE_ERROR_NO_MEMORY;
    }
    if (size != 0) std::memcpy(opened->image.data(), data, size);
    bytes = opened->image.data();
  }
  return Finish(opened, bytes, size, "<memory>", model, error, error_size);
}

}  // extern "C"
