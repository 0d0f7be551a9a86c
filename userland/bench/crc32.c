/* userland/bench/crc32.c — table-driven CRC-32 (IEEE) over a 64 KiB pseudo-random buffer,
 * 24 passes. Prints the final CRC. */
#include "../lib/ks_user.h"

static uint32_t table[256];
static uint8_t buffer[65536];

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  uint32_t seed = 12345;
  for (uint32_t i = 0; i < sizeof buffer; ++i) {
    seed = seed * 1103515245u + 12345u;
    buffer[i] = (uint8_t)(seed >> 16);
  }
  uint32_t crc = 0;
  for (int pass = 0; pass < 24; ++pass) {
    uint32_t c = ~crc;
    for (uint32_t i = 0; i < sizeof buffer; ++i) c = table[(c ^ buffer[i]) & 0xff] ^ (c >> 8);
    crc = ~c;
  }
  ks_print_checksum("crc32", crc);
  return 0;
}
