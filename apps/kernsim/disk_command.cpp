// kernsim disk: the disk-scheduling exercise in one line, policies side by side.
//
// A list of cylinders (--requests, or a generated stream with --generate), all pending at time 0,
// is replayed through a disk scheduler (kernel/blk/replay.h) from the head's cylinder and
// direction. One policy prints the textbook's table (each request, from, to, the distance, the
// path when the head runs to an edge or makes a return sweep) and the totals; --compare puts
// several policies' totals in one table; --model hdd times every request on the hard-disk model
// (seek, rotation, transfer in µs) instead of counting cylinders. The conventions are stated in
// --help and in docs/disk.md. Errors name the option, the position and the problem (exit 2).
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "apps/kernsim/commands.h"
#include "kernel/blk/replay.h"
#include "sim-core/error.h"
#include "sim-core/random.h"

namespace ks::cli {
namespace {

constexpr std::size_t kTableRequests = 200;
constexpr std::size_t kMaxRequests = 10'000'000;
constexpr std::uint32_t kMaxCylinders = 1'000'000;

struct DiskArgs {
  std::string policy;
  std::string compare;
  std::optional<std::int64_t> head;
  std::int64_t cylinders = 200;
  std::string requests;
  std::string generate;
  std::uint64_t seed = 1;
  std::string direction = "up";
  std::string model = "cylinders";
  std::int64_t sectors = 8;
  std::int64_t rpm = 7200;
  std::vector<std::string> params;
  bool json = false;
  bool steps = false;
  bool list = false;
};

struct Choice {
  const DiskSchedulerInfo* policy;
  PolicyParams params;
};

std::string outside(std::int64_t cylinder, std::uint32_t cylinders) {
  return "cylinder " + std::to_string(cylinder) + " is outside the disk (cylinders 0 to " +
         std::to_string(cylinders - 1) + ")";
}

// The requests as given: their cylinders, and with --model hdd the sector each starts at on its
// cylinder's first track (0 unless given as CYLINDER:SECTOR).
struct Stream {
  std::vector<std::uint32_t> cylinders;
  std::vector<std::uint32_t> sectors;
};

// A decimal number of at most 9 digits (leading zeros aside), or nullopt.
std::optional<std::int64_t> small_number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const std::string digits = text.substr(std::min(text.find_first_not_of('0'), text.size() - 1));
  if (digits.size() > 9) return std::int64_t{1'000'000'000};
  return std::stoll(digits);
}

// "98,183,37" (or, on the HDD model, "98:10,183") checked against the disk; errors give the
// character position.
Stream parse_requests(const std::string& text, std::uint32_t cylinders, const HddModel* model) {
  Stream stream;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    const auto column = static_cast<std::int64_t>(start + 1);
    const auto bad = [column](const std::string& why) { throw InputError({"", 0, column, "--requests"}, why); };
    if (item.empty()) bad("a cylinder is missing (two commas in a row, or one at an end?)");
    const std::size_t colon = item.find(':');
    const std::string cylinder_text = item.substr(0, colon);
    const auto cylinder = small_number(cylinder_text);
    if (!cylinder) bad("expected a cylinder number (or CYLINDER:SECTOR with --model hdd), got \"" + item + "\"");
    if (*cylinder >= cylinders) bad(outside(*cylinder, cylinders));
    stream.cylinders.push_back(static_cast<std::uint32_t>(*cylinder));
    std::int64_t sector = 0;
    if (colon != std::string::npos) {
      if (model == nullptr) bad("a sector (" + item + ") means something only with --model hdd");
      const auto given = small_number(item.substr(colon + 1));
      if (!given) bad("expected CYLINDER:SECTOR, got \"" + item + "\"");
      const std::uint32_t per_track = model->sectors_per_track(static_cast<std::uint32_t>(*cylinder));
      if (*given >= per_track) {
        bad("sector " + std::to_string(*given) + " is outside the track (sectors 0 to " +
            std::to_string(per_track - 1) + ")");
      }
      sector = *given;
    }
    stream.sectors.push_back(static_cast<std::uint32_t>(sector));
    if (comma == text.size()) break;
    start = comma + 1;
  }
  return stream;
}

Stream read_requests(const DiskArgs& args, std::uint32_t cylinders, const HddModel* model) {
  if (!args.requests.empty() && !args.generate.empty()) {
    throw InputError({"", 0, 0, "--requests"}, "give either --requests or --generate, not both");
  }
  if (!args.generate.empty()) {
    const auto colon = args.generate.find(':');
    const std::string kind = args.generate.substr(0, colon);
    std::size_t count = 100;
    if (colon != std::string::npos) {
      const auto n = small_number(args.generate.substr(colon + 1));
      if (!n || *n == 0 || *n > static_cast<std::int64_t>(kMaxRequests)) {
        throw InputError({"", 0, 0, "--generate"}, "expected KIND or KIND:N with N from 1 to " +
                                                       std::to_string(kMaxRequests) + ", got \"" + args.generate +
                                                       "\"");
      }
      count = static_cast<std::size_t>(*n);
    }
    Stream stream;
    try {
      stream.cylinders = generate_cylinders(kind, count, cylinders, args.seed);
    } catch (const InputError& error) {
      throw InputError({"", 0, 0, "--generate"}, error.problem());
    }
    // On the HDD model each request starts at a random sector of its track, from the same seed.
    RandomStream random("disk-sectors", args.seed);
    for (const std::uint32_t c : stream.cylinders) {
      stream.sectors.push_back(
          model == nullptr ? 0 : static_cast<std::uint32_t>(random.uniform(0, model->sectors_per_track(c) - 1)));
    }
    return stream;
  }
  if (args.requests.empty()) {
    throw InputError({"", 0, 0, "--requests"}, "give the requests' cylinders, e.g. --requests 98,183,37,122");
  }
  return parse_requests(args.requests, cylinders, model);
}

std::vector<Choice> read_policies(const DiskArgs& args) {
  if (!args.policy.empty() && !args.compare.empty()) {
    throw InputError({"", 0, 0, "--compare"}, "give either --policy or --compare, not both");
  }
  if (args.policy.empty() && args.compare.empty()) {
    throw InputError({"", 0, 0, "--policy"}, "give a policy (known: " + disk_scheduler_names() + ")");
  }
  const bool comparing = !args.compare.empty();
  const std::string option = comparing ? "--compare" : "--policy";
  std::vector<std::string> names;
  const std::string& list = comparing ? args.compare : args.policy;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = comparing ? std::min(list.find(',', start), list.size()) : list.size();
    names.push_back(list.substr(start, comma - start));
    if (comma == list.size()) break;
    start = comma + 1;
  }
  std::vector<Choice> choices;
  for (const std::string& name : names) {
    const DiskSchedulerInfo* info = find_disk_scheduler(name);
    if (info == nullptr) {
      throw InputError({"", 0, 0, option},
                       name.empty() ? "a policy name is missing (two commas in a row?)"
                                    : "unknown policy \"" + name + "\" (known: " + disk_scheduler_names() + ")");
    }
    for (const Choice& earlier : choices) {
      if (earlier.policy == info) throw InputError({"", 0, 0, option}, "policy \"" + name + "\" is named twice");
    }
    PolicyParams values = default_params(*info);
    for (const std::string& text : args.params) {
      const auto equals = text.find('=');
      if (equals == std::string::npos || equals == 0) {
        throw InputError({"", 0, 0, "--param"}, "expected KEY=VALUE, got \"" + text + "\"");
      }
      const std::string key = text.substr(0, equals);
      const ParamSpec* spec = find_param(info->params, key);
      if (spec == nullptr) {
        if (comparing) continue;
        throw InputError({"", 0, 0, "--param " + key},
                         "policy \"" + name + "\" has no parameter \"" + key + "\"" +
                             (info->params.empty() ? std::string(" (it has none)")
                                                   : " (it has: " + param_names(info->params) + ")"));
      }
      std::string problem;
      const auto value = parse_param(*spec, text.substr(equals + 1), problem);
      if (!value) throw InputError({"", 0, 0, "--param " + key}, problem);
      values.set(key, *value);
    }
    choices.push_back({info, values});
  }
  return choices;
}

std::string path_text(const DiskReplayStep& step) {
  if (!step.edge && !step.return_to) return "";
  std::string text = std::to_string(step.from);
  if (step.edge) text += " -> " + std::to_string(*step.edge) + " (edge)";
  if (step.return_to)
    text += " -> " + std::to_string(*step.return_to) + " (return " + std::to_string(step.return_distance) + ")";
  return text + " -> " + std::to_string(step.to);
}

// The policy's name, with the parameters given values other than their defaults.
std::string describe(const Choice& choice) {
  std::string changed;
  const PolicyParams defaults = default_params(*choice.policy);
  for (const ParamSpec& spec : choice.policy->params) {
    const std::string value = to_string(choice.params.values().at(spec.name));
    if (value == to_string(defaults.values().at(spec.name))) continue;
    changed += (changed.empty() ? "" : ", ") + spec.name + "=" + value;
  }
  return changed.empty() ? choice.policy->name : choice.policy->name + " (" + changed + ")";
}

std::string mean_text(Tick total, std::size_t n) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << (n == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(n));
  return text.str();
}

nlohmann::ordered_json result_json(const Choice& choice, const DiskReplayResult& result,
                                   const std::vector<std::uint32_t>& cylinders, bool hdd, bool steps) {
  nlohmann::ordered_json order = nlohmann::ordered_json::array();
  for (const std::uint64_t id : result.order) order.push_back(cylinders[id]);
  nlohmann::ordered_json out = {{"order", order},
                                {"movement", result.movement},
                                {"return", result.return_movement},
                                {"policy", choice.policy->name}};
  if (hdd) {
    out["seek"] = result.seek;
    out["rotation"] = result.rotation;
    out["transfer"] = result.transfer;
    out["time"] = result.finish;
  }
  if (steps) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const DiskReplayStep& s : result.steps) {
      nlohmann::ordered_json row = {{"request", s.to}, {"from", s.from}, {"distance", s.distance}};
      if (s.edge) row["edge"] = *s.edge;
      if (s.return_to) row["return_to"] = *s.return_to;
      if (hdd) {
        row["seek"] = s.seek;
        row["rotation"] = s.rotation;
        row["transfer"] = s.transfer;
        row["finish"] = s.finish;
      }
      list.push_back(row);
    }
    out["steps"] = list;
  }
  return out;
}

void print_single(const Choice& choice, const DiskReplayResult& result, const DiskArgs& args,
                  const std::vector<std::uint32_t>& cylinders, bool hdd, bool table) {
  std::cout << "Policy " << describe(choice) << ", head at " << *args.head << " moving " << args.direction << ", "
            << args.cylinders << " cylinders, " << cylinders.size()
            << (cylinders.size() == 1 ? " request" : " requests")
            << (hdd ? ", hard-disk model (times in us)" : ", movement in cylinders") << "\n\n";
  if (!table) {
    std::cout << "  (the step table of " << cylinders.size() << " requests is left out; --steps prints it)\n";
  } else if (hdd) {
    std::cout << "  step  request  from      start     seek  rotation  transfer     finish  path\n";
  } else {
    std::cout << "  step  request  from    to  distance  path\n";
  }
  for (std::size_t i = 0; table && i < result.steps.size(); ++i) {
    const DiskReplayStep& s = result.steps[i];
    std::cout << std::setw(6) << i + 1 << std::setw(9) << s.to << std::setw(6) << s.from;
    if (hdd) {
      std::cout << std::setw(11) << s.start << std::setw(9) << s.seek << std::setw(10) << s.rotation << std::setw(10)
                << s.transfer << std::setw(11) << s.finish;
    } else {
      std::cout << std::setw(6) << s.to << std::setw(10) << s.distance;
    }
    const std::string path = path_text(s);
    std::cout << (path.empty() ? "" : "  " + path) << '\n';
  }
  std::cout << "\nmovement " << result.movement << " cylinders";
  if (result.return_movement != 0) std::cout << " (return sweep " << result.return_movement << " of them)";
  std::cout << '\n';
  if (hdd) {
    std::cout << "seek " << result.seek << " us, rotation " << result.rotation << " us, transfer " << result.transfer
              << " us; all served at " << result.finish << " us, mean latency "
              << mean_text(result.total_latency, cylinders.size()) << " us\n";
  }
}

// --compare: one row of totals per policy, or one JSON object with a list of them.
int run_compare(const DiskArgs& args, const std::vector<Choice>& choices, const std::vector<DiskRequest>& requests,
                const DiskReplayOptions& options, const std::vector<std::uint32_t>& stream) {
  const bool hdd = options.model != nullptr;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  std::size_t width = 6;
  for (const Choice& choice : choices) width = std::max(width, describe(choice).size());
  if (!args.json) {
    std::cout << "Head at " << *args.head << " moving " << args.direction << ", " << args.cylinders << " cylinders, "
              << stream.size() << " requests" << (hdd ? ", hard-disk model (times in us)" : "") << "\n\n"
              << std::left << std::setw(static_cast<int>(width)) << "policy" << std::right << "  movement    return";
    if (hdd) std::cout << "        seek    rotation    transfer       total  mean latency";
    std::cout << '\n';
  }
  for (const Choice& choice : choices) {
    const DiskReplayResult result = replay_disk(*choice.policy, choice.params, requests, options);
    if (args.json) {
      rows.push_back(result_json(choice, result, stream, hdd, false));
      continue;
    }
    std::cout << std::left << std::setw(static_cast<int>(width)) << describe(choice) << std::right << std::setw(10)
              << result.movement << std::setw(10) << result.return_movement;
    if (hdd) {
      std::cout << std::setw(12) << result.seek << std::setw(12) << result.rotation << std::setw(12) << result.transfer
                << std::setw(12) << result.finish << std::setw(14) << mean_text(result.total_latency, stream.size());
    }
    std::cout << '\n';
  }
  if (args.json) std::cout << nlohmann::ordered_json{{"policies", rows}}.dump() << '\n';
  return kExitOk;
}

int run_disk(const DiskArgs& args) {
  if (args.list) {
    for (const DiskSchedulerInfo& entry : disk_scheduler_registry().entries()) {
      std::cout << entry.name << " — " << entry.summary << '\n';
      for (const ParamSpec& p : entry.params) {
        std::cout << "    " << p.name << " (" << to_string(p.type) << ", default " << p.default_value
                  << "): " << p.description << '\n';
      }
    }
    return kExitOk;
  }
  const std::vector<Choice> choices = read_policies(args);
  if (!args.head) throw InputError({"", 0, 0, "--head"}, "give the head's starting cylinder, e.g. --head 53");
  const auto cylinders = static_cast<std::uint32_t>(args.cylinders);
  if (*args.head < 0 || *args.head >= args.cylinders) {
    throw InputError({"", 0, 0, "--head"}, outside(*args.head, cylinders));
  }
  const bool hdd = args.model == "hdd";
  std::optional<HddModel> model;
  if (hdd) {
    HddGeometry geometry;
    geometry.cylinders = cylinders;
    geometry.rpm = static_cast<std::uint32_t>(args.rpm);
    try {
      model.emplace(geometry);
    } catch (const InputError& error) {
      throw InputError({"", 0, 0, "--model hdd: " + error.where().key_path}, error.problem());
    }
  }
  const HddModel* timing = model ? &*model : nullptr;
  const Stream given = read_requests(args, cylinders, timing);
  const std::vector<std::uint32_t>& stream = given.cylinders;
  DiskReplayOptions options;
  options.cylinders = cylinders;
  options.model = timing;
  options.head = static_cast<std::uint32_t>(*args.head);
  options.direction = args.direction == "down" ? HeadDirection::Down : HeadDirection::Up;
  const bool table = args.steps || stream.size() <= kTableRequests;
  const bool comparing = !args.compare.empty();
  options.record_steps = !comparing && (table || args.json);
  std::vector<DiskRequest> requests = requests_at_cylinders(stream, timing, static_cast<std::uint32_t>(args.sectors));
  for (std::size_t i = 0; timing != nullptr && i < requests.size(); ++i) requests[i].lba += given.sectors[i];
  if (!comparing) {
    const DiskReplayResult result = replay_disk(*choices[0].policy, choices[0].params, requests, options);
    if (args.json) {
      std::cout << result_json(choices[0], result, stream, hdd, true).dump() << '\n';
    } else {
      print_single(choices[0], result, args, stream, hdd, table);
    }
    return kExitOk;
  }
  return run_compare(args, choices, requests, options, stream);
}

}  // namespace

void add_disk_command(CLI::App& app, int& status) {
  auto args = std::make_shared<DiskArgs>();
  CLI::App* disk = app.add_subcommand("disk", "Run a disk-scheduling exercise, compare policies, or list them");
  disk->add_option("--policy,-p", args->policy, "Disk scheduler (see --list)");
  disk->add_option("--compare", args->compare, "Policies to compare, comma-separated: fcfs,sstf,scan,look");
  disk->add_option("--head", args->head, "The head's starting cylinder");
  disk->add_option("--cylinders,-n", args->cylinders, "Cylinders of the disk (0 to N-1)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{kMaxCylinders}));
  disk->add_option("--requests,-r", args->requests,
                   "The requests' cylinders, comma-separated, all pending at time 0; with --model hdd a request "
                   "may name its sector too, CYLINDER:SECTOR");
  disk->add_option("--generate", args->generate, "Generate the requests: uniform, sequential or hotspot, as KIND[:N]");
  disk->add_option("--seed", args->seed, "Seed of --generate");
  disk->add_option("--direction,-d", args->direction, "The head's direction at the start: up or down (default up)")
      ->check(CLI::IsMember({"up", "down"}));
  disk->add_option("--model", args->model, "cylinders (count movement) or hdd (seek, rotation, transfer times)")
      ->check(CLI::IsMember({"cylinders", "hdd"}));
  disk->add_option("--sectors", args->sectors, "With --model hdd: sectors per request (default 8)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{4096}));
  disk->add_option("--rpm", args->rpm, "With --model hdd: the platters' speed (default 7200)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000}));
  disk->add_option("--param", args->params, "Policy parameter KEY=VALUE (repeatable; see --list)");
  disk->add_flag("--json", args->json, "Print exactly one JSON object");
  disk->add_flag("--steps", args->steps, "Print the step table however many requests");
  disk->add_flag("--list", args->list, "List the policies with their parameters");
  disk->footer(
      "Conventions: all requests are pending at time 0; movement is counted in cylinders.\n"
      "  sstf breaks a tie toward the lower cylinder (on one cylinder, the first request).\n"
      "  scan runs to the edge (0 or N-1) before reversing, and only when requests remain behind it.\n"
      "  look reverses at the last request in its direction.\n"
      "  cscan runs to the edge, returns to the other edge and continues in the same direction.\n"
      "  clook returns from the last request to the farthest pending one.\n"
      "  The return sweep (cscan, clook) counts as movement and is also reported on its own.\n"
      "  --model hdd: a request C (or C:S) moves --sectors sectors from sector 0 (or S) of cylinder C's\n"
      "  first track; --generate gives each a random sector;\n"
      "  times are in microseconds (docs/disk.md gives the formulas).\n"
      "Examples: kernsim disk --policy sstf --head 53 --cylinders 200 --requests 98,183,37,122,14,124,65,67\n"
      "          kernsim disk --compare fcfs,sstf,scan,cscan,look,clook --head 53 --requests "
      "98,183,37,122,14,124,65,67\n"
      "          kernsim disk --compare sstf,sptf --model hdd --head 0 --cylinders 1000 --generate uniform:200");
  disk->callback([args, &status] { status = run_disk(*args); });
}

}  // namespace ks::cli
