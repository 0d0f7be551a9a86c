// grader/preflight.h — checking the machine before any student code runs.
//
// A fault of the grader must never become a student's zero. Everything that is not the
// student's doing is checked here, before the submission is touched: the work folder can be
// entered and written by the sandbox's user (if not, a reachable one is chosen), the disk has
// room, the machine lets a child have the lab's limits, the sandbox starts, and the build tools
// run inside it. A problem found here makes the whole submission "not graded" with the reason.
// Because it is decided before the submission's code runs, a submission cannot fake it.
//
// It also finds out what the sandbox could read that it must not (hidden tests, solution files,
// reference results): with bubblewrap nothing; without it the answer depends on file permissions,
// and the report says so.
#pragma once

#include <string>
#include <vector>

#include "grader/grade.h"

namespace ks::grade {

struct Preflight {
  std::string fault;               // empty when grading can go ahead
  std::vector<std::string> notes;  // for the report: a moved work folder, what the sandbox can read
};

// Checks the environment for grading LAB with OPTIONS; may move OPTIONS.work_dir to a folder the
// sandbox can reach (and says so in a note).
Preflight check_environment(const LabSpec& lab, GradeOptions& options);

}  // namespace ks::grade
