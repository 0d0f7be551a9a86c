// The memory chapters' OSTEP simulators, in chapter order (one file per simulator in this folder).
#include "ostep/memory/index.h"
#include "ostep/simulator.h"

namespace ks::ostep {

std::vector<Simulator> memory_simulators() {
  using namespace memory;
  return {
      {"relocation", "15 Mechanism: Address Translation", "base-and-bounds translation of virtual addresses",
       run_relocation},
      {"segmentation", "16 Segmentation", "two segments growing in opposite directions: translate or fault",
       run_segmentation},
      {"malloc", "17 Free-Space Management",
       "a free-list allocator: best, worst and first fit, list orders, coalescing", run_malloc},
      {"paging-linear-translate", "18 Paging: Introduction", "translation through a linear page table",
       run_paging_linear_translate},
      {"paging-multilevel-translate", "20 Paging: Smaller Tables",
       "a two-level page table walk in a small physical memory", run_paging_multilevel_translate},
      {"paging-policy", "22 Beyond Physical Memory: Policies",
       "page replacement: FIFO, LRU, OPT, UNOPT, RAND, CLOCK (and MRU)", run_paging_policy},
  };
}

}  // namespace ks::ostep
