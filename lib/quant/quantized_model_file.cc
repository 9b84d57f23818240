// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/quantized_model_file.h"

#include <cstring>

#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "format/model_file_view.h"
#include "format/model_file_writer.h"
#include "model/model_codec.h"

namespace bitstate {

struct QuantizedModelFileCodec {
  static void Write(const QuantizedModel& model, const FileLayout& l, uint8_t* out) {
    const size_t m = model.inputs(), n = model.hidden(), v = model.visible();
    if (IsPacked(model.storage())) {
      // The file's layout is the memory's (packed_shape.h), bytes as they are.
      const PackedLevels& packed = model.levels_.packed();
      std::memcpy(out + l.columns, packed.data(), packed.size());
    } else {
      for (size_t j = 0; j < v; ++j) {
        for (size_t i = 0; i < n; ++i) {
          uint8_t* at = out + l.columns + l.element_bytes * (j * l.stride + i);
          const int32_t level = model.level(i, j);
          if (l.element_bytes == 1) {
            StoreLittleEndian(at, static_cast<int8_t>(level));
          } else {
            StoreLittleEndian(at, static_cast<int16_t>(level));
          }
        }
      }
    }
    StoreLittleEndian(out + l.quant_meta, uint32_t{model.bits()});
    StoreLittleEndian(out + l.quant_meta + 4, static_cast<uint32_t>(model.granularity()));
    for (size_t i = 0; i < n; ++i) {
      StoreLittleEndian(out + l.multipliers + 4 * i, static_cast<uint32_t>(model.input_multiplier(i)));
      StoreLittleEndian(out + l.hidden_bias + 4 * i, static_cast<uint32_t>(model.hidden_bias_level(i)));
      StoreLittleEndian(out + l.steps + 8 * i, model.step(i, m));
    }
    if (l.training != 0) {
      for (size_t j = 0; j < v; ++j) {
        StoreLittleEndian(out + l.input_bias + 4 * j, static_cast<uint32_t>(model.input_bias_[j]));
      }
      StoreLittleEndian(out + l.training, model.steps_);
      StoreLittleEndian(out + l.training + 8, model.saturated_updates_);
    }
    for (size_t w = 0; w < model.state().num_words(); ++w) {
      StoreLittleEndian(out + l.state + 8 * w, model.state().words()[w]);
    }
    for (size_t i = 0; i < model.potential_.size(); ++i) {
      StoreLittleEndian(out + l.carry + 8 + 4 * i, static_cast<uint32_t>(model.potential_[i]));
    }
  }

  static QuantizedModel Read(const ModelFileView& view, KernelEngine engine) {
    const LevelStorage storage = StorageOfPrecision(view.precision);
    const bool trainable = view.training != nullptr;
    QuantizedModel model(view.config, view.bits, static_cast<ScaleGranularity>(view.granularity),
                         engine, trainable, storage);
    const size_t n = model.hidden(), v = model.visible();
    if (IsPacked(storage)) {
      PackedLevels& packed = model.levels_.mutable_packed();
      std::memcpy(packed.mutable_data(), view.columns, packed.size());
    } else {
      const size_t bytes = view.precision == kPrecisionInt8 ? 1 : 2;
      for (size_t j = 0; j < v; ++j) {
        for (size_t i = 0; i < n; ++i) {
          model.SetLevel(
              i, j, LoadLevel(view.columns + bytes * (j * view.column_stride + i), view.precision));
        }
      }
    }
    for (size_t i = 0; i < n; ++i) {
      model.input_multiplier_[i] = static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.multipliers + 4 * i));
      model.any_multiplier_ |= model.input_multiplier_[i] != 1;
      model.hidden_bias_[i] = static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.hidden_bias + 4 * i));
      model.state_step_[i] = LoadLittleEndian<double>(view.steps + 8 * i);
    }
    model.CheckAccumulatorBound();
    if (trainable) {
      // Training goes on where it stopped: the same rounding noise stream.
      for (size_t j = 0; j < v; ++j) {
        model.input_bias_[j] =
            static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.input_bias + 4 * j));
      }
      model.steps_ = LoadLittleEndian<uint64_t>(view.training);
      model.saturated_updates_ = LoadLittleEndian<uint64_t>(view.training + 8);
      model.noise_key_ = QuantizedModel::TrainingNoiseKey(view.config);
      model.SetTrainingDeltas();
    }
    for (size_t w = 0; w < model.state_.num_words(); ++w) {
      model.state_.words()[w] = LoadLittleEndian<uint64_t>(view.state + 8 * w);
    }
    for (size_t i = 0; i < model.potential_.size(); ++i) {
      model.potential_[i] =
          static_cast<int32_t>(LoadLittleEndian<uint32_t>(view.potentials + 4 * i));
    }
    return model;
  }
};

std::vector<uint8_t> SerializeQuantizedModel(const QuantizedModel& model,
                                             const ClassifierHead* head, bool inference_only) {
  const ModelConfig& c = model.config();
  CheckHeadFits(head, c.hidden, "SerializeQuantizedModel");
  const uint32_t precision = PrecisionOf(model.storage(), model.bits());
  const bool trainable = model.trainable() && !inference_only;
  const FileLayout l = ComputeLayout(c.inputs, c.hidden, head ? head->classes : 0, precision,
                                     trainable, c.carry != 0.0f);
  std::vector<uint8_t> bytes =
      StartImage(c, precision, trainable ? 0 : kFlagInferenceOnly, l, head);
  QuantizedModelFileCodec::Write(model, l, bytes.data());
  SealImage(bytes);
  return bytes;
}

void SaveQuantizedModel(const QuantizedModel& model, const std::string& path,
                        const ClassifierHead* head, bool inference_only) {
  SaveImageAtomically(SerializeQuantizedModel(model, head, inference_only), path);
}

QuantizedModel DeserializeQuantizedModel(const uint8_t* data, size_t size,
                                         const std::string& source, KernelEngine engine,
                                         ClassifierHead* head) {
  const ModelFileView view = ParseModelFile(data, size, source);
  if (view.precision == kPrecisionFloat32) {
    throw Error(source + ": holds float32 weights; load it with LoadModel (and quantise with "
                "QuantizedModel::Quantize)");
  }
  if (head != nullptr) *head = view.head_classes ? HeadFromView(view) : ClassifierHead{};
  return QuantizedModelFileCodec::Read(view, engine);
}

AnyModel DeserializeAnyModel(const uint8_t* data, size_t size, const std::string& source,
                             KernelEngine engine) {
  const ModelFileView view = ParseModelFile(data, size, source);
  AnyModel any;
  if (view.head_classes != 0) any.head = HeadFromView(view);
  if (view.precision == kPrecisionFloat32) {
    any.float_model.emplace(ModelFromView(view, engine));
  } else {
    any.weight_bits = view.bits;
    any.integer_model.emplace(QuantizedModelFileCodec::Read(view, engine));
  }
  return any;
}

AnyModel LoadAnyModel(const std::string& path, KernelEngine engine) {
  const AlignedBuffer<uint8_t> bytes = ReadModelFileBytes(path);
  AnyModel any = DeserializeAnyModel(bytes.data(), bytes.size(), path, engine);
  any.file_bytes = bytes.size();
  return any;
}

size_t InferenceFileBytes(size_t inputs, size_t hidden, unsigned bits, size_t head_classes) {
  const uint32_t precision =
      bits >= 32 ? kPrecisionFloat32 : PrecisionOf(StorageFor(bits, true), bits);
  return static_cast<size_t>(ComputeLayout(inputs, hidden, head_classes, precision).end);
}

SequenceModel& AnyModel::model() {
  if (float_model) return *float_model;
  return *integer_model;
}

const SequenceModel& AnyModel::model() const {
  if (float_model) return *float_model;
  return *integer_model;
}

bool AnyModel::trainable() const {
  return float_model ? float_model->trainable() : integer_model->trainable();
}

std::string AnyModel::precision_name() const {
  if (float_model) return "float32";
  const std::string k = std::to_string(weight_bits) + "-bit";
  switch (integer_model->storage()) {
    case LevelStorage::kInt8:
      return k + " levels in int8";
    case LevelStorage::kInt16:
      return k + " levels in int16";
    case LevelStorage::kNibbles:
      return k + " levels, packed two per byte";
    case LevelStorage::kBitPlanes:
      return k + (weight_bits == 1 ? " levels, one bit plane" : " levels, two bit planes");
  }
  return k;
}

QuantizedModel LoadQuantizedModel(const std::string& path, KernelEngine engine,
                                  ClassifierHead* head) {
  const AlignedBuffer<uint8_t> bytes = ReadModelFileBytes(path);
  return DeserializeQuantizedModel(bytes.data(), bytes.size(), path, engine, head);
}

}  // namespace bitstate
