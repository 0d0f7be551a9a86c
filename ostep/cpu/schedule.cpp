// The schedule of a CPU chapter's run (see schedule.h).
#include "ostep/cpu/schedule.h"

#include <algorithm>
#include <stdexcept>

#include "ostep/pyformat.h"

namespace ks::ostep::cpu {

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::New: return "new";
    case JobState::Ready: return "ready";
    case JobState::Running: return "running";
    case JobState::Blocked: return "blocked";
    case JobState::Done: return "done";
  }
  return "";
}

std::size_t Schedule::add_job(std::string name) {
  names_.push_back(std::move(name));
  last_change_.push_back(std::string::npos);
  return names_.size() - 1;
}

void Schedule::change(double time, std::size_t job, JobState state, std::int64_t cpu) {
  if (job >= names_.size()) throw std::logic_error("schedule: no job " + std::to_string(job));
  if (!problem_.empty()) return;
  if (state != JobState::Running) cpu = 0;
  const std::size_t last = last_change_[job];
  JobState current = JobState::New;
  std::int64_t current_cpu = 0;
  if (last != std::string::npos) {
    current = changes_[last].to;
    current_cpu = changes_[last].cpu;
    if (time < changes_[last].time) {
      problem_ =
          names_[job] + " would go back in time (from " + py_str(changes_[last].time) + " to " + py_str(time) + ")";
      return;
    }
  }
  if (current == state && current_cpu == cpu) return;
  if (last != std::string::npos && changes_[last].time == time && changes_[last].from != JobState::New) {
    Change& folded = changes_[last];  // the job changes twice at one time: once, from the state before
    if (folded.from == state && folded.from_cpu == cpu) {
      folded.dropped = true;
      last_change_[job] = folded.previous;
    } else {
      folded.to = state;
      folded.cpu = cpu;
    }
    return;
  }
  changes_.push_back({time, job, current, state, current_cpu, cpu, last, false});
  last_change_[job] = changes_.size() - 1;
}

nlohmann::json Schedule::as_json() const {
  if (!problem_.empty()) return {{"problem", problem_}};
  std::vector<Change> ordered;
  for (const Change& c : changes_) {
    if (c.dropped) continue;
    if (c.from == JobState::Running && c.to == JobState::Running) {  // to another CPU: leave one, take the other
      ordered.push_back({c.time, c.job, c.from, JobState::Ready, c.from_cpu, 0, 0, false});
      ordered.push_back({c.time, c.job, JobState::Ready, c.to, 0, c.cpu, 0, false});
    } else {
      ordered.push_back(c);
    }
  }
  // At one time a CPU is given up before it is taken: changes out of Running first, into it last.
  const auto rank = [](const Change& c) { return c.from == JobState::Running ? 0 : c.to == JobState::Running ? 2 : 1; };
  std::stable_sort(ordered.begin(), ordered.end(), [&](const Change& a, const Change& b) {
    return a.time != b.time ? a.time < b.time : rank(a) < rank(b);
  });
  nlohmann::json changes = nlohmann::json::array();
  for (const Change& c : ordered) {
    nlohmann::json entry = {{"time", c.time}, {"job", c.job}, {"from", to_string(c.from)}, {"to", to_string(c.to)}};
    if (c.from == JobState::Running) entry["from_cpu"] = c.from_cpu;
    if (c.to == JobState::Running) entry["cpu"] = c.cpu;
    changes.push_back(std::move(entry));
  }
  return {{"cpus", cpus_}, {"jobs", names_}, {"changes", changes}};
}

}  // namespace ks::ostep::cpu
