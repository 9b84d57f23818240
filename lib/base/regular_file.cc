// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "base/regular_file.h"

#include <filesystem>
#include <system_error>

#include "bitstate/error.h"

namespace bitstate {

void RequireRegularFile(const std::string& path) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (error) throw Error(path + ": cannot open: " + error.message());
  if (!std::filesystem::is_regular_file(status)) {
    throw Error(path + ": not a regular file" +
                (std::filesystem::is_directory(status) ? std::string(" (a folder)") : std::string()));
  }
}

}  // namespace bitstate
