/* userland/bench/state_machine.c — a tokenizer state machine (identifiers, numbers, strings,
 * comments, punctuation) run over 1 MiB of generated text. Prints a checksum of token kinds and
 * lengths. */
#include "../lib/ks_user.h"

enum state { START, IDENT, NUMBER, STRING, ESCAPE, SLASH, COMMENT, SPACE };

static uint8_t text[16384];

static uint32_t tokenize(const uint8_t *p, uint32_t n, uint32_t checksum) {
  enum state s = START;
  uint32_t length = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t ch = p[i];
    const int alpha = (ch >= 'a' && ch <= 'z') || ch == '_';
    const int digit = ch >= '0' && ch <= '9';
    switch (s) {
      case IDENT:
        if (alpha || digit) {
          ++length;
          continue;
        }
        break;
      case NUMBER:
        if (digit) {
          ++length;
          continue;
        }
        break;
      case STRING:
        ++length;
        if (ch == '\\') s = ESCAPE;
        else if (ch == '"') {
          checksum = checksum * 33u + 3u * length;
          s = START;
          length = 0;
        }
        continue;
      case ESCAPE:
        ++length;
        s = STRING;
        continue;
      case SLASH:
        if (ch == '/') {
          s = COMMENT;
          continue;
        }
        checksum = checksum * 33u + 5u;
        break;
      case COMMENT:
        ++length;
        if (ch == '\n') {
          checksum = checksum * 33u + 7u * length;
          s = START;
          length = 0;
        }
        continue;
      case SPACE:
        if (ch == ' ' || ch == '\n') continue;
        break;
      case START: break;
    }
    if (s == IDENT || s == NUMBER) checksum = checksum * 33u + (s == IDENT ? 11u : 13u) * length;
    length = 1;
    if (alpha) s = IDENT;
    else if (digit) s = NUMBER;
    else if (ch == '"') s = STRING;
    else if (ch == '/') s = SLASH;
    else if (ch == ' ' || ch == '\n') s = SPACE;
    else {
      checksum = checksum * 33u + ch;
      s = START;
    }
  }
  return checksum;
}

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  static const char pieces[] = "ab_c1 42 \"s\\\"t\" // note\n+ x/y; 7\n";
  uint32_t seed = 2024;
  for (uint32_t i = 0; i < sizeof text; ++i) {
    seed = seed * 1664525u + 1013904223u;
    text[i] =
        (seed >> 28) < 3 ? (uint8_t)('a' + ((seed >> 20) % 26)) : (uint8_t)pieces[(seed >> 16) % (sizeof pieces - 1)];
  }
  uint32_t checksum = 5381;
  for (int round = 0; round < 64; ++round) checksum = tokenize(text, sizeof text, checksum);
  ks_print_checksum("state_machine", checksum);
  return 0;
}
