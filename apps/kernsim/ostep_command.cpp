// kernsim ostep: the homework simulators of "Operating Systems: Three Easy Pieces", natively.
// `kernsim ostep SIM [FLAGS...]` runs SIM (named as the textbook's script, without ".py") with
// FLAGS untouched: they are the script's own, parsed by its optparse-compatible parser
// (ostep/options.h), not by CLI11. `kernsim ostep --list` lists the simulators by chapter.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "apps/kernsim/commands.h"
#include "ostep/simulator.h"

namespace ks::cli {
namespace {

void list_simulators(std::ostream& out) {
  std::size_t width = 0;
  for (const ostep::Simulator& simulator : ostep::simulators()) width = std::max(width, simulator.name.size());
  for (const ostep::Simulator& simulator : ostep::simulators()) {
    out << simulator.name << std::string(width + 2 - simulator.name.size(), ' ') << "ch. " << simulator.chapter
        << " — " << simulator.summary << '\n';
  }
}

int run_ostep(const std::vector<std::string>& words, bool list) {
  if (list) {
    list_simulators(std::cout);
    return kExitOk;
  }
  if (words.empty()) {
    std::cerr << "kernsim ostep: name a simulator, e.g. `kernsim ostep scheduler -c` (`kernsim ostep --list` "
                 "lists them)\n";
    return kExitBadInput;
  }
  const ostep::Simulator* simulator = ostep::find_simulator(words.front());
  if (simulator == nullptr) {
    std::cerr << "kernsim ostep: no simulator \"" << words.front() << "\"; the simulators are:";
    for (const ostep::Simulator& known : ostep::simulators()) std::cerr << ' ' << known.name;
    std::cerr << '\n';
    return kExitBadInput;
  }
  const std::vector<std::string> args(words.begin() + 1, words.end());
  return simulator->run(args, std::cout, std::cerr);
}

}  // namespace

void add_ostep_command(CLI::App& app, int& status) {
  CLI::App* command = app.add_subcommand(
      "ostep", "Run an OSTEP homework simulator as the textbook's script runs: kernsim ostep SIM [FLAGS...]");
  command->prefix_command();  // SIM and its flags are passed through untouched
  auto list = std::make_shared<bool>(false);
  command->add_flag("--list", *list, "List the simulators with their chapters");
  command->footer("SIM's flags are those of the textbook's SIM.py (kernsim ostep SIM -h lists them), plus --json\n"
                  "(the run as data) and --viz. Example: kernsim ostep scheduler -p RR -q 2 -s 3 -c");
  command->callback([command, list, &status] { status = run_ostep(command->remaining(), *list); });
}

}  // namespace ks::cli
