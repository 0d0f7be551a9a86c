// sim-core/error.cpp — the text of an InputError, "FILE:LINE:COLUMN: KEY: PROBLEM", and
// printable_text, which makes whatever bad input quoted safe to print.
//
// printable_text keeps printable ASCII and well-formed UTF-8 (no overlong forms, no surrogates,
// nothing past U+10FFFF) and writes every other byte as \xNN: control bytes, the C1 controls
// U+0080 to U+009F, broken sequences. A failed KS_ASSERT throws InvariantError naming the
// invariant, the condition and where it was checked.
#include "sim-core/error.h"

namespace ks {
namespace {

// The length of the well-formed UTF-8 sequence at TEXT[AT] (2 to 4), or 0 if there is none.
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  }
  if (length == 0 || at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

void append_escaped(std::string& out, unsigned char byte) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
}

std::string format_input_error(const InputLocation& where, const std::string& problem) {
  std::string text;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) {
      text += ':' + std::to_string(where.line);
      if (where.column > 0) text += ':' + std::to_string(where.column);
    }
    text += ": ";
  }
  if (!where.key_path.empty()) {
    text += where.key_path;
    if (where.file.empty() && where.column > 0) text += " (at character " + std::to_string(where.column) + ")";
    text += ": ";
  }
  text += problem;
  return text;
}

InputLocation printable(InputLocation where) {
  where.file = printable_text(where.file);
  where.key_path = printable_text(where.key_path);
  return where;
}

}  // namespace

std::string printable_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {
      out += text[i++];
      continue;
    }
    const std::size_t length = byte >= 0x80 ? utf8_sequence(text, i) : 0;
    const bool c1_control = length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (length == 0 || c1_control) {
      append_escaped(out, byte);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

InputError::InputError(InputLocation where, const std::string& problem)
    : std::runtime_error(format_input_error(printable(where), printable_text(problem))),
      where_(printable(std::move(where))),
      problem_(printable_text(problem)) {}

void assert_failed(const char* condition, const char* why, const char* file, int line) {
  throw InvariantError(std::string("invariant broken: ") + why + " (" + condition + ") at " + file + ':' +
                       std::to_string(line));
}

}  // namespace ks
