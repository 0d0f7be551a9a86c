/* userland/tests/memory.c — virtual memory as a program sees it (docs/paging.md, "Demand
 * paging"). One check per argument:
 *   sparse     asks brk for 4 MiB and touches three pages of it: fine with demand paging on a
 *              1 MiB machine, where an eager kernel refuses the brk;
 *   cow        fills 8 heap pages, forks; the child rewrites every page and checks it, the
 *              parent then checks its own copy is untouched: copy-on-write keeps them apart;
 *   hog        touches heap pages until the machine runs out: the kernel kills it (status 137)
 *              instead of failing;
 * Prints "NAME: ok" or "NAME: FAIL" (hog prints how far it got, and is not expected to end). */
#include "../lib/ks_user.h"

#define PAGE 4096

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

static long sys_brk(long to) { return ks_syscall3(214, to, 0, 0); }
static long sys_fork(void) { return ks_syscall3(1000, 0, 0, 0); }
static long sys_wait(long pid, int *status) { return ks_syscall6(260, pid, (long)status, 0, 0, 0, 0); }

static int streq(const char *a, const char *b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}

static void sparse(void) {
  char *start = (char *)sys_brk(0);
  long end = sys_brk((long)start + 1024 * PAGE);
  int grown = end == (long)start + 1024 * PAGE;
  if (grown) {
    start[0] = 1;
    start[512 * PAGE] = 2;
    start[1023 * PAGE + 4095] = 3;
  }
  check("sparse", grown && start[0] == 1 && start[512 * PAGE] == 2 && start[1023 * PAGE + 4095] == 3);
}

static void cow(void) {
  unsigned char *heap = (unsigned char *)sys_brk(0);
  sys_brk((long)heap + 8 * PAGE);
  for (int i = 0; i < 8 * PAGE; ++i) heap[i] = (unsigned char)(i * 7);
  long child = sys_fork();
  if (child == 0) {
    for (int i = 0; i < 8 * PAGE; ++i) heap[i] = (unsigned char)(i * 7 + 1);
    for (int i = 0; i < 8 * PAGE; ++i)
      if (heap[i] != (unsigned char)(i * 7 + 1)) ks_exit(1);
    ks_exit(0);
  }
  int status = -1;
  int waited = sys_wait(child, &status) == child;
  int same = 1;
  for (int i = 0; i < 8 * PAGE; ++i)
    if (heap[i] != (unsigned char)(i * 7)) same = 0;
  check("cow", child > 0 && waited && status == 0 && same);
}

static void hog(void) {
  char *heap = (char *)sys_brk(0);
  for (long pages = 1;; ++pages) {
    if (sys_brk((long)heap + pages * PAGE) != (long)heap + pages * PAGE) {
      ks_print("hog: brk refused\n");
      return;
    }
    heap[(pages - 1) * PAGE] = 1;
    if (pages % 256 == 0) ks_print("hog: 256 more pages\n");
  }
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    if (streq(argv[i], "sparse")) sparse();
    else if (streq(argv[i], "cow")) cow();
    else if (streq(argv[i], "hog")) hog();
    else check(argv[i], 0);
  }
  return failures;
}
