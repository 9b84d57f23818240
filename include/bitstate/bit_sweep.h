// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Accuracy against weight bit-width, the paper's open low-power question:
// (a) a float-trained model quantised for inference, (b) a model trained with
// integer weights from the start, each at every width asked for, through the
// same features and ridge classifier as the float model.
#ifndef BITSTATE_BIT_SWEEP_H_
#define BITSTATE_BIT_SWEEP_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/bit_sweep.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bitstate/dataset.h"
#include "bitstate/pipeline.h"
#include "bitstate/quantization.h"

namespace bitstate {

enum class SweepMethod {
  kFloat,             // float32 training and inference (the reference line)
  kQuantized,         // float training, post-training quantisation
  kIntegerTraining,   // integer weights in training and inference
};
const char* SweepMethodName(SweepMethod method);  // "float", "quantised", "integer-trained"
SweepMethod ParseSweepMethod(const std::string& text);

struct BitSweepOptions {
  PipelineOptions pipeline;
  std::vector<unsigned> quantized_bits = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16};
  std::vector<ScaleGranularity> quantized_granularities = {ScaleGranularity::kBlock,
                                                           ScaleGranularity::kRow};
  StepRule quantized_step_rule = StepRule::kMaxAbs;
  std::vector<unsigned> training_bits = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16};
  IntegerTrainingOptions training;  // bits ignored: taken from training_bits
  // Settings run concurrently on this many threads; the float model's
  // training steps, and each integer training's when there are fewer
  // settings than threads, are split over them from n = 2048 up
  // (step_threads.h). Results do not change.
  size_t threads = 1;
  // If set: the float model is loaded from this file when it exists (its
  // configuration must be the sweep's), else saved there after training, so
  // that later sweeps of the same trial skip float training.
  std::string float_model_file;
};

struct BitSweepPoint {
  SweepMethod method = SweepMethod::kFloat;
  ScaleGranularity granularity = ScaleGranularity::kBlock;
  unsigned bits = 32;
  double accuracy = 0;  // classifier fit on this setting's own features
  // kQuantized: the float model's classifier on the quantised features, and
  // the fraction of evaluation rows where it picks the float model's class.
  double float_head_accuracy = -1, agreement = -1;
  size_t weight_bytes = 0, packed_weight_bytes = 0;
  // kIntegerTraining: updates lost at the grid's edge; kFloat and
  // kIntegerTraining: mean state error over the last tenth of training (-1
  // for a float model loaded from BitSweepOptions::float_model_file).
  uint64_t saturated_updates = 0;
  double final_state_error = -1;
  double seconds = 0;
};

struct BitSweepResult {
  double baseline_accuracy = 0;
  std::vector<BitSweepPoint> points;  // float first, then in option order
  bool partial = false;  // still running: `points` holds the settings finished so far
};

// Called as each point finishes (from worker threads, one at a time) with the
// point and the trial so far (marked partial), so that a long sweep can
// report as it goes.
using SweepPointDone =
    std::function<void(const BitSweepPoint& point, const BitSweepResult& so_far)>;

// Trains on `unsupervised` (state never reset unless asked), featurises
// `classifier_rows` then `test_rows` from the trained state, fits on the
// former and scores on the latter, for every setting.
BitSweepResult RunBitSweep(const Dataset& unsupervised, const Dataset& classifier_rows,
                           const Dataset& test_rows, const BitSweepOptions& options,
                           const SweepPointDone& done = {}, const ProgressFn& progress = {});

}  // namespace bitstate

#endif  // BITSTATE_BIT_SWEEP_H_
