// The memory chapters' OSTEP simulators (virtualization of memory, chapters 15 to 22): one file
// per textbook script, named as the script (relocation.cpp for relocation.py), and common.h for
// what they share (Python's int(), the scripts' size suffixes, the run harness and its two ways of
// refusing bad input). index.cpp lists them for the registry. Files here include only the ostep/
// helpers, the standard library and nlohmann/json; never anything of kernsim's machine or kernel.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ks::ostep::memory {

int run_relocation(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_segmentation(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_malloc(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_paging_linear_translate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_paging_multilevel_translate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_paging_policy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ks::ostep::memory
