// kernel/fs/fat32/names.cpp — short names, long names, their checksum, UTF-8 and UCS-2.
//
// A long name is split into parts of 13 UCS-2 characters; part k (1-based) goes into an entry
// with ordinal k, the last part's ordinal OR-ed with 0x40, and the entries are stored from the
// last part to the first, then the short entry. A name that ends inside a part is ended with one
// 0x0000 and the rest of the part filled with 0xFFFF.
#include "kernel/fs/fat32/names.h"

#include <algorithm>

#include "kernel/fs/fat32/layout.h"

namespace ks::fat32 {
namespace {

// The byte offsets in a long-name entry of its 13 characters.
constexpr std::array<std::size_t, kLongNameChars> kCharOffsets = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

bool legal_in_short_name(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 'A' && u <= 'Z') return true;
  if (u >= '0' && u <= '9') return true;
  return std::string_view("$%'-_@~`!(){}^#&").find(c) != std::string_view::npos;
}

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// PART as a short-name field: its case (0 none, 1 upper, 2 lower, 3 mixed) or nullopt when a
// character is illegal.
std::optional<int> part_case(std::string_view part) {
  int seen = 0;
  for (const char c : part) {
    if (c >= 'a' && c <= 'z') {
      seen |= 2;
    } else if (c >= 'A' && c <= 'Z') {
      seen |= 1;
    } else if (!legal_in_short_name(c)) {
      return std::nullopt;
    }
  }
  return seen;
}

}  // namespace

std::uint8_t short_name_checksum(const ShortName& name) {
  std::uint8_t sum = 0;
  for (const std::uint8_t byte : name) {
    sum = static_cast<std::uint8_t>(((sum & 1) != 0 ? 0x80 : 0) + (sum >> 1) + byte);
  }
  return sum;
}

std::optional<std::u16string> utf8_to_ucs2(std::string_view text) {
  std::u16string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::uint32_t code = 0;
    std::size_t length = 0;
    if (b < 0x80) {
      code = b, length = 1;
    } else if ((b & 0xE0) == 0xC0) {
      code = b & 0x1F, length = 2;
    } else if ((b & 0xF0) == 0xE0) {
      code = b & 0x0F, length = 3;
    } else {
      return std::nullopt;  // four-byte sequences are outside the BMP; other bytes are not UTF-8
    }
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      code = (code << 6) | (c & 0x3F);
    }
    const bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800);
    if (overlong || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
    out.push_back(static_cast<char16_t>(code));
    i += length;
  }
  return out;
}

std::string ucs2_to_utf8(std::u16string_view text) {
  std::string out;
  for (const char16_t c : text) {
    const auto code = static_cast<std::uint32_t>(c);
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      // A lone surrogate half (which a hostile image may hold) is written as U+FFFD.
      const std::uint32_t shown = code >= 0xD800 && code <= 0xDFFF ? 0xFFFD : code;
      out.push_back(static_cast<char>(0xE0 | (shown >> 12)));
      out.push_back(static_cast<char>(0x80 | ((shown >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (shown & 0x3F)));
    }
  }
  return out;
}

std::string name_problem(std::string_view name) {
  if (name.empty()) return "a name is empty";
  if (name == "." || name == "..") return "\"" + std::string(name) + "\" cannot be created";
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return "a name may not hold control characters";
    if (std::string_view("\"*/:<>?\\|").find(c) != std::string_view::npos) {
      return std::string("a FAT name may not hold '") + c + "'";
    }
  }
  if (name.back() == '.' || name.back() == ' ') return "a FAT name may not end in a dot or a space";
  const auto wide = utf8_to_ucs2(name);
  if (!wide) return "a FAT name must be UTF-8 with characters of the Basic Multilingual Plane only";
  if (wide->size() > kMaxLongName) return "a FAT name has at most 255 characters";
  return {};
}

std::optional<ExactShort> exact_short_name(std::string_view name) {
  const std::size_t dot = name.find('.');
  const std::string_view base = name.substr(0, dot);
  const std::string_view ext = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  if (base.empty() || base.size() > 8 || ext.size() > 3) return std::nullopt;
  if (dot != std::string_view::npos && (ext.empty() || ext.find('.') != std::string_view::npos)) return std::nullopt;
  const auto base_case = part_case(base);
  const auto ext_case = part_case(ext);
  if (!base_case || !ext_case || *base_case == 3 || *ext_case == 3) return std::nullopt;
  if (static_cast<unsigned char>(base[0]) == kEntryFree) return std::nullopt;
  ExactShort out;
  out.name.fill(' ');
  for (std::size_t i = 0; i < base.size(); ++i) out.name[i] = static_cast<std::uint8_t>(upper(base[i]));
  for (std::size_t i = 0; i < ext.size(); ++i) out.name[8 + i] = static_cast<std::uint8_t>(upper(ext[i]));
  if (*base_case == 2) out.nt_flags |= kNtLowerBase;
  if (*ext_case == 2) out.nt_flags |= kNtLowerExt;
  return out;
}

std::string short_name_text(const ShortName& name, std::uint8_t nt_flags) {
  std::string base, ext;
  for (std::size_t i = 0; i < 8; ++i) base.push_back(static_cast<char>(name[i]));
  for (std::size_t i = 8; i < 11; ++i) ext.push_back(static_cast<char>(name[i]));
  if (!base.empty() && static_cast<unsigned char>(base[0]) == 0x05) base[0] = static_cast<char>(0xE5);
  while (!base.empty() && base.back() == ' ') base.pop_back();
  while (!ext.empty() && ext.back() == ' ') ext.pop_back();
  if ((nt_flags & kNtLowerBase) != 0) std::transform(base.begin(), base.end(), base.begin(), lower);
  if ((nt_flags & kNtLowerExt) != 0) std::transform(ext.begin(), ext.end(), ext.begin(), lower);
  return ext.empty() ? base : base + "." + ext;
}

ShortName generated_short_name(std::string_view name, unsigned n) {
  const std::size_t last_dot = name.rfind('.');
  const bool has_ext = last_dot != std::string_view::npos && last_dot > 0;
  const std::string_view base_part = has_ext ? name.substr(0, last_dot) : name;
  const std::string_view ext_part = has_ext ? name.substr(last_dot + 1) : std::string_view();
  const auto convert = [](std::string_view part, std::size_t limit) {
    std::string out;
    for (const char c : part) {
      if (out.size() == limit) break;
      if (c == '.' || c == ' ') continue;
      if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
      const char u = upper(c);
      out.push_back(legal_in_short_name(u) ? u : '_');  // one '_' per non-ASCII character too
    }
    return out;
  };
  std::string base = convert(base_part, 8);
  const std::string ext = convert(ext_part, 3);
  if (base.empty()) base = "_";
  const std::string tail = "~" + std::to_string(n);
  const std::size_t keep = tail.size() < 8 ? 8 - tail.size() : 0;
  if (base.size() > keep) base.resize(keep);
  base += tail;
  // Never more than the 8 + 3 bytes of the entry, whatever N is (indexed, so that GCC's aarch64 build can
  // see the bounds: it refused std::copy here as a possible overflow).
  ShortName out;
  out.fill(' ');
  for (std::size_t i = 0; i < 8 && i < base.size(); ++i) out[i] = static_cast<std::uint8_t>(base[i]);
  for (std::size_t i = 0; i < 3 && i < ext.size(); ++i) out[8 + i] = static_cast<std::uint8_t>(ext[i]);
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (upper(a[i]) != upper(b[i])) return false;
  }
  return true;
}

std::vector<std::array<std::uint8_t, 32>> long_name_entries(std::string_view name, const ShortName& short_name) {
  const std::u16string wide = utf8_to_ucs2(name).value_or(std::u16string());
  const std::size_t parts = (wide.size() + kLongNameChars - 1) / kLongNameChars;
  const std::uint8_t checksum = short_name_checksum(short_name);
  std::vector<std::array<std::uint8_t, 32>> entries;
  for (std::size_t k = parts; k >= 1; --k) {
    std::array<std::uint8_t, 32> e{};
    e[0] = static_cast<std::uint8_t>(k | (k == parts ? 0x40 : 0));
    e[kDirAttr] = kAttrLongName;
    e[13] = checksum;
    for (std::size_t j = 0; j < kLongNameChars; ++j) {
      const std::size_t at = (k - 1) * kLongNameChars + j;
      std::uint32_t c = 0xFFFF;
      if (at < wide.size()) {
        c = wide[at];
      } else if (at == wide.size()) {
        c = 0;
      }
      put16(e, kCharOffsets[j], c);
    }
    entries.push_back(e);
  }
  return entries;
}

void LongNameReader::take(std::span<const std::uint8_t> entry) {
  const unsigned ordinal = entry[0] & 0x3F;
  const bool last = (entry[0] & 0x40) != 0;
  if (last) {
    if (ordinal == 0 || ordinal > 20) {
      expected_ = 0;
      return;
    }
    checksum_ = entry[13];
    parts_.assign(std::size_t{ordinal} * kLongNameChars, u'\0');
  } else if (expected_ == 0 || ordinal != expected_ || entry[13] != checksum_) {
    expected_ = 0;
    return;
  }
  for (std::size_t j = 0; j < kLongNameChars; ++j) {
    parts_[(ordinal - 1) * kLongNameChars + j] = static_cast<char16_t>(get16(entry, kCharOffsets[j]));
  }
  expected_ = ordinal - 1;
  if (expected_ == 0) expected_ = 0x100;  // complete: waiting for the short entry
}

std::optional<std::string> LongNameReader::finish(const ShortName& short_name) {
  const bool complete = expected_ == 0x100;
  expected_ = 0;
  if (!complete || checksum_ != short_name_checksum(short_name)) return std::nullopt;
  std::u16string name = parts_;
  const std::size_t end = name.find(u'\0');
  if (end != std::u16string::npos) name.resize(end);
  if (name.empty() || name.size() > kMaxLongName) return std::nullopt;
  return ucs2_to_utf8(name);
}

}  // namespace ks::fat32
