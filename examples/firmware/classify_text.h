/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * The firmware example's work, shared by the firmware (model in flash) and
 * its host twin (model file), so that their outputs can be compared byte
 * for byte: each line of text is one feature window (the state carries
 * over, as in the paper's protocol); each gets its class and a checksum of
 * its running features.
 */
#ifndef BITSTATE_FIRMWARE_CLASSIFY_TEXT_H_
#define BITSTATE_FIRMWARE_CLASSIFY_TEXT_H_

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bitstate/bitstate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Lines classified when no lines file is given. */
extern const char* const kSampleLines[];
extern const size_t kSampleLineCount;

/* FNV-1a of the features' float bits (little-endian bytes). */
uint32_t features_checksum(const float* features, size_t count);

/* Prints "model m=.. n=.. weights=..-bit classes=..". */
void print_model(const bitstate_model* model, FILE* out);

/* Steps one line and prints "<number> <class, 1-based> <checksum>";
 * `features` holds bitstate_model_hidden floats. */
bitstate_status classify_line(const bitstate_model* model, void* state, float* features,
                              const char* text, size_t length, unsigned number, FILE* out);

/* Every line of `lines` (or the sample lines when it is NULL), then
 * "lines <count>". `line` is a buffer of `line_size` bytes for reading. */
bitstate_status classify_lines(const bitstate_model* model, void* state, float* features,
                               FILE* lines, char* line, size_t line_size, FILE* out);

#ifdef __cplusplus
}
#endif

#endif /* BITSTATE_FIRMWARE_CLASSIFY_TEXT_H_ */
