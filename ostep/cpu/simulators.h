// The CPU chapters' simulators, one file each in this folder; index.cpp lists them.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ks::ostep::cpu {

int run_process_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_scheduler(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_mlfq(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_lottery(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_multi(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ks::ostep::cpu
