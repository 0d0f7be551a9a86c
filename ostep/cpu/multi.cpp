// multi (chapter 10, "Multiprocessor Scheduling"): jobs with working sets on CPUs with caches,
// one central queue or per-CPU queues (-p) with work stealing every -P ticks, and affinity (-A).
//
// The script's cache model: a job runs at rate 1 on a cold cache and at -r on a warm one; its
// cache gets warm after -w ticks of running there. A cache holds the most recently warmed jobs
// whose working sets fit in -M (the least recent is evicted, and must warm again). Each tick:
// at a quantum boundary every running job goes back to its CPU's queue; every -P ticks a CPU with
// an empty queue looks at one other CPU's queue, chosen at random, and takes the first job it
// may run; idle CPUs take the first job of their queue they may run (in a random CPU order with
// -o); then every CPU runs its job one tick. The script simulates even without -c (the trace
// flags print it); -c adds the finishing time and per-CPU utilization.
//
// One quirk is kept as the script has it: when stealing, a job with an affinity list is taken
// only if the CPU's number equals the job's run time or working-set size (the script tests
// "cpu in job", the whole job record, instead of its affinity list).
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
  std::string name;
  std::int64_t run_time = 0;
  std::int64_t working_set = 0;
  std::vector<std::int64_t> affinity;  // empty: any CPU
  std::int64_t time_left = 0;
  bool may_run_on(std::int64_t cpu) const {
    return affinity.empty() || std::find(affinity.begin(), affinity.end(), cpu) != affinity.end();
  }
};

using Jobs = std::map<std::string, Job>;

struct Cache {
  std::vector<std::string> contents;  // warm jobs, the most recently warmed first
  std::vector<std::string> warming;
  std::map<std::string, std::int64_t> countdown;
  std::int64_t size = 0;
  std::int64_t warm_rate = 2;
  std::int64_t warmup_time = 0;

  bool has(const std::vector<std::string>& list, const std::string& name) const {
    return std::find(list.begin(), list.end(), name) != list.end();
  }
  void adjust_size(const Jobs& jobs) {
    std::int64_t total = 0;
    for (const std::string& name : contents) total += jobs.at(name).working_set;
    while (total > size) {
      if (contents.empty()) throw InputError("-M: a negative cache size (the script fails here with an IndexError)");
      const std::string gone = contents.back();
      contents.pop_back();
      warming.push_back(gone);
      countdown[gone] = warmup_time;
      total -= jobs.at(gone).working_set;
    }
  }
  void new_job(const std::string& name, const Jobs& jobs) {
    if (has(contents, name) || has(warming, name)) return;
    if (warmup_time == 0) {
      contents.insert(contents.begin(), name);
      adjust_size(jobs);
    } else {
      warming.push_back(name);
      countdown[name] = warmup_time;
    }
  }
  std::int64_t rate(const std::string& name) const { return has(contents, name) ? warm_rate : 1; }
  void update_warming(const std::string& name, const Jobs& jobs) {
    const auto at = std::find(warming.begin(), warming.end(), name);
    if (at == warming.end()) return;
    if (--countdown[name] <= 0) {
      warming.erase(at);
      contents.insert(contents.begin(), name);
      adjust_size(jobs);
    }
  }
};

struct Flags {
  bool per_cpu_queues = false;
  std::int64_t peek_interval = 30;
  std::int64_t num_cpus = 2;
  std::int64_t time_slice = 10;
  bool random_order = false;
  bool solve = false;
  bool trace = false;
  bool trace_time_left = false;
  bool trace_cache = false;
  bool trace_sched = false;
};

struct Machine {
  Flags flags;
  Jobs jobs;
  std::vector<std::string> names;               // in the order given
  std::vector<std::deque<std::string>> queues;  // one, or one per CPU
  std::vector<std::string> running;             // by CPU; empty: idle
  std::vector<Cache> caches;
  std::vector<std::int64_t> ran;
  std::vector<std::int64_t> ran_warm;
  std::int64_t now = 0;
  std::size_t finished = 0;

  std::deque<std::string>& queue_of(std::size_t cpu) { return queues[flags.per_cpu_queues ? cpu : 0]; }
};

void read_jobs(Machine& m, std::string list, const OptionParser& o, PyRandom& random, std::ostringstream& out) {
  if (list.empty()) {
    const auto max_run = static_cast<double>(o.get_int("max_run"));
    const auto max_wset = static_cast<double>(o.get_int("max_wset"));
    for (std::int64_t j = 0; j < o.get_int("job_num"); ++j) {
      const auto run_time = static_cast<std::int64_t>(std::trunc(random.random() * max_run / 10.0)) * 10;
      const auto working_set = static_cast<std::int64_t>(std::trunc(random.random() * max_wset / 10.0)) * 10;
      list += py_percent(list.empty() ? "%s:%d:%d" : ",%s:%d:%d", std::to_string(j), run_time, working_set);
    }
  }
  for (const std::string& entry : split(list, ',')) {
    const std::vector<std::string> fields = split(entry, ':');
    if (fields.size() != 3) {
      throw ScriptStop{py_percent("bad job description [%s]: needs triple of name:runtime:working_set_size\n", entry)};
    }
    Job job;
    job.name = fields[0];
    job.run_time = within(int_or_error(fields[1], "-L (" + py_repr(entry) + ")"), "-L", kMaxMagnitude);
    job.working_set = within(int_or_error(fields[2], "-L (" + py_repr(entry) + ")"), "-L", kMaxMagnitude);
    job.time_left = job.run_time;
    out << py_percent("Job name:%s run_time:%d working_set_size:%d\n", job.name, job.run_time, job.working_set);
    if (m.jobs.count(job.name) != 0) throw ScriptStop{py_percent("repeated job name %s\n", job.name)};
    m.names.push_back(job.name);
    m.jobs[job.name] = job;
  }
  out << "\n";
}

void read_affinity(Machine& m, const std::string& affinity) {
  if (affinity.empty()) return;
  for (const std::string& entry : split(affinity, ',')) {
    const std::vector<std::string> fields = split(entry, ':');
    if (fields.size() != 2) throw ScriptStop{py_percent("bad affinity spec %s\n", affinity)};
    const auto job = m.jobs.find(fields[0]);
    if (job == m.jobs.end()) throw ScriptStop{py_percent("job name %s in affinity list does not exist\n", fields[0])};
    for (const std::string& text : split(fields[1], '.')) {
      const std::int64_t cpu = within(int_or_error(text, "-A (" + py_repr(entry) + ")"), "-A", kMaxMagnitude);
      job->second.affinity.push_back(cpu);
      if (cpu < 0 || cpu >= m.flags.num_cpus) {
        throw ScriptStop{py_percent("bad cpu %d specified in affinity %s\n", cpu, affinity)};
      }
    }
  }
}

std::string queue_text(const std::deque<std::string>& queue) {
  return py_list(std::vector<std::string>(queue.begin(), queue.end()));
}

void assign_queues(Machine& m, std::ostringstream& out) {
  if (m.flags.num_cpus < 1) throw InputError("-n: the number of CPUs must be at least 1 (the script never finishes)");
  const auto cpus = static_cast<std::size_t>(m.flags.num_cpus);
  if (!m.flags.per_cpu_queues) {
    m.queues.assign(1, std::deque<std::string>(m.names.begin(), m.names.end()));
    out << "Scheduler central queue: " << queue_text(m.queues[0]) << "\n\n";
    return;
  }
  m.queues.assign(cpus, {});
  std::vector<std::string> unassigned = m.names;
  while (!unassigned.empty()) {
    for (std::size_t cpu = 0; cpu < cpus; ++cpu) {
      for (auto it = unassigned.begin(); it != unassigned.end(); ++it) {
        if (m.jobs.at(*it).may_run_on(static_cast<std::int64_t>(cpu))) {
          m.queues[cpu].push_back(*it);
          unassigned.erase(it);
          break;
        }
      }
    }
  }
  for (std::size_t cpu = 0; cpu < cpus; ++cpu)
    out << py_percent("Scheduler CPU %d queue: %s\n", cpu, queue_text(m.queues[cpu]));
  out << "\n";
}

void handle_interrupts(Machine& m, std::ostringstream& out) {
  const Flags& f = m.flags;
  const bool interrupt = py_mod(m.now, f.time_slice) == 0 && m.now > 0;
  if (interrupt && f.trace) {
    const auto cpus = f.num_cpus;
    std::int64_t width = 8 + 7 * cpus - 5;
    if (f.trace_time_left) width += 6 * cpus;
    if (f.trace_cache) width += 8 * cpus + static_cast<std::int64_t>(m.names.size()) * cpus;
    out << std::string(static_cast<std::size_t>(std::max<std::int64_t>(width, 0)), '-') << "\n";
  }
  if (f.trace) out << py_percent(" %3d   ", m.now);
  for (std::size_t cpu = 0; cpu < m.running.size(); ++cpu) {
    if (interrupt && !m.running[cpu].empty()) {
      m.queue_of(cpu).push_back(m.running[cpu]);
      m.running[cpu].clear();
    }
  }
}

void steal_jobs(Machine& m, PyRandom& random) {
  const Flags& f = m.flags;
  if (!f.per_cpu_queues || f.peek_interval <= 0) return;
  if (m.now == 0 || m.now % f.peek_interval != 0) return;
  for (std::int64_t cpu = 0; cpu < f.num_cpus; ++cpu) {
    if (!m.queues[static_cast<std::size_t>(cpu)].empty()) continue;
    std::vector<std::int64_t> others;
    for (std::int64_t other = 0; other < f.num_cpus; ++other) {
      if (other != cpu) others.push_back(other);
    }
    if (others.empty()) {
      throw InputError(
          "-p with one CPU: its queue ran empty and there is no other CPU to steal from (the script "
          "fails here choosing from an empty list)");
    }
    auto& victim = m.queues[static_cast<std::size_t>(random.choice(others))];
    for (auto it = victim.begin(); it != victim.end(); ++it) {
      const Job& job = m.jobs.at(*it);
      if (job.affinity.empty() || cpu == job.run_time || cpu == job.working_set) {  // the script's "cpu in job"
        m.queues[static_cast<std::size_t>(cpu)].push_back(*it);
        victim.erase(it);
        break;
      }
    }
  }
}

void assign_jobs(Machine& m, PyRandom& random) {
  std::vector<std::int64_t> order;
  for (std::int64_t cpu = 0; cpu < m.flags.num_cpus; ++cpu) order.push_back(cpu);
  if (m.flags.random_order) random.shuffle(order);
  for (const std::int64_t cpu : order) {
    const auto c = static_cast<std::size_t>(cpu);
    if (!m.running[c].empty()) continue;
    auto& queue = m.queue_of(c);
    for (auto it = queue.begin(); it != queue.end(); ++it) {
      if (m.jobs.at(*it).may_run_on(cpu)) {
        m.running[c] = *it;
        queue.erase(it);
        m.caches[c].new_job(m.running[c], m.jobs);
        break;
      }
    }
  }
}

nlohmann::json run_jobs(Machine& m, std::ostringstream& out) {
  const Flags& f = m.flags;
  nlohmann::json cpus = nlohmann::json::array();
  for (std::size_t cpu = 0; cpu < m.running.size(); ++cpu) {
    nlohmann::json state = {{"job", nullptr}};
    if (!m.running[cpu].empty()) {
      const std::string name = m.running[cpu];
      Job& job = m.jobs.at(name);
      const std::int64_t rate = m.caches[cpu].rate(name);
      ++m.ran[cpu];
      if (rate > 1) ++m.ran_warm[cpu];
      job.time_left = std::max<std::int64_t>(job.time_left - rate, 0);
      if (f.trace) {
        out << name << " ";
        if (f.trace_time_left) out << py_percent("[%3d] ", job.time_left);
      }
      state = {{"job", name}, {"time_left", job.time_left}, {"warm", rate > 1}};
      m.caches[cpu].update_warming(name, m.jobs);
      if (job.time_left <= 0) {
        m.running[cpu].clear();
        ++m.finished;
      }
    } else if (f.trace) {
      out << "- ";
      if (f.trace_time_left) out << "[   ] ";
    }
    std::string cache_state;
    for (const std::string& name : m.names) cache_state += m.caches[cpu].has(m.caches[cpu].contents, name) ? "w" : " ";
    state["cache"] = cache_state;
    if (f.trace) {
      if (f.trace_cache) out << "cache[" << cache_state << "]";
      out << "     ";
    }
    cpus.push_back(state);
  }
  return cpus;
}

void print_sched_queues(Machine& m, std::ostringstream& out) {
  if (!m.flags.trace_sched) return;
  if (m.flags.per_cpu_queues) {
    for (std::size_t cpu = 0; cpu < m.queues.size(); ++cpu) {
      out << py_percent("Q%d: ", cpu);
      for (const std::string& name : m.queues[cpu]) out << name << " ";
      out << "  ";
    }
  } else {
    out << "Q: ";
    for (const std::string& name : m.queues[0]) out << name << " ";
  }
  out << "    ";
}

void run(Machine& m, PyRandom& random, Report& report) {
  std::ostringstream& out = report.text;
  if (m.flags.time_slice == 0) throw InputError("-q: the quantum must not be 0 (the script divides by it)");
  const auto cpus = static_cast<std::size_t>(m.flags.num_cpus);
  m.running.assign(cpus, "");
  m.ran.assign(cpus, 0);
  m.ran_warm.assign(cpus, 0);
  nlohmann::json trace = nlohmann::json::array();
  Schedule schedule(static_cast<std::int64_t>(cpus));
  std::map<std::string, std::size_t> job_number;
  for (const std::string& name : m.names) {
    job_number[name] = schedule.add_job(name);
    schedule.change(0, job_number[name], JobState::Ready);
  }
  while (m.finished < m.names.size()) {
    handle_interrupts(m, out);
    steal_jobs(m, random);
    assign_jobs(m, random);
    nlohmann::json tick = {{"time", m.now}, {"cpus", run_jobs(m, out)}};
    for (std::size_t cpu = 0; cpu < cpus; ++cpu) {
      const nlohmann::json& ran = tick["cpus"][cpu];
      if (ran["job"].is_null()) continue;
      const std::size_t job = job_number.at(ran["job"].get<std::string>());
      const auto now = static_cast<double>(m.now);
      schedule.change(now, job, JobState::Running, static_cast<std::int64_t>(cpu));
      schedule.change(now + 1, job, ran["time_left"].get<std::int64_t>() <= 0 ? JobState::Done : JobState::Ready);
    }
    print_sched_queues(m, out);
    if (m.flags.trace) out << "\n";
    if (m.flags.solve) trace.push_back(std::move(tick));
    ++m.now;
  }
  if (!m.flags.solve) return;
  out << py_percent("\nFinished time %d\n\n", m.now);
  out << "Per-CPU stats\n";
  nlohmann::json stats = nlohmann::json::array();
  for (std::size_t cpu = 0; cpu < cpus; ++cpu) {
    const double utilization = 100.0 * static_cast<double>(m.ran[cpu]) / static_cast<double>(m.now);
    const double warm = 100.0 * static_cast<double>(m.ran_warm[cpu]) / static_cast<double>(m.now);
    out << py_percent("  CPU %d  utilization %3.2f [ warm %3.2f ]\n", cpu, utilization, warm);
    stats.push_back({{"cpu", cpu}, {"utilization", utilization}, {"warm", warm}});
  }
  out << "\n";
  report.data["trace"] = trace;
  report.data["schedule"] = schedule.as_json();
  report.data["finished_time"] = m.now;
  report.data["cpu_stats"] = stats;
}

void declare(OptionParser& p) {
  p.add_int("-s", "--seed", "seed", 0, "the random seed");
  p.add_int("-j", "--job_num", "job_num", 3, "number of jobs in the system");
  p.add_int("-R", "--max_run", "max_run", 100, "max run time of random-gen jobs");
  p.add_int("-W", "--max_wset", "max_wset", 200, "max working set of random-gen jobs");
  p.add_string("-L", "--job_list", "job_list", "",
               "provide a comma-separated list of job_name:run_time:working_set_size (e.g., a:10:100,b:10:50 means 2 "
               "jobs with run-times of 10, the first (a) with working set size=100, second (b) with working set "
               "size=50)");
  p.add_flag("-p", "--per_cpu_queues", "per_cpu_queues", "per-CPU scheduling queues (not one)");
  p.add_string("-A", "--affinity", "affinity", "",
               "a list of jobs and which CPUs they can run on (e.g., a:0.1.2,b:0.1 allows job a to run on CPUs 0,1,2 "
               "but b only on CPUs 0 and 1");
  p.add_int("-n", "--num_cpus", "num_cpus", 2, "number of CPUs");
  p.add_int("-q", "--quantum", "time_slice", 10, "length of time slice");
  p.add_int("-P", "--peek_interval", "peek_interval", 30,
            "for per-cpu scheduling, how often to peek at other schedule queue; 0 turns this off");
  p.add_int("-w", "--warmup_time", "warmup_time", 10, "time it takes to warm cache");
  p.add_int("-r", "--warm_rate", "warm_rate", 2, "how much faster to run with warm cache");
  p.add_int("-M", "--cache_size", "cache_size", 100, "cache size");
  p.add_flag("-o", "--rand_order", "random_order", "has CPUs get jobs in random order");
  p.add_flag("-t", "--trace", "trace", "enable basic tracing (show which jobs got scheduled)");
  p.add_flag("-T", "--trace_time_left", "trace_time_left", "trace time left for each job");
  p.add_flag("-C", "--trace_cache", "trace_cache", "trace cache status (warm/cold) too");
  p.add_flag("-S", "--trace_sched", "trace_sched", "trace scheduler state");
  p.add_flag("-c", "--compute", "solve", "compute answers for me");
}

void print_arguments(const OptionParser& o, std::ostringstream& out) {
  const auto flag = [&](const char* dest) { return py_str(o.get_flag(dest)); };
  out << "ARG seed " << o.get_int("seed") << "\n";
  out << "ARG job_num " << o.get_int("job_num") << "\n";
  out << "ARG max_run " << o.get_int("max_run") << "\n";
  out << "ARG max_wset " << o.get_int("max_wset") << "\n";
  out << "ARG job_list " << o.get_string("job_list") << "\n";
  out << "ARG affinity " << o.get_string("affinity") << "\n";
  out << "ARG per_cpu_queues " << flag("per_cpu_queues") << "\n";
  out << "ARG num_cpus " << o.get_int("num_cpus") << "\n";
  out << "ARG quantum " << o.get_int("time_slice") << "\n";
  out << "ARG peek_interval " << o.get_int("peek_interval") << "\n";
  out << "ARG warmup_time " << o.get_int("warmup_time") << "\n";
  out << "ARG cache_size " << o.get_int("cache_size") << "\n";
  out << "ARG random_order " << flag("random_order") << "\n";
  out << "ARG trace " << flag("trace") << "\n";
  out << "ARG trace_time " << flag("trace_time_left") << "\n";
  out << "ARG trace_cache " << flag("trace_cache") << "\n";
  out << "ARG trace_sched " << flag("trace_sched") << "\n";
  out << "ARG compute " << flag("solve") << "\n";
  out << "\n";
}

void simulate(const OptionParser& o, Report& report) {
  PyRandom random(o.get_int("seed"));
  check_within(o,
               {{"max_run", "-R"},
                {"max_wset", "-W"},
                {"time_slice", "-q"},
                {"peek_interval", "-P"},
                {"warmup_time", "-w"},
                {"warm_rate", "-r"},
                {"cache_size", "-M"}},
               kMaxMagnitude);
  check_within(o, {{"job_num", "-j"}, {"num_cpus", "-n"}}, kMaxCount);
  std::ostringstream& out = report.text;
  print_arguments(o, out);
  Machine m;
  Flags& f = m.flags;
  f.per_cpu_queues = o.get_flag("per_cpu_queues");
  f.peek_interval = o.get_int("peek_interval");
  f.num_cpus = o.get_int("num_cpus");
  f.time_slice = o.get_int("time_slice");
  f.random_order = o.get_flag("random_order");
  f.solve = o.get_flag("solve");
  f.trace_time_left = o.get_flag("trace_time_left");
  f.trace_cache = o.get_flag("trace_cache");
  f.trace_sched = o.get_flag("trace_sched");
  f.trace = o.get_flag("trace") || f.trace_time_left || f.trace_cache || f.trace_sched;
  read_jobs(m, o.get_string("job_list"), o, random, out);
  read_affinity(m, o.get_string("affinity"));
  nlohmann::json jobs = nlohmann::json::array();
  for (const std::string& name : m.names) {
    const Job& job = m.jobs.at(name);
    jobs.push_back(
        {{"name", name}, {"run_time", job.run_time}, {"working_set", job.working_set}, {"affinity", job.affinity}});
  }
  report.data["jobs"] = jobs;
  assign_queues(m, out);
  if (o.get_int("warm_rate") < 1) {
    throw InputError("-r: the warm rate must be at least 1 (a job on a warm cache would never finish)");
  }
  Cache cache;
  cache.size = o.get_int("cache_size");
  cache.warm_rate = o.get_int("warm_rate");
  cache.warmup_time = o.get_int("warmup_time");
  m.caches.assign(static_cast<std::size_t>(f.num_cpus), cache);
  run(m, random, report);
}

}  // namespace

int run_multi(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_cpu_simulator("multi", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::cpu
