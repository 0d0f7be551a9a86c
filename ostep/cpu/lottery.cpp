// lottery (chapter 9, "Scheduling: Proportional Share"): each quantum, a random ticket number
// picks the job to run; a job's chance is its share of the tickets still held.
//
// As the script does it: r = int(random() * 1000001), winner = r % (tickets held), and the job
// whose running ticket sum first exceeds the winner runs for one quantum. A finished job gives
// up its tickets. Without -c the script prints the random numbers the student needs (as many as
// the jobs' total run time); with -c the same numbers drive the lottery.
#include <cmath>
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
  std::int64_t runtime = 0;
  std::int64_t tickets = 0;
};

// int(SCALE * random()), drawn until it is not 0; |SCALE| <= 1 never gives anything else.
std::int64_t draw_nonzero(PyRandom& random, std::int64_t scale, const char* flag) {
  if (scale >= -1 && scale <= 1) {
    throw InputError(std::string(flag) + ": must be at least 2 (int(" + std::to_string(scale) +
                     " * random()) is always 0, and the script draws again forever)");
  }
  std::int64_t value = 0;
  while (value == 0) value = static_cast<std::int64_t>(std::trunc(static_cast<double>(scale) * random.random()));
  return value;
}

void declare(OptionParser& p) {
  p.add_int("-s", "--seed", "seed", 0, "the random seed");
  p.add_int("-j", "--jobs", "jobs", 3, "number of jobs in the system");
  p.add_string("-l", "--jlist", "jlist", "",
               "instead of random jobs, provide a comma-separated list of run times and ticket values (e.g., "
               "10:100,20:100 would have two jobs with run-times of 10 and 20, each with 100 tickets)");
  p.add_int("-m", "--maxlen", "maxlen", 10, "max length of job");
  p.add_int("-T", "--maxticket", "maxticket", 100, "maximum ticket value, if randomly assigned");
  p.add_int("-q", "--quantum", "quantum", 1, "length of time slice");
  p.add_flag("-c", "--compute", "solve", "compute answers for me");
}

void solve(std::vector<Job>& jobs, std::int64_t run_total, std::int64_t ticket_total, std::int64_t quantum,
           PyRandom& random, Report& report) {
  std::ostringstream& out = report.text;
  nlohmann::json trace = nlohmann::json::array();
  out << "** Solutions **\n\n";
  auto active = static_cast<std::int64_t>(jobs.size());
  std::int64_t clock = 0;
  bool have_winner = false;
  Job winner_job;  // as in the script, the last winner stays chosen if no job's tickets cover the number
  Schedule schedule;
  for (const Job& job : jobs)
    schedule.change(0, schedule.add_job("Job " + std::to_string(job.number)), JobState::Ready);
  for (std::int64_t i = 0; i < run_total; ++i) {
    const auto r = static_cast<std::int64_t>(std::trunc(random.random() * 1000001));
    if (ticket_total == 0) throw InputError("-l: no tickets are left to draw from (the script divides by zero)");
    const std::int64_t winner = py_mod(r, ticket_total);
    std::int64_t current = 0;
    for (const Job& job : jobs) {
      current += job.tickets;
      if (current > winner) {
        winner_job = job;
        have_winner = true;
        break;
      }
    }
    if (!have_winner) throw InputError("-l: no job holds the winning ticket (negative ticket counts?)");
    out << "Random " << r
        << py_percent(" -> Winning ticket %d (of %d) -> Run %d\n", winner, ticket_total, winner_job.number);
    out << "  Jobs:\n";
    nlohmann::json states = nlohmann::json::array();
    for (const Job& job : jobs) {
      const std::string mark = winner_job.number == job.number ? "*" : " ";
      const std::string tickets = job.runtime > 0 ? std::to_string(job.tickets) : "---";
      out << py_percent(" (%s job:%d timeleft:%d tix:%s ) ", mark, job.number, job.runtime, tickets);
      states.push_back({{"job", job.number}, {"timeleft", job.runtime}, {"tickets", job.tickets}});
    }
    out << "\n";
    winner_job.runtime = winner_job.runtime >= quantum ? winner_job.runtime - quantum : 0;
    const auto winner_index = static_cast<std::size_t>(winner_job.number);
    schedule.change(static_cast<double>(clock), winner_index, JobState::Running);
    clock += quantum;
    schedule.change(static_cast<double>(clock), winner_index,
                    winner_job.runtime == 0 ? JobState::Done : JobState::Ready);
    nlohmann::json step = {
        {"random", r}, {"winner", winner}, {"tickets", ticket_total}, {"run", winner_job.number}, {"jobs", states}};
    if (winner_job.runtime == 0) {
      out << py_percent("--> JOB %d DONE at time %d\n", winner_job.number, clock);
      step["done_at"] = clock;
      ticket_total -= winner_job.tickets;
      winner_job.tickets = 0;
      --active;
    }
    trace.push_back(step);
    jobs[static_cast<std::size_t>(winner_job.number)] = winner_job;
    if (active == 0) {
      out << "\n";
      break;
    }
  }
  report.data["trace"] = trace;
  report.data["schedule"] = schedule.as_json();
}

void simulate(const OptionParser& o, Report& report) {
  PyRandom random(o.get_int("seed"));
  check_within(o, {{"maxlen", "-m"}, {"maxticket", "-T"}, {"quantum", "-q"}}, kMaxMagnitude);
  check_within(o, {{"jobs", "-j"}}, kMaxCount);
  std::ostringstream& out = report.text;
  out << "ARG jlist " << o.get_string("jlist") << "\n";
  out << "ARG jobs " << o.get_int("jobs") << "\n";
  out << "ARG maxlen " << o.get_int("maxlen") << "\n";
  out << "ARG maxticket " << o.get_int("maxticket") << "\n";
  out << "ARG quantum " << o.get_int("quantum") << "\n";
  out << "ARG seed " << o.get_int("seed") << "\n";
  out << "\n";
  out << "Here is the job list, with the run time of each job: \n";
  std::int64_t ticket_total = 0;
  std::int64_t run_total = 0;
  std::vector<Job> jobs;
  if (o.get_string("jlist").empty()) {
    for (std::int64_t number = 0; number < o.get_int("jobs"); ++number) {
      const std::int64_t runtime = draw_nonzero(random, o.get_int("maxlen"), "-m");
      const std::int64_t tickets = draw_nonzero(random, o.get_int("maxticket"), "-T");
      run_total += runtime;
      ticket_total += tickets;
      jobs.push_back({number, runtime, tickets});
      out << py_percent("  Job %d ( length = %d, tickets = %d )\n", number, runtime, tickets);
    }
  } else {
    std::int64_t number = 0;
    for (const std::string& entry : split(o.get_string("jlist"), ',')) {
      const std::vector<std::string> parts = split(entry, ':');
      if (parts.size() != 2) throw InputError("-l: job " + py_repr(entry) + " is not RUNTIME:TICKETS");
      const std::int64_t runtime = int_or_error(parts[0], "-l (" + py_repr(entry) + ")");
      const std::int64_t tickets = int_or_error(parts[1], "-l (" + py_repr(entry) + ")");
      within(runtime, "-l", kMaxMagnitude);
      within(tickets, "-l", kMaxMagnitude);
      jobs.push_back({number++, runtime, tickets});
      run_total += runtime;
      ticket_total += tickets;
    }
    for (const Job& job : jobs)
      out << py_percent("  Job %d ( length = %d, tickets = %d )\n", job.number, job.runtime, job.tickets);
  }
  nlohmann::json listed = nlohmann::json::array();
  for (const Job& job : jobs)
    listed.push_back({{"job", job.number}, {"length", job.runtime}, {"tickets", job.tickets}});
  report.data["jobs"] = listed;
  out << "\n\n";
  if (!o.get_flag("solve")) {
    out << "Here is the set of random numbers you will need (at most):\n";
    nlohmann::json numbers = nlohmann::json::array();
    for (std::int64_t i = 0; i < run_total; ++i) {
      const auto r = static_cast<std::int64_t>(std::trunc(random.random() * 1000001));
      out << "Random " << r << "\n";
      numbers.push_back(r);
    }
    report.data["random_numbers"] = numbers;
    return;
  }
  solve(jobs, run_total, ticket_total, o.get_int("quantum"), random, report);
}

}  // namespace

int run_lottery(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_cpu_simulator("lottery", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::cpu
