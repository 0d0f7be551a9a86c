// The CPU chapters' OSTEP simulators, in chapter order (one file per simulator in this folder).
#include "ostep/cpu/simulators.h"
#include "ostep/simulator.h"

namespace ks::ostep {

std::vector<Simulator> cpu_simulators() {
  using namespace cpu;
  return {
      {"process-run", "4 The Abstraction: The Process", "processes that compute and do I/O, and when the CPU switches",
       run_process_run, "schedule"},
      {"scheduler", "7 Scheduling: Introduction", "FIFO, SJF and RR: response, turnaround and wait times",
       run_scheduler, "schedule"},
      {"mlfq", "8 Scheduling: The Multi-Level Feedback Queue", "priority queues, allotments, boosts and I/O", run_mlfq,
       "schedule"},
      {"lottery", "9 Scheduling: Proportional Share", "lottery scheduling: which ticket wins each quantum", run_lottery,
       "schedule"},
      {"multi", "10 Multiprocessor Scheduling", "CPUs with caches: central or per-CPU queues, affinity, stealing",
       run_multi, "schedule"},
  };
}

}  // namespace ks::ostep
