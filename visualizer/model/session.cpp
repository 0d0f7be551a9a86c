// visualizer/model/session.cpp — a session as JSON ({"format": "kernsim-viz-session", "version":
// 1, ...}), written and read back. Missing keys take their defaults; a file that is not a
// session, or a value of the wrong type, is an InputError naming the file.
#include "visualizer/model/session.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim-core/error.h"

namespace ks::viz {

namespace {

nlohmann::json workload_to_json(const std::vector<BurstProcessSpec>& workload) {
  nlohmann::json list = nlohmann::json::array();
  for (const BurstProcessSpec& p : workload) {
    nlohmann::json bursts = nlohmann::json::array();
    for (const Burst& b : p.bursts)
      bursts.push_back({{"kind", b.kind == Burst::Kind::Cpu ? "cpu" : "io"}, {"length", b.length}});
    list.push_back({{"name", p.name},
                    {"arrival", p.arrival},
                    {"priority", p.priority},
                    {"nice", p.nice},
                    {"tickets", p.tickets},
                    {"bursts", bursts}});
  }
  return list;
}

std::vector<BurstProcessSpec> workload_from_json(const nlohmann::json& list) {
  std::vector<BurstProcessSpec> workload;
  for (const auto& item : list) {
    BurstProcessSpec p;
    p.name = item.at("name").get<std::string>();
    p.arrival = item.at("arrival").get<Tick>();
    p.priority = item.value("priority", 0);
    p.nice = item.value("nice", 0);
    p.tickets = item.value("tickets", std::int64_t{100});
    for (const auto& b : item.at("bursts")) {
      p.bursts.push_back(
          {b.at("kind").get<std::string>() == "io" ? Burst::Kind::Io : Burst::Kind::Cpu, b.at("length").get<Tick>()});
    }
    workload.push_back(std::move(p));
  }
  return workload;
}

}  // namespace

std::string session_to_json(const Session& s) {
  nlohmann::json j;
  j["format"] = "kernsim-viz-session";
  j["version"] = 1;
  j["scenario"] = s.scenario_file;
  j["trace"] = s.trace_file;
  j["policies"] = nlohmann::json::array();
  for (const PolicySlot& slot : s.policies) j["policies"].push_back({{"policy", slot.policy}, {"params", slot.params}});
  if (s.seed) j["seed"] = *s.seed;
  if (s.workload) j["workload"] = workload_to_json(*s.workload);
  j["cursor"] = s.cursor;
  j["view"] = {s.view_start, s.view_end};
  j["theme"] = s.theme;
  j["presentation"] = s.presentation;
  j["layout"] = {{"side_tab", s.side_tab}, {"bottom_tab", s.bottom_tab}};
  return j.dump(2) + "\n";
}

Session session_from_json(const std::string& text, const std::string& file) {
  Session s;
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    if (j.value("format", "") != "kernsim-viz-session")
      throw InputError({file, 1, 1, "format"}, "not a kernsim-viz session");
    s.scenario_file = j.value("scenario", "");
    s.trace_file = j.value("trace", "");
    for (const auto& slot : j.value("policies", nlohmann::json::array())) {
      s.policies.push_back({slot.at("policy").get<std::string>(), slot.value("params", std::vector<std::string>{})});
    }
    if (j.contains("seed")) s.seed = j["seed"].get<std::uint64_t>();
    if (j.contains("workload")) s.workload = workload_from_json(j["workload"]);
    s.cursor = j.value("cursor", Tick{0});
    if (j.contains("view")) {
      s.view_start = j["view"].at(0).get<double>();
      s.view_end = j["view"].at(1).get<double>();
    }
    s.theme = j.value("theme", "dark");
    s.presentation = j.value("presentation", false);
    if (j.contains("layout")) {
      s.side_tab = j["layout"].value("side_tab", s.side_tab);
      s.bottom_tab = j["layout"].value("bottom_tab", s.bottom_tab);
    }
  } catch (const nlohmann::json::exception& error) {
    throw InputError({file, 0, 0, ""}, std::string("bad session file: ") + error.what());
  }
  return s;
}

void save_session(const Session& session, const std::string& file) {
  std::ofstream out(file);
  if (!out) throw InputError({file, 0, 0, ""}, "cannot write the session file");
  out << session_to_json(session);
}

Session load_session(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw InputError({file, 0, 0, ""}, "cannot open the session file");
  std::ostringstream text;
  text << in.rdbuf();
  return session_from_json(text.str(), file);
}

}  // namespace ks::viz
