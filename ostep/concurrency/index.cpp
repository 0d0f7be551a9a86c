// The concurrency chapters' OSTEP simulators, in chapter order (one file per simulator in this folder).
#include "ostep/concurrency/x86.h"
#include "ostep/simulator.h"

namespace ks::ostep {

std::vector<Simulator> concurrency_simulators() {
  return {
      {"x86", "26 Concurrency: An Introduction; 28 Locks",
       "threads of a toy x86 program interleaved by a timer interrupt: races, locks, spin and yield", &x86::run},
  };
}

}  // namespace ks::ostep
