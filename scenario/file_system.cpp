// scenario/file_system.cpp — the "host_folder", "userland" and "files" keys read into the files
// the simulated file system starts with (the rules: file_system.h).
//
// All three go through add_file, which keeps one running total, so the simulated file system's
// caps are checked while the scenario is read, at the key that passes them. A host folder and
// userland/prebuilt are copied in sorted order, so the boot image is the same on every host.
#include "scenario/file_system.h"

#include <algorithm>
#include <filesystem>

#include "kernel/fs/memfs.h"

namespace ks {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxEntries = 65536;  // files and folders of a host folder

// Checks that KEY is an absolute path in the simulated file system without "." or "..".
void check_fs_path(const JsonReader& in, const JsonPath& path, const std::string& key) {
  if (key.size() < 2 || key.front() != '/')
    in.fail(path, "\"" + key + "\" is not an absolute path (it must start with /)", true);
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

// The host path RELATIVE names from the scenario's folder BASE, after checking that ACCESS
// allows it (the key at PATH is named otherwise).
std::string checked_host_path(const JsonReader& in, const JsonPath& path, const std::string& base,
                              const std::string& relative, const HostAccess& access) {
  const std::string problem = host_path_problem(base, relative, access);
  if (!problem.empty()) in.fail(path, problem);
  return host_path(base, relative);
}

// Reads the host file FILE for the key at PATH, under the simulated file system's cap.
std::string read_host_file(const JsonReader& in, const JsonPath& path, const std::string& file) {
  try {
    return read_input_file(file, MemFs::kMaxFileBytes);
  } catch (const InputError& error) {
    in.fail(path, "\"" + file + "\": " + error.problem());
  }
}

// Adds FILE to FILES, whose bytes TOTAL counts, refusing (at PATH) to pass the simulated file
// system's capacity.
void add_file(const JsonReader& in, const JsonPath& path, FileSpec file, std::size_t& total,
              std::vector<FileSpec>& files) {
  total += file.bytes.size();
  files.push_back(std::move(file));
  if (total > MemFs::kMaxTotalBytes) {
    in.fail(path, "the files hold " + std::to_string(total) + " bytes, more than the simulated file system's " +
                      describe_size(MemFs::kMaxTotalBytes));
  }
}

// Copies the host folder ROOT: folders and regular files, in sorted order. A link is taken
// only when it leads to a regular file inside ROOT (or anywhere, under ACCESS.anywhere).
void copy_folder(const JsonReader& in, const JsonPath& path, const std::string& root, const HostAccess& access,
                 std::size_t& total, std::vector<FileSpec>& files) {
  std::error_code error;
  if (!fs::is_directory(root, error)) in.fail(path, "\"" + root + "\" is not a folder");
  const fs::path canonical_root = fs::canonical(root, error);
  std::vector<fs::path> entries;
  for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    entries.push_back(it->path());
    if (entries.size() > kMaxEntries)
      in.fail(path, "the folder \"" + root + "\" holds more than " + std::to_string(kMaxEntries) + " entries");
  }
  if (error) in.fail(path, "cannot read the folder \"" + root + "\": " + error.message());
  std::sort(entries.begin(), entries.end());
  const auto add = [&](FileSpec file) { add_file(in, path, std::move(file), total, files); };
  for (const fs::path& entry : entries) {
    const std::string name = entry.generic_string();
    const std::string inside = "/" + entry.lexically_relative(root).generic_string();  // links not resolved
    const fs::file_status own = fs::symlink_status(entry, error);
    if (fs::is_symlink(own)) {
      const fs::path target = fs::canonical(entry, error);
      if (error) in.fail(path, "\"" + name + "\" is a symbolic link to nothing");
      const fs::path relative = target.lexically_relative(canonical_root);
      if (!access.anywhere && (relative.empty() || *relative.begin() == "..")) {
        in.fail(path, "\"" + name + "\" is a symbolic link out of the folder (--allow-host-paths allows it)");
      }
      if (fs::is_directory(target, error))
        in.fail(path, "\"" + name + "\" is a symbolic link to a folder; such links are not followed");
      add({inside, read_host_file(in, path, name), false});
    } else if (fs::is_directory(own)) {
      add({inside, {}, true});
    } else if (fs::is_regular_file(own)) {
      add({inside, read_host_file(in, path, name), false});
    } else {
      in.fail(path,
              "\"" + name +
                  "\" is not a regular file (a device, FIFO or socket): only folders and regular files are copied");
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
  if (error)
    throw InputError({folder, 0, 0, "workload.userland"}, "cannot read the prebuilt user programs: " + error.message());
  std::sort(elves.begin(), elves.end());
  std::vector<FileSpec> files;
  files.reserve(elves.size());
  for (const std::filesystem::path& elf : elves) {
    files.push_back({"/bin/" + elf.stem().string(), read_input_file(elf.generic_string()), false});
  }
  return files;
}

void read_workload_files(const JsonReader& in, const nlohmann::json& value, const JsonPath& path,
                         const std::string& base, const HostAccess& access, std::vector<FileSpec>& files) {
  std::size_t total = 0;
  if (const nlohmann::json* folder = JsonReader::member(value, "host_folder")) {
    const JsonPath at = path / "host_folder";
    copy_folder(in, at, checked_host_path(in, at, base, in.text(*folder, at), access), access, total, files);
  }
  if (const nlohmann::json* userland = JsonReader::member(value, "userland")) {
    if (in.boolean(*userland, path / "userland")) {
      for (FileSpec& program : userland_programs()) add_file(in, path / "userland", std::move(program), total, files);
    }
  }
  const nlohmann::json* list = JsonReader::member(value, "files");
  if (list == nullptr) return;
  if (!list->is_object())
    in.fail(path / "files", "expected an object: absolute path -> {\"text\": ...} or {\"host\": ...}");
  for (const auto& [key, spec] : list->items()) {
    const JsonPath at = path / "files" / key;
    check_fs_path(in, at, key);
    in.expect_object(spec, at, {"text", "host"});
    const nlohmann::json* text = JsonReader::member(spec, "text");
    const nlohmann::json* host = JsonReader::member(spec, "host");
    if ((text == nullptr) == (host == nullptr)) in.fail(at, "give either \"text\" or \"host\"");
    if (text != nullptr) {
      std::string bytes = in.text(*text, at / "text");
      if (bytes.size() > MemFs::kMaxFileBytes)
        in.fail(at / "text", "a file holds at most " + describe_size(MemFs::kMaxFileBytes));
      add_file(in, at / "text", {key, std::move(bytes), false}, total, files);
    } else {
      const std::string file = checked_host_path(in, at / "host", base, in.text(*host, at / "host"), access);
      add_file(in, at / "host", {key, read_host_file(in, at / "host", file), false}, total, files);
    }
  }
}

}  // namespace ks
