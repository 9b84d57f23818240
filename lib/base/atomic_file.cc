// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "bitstate/error.h"

namespace bitstate {

AtomicFileWriter::AtomicFileWriter(std::string path)
    : path_(std::move(path)), temporary_(path_ + ".tmp"), file_(std::fopen(temporary_.c_str(), "wb")) {
  if (file_ == nullptr) {
    throw Error(temporary_ + ": cannot open for writing: " + std::strerror(errno));
  }
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ != nullptr) {  // not committed
    std::fclose(file_);
    std::remove(temporary_.c_str());
  }
}

void AtomicFileWriter::Write(const void* data, size_t size) {
  if (size != 0 && std::fwrite(data, 1, size, file_) != size) {
    throw Error(temporary_ + ": write failed: " + std::strerror(errno) + " (" + path_ +
                " left as it was)");
  }
}

void AtomicFileWriter::Commit() {
  const bool flushed = std::fflush(file_) == 0 && ::fsync(fileno(file_)) == 0 && !std::ferror(file_);
  const int flush_errno = errno;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed) {
    std::remove(temporary_.c_str());
    throw Error(temporary_ + ": write failed: " + std::strerror(flush_errno) + " (" + path_ +
                " left as it was)");
  }
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    const int rename_errno = errno;
    std::remove(temporary_.c_str());
    throw Error(path_ + ": cannot replace with " + temporary_ + ": " + std::strerror(rename_errno));
  }
}

void CheckWritableDestination(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string folder = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  if (::access(folder.c_str(), W_OK) != 0) {
    throw Error(path + ": cannot write into " + folder + ": " + std::strerror(errno));
  }
}

void WriteFileAtomically(const std::string& path, const std::string& text) {
  AtomicFileWriter writer(path);
  writer.Write(text.data(), text.size());
  writer.Commit();
}

}  // namespace bitstate
