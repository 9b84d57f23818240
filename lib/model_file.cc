// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_file.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "crc32.h"
#include "model_file_view.h"

namespace bitstate {
namespace {

void StoreU32(uint8_t* p, uint32_t v) {
  for (int b = 0; b < 4; ++b) p[b] = static_cast<uint8_t>(v >> (8 * b));
}
void StoreU64(uint8_t* p, uint64_t v) {
  for (int b = 0; b < 8; ++b) p[b] = static_cast<uint8_t>(v >> (8 * b));
}
void StoreF32(uint8_t* p, float f) {
  uint32_t v;
  std::memcpy(&v, &f, 4);
  StoreU32(p, v);
}
}  // namespace

struct ModelFileCodec {
  static void Write(const Model& model, const FileLayout& l, uint8_t* out) {
    const size_t n = model.hidden(), v = model.visible();
    for (size_t j = 0; j < v; ++j) {
      const float* column = model.columns_.data() + j * model.column_stride_;
      for (size_t i = 0; i < n; ++i) StoreF32(out + l.columns + 4 * (j * l.stride + i), column[i]);
    }
    for (size_t j = 0; j < v; ++j) StoreF32(out + l.input_bias + 4 * j, model.input_bias_[j]);
    for (size_t i = 0; i < n; ++i) StoreF32(out + l.hidden_bias + 4 * i, model.hidden_bias_[i]);
    for (size_t w = 0; w < model.state_.num_words(); ++w) {
      StoreU64(out + l.state + 8 * w, model.state_.words()[w]);
    }
  }

  static Model Read(const ModelFileView& view, KernelEngine engine) {
    Model model(view.config, engine, Model::Uninitialized{}, !view.inference_only);
    const size_t n = model.hidden(), v = model.visible();
    for (size_t j = 0; j < v; ++j) {
      for (size_t i = 0; i < n; ++i) {
        model.SetWeight(i, j, LoadLittleEndianF32(view.columns + 4 * (j * view.column_stride + i)));
      }
      model.input_bias_[j] = LoadLittleEndianF32(view.input_bias + 4 * j);
    }
    for (size_t i = 0; i < n; ++i) model.hidden_bias_[i] = LoadLittleEndianF32(view.hidden_bias + 4 * i);
    for (size_t w = 0; w < model.state_.num_words(); ++w) {
      model.state_.words()[w] = LoadLittleEndianU64(view.state + 8 * w);
    }
    return model;
  }
};

std::vector<uint8_t> SerializeModel(const Model& model, const SaveOptions& options) {
  const ModelConfig& c = model.config();
  const ClassifierHead* head = options.head;
  if (head != nullptr && (head->classes < 2 || head->dimension != c.hidden ||
                          head->weights.size() != head->classes * head->dimension ||
                          head->intercepts.size() != head->classes)) {
    throw Error("SerializeModel: the classifier head does not fit the model (needs >= 2 classes "
                "over n = " + std::to_string(c.hidden) + " features)");
  }
  const FileLayout l = ComputeLayout(c.inputs, c.hidden, head ? head->classes : 0);
  std::vector<uint8_t> bytes(static_cast<size_t>(l.end), 0);
  uint8_t* out = bytes.data();
  std::memcpy(out, kMagic, sizeof(kMagic));
  StoreU32(out + 8, kModelFormatVersion);
  StoreU32(out + 12, kByteOrderMark);
  StoreU32(out + 16, kHeaderSize);
  StoreU32(out + 20, kPrecisionFloat32);
  StoreU32(out + 24, static_cast<uint32_t>(c.update_rows));
  StoreU32(out + 28, (options.inference_only ? kFlagInferenceOnly : 0) | (head ? kFlagHead : 0));
  StoreU64(out + 32, c.inputs);
  StoreU64(out + 40, c.hidden);
  StoreF32(out + 48, c.rate_input);
  StoreF32(out + 52, c.rate_hidden);
  StoreF32(out + 56, c.density);
  StoreF32(out + 60, c.init_range);
  StoreU64(out + 64, c.seed);
  StoreU64(out + 72, bytes.size() - kHeaderSize);
  ModelFileCodec::Write(model, l, out);
  if (head != nullptr) {
    StoreU32(out + l.head_meta, static_cast<uint32_t>(head->classes));
    StoreU32(out + l.head_meta + 4, static_cast<uint32_t>(head->dimension));
    for (size_t k = 0; k < head->classes; ++k) {
      for (size_t i = 0; i < head->dimension; ++i) {
        StoreF32(out + l.head_weights + 4 * (k * l.stride + i), head->weights[k * head->dimension + i]);
      }
      StoreF32(out + l.head_intercepts + 4 * k, head->intercepts[k]);
    }
  }
  StoreU32(out + 80, Crc32(out + kHeaderSize, bytes.size() - kHeaderSize));
  StoreU32(out + 84, Crc32(out, 84));
  return bytes;
}

Model DeserializeModel(const uint8_t* data, size_t size, const std::string& source,
                       KernelEngine engine, ClassifierHead* head) {
  const ModelFileView view = ParseModelFile(data, size, source);
  if (head != nullptr) *head = view.head_classes ? HeadFromView(view) : ClassifierHead{};
  return ModelFileCodec::Read(view, engine);
}

void SaveModel(const Model& model, const std::string& path, const SaveOptions& options) {
  const std::vector<uint8_t> bytes = SerializeModel(model, options);
  AtomicFileWriter writer(path);
  writer.Write(bytes.data(), bytes.size());
  writer.Commit();
}

Model LoadModel(const std::string& path, KernelEngine engine, ClassifierHead* head) {
  const AlignedBuffer<uint8_t> bytes = ReadModelFileBytes(path);
  return DeserializeModel(bytes.data(), bytes.size(), path, engine, head);
}

}  // namespace bitstate
