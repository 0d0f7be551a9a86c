// grader/package.h — the Gradescope autograder package of a lab.
//
// Gradescope builds a container from a zip holding setup.sh (run once, as root, to install and
// build) and run_autograder (run for every submission, in /autograder; the submission is in
// /autograder/submission and the results go to /autograder/results/results.json). The package
// holds the kernsim sources (no build folders, no .git) with the lab and its hidden tests; the
// setup script builds kernsim and kgrade; run_autograder runs the same kgrade that students run.
#pragma once

#include <string>

#include "grader/test_spec.h"

namespace ks::grade {

// Writes the package of LAB (found in SOURCE_DIR) to OUT_FILE; returns the number of files.
std::size_t write_gradescope_package(const LabSpec& lab, const std::string& source_dir, const std::string& out_file);
// The two scripts, for the documentation and the tests.
std::string gradescope_setup_script(const LabSpec& lab);
std::string gradescope_run_script(const LabSpec& lab);

}  // namespace ks::grade
