// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_file.h"

#include "bitstate/error.h"
#include "format/model_file_view.h"
#include "format/model_file_writer.h"
#include "model/model_codec.h"

namespace bitstate {

// The float sections of a file image: W by columns, a, b, h, potentials.
struct ModelFileCodec {
  static void Write(const Model& model, const FileLayout& l, uint8_t* out) {
    const size_t n = model.hidden(), v = model.visible();
    for (size_t j = 0; j < v; ++j) {
      const float* column = model.columns_.data() + j * model.column_stride_;
      for (size_t i = 0; i < n; ++i) StoreLittleEndian(out + l.columns + 4 * (j * l.stride + i), column[i]);
    }
    for (size_t j = 0; j < v; ++j) StoreLittleEndian(out + l.input_bias + 4 * j, model.input_bias_[j]);
    for (size_t i = 0; i < n; ++i) StoreLittleEndian(out + l.hidden_bias + 4 * i, model.hidden_bias_[i]);
    for (size_t w = 0; w < model.state_.num_words(); ++w) {
      StoreLittleEndian(out + l.state + 8 * w, model.state_.words()[w]);
    }
    for (size_t i = 0; i < model.potential_.size(); ++i) {
      StoreLittleEndian(out + l.carry + 8 + 4 * i, model.potential_[i]);
    }
  }

  static Model Read(const ModelFileView& view, KernelEngine engine) {
    Model model(view.config, engine, Model::Uninitialized{}, !view.inference_only);
    const size_t n = model.hidden(), v = model.visible();
    for (size_t j = 0; j < v; ++j) {
      for (size_t i = 0; i < n; ++i) {
        model.SetWeight(i, j, LoadLittleEndian<float>(view.columns + 4 * (j * view.column_stride + i)));
      }
      model.input_bias_[j] = LoadLittleEndian<float>(view.input_bias + 4 * j);
    }
    for (size_t i = 0; i < n; ++i) model.hidden_bias_[i] = LoadLittleEndian<float>(view.hidden_bias + 4 * i);
    for (size_t w = 0; w < model.state_.num_words(); ++w) {
      model.state_.words()[w] = LoadLittleEndian<uint64_t>(view.state + 8 * w);
    }
    for (size_t i = 0; i < model.potential_.size(); ++i) {
      model.potential_[i] = LoadLittleEndian<float>(view.potentials + 4 * i);
    }
    return model;
  }
};

Model ModelFromView(const ModelFileView& view, KernelEngine engine) {
  return ModelFileCodec::Read(view, engine);
}

std::vector<uint8_t> SerializeModel(const Model& model, const SaveOptions& options) {
  const ModelConfig& c = model.config();
  CheckHeadFits(options.head, c.hidden, "SerializeModel");
  const FileLayout l = ComputeLayout(c.inputs, c.hidden, options.head ? options.head->classes : 0,
                                     kPrecisionFloat32, false, c.carry != 0.0f);
  std::vector<uint8_t> bytes = StartImage(
      c, kPrecisionFloat32, options.inference_only ? kFlagInferenceOnly : 0, l, options.head);
  ModelFileCodec::Write(model, l, bytes.data());
  SealImage(bytes);
  return bytes;
}

Model DeserializeModel(const uint8_t* data, size_t size, const std::string& source,
                       KernelEngine engine, ClassifierHead* head) {
  const ModelFileView view = ParseModelFile(data, size, source);
  if (view.precision != kPrecisionFloat32) {
    throw Error(source + ": holds " + std::to_string(view.bits) +
                "-bit integer weights; load it with LoadAnyModel, LoadQuantizedModel or the C API");
  }
  if (head != nullptr) *head = view.head_classes ? HeadFromView(view) : ClassifierHead{};
  return ModelFileCodec::Read(view, engine);
}

void SaveModel(const Model& model, const std::string& path, const SaveOptions& options) {
  SaveImageAtomically(SerializeModel(model, options), path);
}

Model LoadModel(const std::string& path, KernelEngine engine, ClassifierHead* head) {
  const AlignedBuffer<uint8_t> bytes = ReadModelFileBytes(path);
  return DeserializeModel(bytes.data(), bytes.size(), path, engine, head);
}

}  // namespace bitstate
