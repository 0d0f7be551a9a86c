/* sh — the shell.
 *
 * Reads commands line by line from standard input (or from FILE with `sh FILE`, or the one
 * line of `sh -c LINE`) and exits at the end of input with the status of the last command.
 * A line is a list of pipelines separated by ';' or '&' (run in the background: the shell
 * prints "[PID]" and, once it has reaped it, "[PID] done"). A pipeline is commands joined by
 * '|'; each command is words with '<' FILE, '>' FILE and '>>' FILE redirections. Words may be
 * quoted with '...' or "..." and a backslash escapes one character; '#' starting a word begins a
 * comment. "$?" (bare or within "...", not within '...') is the status of the last command; a
 * line's pipelines are read one at a time, so "false; echo $?" prints 1. A command NAME without
 * '/' runs /bin/NAME. Built in: cd [DIR], exit [STATUS]. The prompt "$ " is shown only when
 * standard input is the console. */
#include <errno.h>
#include <fcntl.h>
#include <kernsim.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { kMaxLine = 1024, kMaxWords = 64, kMaxCommands = 64, kMaxJobs = 32 };

struct command {
  char *argv[kMaxWords + 1];
  int argc;
  char *input, *output;
  int append;
};

struct pipeline {
  struct command commands[kMaxCommands];
  int count;
  int background;
};

static int last_status;
static pid_t jobs[kMaxJobs]; /* background processes not yet reaped (0: free) */

/* ---- parsing ------------------------------------------------------------------------- */

enum token_kind { kWord, kPipe, kIn, kOut, kAppend, kAmpersand, kSemicolon, kEnd };

struct lexer {
  const char *p;
  char *store; /* where the next word's characters go */
};

static int is_operator(char c) { return c == '|' || c == '<' || c == '>' || c == '&' || c == ';'; }

/* Expands "$?" at the lexer's position, if it is there: 1 when it was. (A status is at most
 * three digits, so a word grows by at most one character per "$?": the store has room.) */
static int expand_status(struct lexer *l) {
  if (l->p[0] != '$' || l->p[1] != '?') return 0;
  l->store += sprintf(l->store, "%d", last_status);
  l->p += 2;
  return 1;
}
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The next token; a word is copied into the lexer's store and *WORD points at it. -1 when a
 * quote is not closed. */
static int next_token(struct lexer *l, char **word) {
  while (is_blank(*l->p)) ++l->p;
  char c = *l->p;
  if (c == 0 || c == '#') return kEnd;
  if (is_operator(c)) {
    ++l->p;
    if (c == '>' && *l->p == '>') {
      ++l->p;
      return kAppend;
    }
    return c == '|' ? kPipe : c == '<' ? kIn : c == '>' ? kOut : c == '&' ? kAmpersand : kSemicolon;
  }
  *word = l->store;
  while (*l->p != 0 && !is_blank(*l->p) && !is_operator(*l->p)) {
    char quote = *l->p;
    if (quote == '\'' || quote == '"') {
      ++l->p;
      while (*l->p != 0 && *l->p != quote) {
        if (quote == '"' && expand_status(l)) continue;
        if (quote == '"' && *l->p == '\\' && (l->p[1] == '"' || l->p[1] == '\\')) ++l->p;
        *l->store++ = *l->p++;
      }
      if (*l->p != quote) return -1;
      ++l->p;
    } else if (expand_status(l)) {
    } else if (quote == '\\' && l->p[1] != 0) {
      *l->store++ = l->p[1];
      l->p += 2;
    } else {
      *l->store++ = *l->p++;
    }
  }
  *l->store++ = 0;
  return kWord;
}

static const char *operator_text(int token) {
  switch (token) {
    case kPipe: return "|";
    case kIn: return "<";
    case kOut: return ">";
    case kAppend: return ">>";
    case kAmpersand: return "&";
    case kSemicolon: return ";";
    default: return "end of line";
  }
}

/* Parses the next pipeline of the lexer's line into P. Returns 1 when one was read, 0 at the
 * end of the line, -1 after printing a syntax error. */
static int parse_pipeline(struct lexer *l, struct pipeline *p) {
  memset(p, 0, sizeof *p);
  struct command *c = &p->commands[0];
  p->count = 1;
  for (;;) {
    char *word = NULL;
    int token = next_token(l, &word);
    if (token < 0) {
      fprintf(stderr, "sh: unterminated quote\n");
      return -1;
    }
    if (token == kWord) {
      if (c->argc == kMaxWords) {
        fprintf(stderr, "sh: too many arguments\n");
        return -1;
      }
      c->argv[c->argc++] = word;
      continue;
    }
    if (token == kIn || token == kOut || token == kAppend) {
      if (next_token(l, &word) != kWord) {
        fprintf(stderr, "sh: syntax error: a file name must follow '%s'\n", operator_text(token));
        return -1;
      }
      if (token == kIn) {
        c->input = word;
      } else {
        c->output = word;
        c->append = token == kAppend;
      }
      continue;
    }
    int empty = c->argc == 0 && c->input == NULL && c->output == NULL;
    if (token == kPipe) {
      if (empty || p->count == kMaxCommands) {
        fprintf(stderr, empty ? "sh: syntax error near '|'\n" : "sh: pipeline too long\n");
        return -1;
      }
      c = &p->commands[p->count++];
      continue;
    }
    /* kEnd, kAmpersand, kSemicolon end the pipeline. */
    if (empty) {
      if (p->count > 1 || token != kEnd) {
        fprintf(stderr, "sh: syntax error near '%s'\n", operator_text(token == kEnd ? kPipe : token));
        return -1;
      }
      return 0;
    }
    p->background = token == kAmpersand;
    return 1;
  }
}

/* ---- running ------------------------------------------------------------------------- */

static int status_of(int wait_status) {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
}

/* Reaps finished background jobs (WAIT: all of them, blocking) and says which are done. */
static void reap_jobs(int wait_for_all) {
  for (;;) {
    int pending = 0;
    for (int i = 0; i < kMaxJobs; ++i) pending += jobs[i] != 0;
    if (pending == 0) return;
    int status;
    pid_t pid = waitpid(-1, &status, wait_for_all ? 0 : WNOHANG);
    if (pid <= 0) return;
    for (int i = 0; i < kMaxJobs; ++i) {
      if (jobs[i] == pid) {
        jobs[i] = 0;
        printf("[%d] done\n", pid);
      }
    }
  }
}

/* Sets up C's redirections and runs it; never returns. */
static void exec_command(struct command *c) {
  if (c->input != NULL) {
    int fd = open(c->input, O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "sh: %s: %s\n", c->input, strerror(errno));
      _exit(1);
    }
    dup2(fd, 0);
    close(fd);
  }
  if (c->output != NULL) {
    int fd = open(c->output, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC), 0644);
    if (fd < 0) {
      fprintf(stderr, "sh: %s: %s\n", c->output, strerror(errno));
      _exit(1);
    }
    dup2(fd, 1);
    close(fd);
  }
  if (c->argc == 0) _exit(0); /* only redirections: the files were made */
  execvp(c->argv[0], c->argv);
  if (errno == ENOENT) {
    fprintf(stderr, "sh: %s: not found\n", c->argv[0]);
    _exit(127);
  }
  fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
  _exit(126);
}

/* Runs built-in C in the shell itself; 0 when C is not a built-in. */
static int builtin(struct command *c) {
  if (c->argc == 0) return 0;
  if (strcmp(c->argv[0], "exit") == 0) {
    reap_jobs(1);
    exit(c->argc > 1 ? atoi(c->argv[1]) : last_status);
  }
  if (strcmp(c->argv[0], "cd") == 0) {
    const char *target = c->argc > 1 ? c->argv[1] : "/";
    last_status = 0;
    if (chdir(target) < 0) {
      fprintf(stderr, "sh: cd: %s: %s\n", target, strerror(errno));
      last_status = 1;
    }
    return 1;
  }
  return 0;
}

static void run_pipeline(struct pipeline *p) {
  if (p->count == 1 && !p->background && builtin(&p->commands[0])) return;
  pid_t pids[kMaxCommands];
  int started = 0, previous_read = -1;
  for (int i = 0; i < p->count; ++i) {
    int fds[2] = {-1, -1};
    if (i + 1 < p->count && pipe(fds) < 0) {
      fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
      break;
    }
    pid_t pid = fork();
    if (pid < 0) {
      fprintf(stderr, "sh: fork: %s\n", strerror(errno));
      if (fds[0] >= 0) close(fds[0]), close(fds[1]);
      break;
    }
    if (pid == 0) {
      if (previous_read >= 0) {
        dup2(previous_read, 0);
        close(previous_read);
      }
      if (fds[1] >= 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
      }
      exec_command(&p->commands[i]);
    }
    pids[started++] = pid;
    if (previous_read >= 0) close(previous_read);
    if (fds[1] >= 0) close(fds[1]);
    previous_read = fds[0];
  }
  if (previous_read >= 0) close(previous_read);
  if (started == 0) {
    last_status = 1;
    return;
  }
  if (p->background) {
    for (int i = 0; i < started; ++i) {
      for (int j = 0; j < kMaxJobs; ++j) {
        if (jobs[j] == 0) {
          jobs[j] = pids[i];
          break;
        }
      }
    }
    printf("[%d]\n", pids[started - 1]);
    last_status = 0;
    return;
  }
  for (int i = 0; i < started; ++i) {
    int status = 0;
    while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR) {
    }
    if (i == started - 1) last_status = started == p->count ? status_of(status) : 1;
  }
}

/* Runs every pipeline of LINE, after checking the whole line parses (a syntax error anywhere
 * runs nothing). */
static void run_line(const char *line) {
  static char store[kMaxLine * 2];
  static struct pipeline p;
  if (strlen(line) >= kMaxLine) {
    fprintf(stderr, "sh: line too long\n");
    last_status = 1;
    return;
  }
  struct lexer check = {line, store};
  int r;
  while ((r = parse_pipeline(&check, &p)) > 0) {
  }
  if (r < 0) {
    last_status = 2;
    return;
  }
  struct lexer l = {line, store};
  while (parse_pipeline(&l, &p) > 0) run_pipeline(&p);
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
    if (argc < 3) {
      fprintf(stderr, "usage: sh [-c LINE | FILE]\n");
      return 2;
    }
    run_line(argv[2]);
    reap_jobs(1);
    return last_status;
  }
  int input = 0;
  if (argc >= 2) {
    input = open(argv[1], O_RDONLY);
    if (input < 0) {
      fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
      return 127;
    }
  }
  struct stat st;
  int interactive = input == 0 && fstat(0, &st) == 0 && st.st_type == KS_TYPE_CONSOLE;
  static char line[kMaxLine];
  for (;;) {
    reap_jobs(0);
    if (interactive) {
      fputs("$ ", stdout);
      fflush(stdout);
    }
    if (fdgets(line, sizeof line, input) == NULL) break;
    size_t length = strlen(line);
    if (length == sizeof line - 1 && line[length - 1] != '\n') {
      /* Too long: drop the rest of it. */
      while (fdgets(line, sizeof line, input) != NULL && line[strlen(line) - 1] != '\n') {
      }
      fprintf(stderr, "sh: line too long\n");
      last_status = 1;
      continue;
    }
    run_line(line);
  }
  reap_jobs(1);
  return last_status;
}
