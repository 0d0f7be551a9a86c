#include "grader/zip_writer.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "sim-core/error.h"

namespace ks::grade {
namespace {

std::uint32_t crc32(const std::string& data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char ch : data) crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

constexpr std::uint32_t kDosTime = 0;                              // 00:00:00
constexpr std::uint32_t kDosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;  // 2024-01-01

}  // namespace

void write_zip(const std::string& file, const std::vector<ZipEntry>& entries) {
  std::string body, directory;
  for (const ZipEntry& entry : entries) {
    if (entry.data.size() > 0xFFFFFFF0u || body.size() > 0xFFFFFFF0u) throw InputError({file, 0, 0, {}}, "too large for a ZIP without ZIP64");
    const std::uint32_t crc = crc32(entry.data);
    const auto size = static_cast<std::uint32_t>(entry.data.size());
    const auto name_length = static_cast<std::uint32_t>(entry.name.size());
    const auto offset = static_cast<std::uint32_t>(body.size());
    put32(body, 0x04034b50u);
    for (const std::uint32_t v : {20u, 0u, 0u, kDosTime, kDosDate}) put16(body, v);
    for (const std::uint32_t v : {crc, size, size}) put32(body, v);
    put16(body, name_length);
    put16(body, 0);
    body += entry.name;
    body += entry.data;
    const std::uint32_t mode = entry.executable ? 0100755u : 0100644u;
    put32(directory, 0x02014b50u);
    for (const std::uint32_t v : {(3u << 8) | 20u, 20u, 0u, 0u, kDosTime, kDosDate}) put16(directory, v);
    for (const std::uint32_t v : {crc, size, size}) put32(directory, v);
    for (const std::uint32_t v : {name_length, 0u, 0u, 0u, 0u}) put16(directory, v);
    put32(directory, mode << 16);
    put32(directory, offset);
    directory += entry.name;
  }
  std::string end;
  put32(end, 0x06054b50u);
  const auto count = static_cast<std::uint32_t>(entries.size());
  for (const std::uint32_t v : {0u, 0u, count, count}) put16(end, v);
  put32(end, static_cast<std::uint32_t>(directory.size()));
  put32(end, static_cast<std::uint32_t>(body.size()));
  put16(end, 0);
  const std::filesystem::path target(file);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  std::ofstream out(target, std::ios::binary);
  out << body << directory << end;
  if (!out) throw InputError({file, 0, 0, {}}, "cannot write this file");
}

}  // namespace ks::grade
