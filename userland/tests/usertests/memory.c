/* userland/tests/usertests/memory.c — sbrk and malloc: running out, shrinking, and no memory lost
 * when processes come and go. */
#include "usertests.h"

/* ---- memory ---------------------------------------------------------------------------- */

void sbrk_out_of_memory(void) {
  char *start = sbrk(0);
  unsigned grown = 0;
  for (unsigned step = 1u << 20; step >= 4096; step /= 2) {
    for (;;) {
      char *p = sbrk((int)step);
      if (p == (char *)-1) {
        CHECK(errno == ENOMEM, "sbrk failed with errno %d", errno);
        CHECK(sbrk(0) == start + grown, "a failed sbrk moved the break");
        break;
      }
      CHECK(p == start + grown, "sbrk returned %p, not %p", (void *)p, (void *)(start + grown));
      for (unsigned i = 0; i < step; i += 4096) p[i] = (char)i; /* the pages are real */
      grown += step;
      CHECK(grown < 0x70000000u, "sbrk never ran out");
    }
  }
  CHECK(grown > 0, "sbrk could not grow at all");
  CHECK(sbrk(-(int)grown) == start + grown && sbrk(0) == start, "shrinking back");
  char *p = sbrk(65536);
  CHECK(p == start, "memory given back cannot be had again");
  p[65535] = 1;
}

void malloc_out_of_memory(void) {
  enum { kBlock = 65536 };
  CHECK(malloc(0x7fffffff) == NULL, "malloc(2 GiB) succeeded");
  CHECK(calloc(0x10000, 0x10000) == NULL, "calloc overflow not caught");
  void **blocks = NULL;
  int count = 0;
  for (;;) {
    void **block = malloc(kBlock);
    if (block == NULL) break;
    block[0] = blocks;
    ((char *)block)[kBlock - 1] = 1;
    blocks = block;
    ++count;
  }
  CHECK(count > 0, "malloc failed at once");
  while (blocks != NULL) {
    void **next = blocks[0];
    free(blocks);
    blocks = next;
  }
  /* Freed blocks coalesce: half of everything fits in one block now. */
  char *big = malloc((size_t)count / 2 * kBlock);
  CHECK(big != NULL, "no %d-byte block after freeing %d blocks", count / 2 * kBlock, count);
  free(big);
  char *small = calloc(10, 10);
  CHECK(small != NULL && small[99] == 0, "calloc after running out");
  small = realloc(small, 5000);
  CHECK(small != NULL && small[50] == 0, "realloc keeps the contents");
  free(small);
}

/* Negative increments give memory back; it can be had again. (Whether the pages given back are
 * unmapped is not part of docs/syscalls.md: kernsim keeps them mapped until the process ends,
 * so neither a fault on touching them nor zeroed pages on growing again is checked.) */
void sbrk_shrink(void) {
  char *start = sbrk(0);
  CHECK(sbrk(8192) == start, "sbrk(8192)");
  start[0] = 1;
  start[8191] = 2;
  CHECK(sbrk(-4096) == start + 8192 && sbrk(0) == start + 4096, "sbrk(-4096)");
  CHECK(start[0] == 1, "the page kept lost its contents");
  CHECK(sbrk(4096) == start + 4096, "growing again");
  start[8191] = 4;
  CHECK(start[8191] == 4 && start[0] == 1, "the heap grown again is not usable");
  CHECK(sbrk(-8192) == start + 8192 && sbrk(0) == start, "sbrk(-8192)");
  CHECK(sbrk(-0x10000000) == (void *)-1 && errno == ENOMEM, "shrinking below the heap's start succeeded");
  CHECK(sbrk(0) == start, "a refused shrink moved the break");
  /* Ten rounds of growing to 1 MiB and shrinking back: the same memory each time. */
  for (int round = 0; round < 10; ++round) {
    char *p = sbrk(1 << 20);
    CHECK(p == start, "round %d: sbrk(1 MiB) gave %p, not %p", round, (void *)p, (void *)start);
    p[(1 << 20) - 1] = (char)round;
    CHECK(sbrk(-(1 << 20)) == start + (1 << 20), "round %d: shrinking", round);
  }
}

/* How much heap a fresh child can get (in 64 KiB steps), measured in a child. */
static unsigned free_memory(void) {
  int fds[2];
  if (pipe(fds) < 0) return 0;
  pid_t pid = fork();
  if (pid < 0) return 0;
  if (pid == 0) {
    unsigned total = 0;
    while (sbrk(65536) != (void *)-1) total += 65536;
    write(fds[1], &total, sizeof total);
    _exit(0);
  }
  unsigned total = 0;
  if (read(fds[0], &total, sizeof total) != sizeof total) total = 0;
  close(fds[0]);
  close(fds[1]);
  wait_for(pid);
  return total;
}

static void busy_workload(void) {
  char output[64];
  char *argv[] = {"echo", "x", NULL};
  for (int i = 0; i < 5; ++i) run_capture("/bin/echo", argv, output, sizeof output);
  fork_until_full();
  pipe_large_transfer();
  threads_shared_counter();
  int fd = open("ut_leak", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  char block[4096] = {1};
  for (int i = 0; i < 16; ++i) write(fd, block, sizeof block);
  close(fd);
  unlink("ut_leak");
}

/* After processes, pipes, threads and files come and go, the memory is all there again. */
void no_memory_leak(void) {
  unsigned before = free_memory();
  CHECK(before > 0, "the measuring child got no memory");
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    busy_workload();
    _exit(failed);
  }
  CHECK(wait_for(pid) == 0, "the workload failed");
  unsigned after = free_memory();
  CHECK(after + 65536 >= before, "%u bytes free before, %u after: %u KiB leaked", before, after,
        (before - after) / 1024);
}
