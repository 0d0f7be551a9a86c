#include "analysis/timeline.h"

#include <algorithm>
#include <map>

namespace ks {

Timeline build_timeline(const std::vector<TraceEvent>& events, const Trace& names) {
  Timeline timeline;
  std::vector<Tick> state_since;
  std::vector<ProcessState> state;
  std::vector<Tick> running_since;
  std::vector<Pid> running;
  for (const TraceEvent& event : events) {
    timeline.end = std::max(timeline.end, event.time);
    if (event.kind == EventKind::CpuOnline) {
      if (event.cpu >= timeline.cpus.size()) {
        timeline.cpus.resize(event.cpu + 1u);
        running.resize(event.cpu + 1u, kNoPid);
        running_since.resize(event.cpu + 1u, 0);
      }
    } else if (event.kind == EventKind::ProcessCreated) {
      if (event.pid >= timeline.processes.size()) {
        timeline.processes.resize(event.pid + 1u);
        timeline.names.resize(event.pid + 1u);
        state_since.resize(event.pid + 1u, 0);
        state.resize(event.pid + 1u, ProcessState::New);
      }
      timeline.names[event.pid] = std::string(names.name(static_cast<std::uint32_t>(event.b)));
    } else if (event.kind == EventKind::ProcessExec && event.pid < timeline.names.size()) {
      timeline.names[event.pid] = std::string(names.name(static_cast<std::uint32_t>(event.b)));
    } else if (event.kind == EventKind::StateChanged && event.pid < state.size()) {
      const auto from = static_cast<ProcessState>(event.a);
      const auto to = static_cast<ProcessState>(event.b);
      if (from == ProcessState::Ready || from == ProcessState::Running || from == ProcessState::Blocked) {
        if (event.time > state_since[event.pid]) {
          timeline.processes[event.pid].push_back({state_since[event.pid], event.time, event.pid, event.cpu, from});
        }
      }
      state[event.pid] = to;
      state_since[event.pid] = event.time;
      if (event.cpu < running.size()) {
        if (from == ProcessState::Running && running[event.cpu] == event.pid) {
          if (event.time > running_since[event.cpu]) {
            timeline.cpus[event.cpu].push_back({running_since[event.cpu], event.time, event.pid, event.cpu, from});
          }
          running[event.cpu] = kNoPid;
        }
        if (to == ProcessState::Running) {
          running[event.cpu] = event.pid;
          running_since[event.cpu] = event.time;
        }
      }
    }
  }
  // Close what is still open at the end of the trace.
  for (CpuId cpu = 0; cpu < running.size(); ++cpu) {
    if (running[cpu] != kNoPid && timeline.end > running_since[cpu]) {
      timeline.cpus[cpu].push_back({running_since[cpu], timeline.end, running[cpu], cpu, ProcessState::Running});
    }
  }
  for (Pid pid = 0; pid < state.size(); ++pid) {
    const ProcessState s = state[pid];
    if ((s == ProcessState::Ready || s == ProcessState::Running || s == ProcessState::Blocked) && timeline.end > state_since[pid]) {
      timeline.processes[pid].push_back({state_since[pid], timeline.end, pid, kNoCpu, s});
    }
  }
  return timeline;
}

namespace {

// One character per process: its name when every name is a single distinct character,
// otherwise A, B, C, ... in pid order (and a legend).
std::vector<char> process_letters(const Timeline& timeline, bool& need_legend) {
  std::vector<char> letters(timeline.names.size(), '?');
  std::map<char, int> seen;
  bool single = true;
  for (Pid pid = 1; pid < timeline.names.size(); ++pid) {
    const std::string& name = timeline.names[pid];
    if (name.size() != 1 || name[0] == '.' || name[0] == ' ' || ++seen[name[0]] > 1) single = false;
  }
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (Pid pid = 1; pid < timeline.names.size(); ++pid) {
    letters[pid] = single ? timeline.names[pid][0] : (pid - 1 < alphabet.size() ? alphabet[pid - 1] : '+');
  }
  need_legend = !single;
  return letters;
}

// The character for each column: the holder of the largest share of the column's ticks, summed
// over all its segments there (so round robin in a wide column shows the one that ran most, not
// the one that happened to run first). Ties go to the holder seen first.
template <typename Label>
std::string render_lane(const std::vector<Segment>& segments, Tick ticks_per_column, int columns, Label label) {
  std::string lane(static_cast<std::size_t>(columns), ' ');
  std::vector<std::vector<std::pair<char, Tick>>> shares(static_cast<std::size_t>(columns));
  for (const Segment& s : segments) {
    const char holder = label(s);
    for (Tick column = s.start / ticks_per_column; column * ticks_per_column < s.end && column < columns; ++column) {
      const Tick overlap = std::min(s.end, (column + 1) * ticks_per_column) - std::max(s.start, column * ticks_per_column);
      auto& column_shares = shares[static_cast<std::size_t>(column)];
      const auto it = std::find_if(column_shares.begin(), column_shares.end(), [holder](const auto& e) { return e.first == holder; });
      if (it == column_shares.end()) {
        column_shares.emplace_back(holder, overlap);
      } else {
        it->second += overlap;
      }
    }
  }
  for (std::size_t column = 0; column < shares.size(); ++column) {
    Tick best = 0;
    for (const auto& [holder, ticks] : shares[column]) {
      if (ticks > best) {
        best = ticks;
        lane[column] = holder;
      }
    }
  }
  return lane;
}

}  // namespace

std::string render_timeline(const Timeline& timeline, int width) {
  if (timeline.end <= 0) return "(nothing ran)\n";
  const Tick ticks_per_column = std::max<Tick>(1, (timeline.end + width - 1) / width);
  const int columns = static_cast<int>((timeline.end + ticks_per_column - 1) / ticks_per_column);
  bool need_legend = false;
  const std::vector<char> letters = process_letters(timeline, need_legend);

  std::size_t label_width = 6;
  for (const std::string& name : timeline.names) label_width = std::max(label_width, name.size() + 1);
  const auto pad = [&](const std::string& text) { return text + std::string(label_width + 1 - std::min(text.size(), label_width), ' '); };

  std::string out = "Timeline (one column = " + std::to_string(ticks_per_column) + (ticks_per_column == 1 ? " tick" : " ticks") +
                    "; '.' idle on CPU lanes; process lanes: '#' running, '-' ready, '~' blocked)\n";
  std::string ruler(static_cast<std::size_t>(columns), ' ');
  for (int column = 0; column < columns; column += 10) {
    const std::string mark = std::to_string(column * ticks_per_column);
    for (std::size_t i = 0; i < mark.size() && column + i < ruler.size(); ++i) ruler[column + i] = mark[i];
  }
  out += pad("time") + ruler + '\n';
  for (std::size_t cpu = 0; cpu < timeline.cpus.size(); ++cpu) {
    std::string lane = render_lane(timeline.cpus[cpu], ticks_per_column, columns, [&](const Segment& s) {
      return s.pid < letters.size() ? letters[s.pid] : '?';
    });
    std::replace(lane.begin(), lane.end(), ' ', '.');
    out += pad("CPU " + std::to_string(cpu)) + lane + '\n';
  }
  for (Pid pid = 1; pid < timeline.processes.size(); ++pid) {
    const std::string lane = render_lane(timeline.processes[pid], ticks_per_column, columns, [](const Segment& s) {
      return s.state == ProcessState::Running ? '#' : s.state == ProcessState::Ready ? '-' : '~';
    });
    std::string label = timeline.names[pid];
    if (need_legend) label = std::string(1, letters[pid]) + "=" + label;
    out += pad(label) + lane + '\n';
  }
  return out;
}

}  // namespace ks
