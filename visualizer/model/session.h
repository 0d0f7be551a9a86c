// visualizer/model/session.h — a saved lecture: what was open, how it was laid out, where the
// cursor was. Stored as JSON so that a lecturer can prepare sessions and keep them with slides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/kernel.h"

namespace ks::viz {

struct PolicySlot {
  std::string policy;               // registry name
  std::vector<std::string> params;  // "key=value", as on the command line
  friend bool operator==(const PolicySlot&, const PolicySlot&) = default;
};

struct Session {
  std::string scenario_file;  // or
  std::string trace_file;     // a replayed trace
  std::vector<PolicySlot> policies;
  std::optional<std::uint64_t> seed;
  std::optional<std::vector<BurstProcessSpec>> workload;  // set when the workload was edited
  Tick cursor = 0;
  double view_start = 0;
  double view_end = 0;  // 0: fit the run
  std::string theme = "dark";
  bool presentation = false;
  std::string side_tab = "Scheduler";
  std::string bottom_tab = "Metrics";
};

std::string session_to_json(const Session& session);
// Reads a session from TEXT; FILE names it in messages. Throws InputError.
Session session_from_json(const std::string& text, const std::string& file);
void save_session(const Session& session, const std::string& file);
Session load_session(const std::string& file);

}  // namespace ks::viz
