// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_CRC32_H_
#define BITSTATE_CRC32_H_

#include <cstddef>
#include <cstdint>

namespace bitstate {

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320; the zlib/PNG CRC):
// detects every burst error up to 32 bits, so any flipped byte.
uint32_t Crc32(const uint8_t* data, size_t size, uint32_t crc = 0);

}  // namespace bitstate

#endif  // BITSTATE_CRC32_H_
