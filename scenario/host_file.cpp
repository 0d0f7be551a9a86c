// scenario/host_file.cpp — opening the host files a user names (the rules: host_file.h). The
// type is checked before opening and the file is read in pieces up to the cap. Confinement
// refuses absolute paths and "..", then compares the canonical path (every link followed) with
// the scenario's canonical folder.
#include "scenario/host_file.h"

#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

#include "sim-core/error.h"

namespace ks {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const std::string& file, const std::string& problem) {
  throw InputError({file, 0, 0, {}}, problem);
}

// True when PATH (canonical) is FOLDER (canonical) or lies below it.
bool is_inside(const fs::path& path, const fs::path& folder) {
  const fs::path relative = path.lexically_relative(folder);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::string describe_size(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (std::size_t{1} << 10) && bytes % (std::size_t{1} << 10) == 0)
    return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string read_input_file(const std::string& file, std::size_t max_bytes) {
  std::error_code error;
  const fs::file_status status = fs::status(file, error);  // follows links: the user named this file
  if (status.type() == fs::file_type::not_found) refuse(file, "cannot open the file: there is no such file");
  if (error) refuse(file, "cannot open the file: " + error.message());
  if (fs::is_directory(status)) refuse(file, "this is a folder, not a file");
  if (!fs::is_regular_file(status)) {
    refuse(file, "not a regular file (a device, FIFO or socket): only regular files are read");
  }
  const std::uintmax_t size = fs::file_size(file, error);
  if (!error && size > max_bytes)
    refuse(file, "the file is larger than " + describe_size(max_bytes) + " (" + std::to_string(size) + " bytes)");
  std::ifstream in(file, std::ios::binary);
  if (!in) refuse(file, "cannot open the file (is it readable?)");
  // Read in pieces up to the cap, so that a file that grows while it is read cannot exceed it.
  std::string contents;
  std::vector<char> piece(std::size_t{1} << 16);
  while (in) {
    in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (contents.size() + got > max_bytes) refuse(file, "the file is larger than " + describe_size(max_bytes));
    contents.append(piece.data(), got);
  }
  if (in.bad()) refuse(file, "cannot read the file");
  return contents;
}

std::string host_path(const std::string& folder, const std::string& relative) {
  if (fs::path(relative).is_absolute()) return relative;
  return (fs::path(folder.empty() ? "." : folder) / relative).generic_string();
}

std::string host_path_problem(const std::string& folder, const std::string& relative, const HostAccess& access) {
  if (relative.empty()) return "the path is empty";
  if (access.anywhere) return {};
  const fs::path path(relative);
  const std::string allow = " (paths are relative to the scenario's folder; --allow-host-paths allows others)";
  if (path.is_absolute() || path.has_root_name() || path.has_root_directory())
    return "\"" + relative + "\" is an absolute path" + allow;
  for (const fs::path& part : path) {
    if (part == "..") return "\"" + relative + "\" goes up out of the scenario's folder with \"..\"" + allow;
  }
  // Follow every link: the file reached must still lie inside the scenario's folder.
  std::error_code error;
  const fs::path target = fs::canonical(host_path(folder, relative), error);
  if (error) return {};  // missing: the reader names the problem
  const fs::path base = fs::canonical(folder.empty() ? "." : folder, error);
  if (error || !is_inside(target, base)) {
    return "\"" + relative + "\" leads out of the scenario's folder through a symbolic link" + allow;
  }
  return {};
}

}  // namespace ks
