// The storage chapters' OSTEP simulators, in chapter order (one file per simulator in this folder).
#include "ostep/simulator.h"

namespace ks::ostep {

std::vector<Simulator> storage_simulators() { return {}; }

}  // namespace ks::ostep
