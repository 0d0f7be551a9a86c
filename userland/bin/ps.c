/* ps — lists the processes (process_list, docs/syscalls.md): PID, parent, state (R running or
 * ready, S blocked or sleeping, Z exited and not yet waited for), threads and program name. */
#include <errno.h>
#include <kernsim.h>
#include <stdio.h>
#include <string.h>

enum { kMaxProcesses = 256 };

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1) {
    fprintf(stderr, "usage: ps\n");
    return 2;
  }
  static struct ks_process_info records[kMaxProcesses];
  int count = process_list(records, kMaxProcesses);
  if (count < 0) {
    fprintf(stderr, "ps: %s\n", strerror(errno));
    return 1;
  }
  if (count > kMaxProcesses) count = kMaxProcesses;
  printf("  PID  PPID S THREADS NAME\n");
  for (int i = 0; i < count; ++i) {
    const struct ks_process_info *p = &records[i];
    printf("%5u %5u %c %7u %s\n", p->pid, p->parent, (char)p->state, p->threads, p->name);
  }
  return 0;
}
