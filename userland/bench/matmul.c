/* userland/bench/matmul.c — 64x64 integer matrix multiply, repeated 6 times with the result fed
 * back. Prints a checksum of the final matrix. */
#include "../lib/ks_user.h"

#define N 64
static int32_t a[N][N], b[N][N], c[N][N];

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  uint32_t seed = 7;
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) {
      seed = seed * 1664525u + 1013904223u;
      a[i][j] = (int32_t)(seed >> 24) - 128;
      seed = seed * 1664525u + 1013904223u;
      b[i][j] = (int32_t)(seed >> 24) - 128;
    }
  }
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < N; ++i) {
      for (int j = 0; j < N; ++j) {
        int32_t sum = 0;
        for (int k = 0; k < N; ++k) sum += a[i][k] * b[k][j];
        c[i][j] = sum;
      }
    }
    for (int i = 0; i < N; ++i) {
      for (int j = 0; j < N; ++j) a[i][j] = (c[i][j] >> 8) % 251;
    }
  }
  uint32_t checksum = 0;
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) checksum = checksum * 31u + (uint32_t)c[i][j];
  }
  ks_print_checksum("matmul", checksum);
  return 0;
}
