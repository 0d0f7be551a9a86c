// process-run (chapter 4, "The Abstraction: The Process"): processes that compute and issue
// I/O, one CPU, and the two choices of the chapter's homework: switch away on an I/O or only at
// the end (-S), and on I/O completion run the waiting process at once or later (-I).
//
// The model, as the script has it: a process is a list of instructions ("cpu", "io", and an
// "io_done" after each io, the CPU work of handling its completion). Each tick, completed I/Os
// (issued at t, done at t + io_length + 1) make their processes READY, possibly switching to
// them; then the running process executes one instruction. A process whose list is empty is DONE.
// -l X:Y draws X instructions, each "cpu" with probability Y% (one random() per instruction);
// -P c7,i:c2 gives the programs exactly.
#include <deque>
#include <string>
#include <vector>

#include "ostep/cpu/common.h"
#include "ostep/cpu/schedule.h"
#include "ostep/cpu/simulators.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"

namespace ks::ostep::cpu {
namespace {

enum class State { Running, Ready, Done, Blocked };

const char* state_name(State state) {
  switch (state) {
    case State::Running: return "RUNNING";
    case State::Ready: return "READY";
    case State::Done: return "DONE";
    case State::Blocked: return "BLOCKED";
  }
  return "";
}

struct Process {
  std::deque<std::string> code;
  State state = State::Ready;
  std::vector<std::int64_t> io_finish_times;
};

struct Machine {
  std::vector<Process> processes;
  std::size_t current = 0;
  bool switch_on_io = true;    // SWITCH_ON_IO, otherwise SWITCH_ON_END
  bool run_immediate = false;  // IO_RUN_IMMEDIATE, otherwise IO_RUN_LATER
  std::int64_t io_length = 5;

  // next_proc(PID): make PID the running process.
  void run_process(std::size_t pid) {
    current = pid;
    processes[pid].state = State::Running;
  }
  // next_proc(): the next READY process after the current one, wrapping around; none: unchanged.
  void next_process() {
    for (std::size_t pid = current + 1; pid < processes.size(); ++pid) {
      if (processes[pid].state == State::Ready) return run_process(pid);
    }
    for (std::size_t pid = 0; pid <= current; ++pid) {
      if (processes[pid].state == State::Ready) return run_process(pid);
    }
  }
  std::size_t count(bool (*pred)(State)) const {
    std::size_t n = 0;
    for (const Process& p : processes) n += pred(p.state) ? 1 : 0;
    return n;
  }
  std::size_t active() const {
    return count([](State s) { return s != State::Done; });
  }
  std::size_t runnable() const {
    return count([](State s) { return s == State::Ready || s == State::Running; });
  }
  std::int64_t ios_in_flight(std::int64_t now) const {
    std::int64_t n = 0;
    for (const Process& p : processes) {
      for (const std::int64_t t : p.io_finish_times) n += t > now ? 1 : 0;
    }
    return n;
  }
  void check_if_done() {
    Process& p = processes[current];
    if (p.code.empty() && p.state == State::Running) {
      p.state = State::Done;
      next_process();
    }
  }
};

void add_io(Process& p) {
  p.code.emplace_back("io");
  p.code.emplace_back("io_done");  // the CPU work of handling the I/O's completion
}

// -P: programs separated by ':', each a comma-separated list of cN (compute N ticks) and i (I/O).
void load_programs(Machine& m, const std::string& programs) {
  for (const std::string& program : split(programs, ':')) {
    Process p;
    for (const std::string& step : split(program, ',')) {
      if (step.empty()) throw InputError("-P: an empty step in program " + py_repr(program) + " (should be cN or i)");
      if (step[0] == 'c') {
        const std::int64_t n = within(int_or_error(step.substr(1), "-P (step " + py_repr(step) + ")"), "-P", kMaxCount);
        for (std::int64_t i = 0; i < n; ++i) p.code.emplace_back("cpu");
      } else if (step[0] == 'i') {
        add_io(p);
      } else {
        throw ScriptStop{py_percent("bad opcode %s (should be c or i)\n", std::string(1, step[0]))};
      }
    }
    m.processes.push_back(std::move(p));
  }
}

// -l: X:Y per process, X instructions each a CPU one with chance Y percent.
void load_random(Machine& m, const std::string& list, PyRandom& random) {
  for (const std::string& description : split(list, ',')) {
    const std::vector<std::string> parts = split(description, ':');
    if (parts.size() != 2) {
      throw ScriptStop{py_percent("Bad description (%s): Must be number <x:y>\n", description) +
                       "  where X is the number of instructions\n"
                       "  and Y is the percent change that an instruction is CPU not IO\n"};
    }
    const std::int64_t instructions =
        within(int_or_error(parts[0], "-l (" + py_repr(description) + ")"), "-l", kMaxCount);
    const double chance_cpu = float_or_error(parts[1], "-l (" + py_repr(description) + ")") / 100.0;
    Process p;
    for (std::int64_t i = 0; i < instructions; ++i) {
      if (random.random() < chance_cpu) {
        p.code.emplace_back("cpu");
      } else {
        add_io(p);
      }
    }
    m.processes.push_back(std::move(p));
  }
}

void print_question(const Machine& m, Report& report) {
  std::ostringstream& out = report.text;
  out << "Produce a trace of what would happen when you run these processes:\n";
  for (std::size_t pid = 0; pid < m.processes.size(); ++pid) {
    out << "Process " << pid << "\n";
    for (const std::string& instruction : m.processes[pid].code) out << "  " << instruction << "\n";
    out << "\n";
  }
  out << "Important behaviors:\n";
  out << "  System will switch when "
      << (m.switch_on_io ? "the current process is FINISHED or ISSUES AN IO\n" : "the current process is FINISHED\n");
  out << "  After IOs, the process issuing the IO will "
      << (m.run_immediate ? "run IMMEDIATELY\n" : "run LATER (when it is its turn)\n");
  out << "\n";
}

// The tick loop of the script's run(); returns (cpu busy, io busy, ticks).
void run(Machine& m, Report& report, std::int64_t& cpu_busy, std::int64_t& io_busy, std::int64_t& clock) {
  std::ostringstream& out = report.text;
  nlohmann::json trace = nlohmann::json::array();
  Schedule schedule;  // the row of time N is the stretch from N - 1 to N
  for (std::size_t pid = 0; pid < m.processes.size(); ++pid)
    schedule.change(0, schedule.add_job("PID " + std::to_string(pid)), JobState::Ready);
  m.current = 0;
  m.processes[0].state = State::Running;
  out << "Time";
  for (std::size_t pid = 0; pid < m.processes.size(); ++pid) out << py_percent("%14s", py_percent("PID:%2d", pid));
  out << py_percent("%14s", "CPU") << py_percent("%14s", "IOs") << "\n";
  while (m.active() > 0) {
    ++clock;
    bool io_done = false;
    for (std::size_t pid = 0; pid < m.processes.size(); ++pid) {
      const auto& finish = m.processes[pid].io_finish_times;
      if (std::find(finish.begin(), finish.end(), clock) == finish.end()) continue;
      io_done = true;
      m.processes[pid].state = State::Ready;
      if (m.run_immediate) {
        if (m.current != pid && m.processes[m.current].state == State::Running)
          m.processes[m.current].state = State::Ready;
        m.run_process(pid);
      } else {
        if (!m.switch_on_io && m.runnable() > 1) m.run_process(pid);
        if (m.runnable() == 1) m.run_process(pid);
      }
      m.check_if_done();
    }
    std::string instruction;
    Process& running = m.processes[m.current];
    if (running.state == State::Running && !running.code.empty()) {
      instruction = running.code.front();
      running.code.pop_front();
      ++cpu_busy;
    }
    nlohmann::json states = nlohmann::json::array();
    out << py_percent(io_done ? "%3d*" : "%3d ", clock);
    for (std::size_t pid = 0; pid < m.processes.size(); ++pid) {
      const std::string shown =
          (pid == m.current && !instruction.empty()) ? "RUN:" + instruction : state_name(m.processes[pid].state);
      out << py_percent("%14s", shown);
      states.push_back(shown);
      const State state = m.processes[pid].state;
      const JobState drawn = shown.rfind("RUN", 0) == 0 ? JobState::Running
                             : state == State::Blocked  ? JobState::Blocked
                             : state == State::Done     ? JobState::Done
                                                        : JobState::Ready;
      schedule.change(static_cast<double>(clock - 1), pid, drawn);
    }
    out << py_percent("%14s", instruction.empty() ? " " : "1");
    const std::int64_t outstanding = m.ios_in_flight(clock);
    if (outstanding > 0) {
      out << py_percent("%14s", std::to_string(outstanding));
      ++io_busy;
    } else {
      out << py_percent("%10s", " ");
    }
    out << "\n";
    trace.push_back({{"time", clock},
                     {"io_done", io_done},
                     {"states", states},
                     {"cpu", instruction.empty() ? 0 : 1},
                     {"ios", outstanding}});
    if (instruction == "io") {
      m.processes[m.current].state = State::Blocked;
      m.processes[m.current].io_finish_times.push_back(clock + m.io_length + 1);
      if (m.switch_on_io) m.next_process();
    }
    m.check_if_done();
  }
  for (std::size_t pid = 0; pid < m.processes.size(); ++pid)
    schedule.change(static_cast<double>(clock), pid, JobState::Done);
  report.data["trace"] = trace;
  report.data["schedule"] = schedule.as_json();
}

void declare(OptionParser& p) {
  p.add_int("-s", "--seed", "seed", 0, "the random seed");
  p.add_string("-P", "--program", "program", "", "more specific controls over programs");
  p.add_string(
      "-l", "--processlist", "process_list", "",
      "a comma-separated list of processes to run, in the form X1:Y1,X2:Y2,... where X is the number of "
      "instructions that process should run, and Y the chances (from 0 to 100) that an instruction will use "
      "the CPU or issue an IO (i.e., if Y is 100, a process will ONLY use the CPU and issue no I/Os; if Y is 0, "
      "a process will only issue I/Os)");
  p.add_int("-L", "--iolength", "io_length", 5, "how long an IO takes");
  p.add_string("-S", "--switch", "process_switch_behavior", "SWITCH_ON_IO",
               "when to switch between processes: SWITCH_ON_IO, SWITCH_ON_END");
  p.add_string("-I", "--iodone", "io_done_behavior", "IO_RUN_LATER",
               "type of behavior when IO ends: IO_RUN_LATER, IO_RUN_IMMEDIATE");
  p.add_flag("-c", "", "solve", "compute answers for me");
  p.add_flag("-p", "--printstats", "print_stats",
             "print statistics at end; only useful with -c flag (otherwise stats are not printed)");
}

void simulate(const OptionParser& o, Report& report) {
  PyRandom random(o.get_int("seed"));
  Machine m;
  const std::string& switch_behavior = o.get_string("process_switch_behavior");
  const std::string& done_behavior = o.get_string("io_done_behavior");
  if (switch_behavior != "SWITCH_ON_IO" && switch_behavior != "SWITCH_ON_END") {
    throw InputError("-S: " + py_repr(switch_behavior) + " is not SWITCH_ON_IO or SWITCH_ON_END");
  }
  if (done_behavior != "IO_RUN_LATER" && done_behavior != "IO_RUN_IMMEDIATE") {
    throw InputError("-I: " + py_repr(done_behavior) + " is not IO_RUN_LATER or IO_RUN_IMMEDIATE");
  }
  m.switch_on_io = switch_behavior == "SWITCH_ON_IO";
  m.run_immediate = done_behavior == "IO_RUN_IMMEDIATE";
  m.io_length = within(o.get_int("io_length"), "-L", kMaxMagnitude);
  if (!o.get_string("program").empty()) {
    load_programs(m, o.get_string("program"));
  } else {
    load_random(m, o.get_string("process_list"), random);
  }
  if (m.io_length < 0) throw InputError("-L: the I/O length must not be negative, got " + std::to_string(m.io_length));
  nlohmann::json processes = nlohmann::json::array();
  for (const Process& p : m.processes) processes.push_back({{"instructions", p.code}});
  report.data["processes"] = processes;
  if (!o.get_flag("solve")) {
    print_question(m, report);
    return;
  }
  std::int64_t cpu_busy = 0;
  std::int64_t io_busy = 0;
  std::int64_t clock = 0;
  run(m, report, cpu_busy, io_busy, clock);
  report.data["stats"] = {{"total_time", clock}, {"cpu_busy", cpu_busy}, {"io_busy", io_busy}};
  if (o.get_flag("print_stats")) {
    std::ostringstream& out = report.text;
    out << "\n";
    out << py_percent("Stats: Total Time %d\n", clock);
    out << py_percent("Stats: CPU Busy %d (%.2f%%)\n", cpu_busy,
                      100.0 * static_cast<double>(cpu_busy) / static_cast<double>(clock));
    out << py_percent("Stats: IO Busy  %d (%.2f%%)\n", io_busy,
                      100.0 * static_cast<double>(io_busy) / static_cast<double>(clock));
    out << "\n";
  }
}

}  // namespace

int run_process_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_cpu_simulator("process-run", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::cpu
