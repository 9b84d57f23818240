// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "bitstate/error.h"
#include "crc32.h"

namespace bitstate {
namespace {

constexpr char kMagic[8] = {'B', 'I', 'T', 'S', 'T', 'A', 'T', 'E'};
constexpr uint32_t kByteOrderMark = 0x01020304u;
constexpr uint32_t kHeaderSize = 88;
constexpr uint32_t kPrecisionFloat32 = 0;

// Little-endian encoding, whatever the host's byte order.
class ByteWriter {
 public:
  explicit ByteWriter(std::vector<uint8_t>* out) : out_(out) {}
  void U32(uint32_t v) {
    for (int b = 0; b < 4; ++b) out_->push_back(static_cast<uint8_t>(v >> (8 * b)));
  }
  void U64(uint64_t v) {
    for (int b = 0; b < 8; ++b) out_->push_back(static_cast<uint8_t>(v >> (8 * b)));
  }
  void F32(float f) {
    uint32_t v;
    std::memcpy(&v, &f, 4);
    U32(v);
  }
  void Bytes(const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) out_->push_back(static_cast<uint8_t>(p[i]));
  }
  void PatchU32(size_t offset, uint32_t v) {
    for (int b = 0; b < 4; ++b) (*out_)[offset + b] = static_cast<uint8_t>(v >> (8 * b));
  }

 private:
  std::vector<uint8_t>* out_;
};

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint32_t U32() {
    uint32_t v = 0;
    for (int b = 0; b < 4; ++b) v |= uint32_t{data_[pos_ + b]} << (8 * b);
    pos_ += 4;
    return v;
  }
  uint64_t U64() {
    uint64_t v = 0;
    for (int b = 0; b < 8; ++b) v |= uint64_t{data_[pos_ + b]} << (8 * b);
    pos_ += 8;
    return v;
  }
  float F32() {
    const uint32_t v = U32();
    float f;
    std::memcpy(&f, &v, 4);
    return f;
  }
  void Skip(size_t n) { pos_ += n; }
  size_t position() const { return pos_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

size_t PayloadBytes(size_t m, size_t n) {
  const size_t v = m + n;
  return 4 * (v * n + v + n) + 8 * WordsForBits(n);
}

[[noreturn]] void Fail(const std::string& source, const std::string& what) {
  throw Error(source + ": not a usable bitstate model file: " + what);
}

}  // namespace

struct ModelFileCodec {
  static void WritePayload(const Model& model, ByteWriter& out) {
    for (size_t j = 0; j < model.visible(); ++j) {
      const float* column = model.columns_.data() + j * model.column_stride_;
      for (size_t i = 0; i < model.hidden(); ++i) out.F32(column[i]);
    }
    for (size_t j = 0; j < model.visible(); ++j) out.F32(model.input_bias_[j]);
    for (size_t i = 0; i < model.hidden(); ++i) out.F32(model.hidden_bias_[i]);
    for (size_t w = 0; w < model.state_.num_words(); ++w) out.U64(model.state_.words()[w]);
  }

  static void ReadPayload(ByteReader& in, Model& model, const std::string& source) {
    const size_t n = model.hidden(), v = model.visible();
    for (size_t j = 0; j < v; ++j) {
      float* column = model.columns_.data() + j * model.column_stride_;
      for (size_t i = 0; i < n; ++i) {
        column[i] = in.F32();
        model.rows_[i * model.row_stride_ + j] = column[i];
      }
    }
    for (size_t j = 0; j < v; ++j) model.input_bias_[j] = in.F32();
    for (size_t i = 0; i < n; ++i) model.hidden_bias_[i] = in.F32();
    for (size_t w = 0; w < model.state_.num_words(); ++w) model.state_.words()[w] = in.U64();
    if (n % 64 != 0 && (model.state_.words()[n / 64] >> (n % 64)) != 0) {
      Fail(source, "state has bits set beyond n = " + std::to_string(n));
    }
  }

  static Model Make(const ModelConfig& config, KernelEngine engine) {
    return Model(config, engine, Model::Uninitialized{});
  }
};

std::vector<uint8_t> SerializeModel(const Model& model) {
  const ModelConfig& c = model.config();
  std::vector<uint8_t> bytes;
  bytes.reserve(kHeaderSize + PayloadBytes(c.inputs, c.hidden));
  ByteWriter out(&bytes);
  out.Bytes(kMagic, sizeof(kMagic));
  out.U32(kModelFormatVersion);
  out.U32(kByteOrderMark);
  out.U32(kHeaderSize);
  out.U32(kPrecisionFloat32);
  out.U32(static_cast<uint32_t>(c.update_rows));
  out.U32(0);  // flags
  out.U64(c.inputs);
  out.U64(c.hidden);
  out.F32(c.rate_input);
  out.F32(c.rate_hidden);
  out.F32(c.density);
  out.F32(c.init_range);
  out.U64(c.seed);
  out.U64(PayloadBytes(c.inputs, c.hidden));
  out.U32(0);  // payload CRC, patched below
  out.U32(0);  // header CRC, patched below
  ModelFileCodec::WritePayload(model, out);
  out.PatchU32(80, Crc32(bytes.data() + kHeaderSize, bytes.size() - kHeaderSize));
  out.PatchU32(84, Crc32(bytes.data(), 84));
  return bytes;
}

Model DeserializeModel(const uint8_t* data, size_t size, const std::string& source,
                       KernelEngine engine) {
  if (size < kHeaderSize) {
    Fail(source, "file is " + std::to_string(size) + " bytes, shorter than the " +
                     std::to_string(kHeaderSize) + "-byte header");
  }
  if (std::memcmp(data, kMagic, sizeof(kMagic)) != 0) Fail(source, "bad magic (expected \"BITSTATE\")");
  ByteReader in(data, size);
  in.Skip(sizeof(kMagic));
  const uint32_t version = in.U32();
  if (version != kModelFormatVersion) {
    Fail(source, "format version " + std::to_string(version) + ", this build reads version " +
                     std::to_string(kModelFormatVersion));
  }
  if (in.U32() != kByteOrderMark) Fail(source, "byte-order mark is wrong");
  if (in.U32() != kHeaderSize) Fail(source, "header size field is wrong");
  const uint32_t header_crc = data[84] | (data[85] << 8) | (data[86] << 16) | (uint32_t{data[87]} << 24);
  if (Crc32(data, 84) != header_crc) Fail(source, "header checksum mismatch (header is corrupt)");

  const uint32_t precision = in.U32();
  if (precision != kPrecisionFloat32) Fail(source, "unknown precision " + std::to_string(precision));
  ModelConfig config;
  const uint32_t update_rows = in.U32();
  if (update_rows > 1) Fail(source, "unknown update_rows " + std::to_string(update_rows));
  config.update_rows = static_cast<UpdateRows>(update_rows);
  if (in.U32() != 0) Fail(source, "unknown flags");
  const uint64_t m = in.U64(), n = in.U64();
  if (m == 0 || n == 0 || m > kMaxDimension || n > kMaxDimension) {
    Fail(source, "dimensions m = " + std::to_string(m) + ", n = " + std::to_string(n) +
                     " are outside 1.." + std::to_string(kMaxDimension));
  }
  config.inputs = m;
  config.hidden = n;
  config.rate_input = in.F32();
  config.rate_hidden = in.F32();
  config.density = in.F32();
  config.init_range = in.F32();
  config.seed = in.U64();
  const uint64_t payload = in.U64();
  const uint32_t payload_crc = in.U32();
  in.U32();  // header CRC, checked above
  if (payload != PayloadBytes(m, n)) Fail(source, "payload size field does not match m and n");
  if (size - kHeaderSize != payload) {
    Fail(source, "payload is " + std::to_string(size - kHeaderSize) + " bytes, expected " +
                     std::to_string(payload) + (size - kHeaderSize < payload ? " (truncated)" : ""));
  }
  if (Crc32(data + kHeaderSize, payload) != payload_crc) {
    Fail(source, "payload checksum mismatch (weights are corrupt)");
  }
  try {
    config.Validate();
  } catch (const Error& e) {
    Fail(source, e.what());
  }
  Model model = ModelFileCodec::Make(config, engine);
  ModelFileCodec::ReadPayload(in, model, source);
  return model;
}

void SaveModel(const Model& model, const std::string& path) {
  const std::vector<uint8_t> bytes = SerializeModel(model);
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) {
    throw Error(temporary + ": cannot open for writing: " + std::strerror(errno));
  }
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size() &&
                       std::fflush(file) == 0 && ::fsync(fileno(file)) == 0;
  const int write_errno = errno;
  if (std::fclose(file) != 0 || !written) {
    std::remove(temporary.c_str());
    throw Error(temporary + ": write failed: " + std::strerror(write_errno) + " (" + path +
                " left as it was)");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    std::remove(temporary.c_str());
    throw Error(path + ": cannot replace with " + temporary + ": " + std::strerror(rename_errno));
  }
}

Model LoadModel(const std::string& path, KernelEngine engine) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof(chunk), file.get())) > 0) {
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  if (std::ferror(file.get())) throw Error(path + ": read error");
  return DeserializeModel(bytes.data(), bytes.size(), path, engine);
}

}  // namespace bitstate
