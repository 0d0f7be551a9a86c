/* userland/tests/pressure.c — memory pressure, for swap (docs/paging.md, "Swap").
 *
 * Writes 512 heap pages (2 MiB) with a pattern of its own in every word, then forks. The child
 * checks every word, rewrites every other page, checks again and exits; the parent waits, then
 * checks that its own 2 MiB are untouched (copy-on-write kept them apart). On a machine with
 * less memory than that, only swap lets it finish, and what it prints must be the same with any
 * memory size, swap disk and replacement policy: "pressure: ok" (or "pressure: FAIL"). */
#include "../lib/ks_user.h"

#define PAGE 4096
#define PRESSURE_PAGES 512
#define WORDS (PAGE / 4)

static long sys_brk(long to) { return ks_syscall3(214, to, 0, 0); }
static long sys_fork(void) { return ks_syscall3(1000, 0, 0, 0); }
static long sys_wait(long pid, int *status) { return ks_syscall6(260, pid, (long)status, 0, 0, 0, 0); }

static unsigned pattern(long word, unsigned round) { return (unsigned)word * 2654435761u + round; }

/* Every word as ROUND wrote it, or (EVERY_OTHER) the odd pages as ROUND + 1 did. */
static int holds(const unsigned *heap, unsigned round, int every_other) {
  for (long page = 0; page < PRESSURE_PAGES; ++page) {
    unsigned expected = every_other && page % 2 == 1 ? round + 1 : round;
    for (long i = 0; i < WORDS; ++i) {
      long word = page * WORDS + i;
      if (heap[word] != pattern(word, expected)) return 0;
    }
  }
  return 1;
}

int main(void) {
  unsigned *heap = (unsigned *)sys_brk(0);
  long want = (long)heap + PRESSURE_PAGES * PAGE;
  if (sys_brk(want) != want) {
    ks_print("pressure: brk refused\n");
    return 1;
  }
  for (long word = 0; word < PRESSURE_PAGES * WORDS; ++word) heap[word] = pattern(word, 1);
  long child = sys_fork();
  if (child == 0) {
    if (!holds(heap, 1, 0)) ks_exit(1);
    for (long page = 1; page < PRESSURE_PAGES; page += 2)
      for (long i = 0; i < WORDS; ++i) heap[page * WORDS + i] = pattern(page * WORDS + i, 2);
    ks_exit(holds(heap, 1, 1) ? 0 : 2);
  }
  int status = -1;
  int waited = sys_wait(child, &status) == child;
  int ok = child > 0 && waited && status == 0 && holds(heap, 1, 0);
  ks_print(ok ? "pressure: ok\n" : "pressure: FAIL\n");
  return ok ? 0 : 1;
}
