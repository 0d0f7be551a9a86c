// `kernsim ostep x86`, the threads chapters' race simulator (x86.cpp says how it runs).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ks::ostep::x86 {

// Runs x86.py's command line ARGS (the words after "x86"): the trace on OUT, problems on ERR.
// Returns 0, or 2 for a bad flag, a bad program or a run that cannot go on.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ks::ostep::x86
