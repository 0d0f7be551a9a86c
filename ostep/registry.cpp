// The table of OSTEP simulators: the four chapter groups in the book's order (virtualization of
// the CPU, then of memory, then concurrency, then persistence).
#include <ostream>

#include "ostep/simulator.h"

namespace ks::ostep {

const std::vector<Simulator>& simulators() {
  static const std::vector<Simulator> all = [] {
    std::vector<Simulator> list;
    for (auto group : {cpu_simulators, memory_simulators, concurrency_simulators, storage_simulators}) {
      for (const Simulator& simulator : group()) list.push_back(simulator);
    }
    return list;
  }();
  return all;
}

const Simulator* find_simulator(std::string_view name) {
  for (const Simulator& simulator : simulators()) {
    if (simulator.name == name) return &simulator;
  }
  return nullptr;
}

int no_view_yet(std::string_view name, std::ostream& err) {
  const Simulator* simulator = find_simulator(name);
  if (simulator != nullptr && !simulator->view.empty()) {  // called as a library (kgrade), not by kernsim
    err << "kernsim ostep " << name << ": --viz: the " << simulator->view
        << " view is opened by the command line: kernsim ostep " << name << " --viz\n";
    return 2;
  }
  err << "kernsim ostep " << name << ": --viz: there is no visualizer view for this simulator yet (run it without "
      << "--viz for the text, or with --json for the data); --viz draws";
  std::string_view separator = " ";
  for (const Simulator& viewed : simulators()) {
    if (viewed.view.empty()) continue;
    err << separator << viewed.name;
    separator = ", ";
  }
  err << " in the visualizer's schedule view\n";
  return 2;
}

}  // namespace ks::ostep
