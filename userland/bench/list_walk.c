/* userland/bench/list_walk.c — builds a singly linked list through 16384 nodes of 16 bytes
 * (256 KiB, 64 pages) in a shuffled order, then walks it 60 times: pointer chasing that defeats
 * locality and exercises the TLB. Prints a checksum of the values seen. */
#include "../lib/ks_user.h"

#define NODES 16384
struct node {
  struct node *next;
  uint32_t value;
  uint32_t pad[2];
};
static struct node nodes[NODES];
static uint32_t order[NODES];

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  uint32_t seed = 99;
  for (uint32_t i = 0; i < NODES; ++i) order[i] = i;
  for (uint32_t i = NODES - 1; i > 0; --i) {
    seed = seed * 1103515245u + 12345u;
    uint32_t j = (seed >> 8) % (i + 1);
    uint32_t t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  for (uint32_t i = 0; i < NODES; ++i) {
    struct node *n = &nodes[order[i]];
    n->next = i + 1 < NODES ? &nodes[order[i + 1]] : 0;
    n->value = order[i] * 2654435761u;
  }
  uint32_t checksum = 0;
  for (int round = 0; round < 60; ++round) {
    for (struct node *n = &nodes[order[0]]; n != 0; n = n->next) checksum = (checksum ^ n->value) * 16777619u;
  }
  ks_print_checksum("list_walk", checksum);
  return 0;
}
