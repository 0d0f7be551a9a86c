// kernel/fs/fat32/names.h — FAT's two kinds of names: 8.3 short names and VFAT long names.
//
// SHORT NAMES are 11 bytes, an 8-byte base and a 3-byte extension padded with spaces, in upper
// case ("README  TXT"). Windows NT's DIR_NTRes bits can say "show the base (or extension) in
// lower case", which is how "readme.txt" is stored without a long name.
// LONG NAMES (VFAT) are up to 255 UCS-2 characters, stored 13 to a 32-byte entry with attribute
// 0x0F, in the entries just before the short entry, last part first. Each carries the checksum
// of the short name it belongs to, so a long name left behind by a tool that knows nothing of
// them (and reused the short entry) is recognised as stale and ignored.
// On the host side names are UTF-8; a character outside the Basic Multilingual Plane (which
// UCS-2 cannot hold) or invalid UTF-8 is refused. Names are compared case-insensitively in
// ASCII, as FAT does (the other letters are compared as they are).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ks::fat32 {

using ShortName = std::array<std::uint8_t, 11>;

inline constexpr std::size_t kMaxLongName = 255;   // UCS-2 characters
inline constexpr std::size_t kLongNameChars = 13;  // per entry

// The checksum a long-name entry carries of its short name (the specification's rotate-and-add).
std::uint8_t short_name_checksum(const ShortName& name);

// Why NAME cannot name a file on FAT (empty, "." or "..", too long, a character FAT forbids:
// control characters and " * / : < > ? \ |, or not UTF-8 in the BMP); empty when it can.
std::string name_problem(std::string_view name);

std::optional<std::u16string> utf8_to_ucs2(std::string_view text);
std::string ucs2_to_utf8(std::u16string_view text);

// NAME as an exact short name when it is one: at most 8 + 3 characters that are legal in a short
// name, base and extension each all upper case or all lower case (the NTRES bits say which).
struct ExactShort {
  ShortName name{};
  std::uint8_t nt_flags = 0;
};
std::optional<ExactShort> exact_short_name(std::string_view name);

// The short name shown for NAME with DIR_NTRes bits NT_FLAGS: "README.TXT", "readme.txt".
std::string short_name_text(const ShortName& name, std::uint8_t nt_flags);

// A short name for long name NAME with numeric tail N ("LONGFI~1TXT" for N = 1), as Windows makes
// them: upper case, illegal characters as '_', dots and spaces dropped from the base.
ShortName generated_short_name(std::string_view name, unsigned n);

// Whether A and B name the same file (ASCII letters compared without case).
bool same_name(std::string_view a, std::string_view b);

// The 32-byte long-name entries for NAME (already checked by name_problem) belonging to short
// name SHORT_NAME, in the order they are stored (last part first).
std::vector<std::array<std::uint8_t, 32>> long_name_entries(std::string_view name, const ShortName& short_name);

// Collecting a long name from its entries as a directory is read front to back.
class LongNameReader {
 public:
  // ENTRY is a long-name entry (attribute 0x0F): takes it, or starts over when it does not
  // continue the name being collected.
  void take(std::span<const std::uint8_t> entry);
  // The long name when the entries collected spell one whole name for SHORT_NAME (and the
  // checksum matches); clears what was collected either way.
  std::optional<std::string> finish(const ShortName& short_name);
  void reset() { expected_ = 0; }
  bool collecting() const { return expected_ != 0; }

 private:
  std::u16string parts_;
  unsigned expected_ = 0;  // the ordinal the next entry must have; 0: none
  std::uint8_t checksum_ = 0;
};

}  // namespace ks::fat32
