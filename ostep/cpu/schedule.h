// The schedule of a CPU chapter's run, for `kernsim ostep SIM --viz`: when each job arrived, ran
// (and on which CPU), waited, blocked on I/O and finished, in the script's own time units.
//
// A simulator says what each job is doing as its run goes (change(TIME, JOB, STATE, CPU)); the
// schedule keeps only real changes. Two changes of one job at the same time fold into one, so a
// job that gives up the CPU and gets it back at once (an RR job alone in the queue, a lottery
// winner drawn again) stays one stretch of running, and a change back to the state before is no
// change at all (an arrival is never folded away). A change that goes back in time (a negative
// length in -l) leaves a schedule that cannot be drawn: as_json() then holds only "problem".
// as_json() is the schedule in the run's --json data ("schedule"): the jobs' names,
// the number of CPUs, and the changes in time order (at one time: leaving a CPU before taking
// one; a move to another CPU is both), each with the state it leaves. kernsim turns that into a kernsim trace that the
// visualizer replays (apps/kernsim/ostep_trace.h); ostep/ itself knows nothing of the trace.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::ostep::cpu {

enum class JobState { New, Ready, Running, Blocked, Done };

class Schedule {
 public:
  explicit Schedule(std::int64_t cpus = 1) : cpus_(cpus) {}
  // Adds a job called NAME (in state New) and returns its number: 0, 1, ...
  std::size_t add_job(std::string name);
  // JOB is in STATE from TIME on (on CPU when Running).
  void change(double time, std::size_t job, JobState state, std::int64_t cpu = 0);
  nlohmann::json as_json() const;

 private:
  struct Change {
    double time = 0;
    std::size_t job = 0;
    JobState from = JobState::New;
    JobState to = JobState::New;
    std::int64_t from_cpu = 0;
    std::int64_t cpu = 0;
    std::size_t previous = 0;  // the job's change before this one (npos: none)
    bool dropped = false;      // folded away: a change back to the state before
  };
  std::int64_t cpus_;
  std::vector<std::string> names_;
  std::vector<Change> changes_;
  std::string problem_;                   // why the schedule cannot be drawn (empty: it can)
  std::vector<std::size_t> last_change_;  // per job: its latest change in changes_ (npos: none)
};

std::string_view to_string(JobState state);

}  // namespace ks::ostep::cpu
