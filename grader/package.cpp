#include "grader/package.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grader/zip_writer.h"

namespace ks::grade {
namespace fs = std::filesystem;

namespace {

// Top-level folders of the source tree that the autograder does not need.
bool skipped(const fs::path& relative) {
  const std::string top = relative.begin()->string();
  return top.rfind("build", 0) == 0 || top == ".git" || top == ".cache" || top == "bench" || top == "visualizer" ||
         top.rfind(".vs", 0) == 0 || top == "out" || top.rfind("kgrade-", 0) == 0;
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string gradescope_setup_script() {
  return R"(#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends cmake ninja-build g++ nlohmann-json3-dev libcli11-dev bubblewrap ca-certificates
cd /autograder/source
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKS_BUILD_TESTS=OFF -DKS_BUILD_BENCH=OFF -DKS_BUILD_VISUALIZER=OFF
cmake --build build --target kgrade
)";
}

std::string gradescope_run_script(const LabSpec& lab) {
  return "#!/usr/bin/env bash\n"
         "# Gradescope runs this for every submission; /autograder/submission holds the student's files.\n"
         "cd /autograder/source\n"
         "mkdir -p /autograder/results\n"
         "build/bin/kgrade test labs/" + fs::path(lab.dir).filename().string() +
         " --submission /autograder/submission --format gradescope --out /autograder/results/results.json"
         " --work /tmp/kgrade-work\n"
         "# kgrade has written results.json whatever happened; its exit status is not a grade.\n"
         "exit 0\n";
}

std::size_t write_gradescope_package(const LabSpec& lab, const std::string& source_dir, const std::string& out_file) {
  std::vector<ZipEntry> entries;
  std::vector<fs::path> files;
  const fs::path root = fs::absolute(source_dir);
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path relative = fs::relative(it->path(), root);
    if (skipped(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(relative);
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& relative : files) {
    const auto permissions = fs::status(root / relative).permissions();
    const bool executable = (permissions & fs::perms::owner_exec) != fs::perms::none;
    entries.push_back({relative.generic_string(), read_all(root / relative), executable});
  }
  entries.push_back({"setup.sh", gradescope_setup_script(), true});
  entries.push_back({"run_autograder", gradescope_run_script(lab), true});
  write_zip(out_file, entries);
  return entries.size();
}

}  // namespace ks::grade
