/* userland/tests/thrashing.c — the textbook's thrashing curve (docs/paging.md, "Thrashing").
 *
 * thrashing N [PAGES [ROUNDS [SLEEP]]] forks N workers (default 4, 48 pages, 12 rounds, 600 ticks).
 * Each worker fills PAGES heap pages with a pattern of its own, then ROUNDS times reads every word
 * of every page (its working set), writes one word in each, and sleeps SLEEP ticks, as a program
 * that computes and then waits for I/O. With room for every worker's pages, more workers keep the
 * CPU busier while the others sleep; once their pages no longer fit, each one's turn on the CPU
 * faults its pages back in from swap, the CPU waits for the disk, and the work done per second
 * falls: thrashing. A worker that finds a word it did not write exits 1; the parent prints
 * "thrashing: N workers ok" (or "FAIL"), the same line on any memory size, swap disk and policy. */
#include <kernsim.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE_WORDS 1024

static unsigned pattern(unsigned worker, unsigned word) { return (worker + 1) * 2654435761u ^ word; }

static int work(unsigned worker, int pages, int rounds, int sleep_ticks) {
  unsigned *heap = (unsigned *)sbrk(pages * PAGE_WORDS * 4);
  if (heap == (unsigned *)-1) return 2;
  unsigned words = (unsigned)pages * PAGE_WORDS;
  for (unsigned word = 0; word < words; ++word) heap[word] = pattern(worker, word);
  for (int round = 0; round < rounds; ++round) {
    for (unsigned page = 0; page < (unsigned)pages; ++page) {
      unsigned *at = heap + page * PAGE_WORDS;
      unsigned sum = 0;
      for (unsigned i = 1; i < PAGE_WORDS; ++i) sum += at[i];
      unsigned expected = 0;
      for (unsigned i = 1; i < PAGE_WORDS; ++i) expected += pattern(worker, page * PAGE_WORDS + i);
      if (sum != expected) return 1;
      at[0] = (unsigned)round; /* a write: the page is dirty again, so an eviction must swap it out */
    }
    sleep(sleep_ticks);
  }
  return 0;
}

int main(int argc, char **argv) {
  int workers = argc > 1 ? atoi(argv[1]) : 4;
  int pages = argc > 2 ? atoi(argv[2]) : 48;
  int rounds = argc > 3 ? atoi(argv[3]) : 12;
  int sleep_ticks = argc > 4 ? atoi(argv[4]) : 600;
  if (workers < 1 || workers > 32 || pages < 1 || pages > 4096 || rounds < 0 || sleep_ticks < 0) {
    fprintf(stderr, "usage: thrashing [WORKERS 1..32 [PAGES 1..4096 [ROUNDS [SLEEP_TICKS]]]]\n");
    return 2;
  }
  for (int worker = 0; worker < workers; ++worker) {
    pid_t child = fork();
    if (child < 0) {
      printf("thrashing: fork failed\n");
      return 1;
    }
    if (child == 0) exit(work((unsigned)worker, pages, rounds, sleep_ticks));
  }
  int failed = 0;
  for (int worker = 0; worker < workers; ++worker) {
    int status = 0;
    if (wait(&status) < 0 || status != 0) ++failed;
  }
  printf(failed == 0 ? "thrashing: %d workers ok\n" : "thrashing: FAIL (%d of the workers)\n",
         failed == 0 ? workers : failed);
  return failed == 0 ? 0 : 1;
}
