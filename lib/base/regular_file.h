// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_REGULAR_FILE_H_
#define BITSTATE_REGULAR_FILE_H_

#include <string>

namespace bitstate {

// Throws bitstate::Error unless path names a regular file (not a folder, a
// device or nothing): readers check this before trusting a file's size.
void RequireRegularFile(const std::string& path);

}  // namespace bitstate

#endif  // BITSTATE_REGULAR_FILE_H_
