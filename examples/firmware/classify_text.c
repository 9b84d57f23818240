/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0 */
#include "classify_text.h"

#include <string.h>

const char* const kSampleLines[] = {
    "Stocks rallied on Wall Street as oil prices fell for a third day.",
    "The striker scored twice in the second half to keep the title race open.",
    "A new chip promises laptops that run a full day on a single charge.",
    "Leaders met in Geneva to discuss a ceasefire along the disputed border.",
    "The central bank left interest rates unchanged, citing steady inflation.",
    "Astronomers found water vapour in the atmosphere of a distant planet.",
    "The coach was fired after the team lost its fifth straight game.",
    "Parliament passed the budget after a long night of debate.",
    "Shares of the software maker jumped after strong quarterly earnings.",
    "Researchers released an open source tool that finds bugs in web servers.",
    "Floods forced thousands from their homes in the river delta.",
    "The champion retired after losing in the first round of the open.",
};
const size_t kSampleLineCount = sizeof(kSampleLines) / sizeof(kSampleLines[0]);

uint32_t features_checksum(const float* features, size_t count) {
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < count; ++i) {
    uint32_t bits;
    memcpy(&bits, &features[i], sizeof(bits));
    for (int byte = 0; byte < 4; ++byte) {
      hash = (hash ^ ((bits >> (8 * byte)) & 0xFFu)) * 16777619u;
    }
  }
  return hash;
}

void print_model(const bitstate_model* model, FILE* out) {
  fprintf(out, "model m=%lu n=%lu weights=%u-bit classes=%lu\n",
          (unsigned long)bitstate_model_inputs(model), (unsigned long)bitstate_model_hidden(model),
          bitstate_model_weight_bits(model), (unsigned long)bitstate_model_classes(model));
}

bitstate_status classify_line(const bitstate_model* model, void* state, float* features,
                              const char* text, size_t length, unsigned number, FILE* out) {
  int label = -1;
  bitstate_status status = bitstate_features_reset(model, state);
  if (status == BITSTATE_OK) status = bitstate_step_text(model, state, text, length);
  if (status == BITSTATE_OK) status = bitstate_classify(model, state, &label, NULL);
  if (status == BITSTATE_OK) {
    status = bitstate_features(model, state, features, bitstate_model_hidden(model));
  }
  if (status != BITSTATE_OK) return status;
  fprintf(out, "%u %d %08lx\n", number, label + 1,
          (unsigned long)features_checksum(features, bitstate_model_hidden(model)));
  return BITSTATE_OK;
}

bitstate_status classify_lines(const bitstate_model* model, void* state, float* features,
                               FILE* lines, char* line, size_t line_size, FILE* out) {
  unsigned count = 0;
  bitstate_status status = BITSTATE_OK;
  if (lines == NULL) {
    for (; count < kSampleLineCount && status == BITSTATE_OK; ++count) {
      status = classify_line(model, state, features, kSampleLines[count],
                             strlen(kSampleLines[count]), count + 1, out);
    }
  } else {
    while (status == BITSTATE_OK && fgets(line, (int)line_size, lines) != NULL) {
      ++count;
      status = classify_line(model, state, features, line, strcspn(line, "\r\n"), count, out);
    }
  }
  if (status == BITSTATE_OK) fprintf(out, "lines %u\n", count);
  return status;
}
