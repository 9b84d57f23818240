// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_ATOMIC_FILE_H_
#define BITSTATE_ATOMIC_FILE_H_

#include <cstddef>
#include <cstdio>
#include <string>

namespace bitstate {

// Writes "<path>.tmp" and, on Commit(), flushes it to disk and renames it
// over <path>: readers (and a crash) see the old file or the new one, never
// a part. Without Commit() (an exception, an early return) the temporary is
// removed and <path> is left as it was.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);  // throws bitstate::Error
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  std::FILE* file() { return file_; }
  void Write(const void* data, size_t size);
  void Commit();  // throws bitstate::Error naming the file

 private:
  std::string path_, temporary_;
  std::FILE* file_;
};

// Throws bitstate::Error unless a file can be created at path (its folder
// exists and is writable): lets a long job fail before it starts, not after.
void CheckWritableDestination(const std::string& path);

// The whole of `text` through an AtomicFileWriter.
void WriteFileAtomically(const std::string& path, const std::string& text);

}  // namespace bitstate

#endif  // BITSTATE_ATOMIC_FILE_H_
