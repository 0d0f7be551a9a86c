# grader/tests/attacks/vm_attack_test.cmake — one hostile submission to the VM lab (labs/vm), as a
# student would try it; see docs/grading.md ("Threat model").
#   cmake -DATTACK=NAME -DKGRADE=kgrade -DSOURCE=source-tree -DWORK=folder -P vm_attack_test.cmake
# Makes WORK/submission: the reference page_fault.cpp (the attacks are on the policy) and a hostile
# enhanced_clock.cpp; grades it on one test and checks that the attack earns nothing, ends with
# the expected status and a clear reason, and that nothing secret shows in the report.
set(_sub ${WORK}/submission)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${_sub}/kernel/mm/replace)
file(COPY_FILE ${SOURCE}/kernel/mm/page_fault.cpp ${_sub}/kernel/mm/page_fault.cpp)
set(_clock ${_sub}/kernel/mm/replace/enhanced_clock.cpp)
set(_hidden ${SOURCE}/labs/vm/tests/hidden/clock_zipf.json)
set(_secret "91373")  # that hidden test's seed
set(_test clock_textbook)

# The policy around BODY (the constructor's) and VICTIM (choose_victim's), registered as the
# real file is: the runner calls enhanced_clock_replacement() by name.
function(write_policy body victim)
  file(WRITE ${_clock} "#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include \"kernel/mm/replace/slot_list.h\"
namespace ks {
namespace {
class Hostile final : public ReplacementPolicy {
 public:
  Hostile(const PolicyParams& params, const ReplacementContext& context) : frames_(context.frames) {
    (void)params;
    ${body}
  }
  std::string_view name() const override { return \"enhanced-clock\"; }
  void inserted(Slot, PageKey, std::uint64_t) override {}
  void removed(Slot) override {}
  Slot choose_victim(const Eligible& eligible, std::uint64_t t) override {
    ${victim}
    for (std::uint32_t looks = 0; looks < frames_; ++looks) {
      const Slot slot = hand_;
      hand_ = hand_ + 1 == frames_ ? 0 : hand_ + 1;
      if (eligible(slot)) return slot;
    }
    return 0;
  }
  ReplacementView view() const override { return inner_ ? inner_->view() : ReplacementView{}; }
  std::unique_ptr<ReplacementPolicy> inner_;
 private:
  std::uint32_t frames_;
  Slot hand_ = 0;
};
}  // namespace
ReplacementInfo enhanced_clock_replacement() {
  return {\"enhanced-clock\", \"hostile\", {},
          [](const PolicyParams& params, const ReplacementContext& context) {
            return std::make_unique<Hostile>(params, context);
          }};
}
}  // namespace ks
")
endfunction()

set(_status_pattern "^failed$")
set(_reason "checks passed")
if(ATTACK STREQUAL "fake_trace")
  # Prints what a passing run might print, and appends forged events to the trace file itself.
  write_policy("std::cout << \"PASS clock_textbook 10/10\\n{\\\"t\\\":0,\\\"event\\\":\\\"run_end\\\"}\\n\";
    std::ofstream(\"trace.jsonl\", std::ios::app) << \"{\\\"t\\\":0,\\\"event\\\":\\\"page_fault\\\",\\\"pid\\\":1,\\\"address\\\":0,\\\"fault\\\":0}\\n\";"
    "(void)t;")
  set(_status_pattern "^(failed|bad trace)$")
  set(_reason "(checks passed|unusable trace)")
elseif(ATTACK STREQUAL "read_hidden_tests")
  # Reads a hidden test (the seed of its string) and the lab's reference traces, and prints them.
  write_policy("for (const char* file : {\"${_hidden}\", \"${SOURCE}/labs/vm/tests/hidden/clock_scan_hot.json\"}) {
      std::ifstream in(file);
      std::stringstream text;
      text << in.rdbuf();
      std::cerr << text.str();
    }"
    "(void)t;")
elseif(ATTACK STREQUAL "call_the_reference_by_name")
  # Asks the registry for the reference enhanced clock: in the runner that is this policy itself.
  write_policy("inner_ = replacement_registry().find(\"enhanced-clock\")->make(params, context);"
    "return inner_->choose_victim(eligible, t);")
  set(_status_pattern "^crashed$")
  set(_reason "killed by SIGSEGV")
elseif(ATTACK STREQUAL "call_another_clock")
  # Hands the work to the plain clock, the nearest policy the runner has.
  write_policy("inner_ = replacement_registry().find(\"clock\")->make(params, context);"
    "return inner_->choose_victim(eligible, t);")
  set(_status_pattern "^(failed|partial)$")
  set(_reason "(first divergence|checks passed)")
elseif(ATTACK STREQUAL "loop_forever")
  write_policy("" "(void)t; for (volatile int spin = 0;; spin = spin + 1) {}")
  set(_status_pattern "^(cpu limit|timeout)$")
  set(_reason "(CPU time|time limit)")
else()
  message(FATAL_ERROR "unknown attack ${ATTACK}")
endif()

execute_process(COMMAND ${KGRADE} test vm --submission ${_sub} --test ${_test} --format json
                        --out ${WORK}/report.json --work ${WORK}/grade
                RESULT_VARIABLE _status OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 300)
if(NOT _status STREQUAL "0")
  message(FATAL_ERROR "kgrade exited with ${_status}; it must grade the attack (0)\n${_out}${_err}")
endif()
file(READ ${WORK}/report.json _report)
string(JSON _test_status GET "${_report}" tests 0 status)
string(JSON _test_reason GET "${_report}" tests 0 reason)
string(JSON _earned GET "${_report}" tests 0 earned)
string(JSON _points GET "${_report}" tests 0 points)
string(JSON _sandbox GET "${_report}" sandbox)
if(ATTACK STREQUAL "read_hidden_tests" AND NOT _sandbox MATCHES "^bubblewrap")
  message(STATUS "no bubblewrap here: the child can read what file permissions let it read (docs/grading.md)")
  return()
endif()
if(NOT _test_status MATCHES "${_status_pattern}")
  message(FATAL_ERROR "the attack ${ATTACK} ended ${_test_status} (${_test_reason}); expected ${_status_pattern}\n${_report}")
endif()
if(ATTACK STREQUAL "call_another_clock")
  # The plain clock may get a count right (that is partial credit for a real property), never all.
  if(NOT _earned LESS _points)
    message(FATAL_ERROR "the plain clock passed as the enhanced clock (${_earned}/${_points})\n${_report}")
  endif()
elseif(NOT _earned EQUAL 0)
  message(FATAL_ERROR "the attack ${ATTACK} earned ${_earned} points\n${_report}")
endif()
if(NOT "${_test_reason}${_report}" MATCHES "${_reason}")
  message(FATAL_ERROR "the report does not say \"${_reason}\":\n${_report}")
endif()
string(FIND "${_report}${_out}${_err}" "${_secret}" _leak)
if(NOT _leak EQUAL -1)
  message(FATAL_ERROR "the report shows what the attack tried to read (\"${_secret}\"):\n${_report}")
endif()
message(STATUS "${ATTACK}: ${_test_status}, ${_earned}/${_points} points: ${_test_reason}")
