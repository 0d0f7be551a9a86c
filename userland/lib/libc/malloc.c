/* userland/lib/libc/malloc.c — malloc and free over sbrk, after Kernighan and Ritchie.
 *
 * Every block starts with a header holding its size in 8-byte units (header included). Free
 * blocks form a circular list in address order; malloc takes the first that fits (splitting off
 * its tail), free puts a block back in order and merges it with the neighbours it touches, so
 * freeing everything leaves one block per sbrk'd run. When nothing fits, the heap grows by at
 * least 4 KiB. Memory is never given back to the kernel. One lock makes it thread-safe. */
#include <errno.h>
#include <kernsim.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

typedef struct header {
  struct header *next; /* free list only */
  size_t units;
} Header;

_Static_assert(sizeof(Header) == 8, "blocks are 8-byte aligned");

enum { kGrowUnits = 4096 / sizeof(Header) };

static Header base;       /* a zero-size block that anchors the list */
static Header *free_list; /* where the last search stopped */
static ks_lock malloc_lock;

/* Puts BLOCK into the free list, merging it with its neighbours. */
static void insert_free(Header *block) {
  Header *p = free_list;
  while (!(block > p && block < p->next)) {
    if (p >= p->next && (block > p || block < p->next)) break; /* at the end of the ring */
    p = p->next;
  }
  if (block + block->units == p->next) {
    block->units += p->next->units;
    block->next = p->next->next;
  } else {
    block->next = p->next;
  }
  if (p + p->units == block) {
    p->units += block->units;
    p->next = block->next;
  } else {
    p->next = block;
  }
  free_list = p;
}

static Header *grow(size_t units) {
  if (units < kGrowUnits) units = kGrowUnits;
  if (units > 0x7fffffff / sizeof(Header)) return NULL;
  /* Blocks must be 8-byte aligned (a misaligned access traps), wherever the break is now. */
  uintptr_t misalignment = (uintptr_t)sbrk(0) % sizeof(Header);
  if (misalignment != 0 && sbrk((int)(sizeof(Header) - misalignment)) == (void *)-1) return NULL;
  void *memory = sbrk((int)(units * sizeof(Header)));
  if (memory == (void *)-1) return NULL;
  Header *block = memory;
  block->units = units;
  insert_free(block);
  return free_list;
}

void *malloc(size_t size) {
  if (size > 0x7ffff000u) {
    errno = ENOMEM;
    return NULL;
  }
  size_t units = (size + sizeof(Header) - 1) / sizeof(Header) + 1;
  ks_lock_acquire(&malloc_lock);
  if (free_list == NULL) {
    base.next = free_list = &base;
    base.units = 0;
  }
  Header *previous = free_list;
  for (Header *p = previous->next;; previous = p, p = p->next) {
    if (p->units >= units) {
      if (p->units == units) {
        previous->next = p->next;
      } else {
        p->units -= units;
        p += p->units;
        p->units = units;
      }
      free_list = previous;
      ks_lock_release(&malloc_lock);
      return p + 1;
    }
    if (p == free_list && (p = grow(units)) == NULL) {
      ks_lock_release(&malloc_lock);
      errno = ENOMEM;
      return NULL;
    }
  }
}

void free(void *pointer) {
  if (pointer == NULL) return;
  ks_lock_acquire(&malloc_lock);
  insert_free((Header *)pointer - 1);
  ks_lock_release(&malloc_lock);
}

void ks_malloc_lock_for_fork(void) { ks_lock_acquire(&malloc_lock); }
void ks_malloc_unlock_after_fork(void) { ks_lock_release(&malloc_lock); }

void *calloc(size_t count, size_t size) {
  if (size != 0 && count > 0x7ffff000u / size) {
    errno = ENOMEM;
    return NULL;
  }
  void *p = malloc(count * size);
  if (p != NULL) memset(p, 0, count * size);
  return p;
}

void *realloc(void *pointer, size_t size) {
  if (pointer == NULL) return malloc(size);
  if (size == 0) {
    free(pointer);
    return NULL;
  }
  size_t room = (((Header *)pointer - 1)->units - 1) * sizeof(Header);
  if (size <= room) return pointer;
  void *bigger = malloc(size);
  if (bigger == NULL) return NULL;
  memcpy(bigger, pointer, room);
  free(pointer);
  return bigger;
}
