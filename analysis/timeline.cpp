// analysis/timeline.cpp — the segments of a run rebuilt from its state changes, and the text
// timeline of the lecture demo drawn from them.
//
// In text one column covers several ticks when the run is longer than the width, so a column
// has to summarise: a CPU lane shows the one process that ran there, or '*' when several did
// (never just the one that ran most, which would hide round robin); a process lane shows the
// state that took most of its time, and '+' when it ran but less than that. A process is shown
// by its own name when every name is one distinct character, otherwise by a letter and a legend.
// Labels are cut to whole code points, and control bytes in names become '?'.
#include "analysis/timeline.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

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
  for (std::size_t cpu = 0; cpu < running.size(); ++cpu) {
    if (running[cpu] != kNoPid && timeline.end > running_since[cpu]) {
      timeline.cpus[cpu].push_back(
          {running_since[cpu], timeline.end, running[cpu], static_cast<CpuId>(cpu), ProcessState::Running});
    }
  }
  for (Pid pid = 0; pid < state.size(); ++pid) {
    const ProcessState s = state[pid];
    if ((s == ProcessState::Ready || s == ProcessState::Running || s == ProcessState::Blocked) &&
        timeline.end > state_since[pid]) {
      timeline.processes[pid].push_back({state_since[pid], timeline.end, pid, kNoCpu, s});
    }
  }
  return timeline;
}

namespace {

constexpr std::size_t kMaxLabel = 20;  // longer lane labels are cut to this many characters

// Characters a process name is shown by in a label: control bytes become '?', so that a name
// cannot move the cursor or change the terminal's colours.
std::string printable(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

// How many terminal columns TEXT takes: its UTF-8 code points (continuation bytes take none).
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

// TEXT cut to at most MAX columns, ending in ".." when it was cut; never splits a code point.
std::string fit_label(const std::string& text, std::size_t max) {
  if (display_width(text) <= max) return text;
  std::string out;
  std::size_t width = 0;
  for (const char c : text) {
    const bool starts_code_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_code_point && ++width > max - 2) break;
    out += c;
  }
  return out + "..";
}

// The marks of the lanes; a process shown by its own one-character name must not look like one.
bool is_mark(char c) {
  return c == '.' || c == ' ' || c == '*' || c == '?' || c == '#' || c == '+' || c == '-' || c == '~';
}

// One character per process: its name when every name is a single distinct character,
// otherwise A, B, C, ... in pid order (and a legend); '?' beyond the 62 letters and digits.
std::vector<char> process_letters(const Timeline& timeline, bool& need_legend) {
  std::vector<char> letters(timeline.names.size(), '?');
  std::map<char, int> seen;
  bool single = true;
  for (Pid pid = 1; pid < timeline.names.size(); ++pid) {
    const std::string& name = timeline.names[pid];
    if (name.size() != 1 || static_cast<unsigned char>(name[0]) <= 0x20 ||
        static_cast<unsigned char>(name[0]) >= 0x7f || is_mark(name[0]) || ++seen[name[0]] > 1) {
      single = false;
    }
  }
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (Pid pid = 1; pid < timeline.names.size(); ++pid) {
    letters[pid] = single ? timeline.names[pid][0] : (pid - 1 < alphabet.size() ? alphabet[pid - 1] : '?');
  }
  need_legend = !single;
  return letters;
}

// Calls VISIT(column, ticks) for every column SEGMENT overlaps, with the ticks of the overlap.
template <typename Visit>
void for_each_column(const Segment& segment, Tick ticks_per_column, int columns, Visit visit) {
  for (Tick column = segment.start / ticks_per_column; column * ticks_per_column < segment.end && column < columns;
       ++column) {
    const Tick overlap =
        std::min(segment.end, (column + 1) * ticks_per_column) - std::max(segment.start, column * ticks_per_column);
    if (overlap > 0) visit(static_cast<std::size_t>(column), overlap);
  }
}

// A CPU lane: per column, the letter of the one process that ran there, '*' when several did
// (round robin in a wide column is several processes, never the one that ran most), '.' idle.
std::string render_cpu_lane(const std::vector<Segment>& segments, Tick ticks_per_column, int columns,
                            const std::vector<char>& letters) {
  std::vector<Pid> holder(static_cast<std::size_t>(columns), kNoPid);
  std::vector<bool> several(static_cast<std::size_t>(columns), false);
  for (const Segment& s : segments) {
    for_each_column(s, ticks_per_column, columns, [&](std::size_t column, Tick) {
      if (holder[column] == kNoPid) holder[column] = s.pid;
      else if (holder[column] != s.pid) several[column] = true;
    });
  }
  std::string lane(static_cast<std::size_t>(columns), '.');
  for (std::size_t column = 0; column < lane.size(); ++column) {
    if (several[column]) lane[column] = '*';
    else if (holder[column] != kNoPid) lane[column] = holder[column] < letters.size() ? letters[holder[column]] : '?';
  }
  return lane;
}

// A process lane: per column, the state that held most of the process's time there ('#'
// running, '-' ready, '~' blocked; ties go to running, then ready). A process that ran in the
// column but spent more of it ready or blocked shows '+', never only '-' or '~'.
std::string render_process_lane(const std::vector<Segment>& segments, Tick ticks_per_column, int columns) {
  struct Shares {
    Tick running = 0, ready = 0, blocked = 0;
  };
  std::vector<Shares> shares(static_cast<std::size_t>(columns));
  for (const Segment& s : segments) {
    for_each_column(s, ticks_per_column, columns, [&](std::size_t column, Tick ticks) {
      Shares& share = shares[column];
      (s.state == ProcessState::Running ? share.running
       : s.state == ProcessState::Ready ? share.ready
                                        : share.blocked) += ticks;
    });
  }
  std::string lane(static_cast<std::size_t>(columns), ' ');
  for (std::size_t column = 0; column < lane.size(); ++column) {
    const Shares& s = shares[column];
    if (s.running > 0) lane[column] = s.running >= std::max(s.ready, s.blocked) ? '#' : '+';
    else if (s.ready > 0 || s.blocked > 0) lane[column] = s.ready >= s.blocked ? '-' : '~';
  }
  return lane;
}

// The time axis: the start time of every tenth column, each label whole (the axis runs past the
// last column when the last label needs it), a label left out where it would touch the one before.
std::string render_ruler(Tick ticks_per_column, int columns) {
  std::string ruler;
  for (int column = 0; column < columns; column += 10) {
    const std::string mark = std::to_string(column * ticks_per_column);
    const auto at = static_cast<std::size_t>(column);
    if (!ruler.empty() && at < ruler.size() + 1) continue;
    ruler.resize(at, ' ');
    ruler += mark;
  }
  return ruler;
}

}  // namespace

std::string render_timeline(const Timeline& timeline, int width) {
  if (timeline.end <= 0) return "(nothing ran)\n";
  const Tick ticks_per_column = std::max<Tick>(1, (timeline.end + width - 1) / width);
  const int columns = static_cast<int>((timeline.end + ticks_per_column - 1) / ticks_per_column);
  bool need_legend = false;
  const std::vector<char> letters = process_letters(timeline, need_legend);

  std::vector<std::pair<std::string, std::string>> lanes;  // label, lane
  for (std::size_t cpu = 0; cpu < timeline.cpus.size(); ++cpu) {
    lanes.emplace_back("CPU " + std::to_string(cpu),
                       render_cpu_lane(timeline.cpus[cpu], ticks_per_column, columns, letters));
  }
  for (Pid pid = 1; pid < timeline.processes.size(); ++pid) {
    std::string label = printable(timeline.names[pid]);
    if (need_legend) label.insert(label.begin(), {letters[pid], '='});
    lanes.emplace_back(fit_label(label, kMaxLabel),
                       render_process_lane(timeline.processes[pid], ticks_per_column, columns));
  }
  std::size_t label_width = 6;
  for (const auto& lane : lanes) label_width = std::max(label_width, display_width(lane.first) + 1);
  const auto pad = [&](const std::string& text) {
    return text + std::string(label_width + 1 - display_width(text), ' ');
  };

  std::string out = "Timeline (one column = " + std::to_string(ticks_per_column) +
                    (ticks_per_column == 1 ? " tick" : " ticks") +
                    ")\n  CPU lanes: the letter of the process that ran, '*' several processes ran, '.' idle\n"
                    "  process lanes: '#' running, '+' ran for part of the column, '-' ready, '~' blocked\n";
  out += pad("time") + render_ruler(ticks_per_column, columns) + '\n';
  for (const auto& [label, lane] : lanes) {
    const std::string line = pad(label) + lane;
    out += line.substr(0, line.find_last_not_of(' ') + 1) + '\n';  // no trailing blanks after an exit
  }
  return out;
}

}  // namespace ks
