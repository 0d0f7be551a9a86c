// scheduler (chapter 7, "Scheduling: Introduction"): FIFO, SJF and RR over jobs that all arrive
// at time 0, with each job's response, turnaround and wait time and their averages.
//
// -j N jobs are drawn with lengths int(maxlen * random()) + 1, or -l gives the lengths (Python
// floats, so printed as "10.0"). SJF is FIFO over the jobs stably sorted by length. RR runs the
// head of the queue for min(quantum, time left) and sends it to the back if unfinished; a job's
// wait adds up the time between the end of its last slice (or 0) and the start of the next.
// All times are Python floats in the script, and the same doubles here, added in the same order.
#include <algorithm>
#include <cmath>
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

struct Job {
  std::int64_t number = 0;
  double length = 0;
};

void print_averages(std::ostringstream& out, double response, double turnaround, double wait, double count) {
  if (count == 0) throw InputError("no jobs: the averages divide by the number of jobs (-j 0 or an empty -l)");
  out << py_percent("\n  Average -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n\n", response / count,
                    turnaround / count, wait / count);
}

void run_fifo(const std::vector<Job>& jobs, Schedule& schedule, Report& report) {
  std::ostringstream& out = report.text;
  nlohmann::json trace = nlohmann::json::array();
  nlohmann::json stats = nlohmann::json::array();
  out << "Execution trace:\n";
  double time = 0;
  for (const Job& job : jobs) {
    out << py_percent("  [ time %3d ] Run job %d for %.2f secs ( DONE at %.2f )\n", time, job.number, job.length,
                      time + job.length);
    trace.push_back({{"time", time}, {"job", job.number}, {"ran_for", job.length}, {"done_at", time + job.length}});
    schedule.change(time, static_cast<std::size_t>(job.number), JobState::Running);
    schedule.change(time + job.length, static_cast<std::size_t>(job.number), JobState::Done);
    time += job.length;
  }
  out << "\nFinal statistics:\n";
  double t = 0.0;
  double response_sum = 0.0;
  double turnaround_sum = 0.0;
  double wait_sum = 0.0;
  for (const Job& job : jobs) {
    const double response = t;
    const double turnaround = t + job.length;
    const double wait = t;
    out << py_percent("  Job %3d -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n", job.number, response, turnaround,
                      wait);
    stats.push_back({{"job", job.number}, {"response", response}, {"turnaround", turnaround}, {"wait", wait}});
    response_sum += response;
    turnaround_sum += turnaround;
    wait_sum += wait;
    t += job.length;
  }
  report.data["trace"] = trace;
  report.data["jobs_stats"] = stats;
  print_averages(out, response_sum, turnaround_sum, wait_sum, static_cast<double>(jobs.size()));
}

void run_rr(const std::vector<Job>& jobs, double quantum, Schedule& schedule, Report& report) {
  std::ostringstream& out = report.text;
  nlohmann::json trace = nlohmann::json::array();
  out << "Execution trace:\n";
  const std::size_t n = jobs.size();
  std::vector<double> turnaround(n, 0.0);
  std::vector<double> response(n, -1.0);
  std::vector<double> last_ran(n, 0.0);
  std::vector<double> wait(n, 0.0);
  std::deque<Job> run_list(jobs.begin(), jobs.end());
  std::size_t remaining = n;
  double time = 0.0;
  while (remaining > 0) {
    Job job = run_list.front();
    run_list.pop_front();
    const auto k = static_cast<std::size_t>(job.number);
    double runtime = job.length;
    if (response[k] == -1) response[k] = time;
    wait[k] += time - last_ran[k];
    double ran_for = 0;
    schedule.change(time, k, JobState::Running);
    if (runtime > quantum) {
      runtime -= quantum;
      ran_for = quantum;
      out << py_percent("  [ time %3d ] Run job %3d for %.2f secs\n", time, job.number, ran_for);
      trace.push_back({{"time", time}, {"job", job.number}, {"ran_for", ran_for}});
      run_list.push_back({job.number, runtime});
      schedule.change(time + ran_for, k, JobState::Ready);
    } else {
      ran_for = runtime;
      out << py_percent("  [ time %3d ] Run job %3d for %.2f secs ( DONE at %.2f )\n", time, job.number, ran_for,
                        time + ran_for);
      trace.push_back({{"time", time}, {"job", job.number}, {"ran_for", ran_for}, {"done_at", time + ran_for}});
      turnaround[k] = time + ran_for;
      schedule.change(time + ran_for, k, JobState::Done);
      --remaining;
    }
    time += ran_for;
    last_ran[k] = time;
  }
  out << "\nFinal statistics:\n";
  double turnaround_sum = 0.0;
  double wait_sum = 0.0;
  double response_sum = 0.0;
  nlohmann::json stats = nlohmann::json::array();
  for (std::size_t i = 0; i < n; ++i) {
    turnaround_sum += turnaround[i];
    response_sum += response[i];
    wait_sum += wait[i];
    out << py_percent("  Job %3d -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n", i, response[i], turnaround[i],
                      wait[i]);
    stats.push_back({{"job", i}, {"response", response[i]}, {"turnaround", turnaround[i]}, {"wait", wait[i]}});
  }
  report.data["trace"] = trace;
  report.data["jobs_stats"] = stats;
  print_averages(out, response_sum, turnaround_sum, wait_sum, static_cast<double>(n));
}

void declare(OptionParser& p) {
  p.add_int("-s", "--seed", "seed", 0, "the random seed");
  p.add_int("-j", "--jobs", "jobs", 3, "number of jobs in the system");
  p.add_string("-l", "--jlist", "jlist", "", "instead of random jobs, provide a comma-separated list of run times");
  p.add_int("-m", "--maxlen", "maxlen", 10, "max length of job");
  p.add_string("-p", "--policy", "policy", "FIFO", "sched policy to use: SJF, FIFO, RR");
  p.add_int("-q", "--quantum", "quantum", 1, "length of time slice for RR policy");
  p.add_flag("-c", "", "solve", "compute answers for me");
}

void simulate(const OptionParser& o, Report& report) {
  PyRandom random(o.get_int("seed"));
  check_within(o, {{"maxlen", "-m"}, {"quantum", "-q"}}, kMaxMagnitude);
  check_within(o, {{"jobs", "-j"}}, kMaxCount);
  std::ostringstream& out = report.text;
  const std::string& policy = o.get_string("policy");
  const std::string& jlist = o.get_string("jlist");
  out << "ARG policy " << policy << "\n";
  if (jlist.empty()) {
    out << "ARG jobs " << o.get_int("jobs") << "\n";
    out << "ARG maxlen " << o.get_int("maxlen") << "\n";
    out << "ARG seed " << o.get_int("seed") << "\n";
  } else {
    out << "ARG jlist " << jlist << "\n";
  }
  out << "\n";
  out << "Here is the job list, with the run time of each job: \n";
  std::vector<Job> jobs;
  nlohmann::json listed = nlohmann::json::array();
  if (jlist.empty()) {
    const auto maxlen = static_cast<double>(o.get_int("maxlen"));
    for (std::int64_t number = 0; number < o.get_int("jobs"); ++number) {
      const double drawn = maxlen * random.random();
      const auto length = static_cast<std::int64_t>(std::trunc(drawn)) + 1;
      jobs.push_back({number, static_cast<double>(length)});
      out << "  Job " << number << " ( length = " << length << " )\n";
    }
  } else {
    std::int64_t number = 0;
    for (const std::string& text : split(jlist, ',')) {
      const double length = float_or_error(text, "-l");
      if (!std::isfinite(length) || std::fabs(length) >= 1e15) {
        throw InputError("-l: job length " + py_repr(text) + " is not a finite number below 10^15");
      }
      jobs.push_back({number++, length});
    }
    for (const Job& job : jobs) out << "  Job " << job.number << " ( length = " << py_str(job.length) << " )\n";
  }
  for (const Job& job : jobs) listed.push_back({{"job", job.number}, {"length", job.length}});
  report.data["jobs"] = listed;
  out << "\n\n";
  if (!o.get_flag("solve")) {
    out << "Compute the turnaround time, response time, and wait time for each job.\n"
           "When you are done, run this program again, with the same arguments,\n"
           "but with -c, which will thus provide you with the answers. You can use\n"
           "-s <somenumber> or your own job list (-l 10,15,20 for example)\n"
           "to generate different problems for yourself.\n"
           "\n";
    return;
  }
  out << "** Solutions **\n\n";
  Schedule schedule;
  for (const Job& job : jobs)
    schedule.change(0, schedule.add_job("Job " + std::to_string(job.number)), JobState::Ready);
  if (policy == "SJF") {
    std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.length < b.length; });
    run_fifo(jobs, schedule, report);
  } else if (policy == "FIFO") {
    run_fifo(jobs, schedule, report);
  } else if (policy == "RR") {
    const auto quantum = static_cast<double>(o.get_int("quantum"));
    if (quantum <= 0) throw InputError("-q: the RR quantum must be at least 1 (the script never finishes otherwise)");
    run_rr(jobs, quantum, schedule, report);
  } else {
    throw ScriptStop{"Error: Policy " + policy + " is not available.\n"};
  }
  report.data["schedule"] = schedule.as_json();
}

}  // namespace

int run_scheduler(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_cpu_simulator("scheduler", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::cpu
