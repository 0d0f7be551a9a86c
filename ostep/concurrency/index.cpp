// The concurrency chapters' OSTEP simulators, in chapter order (one file per simulator in this folder).
#include "ostep/simulator.h"

namespace ks::ostep {

std::vector<Simulator> concurrency_simulators() { return {}; }

}  // namespace ks::ostep
