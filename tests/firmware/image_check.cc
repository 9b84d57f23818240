// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// On the target (under qemu-system-arm): bad model images give a status and
// a message, never a fault (a fault ends the run with exit code 3). The
// model linked in (an int8 export) is copied to RAM and damaged: wrong
// magic, truncated, payload and header bytes flipped, a level off its grid
// with the checksum made right again, a misaligned image, too little
// storage; the undamaged copy must still open and classify.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "base/crc32.h"
#include "bitstate/bitstate.h"
#include "format/model_file_format.h"
#include "model_data.h"

namespace {

alignas(256) uint8_t image[BITSTATE_MODEL_DATA_BYTES + 256];
alignas(8) uint8_t storage[BITSTATE_MODEL_STORAGE_BYTES];
uint8_t state[BITSTATE_STATE_BYTES(BITSTATE_MODEL_DATA_INPUTS, BITSTATE_MODEL_DATA_HIDDEN)];
char error[200];
unsigned failures = 0;

void Restore() { std::memcpy(image, bitstate_model_data, BITSTATE_MODEL_DATA_BYTES); }

// Opens image[offset, offset + size) and expects `status` and `why` in the message.
void Expect(const char* what, size_t offset, size_t size, size_t storage_size,
            bitstate_status status, const char* why) {
  bitstate_model* model = reinterpret_cast<bitstate_model*>(storage);  // must become NULL
  error[0] = '\0';
  const bitstate_status got = bitstate_model_open_in_place(
      image + offset, size, storage, storage_size, &model, error, sizeof(error));
  const bool ok = got == status && (status == BITSTATE_OK) == (model != nullptr) &&
                  std::strstr(error, why) != nullptr;
  std::printf("%s %s: status %d, \"%s\"\n", ok ? "ok" : "FAILED", what, static_cast<int>(got),
              error);
  failures += ok ? 0 : 1;
}

}  // namespace

int main() {
  using namespace bitstate;
  const size_t size = BITSTATE_MODEL_DATA_BYTES;
  Restore();
  Expect("undamaged image", 0, size, sizeof(storage), BITSTATE_OK, "");
  image[0] = 'X';
  Expect("wrong magic", 0, size, sizeof(storage), BITSTATE_ERROR_FORMAT, "bad magic");
  Restore();
  Expect("truncated by 1 byte", 0, size - 1, sizeof(storage), BITSTATE_ERROR_FORMAT, "truncated");
  Expect("truncated to the header", 0, 300, sizeof(storage), BITSTATE_ERROR_FORMAT, "truncated");
  Expect("shorter than a header", 0, 10, sizeof(storage), BITSTATE_ERROR_FORMAT, "header block");
  image[size / 2] ^= 0x40;
  Expect("payload byte flipped", 0, size, sizeof(storage), BITSTATE_ERROR_FORMAT,
         "payload checksum");
  Restore();
  image[33] ^= 0x01;  // m
  Expect("header byte flipped", 0, size, sizeof(storage), BITSTATE_ERROR_FORMAT, "header checksum");
  Restore();
  // Level -128 is off every int8 grid; both checksums are made right.
  const FileLayout layout = ComputeLayout(BITSTATE_MODEL_DATA_INPUTS, BITSTATE_MODEL_DATA_HIDDEN,
                                          BITSTATE_MODEL_DATA_CLASSES, kPrecisionInt8);
  image[layout.columns + 5] = 0x80;
  WriteField(image, header::kPayloadCrc, Crc32(image + kHeaderSize, size - kHeaderSize));
  WriteField(image, header::kHeaderCrc, Crc32(image, kHeaderCrcCovers));
  Expect("level off the grid, checksum right", 0, size, sizeof(storage), BITSTATE_ERROR_FORMAT,
         "W level -128 at row 5, column 0");
  Restore();
  std::memmove(image + 4, image, size);
  Expect("image not on 256 bytes", 4, size, sizeof(storage), BITSTATE_ERROR_ARGUMENT, "256-byte");
  Restore();
  Expect("storage too small", 0, size, sizeof(storage) - 1, BITSTATE_ERROR_ARGUMENT, "");

  // The undamaged image in flash still runs.
  bitstate_model* model = nullptr;
  int label = -1;
  const char text[] = "Stocks rallied as oil prices fell.";
  const bool runs =
      bitstate_model_open_in_place(bitstate_model_data, size, storage, sizeof(storage), &model,
                                   error, sizeof(error)) == BITSTATE_OK &&
      bitstate_state_init(model, state, sizeof(state)) == BITSTATE_OK &&
      bitstate_step_text(model, state, text, sizeof(text) - 1) == BITSTATE_OK &&
      bitstate_classify(model, state, &label, nullptr) == BITSTATE_OK && label >= 0;
  std::printf("%s the image in flash runs after all that (class %d)\n", runs ? "ok" : "FAILED",
              label + 1);
  failures += runs ? 0 : 1;
  std::printf("image check: %u failures\n", failures);
  return failures == 0 ? 0 : 1;
}
