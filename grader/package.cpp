// grader/package.cpp — the Gradescope zip (what it holds: package.h): every file of the source
// tree except build folders, .git, bench and kgrade's work folders, in sorted order and with
// their executable bits, then setup.sh and run_autograder. run_autograder removes results.json
// when kgrade reports a fault of the grader, so Gradescope records no score rather than a zero.
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
  return top.rfind("build", 0) == 0 || top == ".git" || top == ".cache" || top == "bench" || top.rfind(".vs", 0) == 0 ||
         top == "out" || top.rfind("kgrade-", 0) == 0;
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string gradescope_setup_script(const LabSpec& lab) {
  const std::string lab_dir = "labs/" + fs::path(lab.dir).filename().string();
  return R"(#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends cmake ninja-build g++ nlohmann-json3-dev libcli11-dev libzip-dev bubblewrap ca-certificates
cd /autograder/source
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKS_BUILD_TESTS=OFF -DKS_BUILD_BENCH=OFF -DKS_BUILD_VISUALIZER=OFF -DKS_BUILD_GRADEBOOK=OFF
cmake --build build --target kgrade
# Where bubblewrap cannot run (no user namespaces), the submission's code runs as an unprivileged
# user that can read what is world-readable: the hidden tests and the reference solution are here.
chmod -R go-rwx /autograder/source
# The reference solution, graded here as a submission: full marks, or the image is not usable.
build/bin/kgrade doctor )" +
         lab_dir + R"( --work /tmp/kgrade-doctor
)";
}

std::string gradescope_run_script(const LabSpec& lab) {
  return "#!/usr/bin/env bash\n"
         "# Gradescope runs this for every submission; /autograder/submission holds the student's files.\n"
         "cd /autograder/source\n"
         "mkdir -p /autograder/results\n"
         "build/bin/kgrade test labs/" +
         fs::path(lab.dir).filename().string() +
         " --submission /autograder/submission --format gradescope --out /autograder/results/results.json"
         " --work /tmp/kgrade-work\n"
         "status=$?\n"
         "# 0: graded, whatever the score. Anything else is not the student's doing (3: a fault of the grader or\n"
         "# of this machine). Then no results.json: Gradescope shows that the autograder failed and records\n"
         "# no score, and the submission can be regraded once the fault is fixed.\n"
         "if [ \"$status\" -ne 0 ]; then\n"
         "  rm -f /autograder/results/results.json\n"
         "  echo \"kgrade: not graded (exit status $status): a fault of the grader, not of the submission\"\n"
         "  exit 1\n"
         "fi\n"
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
  entries.push_back({"setup.sh", gradescope_setup_script(lab), true});
  entries.push_back({"run_autograder", gradescope_run_script(lab), true});
  write_zip(out_file, entries);
  return entries.size();
}

}  // namespace ks::grade
