/* userland/tests/syscall_fuzz.c — every file and process call with hostile arguments: null,
 * kernel-half, unaligned, page-crossing and huge pointers and lengths, negative descriptors.
 * The kernel must answer each with a result or an error code and stay sound; the program then
 * checks that its own descriptors and memory still work, prints "alive" and exits with 0 (1 if
 * not). Meanwhile fds 0-2 are a scratch file in the working directory (removed at the end). */
#include "../lib/ks_user.h"

static const long nasty[] = {0,
                             1,
                             -1,
                             -100,
                             3,
                             0x10,
                             4096,
                             65536,
                             1 << 20,
                             0x7fffffff,
                             (long)0x80000000,
                             (long)0xfffffff0,
                             0x7ffffffc,
                             0x7fffeffe,
                             0x0001ffff};
#define NASTY (sizeof nasty / sizeof nasty[0])

/* Calls that cannot end or multiply this process whatever their arguments (no fork, exit,
 * execve of a real file, kill, thread_create, pipe2 (a pipe to itself would block a read),
 * sleep, wait for children it does not have). */
static const long calls[] = {17, 23, 24,  34,  35,  49,  56,   57,   61,   62,  63,
                             64, 80, 124, 172, 173, 260, 1003, 1005, 1006, 221, 999};
#define CALLS (sizeof calls / sizeof calls[0])

#define AT_FDCWD (-100)
#define SAVED_STDOUT 40 /* no descriptor the calls below are given */
static const char kScratch[] = "syscall_fuzz.out";

int main(void) {
  long answered = 0;
  /* Standard input, output and error go to a scratch file while the calls run: a write of the
   * program's own memory to the console would be binary on the terminal, and a read of the
   * console under `kernsim boot` would wait for typing. */
  long scratch = ks_syscall6(56, AT_FDCWD, (long)kScratch, 01 | 0100 | 01000, 0644, 0, 0);
  if (scratch < 0 || ks_syscall3(24, 1, SAVED_STDOUT, 0) != SAVED_STDOUT) {
    ks_print("syscall_fuzz: needs a writable working directory for its scratch file syscall_fuzz.out\n");
    return 2;
  }
  for (long fd = 0; fd <= 2; ++fd) ks_syscall3(24, scratch, fd, 0);
  ks_syscall3(57, scratch, 0, 0);
  for (unsigned c = 0; c < CALLS; ++c) {
    for (unsigned i = 0; i < NASTY; ++i) {
      for (unsigned j = 0; j < NASTY; ++j) {
        for (unsigned k = 0; k < NASTY; k += 3) {
          long a = nasty[i], b = nasty[j], d = nasty[k];
          if (calls[c] == 57 || calls[c] == 24) {
            if (a >= 0 && a <= 2) continue; /* keep the console open */
            if (calls[c] == 24 && b >= 0 && b <= 2) continue;
          }
          if (calls[c] == 260 && (d & 1) == 0) d |= 1; /* wait4: WNOHANG, never block */
          long r = ks_syscall6(calls[c], a, b, d, nasty[(i + j) % NASTY], nasty[(j + k) % NASTY], 0);
          if (r < 0 && r < -4095) return 1; /* an error is -1..-4095 */
          ++answered;
        }
      }
    }
  }
  if (ks_syscall3(24, SAVED_STDOUT, 1, 0) != 1) return 1;
  ks_syscall3(24, SAVED_STDOUT, 2, 0);
  ks_syscall3(35, AT_FDCWD, (long)kScratch, 0);
  char buf[8];
  memcpy(buf, "alive\n", 6);
  if (ks_write(1, buf, 6) != 6) return 1;
  return answered > 1000 ? 0 : 1;
}
