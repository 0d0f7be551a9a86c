// grader/runner_kit.h — what a submission's build may see: the runner kit.
//
// kgrade builds every submission's runner (grader/runner/) in a sandbox that sees only the
// system's folders, the student's staged files and this kit, copied into the work folder once
// per grading run: the headers of the kernsim libraries, the prebuilt libraries linked in the
// form without the labs' student files (ks-kernel-runner, cmake/KsLabs.cmake), the runner's
// CMake project and a configuration naming them. No .cpp file of kernsim is in it, so no
// reference solution can be compiled into a runner, and nothing of the lab (hidden tests,
// reference results) can be #included or read by the compiler.
#pragma once

#include <string>
#include <vector>

namespace ks::grade {

struct RunnerKit {
  std::string dir;          // the kit's folder
  std::string config;       // its kernsim-runner.cmake
  std::string project;      // its copy of grader/runner (the CMake project)
  std::string third_party;  // include folders outside the system's (vcpkg), ';'-separated, may be empty
};

// Copies the kit described by MANIFEST (build/grader/runner-kit.json, written by CMake) into
// INTO (made anew), without the libraries of the lab files in LEAVE_OUT (the graded lab's
// student_files). Throws InputError when the manifest or a file it names is missing: the
// kernsim build is incomplete, a fault of the grader's installation.
RunnerKit prepare_runner_kit(const std::string& manifest, const std::string& into,
                             const std::vector<std::string>& leave_out);

}  // namespace ks::grade
