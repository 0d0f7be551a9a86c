#include "scenario/file_system.h"

#include <algorithm>
#include <filesystem>

namespace ks {
namespace {

constexpr std::size_t kMaxBytes = 64u << 20;  // the simulated file system's capacity

std::string resolve(const std::string& base, const std::string& relative) {
  return std::filesystem::path(relative).is_absolute() ? relative : (std::filesystem::path(base) / relative).generic_string();
}

// Checks that KEY is an absolute path in the simulated file system without "." or "..".
void check_fs_path(const JsonReader& in, const JsonPath& path, const std::string& key) {
  if (key.size() < 2 || key.front() != '/') in.fail(path, "\"" + key + "\" is not an absolute path (it must start with /)", true);
  std::size_t at = 1;
  while (at <= key.size()) {
    const std::size_t slash = std::min(key.find('/', at), key.size());
    const std::string part = key.substr(at, slash - at);
    if (part == "." || part == "..") in.fail(path, "\"" + key + "\": \".\" and \"..\" are not allowed here", true);
    if (part.size() > 255) in.fail(path, "\"" + key + "\": a name has at most 255 characters", true);
    at = slash + 1;
  }
  if (key.back() == '/') in.fail(path, "\"" + key + "\" names a directory, not a file", true);
}

// Copies the host folder ROOT: directories and regular files, in sorted order.
void copy_folder(const JsonReader& in, const JsonPath& path, const std::string& root, std::vector<FileSpec>& files) {
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) in.fail(path, "\"" + root + "\" is not a folder");
  std::vector<std::filesystem::path> entries;
  for (auto it = std::filesystem::recursive_directory_iterator(root, error); !error && it != std::filesystem::recursive_directory_iterator();
       it.increment(error)) {
    entries.push_back(it->path());
  }
  if (error) in.fail(path, "cannot read the folder \"" + root + "\": " + error.message());
  std::sort(entries.begin(), entries.end());
  std::size_t total = 0;
  for (const std::filesystem::path& entry : entries) {
    const std::string inside = "/" + std::filesystem::relative(entry, root).generic_string();
    if (std::filesystem::is_directory(entry)) {
      files.push_back({inside, {}, true});
    } else if (std::filesystem::is_regular_file(entry)) {
      files.push_back({inside, read_input_file(entry.generic_string()), false});
      total += files.back().bytes.size();
      if (total > kMaxBytes) in.fail(path, "the folder holds more than 64 MiB");
    }
  }
}

}  // namespace

std::vector<FileSpec> userland_programs() {
  const std::string folder = KS_USERLAND_DIR;
  std::vector<std::filesystem::path> elves;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".elf") elves.push_back(entry.path());
  }
  if (error) throw InputError({folder, 0, 0, "workload.userland"}, "cannot read the prebuilt user programs: " + error.message());
  std::sort(elves.begin(), elves.end());
  std::vector<FileSpec> files;
  for (const std::filesystem::path& elf : elves) {
    files.push_back({"/bin/" + elf.stem().string(), read_input_file(elf.generic_string()), false});
  }
  return files;
}

void read_workload_files(const JsonReader& in, const nlohmann::json& value, const JsonPath& path, const std::string& base,
                         std::vector<FileSpec>& files) {
  if (const nlohmann::json* folder = JsonReader::member(value, "host_folder")) {
    copy_folder(in, path / "host_folder", resolve(base, in.text(*folder, path / "host_folder")), files);
  }
  if (const nlohmann::json* userland = JsonReader::member(value, "userland")) {
    if (in.boolean(*userland, path / "userland")) {
      std::vector<FileSpec> programs = userland_programs();
      files.insert(files.end(), programs.begin(), programs.end());
    }
  }
  const nlohmann::json* list = JsonReader::member(value, "files");
  if (list == nullptr) return;
  if (!list->is_object()) in.fail(path / "files", "expected an object: absolute path -> {\"text\": ...} or {\"host\": ...}");
  for (const auto& [key, spec] : list->items()) {
    const JsonPath at = path / "files" / key;
    check_fs_path(in, at, key);
    in.expect_object(spec, at, {"text", "host"});
    const nlohmann::json* text = JsonReader::member(spec, "text");
    const nlohmann::json* host = JsonReader::member(spec, "host");
    if ((text == nullptr) == (host == nullptr)) in.fail(at, "give either \"text\" or \"host\"");
    if (text != nullptr) {
      files.push_back({key, in.text(*text, at / "text"), false});
    } else {
      const std::string file = resolve(base, in.text(*host, at / "host"));
      try {
        files.push_back({key, read_input_file(file), false});
      } catch (const InputError& error) {
        in.fail(at / "host", "\"" + file + "\": " + error.problem());
      }
    }
  }
}

}  // namespace ks
