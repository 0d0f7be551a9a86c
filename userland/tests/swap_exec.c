/* userland/tests/swap_exec.c — execve while another thread waits for a swap-in (docs/paging.md,
 * "Swap"). Fills 384 heap pages, so that on a 1 MiB machine with swap most of them go to the swap
 * disk; starts a thread that reads them round and round (each read a major fault, which blocks
 * the thread while the disk works); then, a few yields later, the main thread replaces the
 * program with /bin/exec_args, which ends the reading thread. The new image prints its arguments
 * and exits with argc + 4 = 8: the reader's fault, ending after its address space has gone, must
 * end only the reader, never the new program. */
#include "../lib/ks_user.h"

#define PAGE 4096
#define PAGES 384

static char stack[4096] __attribute__((aligned(16)));
static volatile unsigned char *heap;

static void reader(long unused) {
  (void)unused;
  for (;;)
    for (long page = 0; page < PAGES; ++page) (void)heap[page * PAGE];
}

int main(void) {
  heap = (volatile unsigned char *)ks_syscall3(214, 0, 0, 0);
  ks_syscall3(214, (long)heap + PAGES * PAGE, 0, 0);
  for (long page = 0; page < PAGES; ++page) heap[page * PAGE] = 1;
  ks_syscall3(1004, (long)reader, 0, (long)(stack + sizeof stack));
  for (int i = 0; i < 50; ++i) ks_syscall3(124, 0, 0, 0);
  char *args[] = {"exec_args", "child", "A", "B", 0};
  ks_syscall3(221, (long)"/bin/exec_args", (long)args, 0);
  ks_print("swap_exec: execve failed (is /bin/exec_args there?)\n");
  ks_syscall3(94, 1, 0, 0); /* exit_group: the reader ends too */
  return 1;
}
