// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_ERROR_H_
#define BITSTATE_ERROR_H_

#include <stdexcept>
#include <string>

namespace bitstate {

// Every error the library reports: bad arguments, unreadable files, corrupt
// model files. The message names the file, field or argument at fault.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace bitstate

#endif  // BITSTATE_ERROR_H_
