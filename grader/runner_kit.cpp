// grader/runner_kit.cpp — making the runner kit in the work folder (what it holds and why:
// runner_kit.h) from the manifest the kernsim build wrote: the headers of the library folders
// (not their tests/ or runner/), the libraries the manifest lists except those built from the
// lab's student files, the runner's CMakeLists.txt, and a CMake file that names them.
#include "grader/runner_kit.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grader/sandbox.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace fs = std::filesystem;

namespace {

// The source folders whose headers a student file may include.
constexpr const char* kHeaderFolders[] = {"sim-core", "cpu-models", "machine", "kernel",
                                          "scenario", "analysis",   "grader"};

void copy_headers(const fs::path& source, const fs::path& include) {
  for (const char* folder : kHeaderFolders) {
    const fs::path root = source / folder;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
      const fs::path& file = it->path();
      if (it->is_directory() && (file.filename() == "tests" || file.filename() == "runner")) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file() || (file.extension() != ".h" && file.extension() != ".hpp")) continue;
      const fs::path target = include / fs::relative(file, source);
      fs::create_directories(target.parent_path());
      fs::copy_file(file, target, fs::copy_options::overwrite_existing);
    }
  }
}

std::string cmake_list(const std::vector<std::string>& items) {
  std::string list;
  for (const std::string& item : items) list += (list.empty() ? "" : ";") + item;
  return list;
}

}  // namespace

RunnerKit prepare_runner_kit(const std::string& manifest, const std::string& into,
                             const std::vector<std::string>& leave_out) {
  std::ifstream in(manifest, std::ios::binary);
  if (!in) throw InputError({manifest, 0, 0, {}}, "the kernsim build has no runner kit manifest (rebuild kgrade)");
  nlohmann::json spec;
  try {
    spec = nlohmann::json::parse(in);
  } catch (const std::exception& error) {
    throw InputError({manifest, 0, 0, {}}, std::string("the runner kit manifest is unreadable: ") + error.what());
  }
  const fs::path kit = fs::absolute(into);
  std::error_code error;
  fs::remove_all(kit, error);
  fs::create_directories(kit / "lib");
  open_folder_to_children(kit.string());
  const fs::path source = spec.at("source_dir").get<std::string>();
  copy_headers(source, kit / "include");
  std::vector<std::string> libraries;
  for (const auto& library : spec.at("libraries")) {
    const std::string lab_file = library.value("lab_file", "");
    if (!lab_file.empty() && std::find(leave_out.begin(), leave_out.end(), lab_file) != leave_out.end()) continue;
    const fs::path file = library.at("file").get<std::string>();
    if (!fs::is_regular_file(file))
      throw InputError({file.string(), 0, 0, {}}, "a library of the runner kit is missing (rebuild kgrade)");
    const fs::path target = kit / "lib" / file.filename();
    fs::copy_file(file, target, fs::copy_options::overwrite_existing);
    libraries.push_back(target.generic_string());
  }
  fs::create_directories(kit / "runner");
  fs::copy_file(source / "grader" / "runner" / "CMakeLists.txt", kit / "runner" / "CMakeLists.txt",
                fs::copy_options::overwrite_existing);
  std::vector<std::string> includes;
  for (const auto& folder : spec.at("includes")) includes.push_back(folder.get<std::string>());
  RunnerKit result{kit.string(), (kit / "kernsim-runner.cmake").string(), (kit / "runner").string(),
                   cmake_list(includes)};
  std::ofstream config(result.config, std::ios::binary);
  config << "# The runner kit of one grading run (grader/runner_kit.h): headers, prebuilt libraries.\n"
         << "set(KS_SOURCE_DIR \"" << (kit / "include").generic_string() << "\")\n"
         << "set(KS_VERSION \"" << spec.at("version").get<std::string>() << "\")\n"
         << "set(KS_SANITIZE " << (spec.at("sanitize").get<bool>() ? "ON" : "OFF") << ")\n"
         << "set(KS_RUNNER_INCLUDES \"" << result.third_party << "\")\n"
         << "set(KS_RUNNER_LIBS \"" << cmake_list(libraries) << "\")\n";
  if (!config) throw InputError({result.config, 0, 0, {}}, "cannot write the runner kit");
  return result;
}

}  // namespace ks::grade
