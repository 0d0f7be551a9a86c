// The disk-size reader (design: disk_size.h). Digits are accumulated with an overflow check
// against the largest disk, so no spelling of a huge number can wrap around.
#include "scenario/disk_size.h"

namespace ks {

std::optional<std::uint64_t> parse_disk_size(std::string_view text, std::string& problem) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  std::size_t i = 0;
  std::uint64_t number = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    number = number * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (number > kMaxDiskBytes) {
      problem = quoted + " is more than the largest disk, 2T";
      return std::nullopt;
    }
    ++i;
  }
  if (i == 0) {
    problem = quoted + " is not a disk size (a number of bytes, or with K, M or G: \"64M\")";
    return std::nullopt;
  }
  std::string suffix(text.substr(i));
  for (char& c : suffix) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  std::uint64_t unit = 1;
  if (!suffix.empty()) {
    const char scale = suffix[0];
    const std::string rest = suffix.substr(1);
    if ((scale != 'K' && scale != 'M' && scale != 'G') || (!rest.empty() && rest != "B" && rest != "IB")) {
      problem = quoted + " has an unknown unit \"" + std::string(text.substr(i)) + "\" (K, M or G, powers of two)";
      return std::nullopt;
    }
    unit = scale == 'K' ? 1024 : scale == 'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
  }
  if (number > kMaxDiskBytes / unit) {
    problem = quoted + " is more than the largest disk, 2T";
    return std::nullopt;
  }
  const std::uint64_t bytes = number * unit;
  if (bytes == 0 || bytes % 512 != 0) {
    problem = quoted + " is not a whole number of 512-byte sectors (at least one)";
    return std::nullopt;
  }
  return bytes;
}

}  // namespace ks
