/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * bitstate C API (C99): run a trained bitstate model from C firmware.
 *
 * A model is opened once from a file or a memory image and is immutable
 * afterwards: one model may serve many streams and threads. Each stream
 * keeps its state in a buffer its caller owns (bitstate_state_size bytes,
 * any alignment): steps allocate nothing and never fail for lack of memory.
 * The buffer must not be moved or copied to another address while in use.
 *
 * Every function returns a bitstate_status; bitstate_status_message gives
 * its text. Opening writes a detailed message into the caller's buffer.
 *
 * Firmware (no heap, no file system): bitstate_model_open_in_place runs an
 * image in flash from storage the caller provides; with
 * BITSTATE_STATE_BYTES both buffers can be static arrays. The other
 * functions never allocate; only open_file and open_memory do (host builds).
 */
#ifndef BITSTATE_BITSTATE_H_
#define BITSTATE_BITSTATE_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bitstate_status {
  BITSTATE_OK = 0,
  BITSTATE_ERROR_ARGUMENT = 1,  /* null pointer, wrong size, symbol >= m */
  BITSTATE_ERROR_IO = 2,        /* the file cannot be opened or read */
  BITSTATE_ERROR_FORMAT = 3,    /* not a valid model file (see the message) */
  BITSTATE_ERROR_NO_MEMORY = 4, /* opening could not allocate */
  BITSTATE_ERROR_NO_HEAD = 5,   /* classify on a model without a classifier head */
  BITSTATE_ERROR_STATE = 6      /* state buffer not initialised for this model, or moved */
} bitstate_status;

typedef struct bitstate_model bitstate_model;

/* Flags of bitstate_model_open_memory. */
#define BITSTATE_OPEN_COPY 1 /* always copy the image (else use it in place when aligned) */

const char* bitstate_status_message(bitstate_status status);

/* Opens a model file (float32 or integer weights). On failure *model is NULL and error (if not NULL)
 * receives a message naming the file and what is wrong. */
bitstate_status bitstate_model_open_file(const char* path, bitstate_model** model, char* error,
                                         size_t error_size);

/* Opens a model image in memory. If the image starts on a 256-byte boundary
 * (e.g. mmap) and BITSTATE_OPEN_COPY is not given, the weights are used in
 * place and the image must outlive the model; otherwise it is copied. */
bitstate_status bitstate_model_open_memory(const void* data, size_t size, int flags,
                                           bitstate_model** model, char* error, size_t error_size);

/* Bytes of storage bitstate_model_open_in_place needs for the model object,
 * for every model (any m, n and weights) and every supported platform. */
#define BITSTATE_MODEL_STORAGE_BYTES 512

/* Opens an image in place (e.g. a const array in flash, exported by
 * `bitstate export-c`) with no allocation: the image must start on a
 * 256-byte boundary and outlive the model; the model object lives in
 * `storage` (storage_size >= BITSTATE_MODEL_STORAGE_BYTES, any alignment).
 * A bad image (wrong magic, truncated, bad checksum, levels off their grid)
 * gives BITSTATE_ERROR_FORMAT and a message, never a fault. Closing such a
 * model is optional (it frees nothing). */
bitstate_status bitstate_model_open_in_place(const void* image, size_t size, void* storage,
                                             size_t storage_size, bitstate_model** model,
                                             char* error, size_t error_size);

void bitstate_model_close(bitstate_model* model);

size_t bitstate_model_inputs(const bitstate_model* model);  /* m */
size_t bitstate_model_hidden(const bitstate_model* model);  /* n */
size_t bitstate_model_classes(const bitstate_model* model); /* 0 without a head */
int bitstate_model_is_zero_copy(const bitstate_model* model);
const char* bitstate_model_kernels(const bitstate_model* model); /* SIMD target name */
/* 32 for float32 weights; k for k-bit integer weights (files written by
 * bitstate::SaveQuantizedModel or `bitstate quantize`); the steps and
 * features work the same way for both. */
unsigned bitstate_model_weight_bits(const bitstate_model* model);
/* lambda of a model whose neurons keep their value (0: the paper's model);
 * such a model's state buffer also holds one potential per hidden unit. */
float bitstate_model_carry(const bitstate_model* model);

/* The state buffer: size, then initialisation to the state stored in the
 * model file with the running features cleared. */
size_t bitstate_state_size(const bitstate_model* model);
/* The same size before any model is open, from m and n alone, for a model
 * without a carry; 0 when m or n is 0. BITSTATE_STATE_BYTES(m, n) is the
 * same number as a constant expression, for a static buffer:
 * static uint8_t state[BITSTATE_STATE_BYTES(96, 256)]. A model with a carry
 * (bitstate_model_carry != 0) needs BITSTATE_CARRY_STATE_BYTES(m, n). */
size_t bitstate_state_size_for(size_t inputs, size_t hidden);
#define BITSTATE_PAD_(bytes) (((bytes) + 255u) / 256u * 256u)
#define BITSTATE_WORDS_(bits) (((bits) + 63u) / 64u)
#define BITSTATE_STATE_BYTES(m, n)                                                           \
  (2u * 256u + 2u * BITSTATE_PAD_(8u * BITSTATE_WORDS_(n)) +                                 \
   BITSTATE_PAD_(8u * BITSTATE_WORDS_(m)) + BITSTATE_PAD_(8u * BITSTATE_WORDS_((m) + (n))) + \
   BITSTATE_PAD_(4u * ((m) + (n))) + BITSTATE_PAD_(256u * BITSTATE_WORDS_(n)) +              \
   2u * BITSTATE_PAD_(4u * (n)))
#define BITSTATE_CARRY_STATE_BYTES(m, n) (BITSTATE_STATE_BYTES(m, n) + BITSTATE_PAD_(4u * (n)))
bitstate_status bitstate_state_init(const bitstate_model* model, void* state, size_t size);
/* h <- 0 and the potentials (with a carry) <- 0; the running features are
 * kept. */
bitstate_status bitstate_state_clear(const bitstate_model* model, void* state);
/* Starts a new feature window (e.g. at each line); h is kept. */
bitstate_status bitstate_features_reset(const bitstate_model* model, void* state);

/* One inference step (eq. 1): x = one-hot(symbol), symbol < m. */
bitstate_status bitstate_step_symbol(const bitstate_model* model, void* state, unsigned symbol);
/* One step of each of `count` independent streams of one model: states[k]
 * reads symbols[k]. Each state ends exactly as bitstate_step_symbol would
 * leave it; large models read each weight once for all the streams (W
 * walked in tiles of hidden units), so many streams cost less than one at a
 * time. The states must be distinct; nothing changes on an error. */
bitstate_status bitstate_step_symbols(const bitstate_model* model, void* const* states,
                                      const unsigned* symbols, size_t count);
/* One step per byte of text (printable ASCII -> 0..94, others -> 95; m = 96). */
bitstate_status bitstate_step_text(const bitstate_model* model, void* state, const char* text,
                                   size_t length);
/* One step on an m-bit input packed in 64-bit words (bit i in word i / 64). */
bitstate_status bitstate_step_bits(const bitstate_model* model, void* state, const uint64_t* x,
                                   size_t x_words);

/* The current state h as ceil(n/64) words. */
bitstate_status bitstate_state_bits(const bitstate_model* model, const void* state,
                                    uint64_t* out, size_t out_words);
/* Running features: the fraction of steps since the last reset that each
 * neuron was on (n values; zeros before the first step). */
bitstate_status bitstate_features(const bitstate_model* model, const void* state, float* out,
                                  size_t count);
/* Class of the running features by the stored head; scores (optional,
 * bitstate_model_classes values) receive the per-class scores. */
bitstate_status bitstate_classify(const bitstate_model* model, const void* state, int* label,
                                  float* scores);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* BITSTATE_BITSTATE_H_ */
