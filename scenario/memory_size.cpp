// The memory-size reader (design: memory_size.h).
#include "scenario/memory_size.h"

#include <cctype>

#include "sim-core/mem/physical_memory.h"

namespace ks {
namespace {

constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kMiB = 1024 * kKiB;
constexpr std::uint64_t kGiB = 1024 * kMiB;

}  // namespace

std::optional<std::uint32_t> parse_memory_size(std::string_view text, std::string& problem) {
  std::size_t i = 0;
  std::uint64_t number = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
    number = number * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (number > kMaxMemoryBytes) {
      problem = "\"" + std::string(text) + "\" is more than the largest memory, 4G";
      return std::nullopt;
    }
    ++i;
  }
  if (i == 0) {
    problem = "\"" + std::string(text) + "\" is not a memory size (a number of bytes, or with K, M or G: \"64M\")";
    return std::nullopt;
  }
  std::uint64_t unit = 1;
  std::string suffix(text.substr(i));
  for (char& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!suffix.empty()) {
    const char scale = suffix[0];
    const std::string rest = suffix.substr(1);
    if ((scale != 'K' && scale != 'M' && scale != 'G') || (!rest.empty() && rest != "B" && rest != "IB")) {
      problem = "\"" + std::string(text) + "\" has an unknown unit \"" + std::string(text.substr(i)) +
                "\" (K, M or G, powers of two)";
      return std::nullopt;
    }
    unit = scale == 'K' ? kKiB : scale == 'M' ? kMiB : kGiB;
  }
  if (number > kMaxMemoryBytes / unit) {
    problem = "\"" + std::string(text) + "\" is more than the largest memory, 4G";
    return std::nullopt;
  }
  const std::uint64_t bytes = number * unit;
  if (bytes < kPageSize || bytes % kPageSize != 0) {
    problem = "\"" + std::string(text) + "\" is not a whole number of 4K frames (at least one)";
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(bytes / kPageSize);
}

std::string memory_size_text(std::uint32_t frames) {
  const std::uint64_t bytes = std::uint64_t{frames} * kPageSize;
  if (bytes % kGiB == 0) return std::to_string(bytes / kGiB) + "G";
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + "M";
  return std::to_string(bytes / kKiB) + "K";
}

std::string swap_size_problem(std::uint32_t pages, DiskModel model) {
  const std::uint64_t sectors = std::uint64_t{pages} * (kPageSize / kSectorSize);
  const std::uint64_t capacity = DiskDrive::capacity(model);
  if (sectors <= capacity) return {};
  return memory_size_text(pages) + " of swap is more than the " + std::string(to_string(model)) + " swap disk holds (" +
         memory_size_text(static_cast<std::uint32_t>(capacity / (kPageSize / kSectorSize))) + ")";
}

}  // namespace ks
