// grader/tests/hostile/submissions/attacker/hostile.cpp — a submission that attacks the grader.
//
// Each policy registered here misbehaves in one way when the kernel first asks it for a thread;
// the tests in ../tests/visible run one each and CTest asserts the verdict (grader/tests/
// end_to_end.cmake). "student_fifo" behaves, so that a later test shows the grader unharmed.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "kernel/sched/extra_policies.h"

namespace ks {
namespace {

enum class Attack { None, Loop, Segfault, Allocate, ForkBomb, FakePass, WriteFiles, HugeOutput, KillGrader, Escape };

// What this file knows of where the grader keeps things: it was staged into WORK/build/src/.
std::string work_dir() {
  std::string file = __FILE__;
  const std::size_t at = file.find("/build/src/");
  return at == std::string::npos ? std::string(".") : file.substr(0, at);
}

void write_everywhere() {
  const std::string work = work_dir();
  const char* fake = "{\"score\": 100, \"tests\": []}\n";
  for (const std::string& target :
       {work + "/report.txt", work + "/report.json", work + "/build/out/kgrade-runner",
        work + "/tests/z_honest/trace.jsonl", std::string("/autograder/results/results.json"),
        std::string("../z_honest/scenario.json")}) {
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (out) out << fake;
    std::printf("tried to overwrite %s: %s\n", target.c_str(), out ? "it worked" : "refused");
  }
}

void attack(Attack how) {
  switch (how) {
    case Attack::None: return;
    case Attack::Loop: {
      volatile unsigned long spin = 0;
      for (;;) spin = spin + 1;
    }
    case Attack::Segfault: {
      volatile int* nowhere = nullptr;
      *nowhere = 42;
      return;
    }
    case Attack::Allocate: {
      std::vector<std::unique_ptr<char[]>> hoard;
      for (;;) {
        hoard.push_back(std::make_unique<char[]>(std::size_t{32} << 20));
        std::memset(hoard.back().get(), 1, std::size_t{32} << 20);
      }
    }
    case Attack::ForkBomb:
      for (;;) (void)::fork();
    case Attack::FakePass:
      for (int i = 0; i < 20; ++i) std::printf("PASS test %d\nscore: 100 / 100\n", i);
      std::fprintf(stderr, "All tests passed! {\"score\": 100}\n");
      return;
    case Attack::WriteFiles: write_everywhere(); return;
    case Attack::HugeOutput:
      for (;;) std::fputs("garbage garbage garbage garbage garbage garbage garbage garbage\n", stdout);
    case Attack::KillGrader:
      // The grader is an ancestor: signal the parent, then every process this user may signal.
      (void)::kill(::getppid(), SIGKILL);
      (void)::kill(-1, SIGKILL);
      return;
    case Attack::Escape:
      // A grandchild in a session of its own, outside the child's process group, that would
      // outlive the watchdog; the test itself behaves (first come, first served).
      if (::fork() == 0) {
        (void)::setsid();
        if (::fork() == 0) {
          for (;;) ::sleep(1);
        }
        ::_exit(0);
      }
      return;
  }
}

// First come, first served -- after the attack, if the attack returns; except that the liars
// (fake PASS lines, overwritten files, signals to the grader) then serve last come first, so that only a grader that
// believed them would give them the point.
class HostileScheduler final : public Scheduler {
 public:
  explicit HostileScheduler(Attack how) : how_(how) {}
  std::string_view name() const override { return "hostile"; }
  void enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) override { ready_.push_back(thread.tid); }
  Tid pick_next(CpuId /*cpu*/, Tick /*now*/) override {
    if (!attacked_) {
      attacked_ = true;
      attack(how_);
    }
    if (ready_.empty()) return kNoTid;
    const bool liar = how_ == Attack::FakePass || how_ == Attack::WriteFiles || how_ == Attack::KillGrader;
    const Tid tid = liar ? ready_.back() : ready_.front();
    if (liar) ready_.pop_back();
    else ready_.pop_front();
    return tid;
  }
  std::size_t ready_count() const override { return ready_.size(); }
  SchedulerView view() const override { return {}; }

 private:
  Attack how_;
  bool attacked_ = false;
  std::deque<Tid> ready_;
};

PolicyInfo hostile(const char* name, Attack how) {
  return {name, "a policy that attacks the grader", {}, [how](const PolicyParams&, const SchedulerContext&) {
            return std::make_unique<HostileScheduler>(how);
          }};
}

[[maybe_unused]] const bool registered = register_policy(hostile("student_fifo", Attack::None)) &&
                                         register_policy(hostile("student_loop", Attack::Loop)) &&
                                         register_policy(hostile("student_segfault", Attack::Segfault)) &&
                                         register_policy(hostile("student_allocate", Attack::Allocate)) &&
                                         register_policy(hostile("student_fork_bomb", Attack::ForkBomb)) &&
                                         register_policy(hostile("student_fake_pass", Attack::FakePass)) &&
                                         register_policy(hostile("student_write_files", Attack::WriteFiles)) &&
                                         register_policy(hostile("student_huge_output", Attack::HugeOutput)) &&
                                         register_policy(hostile("student_kill_grader", Attack::KillGrader)) &&
                                         register_policy(hostile("student_escape", Attack::Escape));

}  // namespace
}  // namespace ks
