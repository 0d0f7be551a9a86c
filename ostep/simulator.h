// The OSTEP homework simulators: `kernsim ostep SIM [FLAGS...]` runs SIM as the textbook's
// SIM.py would, with the same flags, seeds, questions and answers (ostep/README.md).
//
// Each simulator is one file in its chapter group's folder (cpu/, memory/, storage/,
// concurrency/); the group's index.cpp lists them, and registry.cpp joins the groups in the
// book's chapter order. A simulator's run() parses ARGS with OptionParser (options.h), writes
// the run to OUT (text, or JSON with --json) and messages to ERR, and returns the exit status:
// 0 ok, 2 bad flags (or --viz where no view exists yet). --viz itself is kernsim's command line's
// (apps/kernsim/ostep_command.cpp): a simulator that sees it has no view and says so.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ks::ostep {

struct Simulator {
  std::string_view name;     // the script's name without ".py": "mlfq"
  std::string_view chapter;  // the book's chapter: "8 Scheduling: The Multi-Level Feedback Queue"
  std::string_view summary;  // one line for `kernsim ostep --list`
  int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
  // The visualizer's view that draws a run ("schedule": its --json data holds a "schedule",
  // ostep/cpu/schedule.h, that `kernsim ostep SIM --viz` replays there); empty: none yet.
  std::string_view view = {};
};

// Every simulator, in chapter order.
const std::vector<Simulator>& simulators();
// The simulator called NAME, or nullptr.
const Simulator* find_simulator(std::string_view name);

// Each chapter group's simulators, defined in that group's index.cpp.
std::vector<Simulator> cpu_simulators();
std::vector<Simulator> memory_simulators();
std::vector<Simulator> storage_simulators();
std::vector<Simulator> concurrency_simulators();

// What a simulator prints for --viz when it has no view yet, naming those that have one (exit
// status 2); for one that has a view, that the kernsim command line opens it.
int no_view_yet(std::string_view name, std::ostream& err);

}  // namespace ks::ostep
