// mlfq (chapter 8, "Scheduling: The Multi-Level Feedback Queue"): queues of priorities, each
// with its quantum and allotment, priority boosts (-B), I/O that keeps (-S) or moves (-I) a job.
//
// The script's rules, tick by tick: first a boost when the time is a multiple of -B (every job
// not doing I/O moves to the top queue; every unfinished job gets the top priority, quantum and
// allotment); then the events due now (a job begins, an I/O completes: the job joins the back of
// its queue, or the front with -I); then the first job of the highest non-empty queue runs one
// tick. A job issues an I/O whenever its CPU time used is a multiple of its ioFreq. When its
// quantum runs out it uses one allotment; with none left it drops a level (the bottom queue
// keeps it). With -S, an I/O resets the job's quantum and allotment at its level.
#include <cmath>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "ostep/cpu/common.h"
#include "ostep/cpu/schedule.h"
#include "ostep/cpu/simulators.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"

namespace ks::ostep::cpu {
namespace {

struct Job {
  std::int64_t priority = 0;
  std::int64_t ticks_left = 0;
  std::int64_t allotment_left = 0;
  std::int64_t start_time = 0;
  std::int64_t run_time = 0;
  std::int64_t time_left = 0;
  std::int64_t io_frequency = 0;
  bool doing_io = false;
  std::int64_t first_run = -1;
  std::int64_t end_time = 0;
};

struct Event {
  std::size_t job = 0;
  const char* kind = "";  // "JOB BEGINS" or "IO_DONE"
};

struct Config {
  std::vector<std::int64_t> quantum;    // by queue, 0 the lowest priority
  std::vector<std::int64_t> allotment;  // by queue
  std::int64_t boost = 0;
  std::int64_t io_time = 5;
  bool stay = false;
  bool io_bump = false;
  std::int64_t top() const { return static_cast<std::int64_t>(quantum.size()) - 1; }
};

std::vector<std::int64_t> per_level(const std::string& list, const char* flag) {
  std::vector<std::int64_t> values;
  const std::vector<std::string> fields = split(list, ',');
  for (auto it = fields.rbegin(); it != fields.rend(); ++it)
    values.push_back(within(int_or_error(*it, flag), flag, kMaxMagnitude));
  return values;  // the list names the highest priority first; index 0 is the lowest
}

Config read_config(const OptionParser& o) {
  Config c;
  if (!o.get_string("quantumList").empty()) {
    c.quantum = per_level(o.get_string("quantumList"), "-Q");
  } else {
    c.quantum.assign(static_cast<std::size_t>(std::max<std::int64_t>(o.get_int("numQueues"), 0)), o.get_int("quantum"));
  }
  if (!o.get_string("allotmentList").empty()) {
    const std::vector<std::string> fields = split(o.get_string("allotmentList"), ',');
    if (fields.size() != c.quantum.size())
      throw ScriptStop{"number of allotments specified must match number of quantums\n"};
    c.allotment = per_level(o.get_string("allotmentList"), "-A");
    for (std::size_t level = c.allotment.size(); level-- > 1;) {
      if (c.allotment[level] <= 0) throw ScriptStop{"allotment must be positive integer\n"};
    }
  } else {
    c.allotment.assign(c.quantum.size(), o.get_int("allotment"));
  }
  c.boost = o.get_int("boost");
  c.io_time = o.get_int("ioTime");
  c.stay = o.get_flag("stay");
  c.io_bump = o.get_flag("iobump");
  return c;
}

struct Workload {
  std::vector<Job> jobs;
  std::map<std::int64_t, std::vector<Event>> events;  // by time, in the order they were added
};

void add_job(Workload& w, const Config& c, std::int64_t start, std::int64_t run_time, std::int64_t io_frequency) {
  if (c.quantum.empty()) throw InputError("-n: the number of queues must be at least 1");
  Job job;
  job.priority = c.top();
  job.ticks_left = c.quantum.back();
  job.allotment_left = c.allotment.back();
  job.start_time = start;
  job.run_time = run_time;
  job.time_left = run_time;
  job.io_frequency = io_frequency;
  w.events[start].push_back({w.jobs.size(), "JOB BEGINS"});
  w.jobs.push_back(job);
}

Workload make_workload(const OptionParser& o, const Config& c, PyRandom& random) {
  Workload w;
  if (!o.get_string("jlist").empty()) {
    for (const std::string& entry : split(o.get_string("jlist"), ':')) {
      const std::vector<std::string> info = split(entry, ',');
      if (info.size() != 3) {
        throw ScriptStop{
            "Badly formatted job string. Should be x1,y1,z1:x2,y2,z2:...\n"
            "where x is the startTime, y is the runTime, and z is the I/O frequency.\n"};
      }
      const std::string what = "-l (" + py_repr(entry) + ")";
      add_job(w, c, within(int_or_error(info[0], what), "-l", kMaxMagnitude),
              within(int_or_error(info[1], what), "-l", kMaxMagnitude),
              within(int_or_error(info[2], what), "-l", kMaxMagnitude));
    }
  } else {
    const auto maxlen_less_one = static_cast<double>(o.get_int("maxlen") - 1);
    const auto maxio_less_one = static_cast<double>(o.get_int("maxio") - 1);
    for (std::int64_t j = 0; j < o.get_int("numJobs"); ++j) {
      const auto run_time = static_cast<std::int64_t>(std::trunc(random.random() * maxlen_less_one + 1));
      const auto io_frequency = static_cast<std::int64_t>(std::trunc(random.random() * maxio_less_one + 1));
      add_job(w, c, 0, run_time, io_frequency);
    }
  }
  return w;
}

void print_inputs(const Workload& w, const Config& c, std::ostringstream& out) {
  out << "Here is the list of inputs:\n";
  out << "OPTIONS jobs " << w.jobs.size() << "\n";
  out << "OPTIONS queues " << c.quantum.size() << "\n";
  for (std::size_t level = c.quantum.size(); level-- > 0;) {
    out << py_percent("OPTIONS allotments for queue %2d is %3d\n", level, c.allotment[level]);
    out << py_percent("OPTIONS quantum length for queue %2d is %3d\n", level, c.quantum[level]);
  }
  out << "OPTIONS boost " << c.boost << "\n";
  out << "OPTIONS ioTime " << c.io_time << "\n";
  out << "OPTIONS stayAfterIO " << py_str(c.stay) << "\n";
  out << "OPTIONS iobump " << py_str(c.io_bump) << "\n";
  out << "\n\n";
  out << "For each job, three defining characteristics are given:\n"
         "  startTime : at what time does the job enter the system\n"
         "  runTime   : the total CPU time needed by the job to finish\n"
         "  ioFreq    : every ioFreq time units, the job issues an I/O\n"
         "              (the I/O takes ioTime units to complete)\n\n";
  out << "Job List:\n";
  for (std::size_t i = 0; i < w.jobs.size(); ++i) {
    const Job& job = w.jobs[i];
    out << py_percent("  Job %2d: startTime %3d - runTime %3d - ioFreq %3d\n", i, job.start_time, job.run_time,
                      job.io_frequency);
  }
  out << "\n";
}

// The script's FindQueue(): the highest non-empty queue, or -1.
std::int64_t highest_nonempty(const std::vector<std::deque<std::size_t>>& queues) {
  for (std::size_t level = queues.size(); level-- > 0;) {
    if (!queues[level].empty()) return static_cast<std::int64_t>(level);
  }
  return -1;
}

void boost_all(Workload& w, const Config& c, std::vector<std::deque<std::size_t>>& queues) {
  const auto top = static_cast<std::size_t>(c.top());
  for (std::size_t level = 0; level < top; ++level) {
    for (const std::size_t j : queues[level]) {
      if (!w.jobs[j].doing_io) queues[top].push_back(j);
    }
    queues[level].clear();
  }
  for (Job& job : w.jobs) {
    if (job.time_left > 0) {
      job.priority = c.top();
      job.ticks_left = c.quantum[top];
      job.allotment_left = c.allotment[top];
    }
  }
}

void run(Workload& w, const Config& c, Report& report) {
  std::ostringstream& out = report.text;
  nlohmann::json trace = nlohmann::json::array();
  std::vector<std::deque<std::size_t>> queues(c.quantum.size());
  std::int64_t now = 0;
  std::size_t finished = 0;
  out << "\nExecution Trace:\n\n";
  Schedule schedule;
  for (std::size_t j = 0; j < w.jobs.size(); ++j) schedule.add_job("Job " + std::to_string(j));
  const auto at = [&] { return static_cast<double>(now); };
  const auto log = [&](const std::string& line, nlohmann::json event) {
    out << line << "\n";
    event["time"] = now;
    trace.push_back(std::move(event));
  };
  while (finished < w.jobs.size()) {
    if (c.boost > 0 && now != 0 && now % c.boost == 0) {
      log(py_percent("[ time %d ] BOOST ( every %d )", now, c.boost), {{"event", "boost"}});
      boost_all(w, c, queues);
    }
    if (const auto due = w.events.find(now); due != w.events.end()) {
      for (const Event& e : due->second) {
        Job& job = w.jobs[e.job];
        job.doing_io = false;
        log(py_percent("[ time %d ] %s by JOB %d", now, e.kind, e.job), {{"event", e.kind}, {"job", e.job}});
        schedule.change(at(), e.job, JobState::Ready);
        auto& queue = queues[static_cast<std::size_t>(job.priority)];
        if (!c.io_bump || std::string_view(e.kind) == "JOB BEGINS") {
          queue.push_back(e.job);
        } else {
          queue.push_front(e.job);
        }
      }
    }
    const std::int64_t level = highest_nonempty(queues);
    if (level == -1) {
      if (w.events.empty() || w.events.rbegin()->first <= now) {
        throw InputError(
            "no job can ever run again (a start time before 0, or a negative -i), so the script "
            "prints IDLE forever");
      }
      log(py_percent("[ time %d ] IDLE", now), {{"event", "idle"}});
      ++now;
      continue;
    }
    auto& queue = queues[static_cast<std::size_t>(level)];
    const std::size_t current = queue.front();
    Job& job = w.jobs[current];
    if (job.priority != level) {
      throw ScriptStop{py_percent("currPri[%d] does not match currQueue[%d]\n", job.priority, level), true};
    }
    --job.time_left;
    --job.ticks_left;
    if (job.first_run == -1) job.first_run = now;
    log(py_percent("[ time %d ] Run JOB %d at PRIORITY %d [ TICKS %d ALLOT %d TIME %d (of %d) ]", now, current, level,
                   job.ticks_left, job.allotment_left, job.time_left, job.run_time),
        {{"event", "run"},
         {"job", current},
         {"priority", level},
         {"ticks", job.ticks_left},
         {"allotment", job.allotment_left},
         {"time_left", job.time_left}});
    schedule.change(at(), current, JobState::Running);
    if (job.time_left < 0) throw ScriptStop{"Error: should never have less than 0 time left to run\n", true};
    ++now;
    schedule.change(at(), current, job.time_left == 0 ? JobState::Done : JobState::Ready);
    if (job.time_left == 0) {
      log(py_percent("[ time %d ] FINISHED JOB %d", now, current), {{"event", "finished"}, {"job", current}});
      ++finished;
      job.end_time = now;
      queue.pop_front();
      continue;
    }
    const std::int64_t ticks_left = job.ticks_left;  // as the script reads it, before -S may reset it
    bool issued_io = false;
    if (job.io_frequency > 0 && py_mod(job.run_time - job.time_left, job.io_frequency) == 0) {
      log(py_percent("[ time %d ] IO_START by JOB %d", now, current), {{"event", "io_start"}, {"job", current}});
      schedule.change(at(), current, JobState::Blocked);
      issued_io = true;
      queue.pop_front();
      job.doing_io = true;
      if (c.stay) {
        job.ticks_left = c.quantum[static_cast<std::size_t>(level)];
        job.allotment_left = c.allotment[static_cast<std::size_t>(level)];
      }
      out << "IO DONE\n";
      w.events[now + c.io_time].push_back({current, "IO_DONE"});
    }
    if (ticks_left == 0) {
      if (!issued_io) queue.pop_front();
      --job.allotment_left;
      if (job.allotment_left == 0) {
        if (level > 0) {
          const auto lower = static_cast<std::size_t>(level - 1);
          job.priority = level - 1;
          job.ticks_left = c.quantum[lower];
          job.allotment_left = c.allotment[lower];
          if (!issued_io) queues[lower].push_back(current);
        } else {
          job.ticks_left = c.quantum[0];
          job.allotment_left = c.allotment[0];
          if (!issued_io) queue.push_back(current);
        }
      } else {
        job.ticks_left = c.quantum[static_cast<std::size_t>(level)];
        if (!issued_io) queue.push_back(current);
      }
    }
  }
  report.data["trace"] = trace;
  report.data["schedule"] = schedule.as_json();
}

void print_statistics(const Workload& w, Report& report) {
  std::ostringstream& out = report.text;
  out << "\nFinal statistics:\n";
  std::int64_t response_sum = 0;
  std::int64_t turnaround_sum = 0;
  nlohmann::json stats = nlohmann::json::array();
  for (std::size_t i = 0; i < w.jobs.size(); ++i) {
    const Job& job = w.jobs[i];
    const std::int64_t response = job.first_run - job.start_time;
    const std::int64_t turnaround = job.end_time - job.start_time;
    out << py_percent("  Job %2d: startTime %3d - response %3d - turnaround %3d\n", i, job.start_time, response,
                      turnaround);
    stats.push_back({{"job", i}, {"response", response}, {"turnaround", turnaround}});
    response_sum += response;
    turnaround_sum += turnaround;
  }
  const auto n = static_cast<double>(w.jobs.size());
  // As in the script, the average line is labelled with the last job's number.
  out << py_percent("\n  Avg %2d: startTime n/a - response %.2f - turnaround %.2f\n", w.jobs.size() - 1,
                    static_cast<double>(response_sum) / n, static_cast<double>(turnaround_sum) / n);
  out << "\n\n";
  report.data["jobs_stats"] = stats;
}

void declare(OptionParser& p) {
  p.add_int("-s", "--seed", "seed", 0, "the random seed");
  p.add_int("-n", "--numQueues", "numQueues", 3, "number of queues in MLFQ (if not using -Q)");
  p.add_int("-q", "--quantum", "quantum", 10, "length of time slice (if not using -Q)");
  p.add_int("-a", "--allotment", "allotment", 1, "length of allotment (if not using -A)");
  p.add_string("-Q", "--quantumList", "quantumList", "",
               "length of time slice per queue level, specified as x,y,z,... where x is the quantum length for the "
               "highest priority queue, y the next highest, and so forth");
  p.add_string("-A", "--allotmentList", "allotmentList", "",
               "length of time allotment per queue level, specified as x,y,z,... where x is the # of time slices for "
               "the highest priority queue, y the next highest, and so forth");
  p.add_int("-j", "--numJobs", "numJobs", 3, "number of jobs in the system");
  p.add_int("-m", "--maxlen", "maxlen", 100, "max run-time of a job (if randomly generating)");
  p.add_int("-M", "--maxio", "maxio", 10, "max I/O frequency of a job (if randomly generating)");
  p.add_int("-B", "--boost", "boost", 0, "how often to boost the priority of all jobs back to high priority");
  p.add_int("-i", "--iotime", "ioTime", 5, "how long an I/O should last (fixed constant)");
  p.add_flag("-S", "--stay", "stay", "reset and stay at same priority level when issuing I/O");
  p.add_flag("-I", "--iobump", "iobump",
             "if specified, jobs that finished I/O move immediately to front of current queue");
  p.add_string("-l", "--jlist", "jlist", "",
               "a comma-separated list of jobs to run, in the form x1,y1,z1:x2,y2,z2:... where x is start time, y is "
               "run time, and z is how often the job issues an I/O request");
  p.add_flag("-c", "", "solve", "compute answers for me");
}

void simulate(const OptionParser& o, Report& report) {
  PyRandom random(o.get_int("seed"));
  check_within(
      o, {{"quantum", "-q"}, {"allotment", "-a"}, {"maxlen", "-m"}, {"maxio", "-M"}, {"boost", "-B"}, {"ioTime", "-i"}},
      kMaxMagnitude);
  check_within(o, {{"numQueues", "-n"}, {"numJobs", "-j"}}, kMaxCount);
  const Config c = read_config(o);
  Workload w = make_workload(o, c, random);
  nlohmann::json jobs = nlohmann::json::array();
  for (const Job& job : w.jobs) {
    jobs.push_back({{"start_time", job.start_time}, {"run_time", job.run_time}, {"io_frequency", job.io_frequency}});
  }
  report.data["jobs"] = jobs;
  report.data["quantum"] = c.quantum;
  report.data["allotment"] = c.allotment;
  print_inputs(w, c, report.text);
  if (!o.get_flag("solve")) {
    report.text << "Compute the execution trace for the given workloads.\n"
                   "If you would like, also compute the response and turnaround\n"
                   "times for each of the jobs.\n"
                   "\n"
                   "Use the -c flag to get the exact results when you are finished.\n\n";
    return;
  }
  if (w.jobs.empty()) throw InputError("no jobs: the averages divide by the number of jobs (-j 0)");
  run(w, c, report);
  print_statistics(w, report);
}

}  // namespace

int run_mlfq(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_cpu_simulator("mlfq", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::cpu
