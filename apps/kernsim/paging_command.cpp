// kernsim paging: the page-replacement exercise in one line, policies side by side, fault curves.
//
// A reference string (--refs, --refs-file or --gen) is replayed through a replacement policy over
// a fixed number of frames (kernel/mm/replace/replay.h). One policy prints the textbook's table:
// each reference, hit or miss, the victim, the frames after; --compare puts several policies'
// totals in one table; --sweep-frames prints the fault curve (faults against frames), where FIFO
// shows Belady's anomaly. Errors name the option and the problem (exit status 2), as kernsim
// sched's do.
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "apps/kernsim/commands.h"
#include "kernel/mm/replace/replay.h"
#include "scenario/host_file.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

// A step table longer than this, or wider (frames), is left out unless --steps asks for it; the
// policy's per-frame state is printed only up to the same width.
constexpr std::size_t kTableReferences = 200;
constexpr std::uint32_t kTableFrames = 64;
// Steps are recorded (for the table or --json) only while references x frames stays below this.
constexpr std::uint64_t kMaxStepCells = 20'000'000;
// At most this many frame counts in one --sweep-frames.
constexpr std::uint32_t kMaxSweepPoints = 1024;
constexpr std::uint32_t kMaxFrames = 1U << 20;

struct PagingArgs {
  std::string policy;
  std::string compare;
  std::optional<std::uint32_t> frames;
  std::string sweep;
  std::string refs;
  std::string refs_file;
  std::string gen;
  std::vector<std::string> gen_params;
  std::vector<std::string> params;
  std::uint64_t seed = 1;
  bool json = false;
  bool steps = false;
  bool list = false;
  bool names_only = false;
};

void print_param_specs(const std::vector<ParamSpec>& specs) {
  for (const ParamSpec& p : specs) {
    std::cout << "    " << p.name << " (" << to_string(p.type) << ", default " << p.default_value
              << "): " << p.description << '\n';
  }
}

void list_policies(bool names_only) {
  for (const ReplacementInfo& policy : replacement_registry().entries()) {
    if (names_only) {
      std::cout << policy.name << '\n';
      continue;
    }
    std::cout << policy.name << " — " << policy.summary << '\n';
    print_param_specs(policy.params);
  }
  if (names_only) return;
  std::cout << "\nReference-string generators (--gen KIND, --gen-param KEY=VALUE):\n";
  for (const ReferenceGenerator& generator : reference_generators()) {
    std::cout << generator.name << " — " << generator.summary << '\n';
    print_param_specs(generator.params);
  }
}

// "KEY=VALUE" split, or an InputError naming OPTION.
std::pair<std::string, std::string> assignment(const std::string& text, const std::string& option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError({"", 0, 0, option}, "expected KEY=VALUE, got \"" + text + "\"");
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

// Parses ASSIGNMENTS (KEY=VALUE) against SPECS over their defaults; keys SPECS lacks are skipped
// when SKIP_UNKNOWN (--param for --compare), else refused naming OWNER.
PolicyParams read_params(const std::vector<ParamSpec>& specs, const std::vector<std::string>& assignments,
                         const std::string& option, const std::string& owner, bool skip_unknown) {
  PolicyParams values = default_params(specs);
  for (const std::string& text : assignments) {
    const auto [key, value_text] = assignment(text, option);
    const ParamSpec* spec = find_param(specs, key);
    if (spec == nullptr) {
      if (skip_unknown) continue;
      throw InputError({"", 0, 0, option + " " + key},
                       owner + " has no parameter \"" + key + "\"" +
                           (specs.empty() ? std::string(" (it has none)") : " (it has: " + param_names(specs) + ")"));
    }
    std::string problem;
    const auto value = parse_param(*spec, value_text, problem);
    if (!value) throw InputError({"", 0, 0, option + " " + key}, problem);
    values.set(key, *value);
  }
  return values;
}

ReferenceString read_references(const PagingArgs& args) {
  const int sources = (args.refs.empty() ? 0 : 1) + (args.refs_file.empty() ? 0 : 1) + (args.gen.empty() ? 0 : 1);
  if (sources == 0) {
    throw InputError({"", 0, 0, "--refs"},
                     "give the references: --refs 1,2,3,1,4 (a w after a page makes a write: 3w), --refs-file FILE "
                     "or --gen KIND");
  }
  if (sources > 1) throw InputError({"", 0, 0, "--refs"}, "give only one of --refs, --refs-file and --gen");
  if (!args.gen_params.empty() && args.gen.empty()) {
    throw InputError({"", 0, 0, "--gen-param"}, "parameters of a generator need --gen KIND");
  }
  if (!args.refs.empty()) return parse_reference_list(args.refs, "--refs");
  if (!args.refs_file.empty()) return parse_reference_file(read_input_file(args.refs_file), args.refs_file);
  const ReferenceGenerator* generator = find_reference_generator(args.gen);
  if (generator == nullptr) {
    std::string known;
    for (const ReferenceGenerator& g : reference_generators()) known += (known.empty() ? "" : ", ") + g.name;
    throw InputError({"", 0, 0, "--gen"}, "unknown generator \"" + args.gen + "\" (known: " + known + ")");
  }
  const PolicyParams params =
      read_params(generator->params, args.gen_params, "--gen-param", "generator " + args.gen, false);
  try {
    return generate_references(*generator, params, args.seed);
  } catch (const InputError& error) {
    throw InputError({"", 0, 0, "--gen-param " + error.where().key_path}, error.problem());
  }
}

struct Choice {
  const ReplacementInfo* policy;
  PolicyParams params;
};

// The policies to run: --policy, or each of --compare; --param values given to those that have
// them (with --compare, a key none has is refused).
std::vector<Choice> read_policies(const PagingArgs& args) {
  if (!args.policy.empty() && !args.compare.empty()) {
    throw InputError({"", 0, 0, "--compare"}, "give either --policy or --compare, not both");
  }
  if (args.policy.empty() && args.compare.empty()) {
    throw InputError({"", 0, 0, "--policy"}, "give a policy (kernsim paging --list shows them)");
  }
  const bool comparing = !args.compare.empty();
  const std::string option = comparing ? "--compare" : "--policy";
  std::vector<std::string> names;
  if (comparing) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = std::min(args.compare.find(',', start), args.compare.size());
      names.push_back(args.compare.substr(start, comma - start));
      if (comma == args.compare.size()) break;
      start = comma + 1;
    }
  } else {
    names.push_back(args.policy);
  }
  std::vector<Choice> choices;
  for (const std::string& name : names) {
    const ReplacementInfo* info = replacement_registry().find(name);
    if (info == nullptr) {
      throw InputError({"", 0, 0, option},
                       name.empty()
                           ? "a policy name is missing (two commas in a row, or one at an end?)"
                           : "unknown policy \"" + name + "\" (known: " + replacement_registry().names() + ")");
    }
    for (const Choice& earlier : choices) {
      if (earlier.policy == info) throw InputError({"", 0, 0, option}, "policy \"" + name + "\" is named twice");
    }
    choices.push_back({info, read_params(info->params, args.params, "--param", "policy \"" + name + "\"", comparing)});
  }
  for (const std::string& text : args.params) {
    const std::string key = assignment(text, "--param").first;
    bool used = false;
    for (const Choice& choice : choices) used = used || find_param(choice.policy->params, key) != nullptr;
    if (!used) throw InputError({"", 0, 0, "--param " + key}, "none of the compared policies has this parameter");
  }
  return choices;
}

// "1..8" (or "8", meaning 1..8) as the first and last frame counts.
std::pair<std::uint32_t, std::uint32_t> read_sweep(const std::string& text) {
  const auto bad = [&text](const std::string& why) {
    throw InputError({"", 0, 0, "--sweep-frames"}, why + ", got \"" + text + "\"");
  };
  const auto number = [&](const std::string& part) {
    std::size_t used = 0;
    unsigned long long value = 0;
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) {
      bad("expected FIRST..LAST frame counts, such as 1..8");
    }
    try {
      value = std::stoull(part, &used);
    } catch (const std::exception&) {
      value = kMaxFrames + 1ULL;
    }
    if (value < 1 || value > kMaxFrames) bad("frame counts are between 1 and " + std::to_string(kMaxFrames));
    return static_cast<std::uint32_t>(value);
  };
  const auto dots = text.find("..");
  const std::uint32_t first = dots == std::string::npos ? 1 : number(text.substr(0, dots));
  const std::uint32_t last = number(dots == std::string::npos ? text : text.substr(dots + 2));
  if (first > last) bad("the first frame count must not be above the last");
  if (last - first >= kMaxSweepPoints) bad("at most " + std::to_string(kMaxSweepPoints) + " frame counts");
  return {first, last};
}

ReplayResult run(const Choice& choice, const ReferenceString& refs, std::uint32_t frames, bool steps,
                 std::uint64_t seed) {
  try {
    return replay(*choice.policy, choice.params, refs, frames, {steps, seed});
  } catch (const InputError& error) {
    const std::string& key = error.where().key_path;
    const auto dot = key.find('.');
    const std::string where = dot == std::string::npos ? "--policy" : "--param " + key.substr(dot + 1);
    throw InputError({"", 0, 0, where}, choice.policy->name + ": " + error.problem());
  }
}

std::string describe(const Choice& choice) {
  std::string text = choice.policy->name;
  std::string changed;
  for (const ParamSpec& spec : choice.policy->params) {
    const std::string value = to_string(choice.params.values().at(spec.name));
    changed += (changed.empty() ? "" : ", ") + spec.name + "=" + value;
  }
  return changed.empty() ? text : text + " (" + changed + ")";
}

std::string reference_text(const ReferenceString& refs, std::size_t t) {
  return page_text(refs.pages[t]) + (refs.writes[t] != 0 ? "w" : "");
}

double hit_rate(const ReplayResult& result) {
  const std::uint64_t total = result.hits + result.misses;
  return total == 0 ? 0.0 : 100.0 * static_cast<double>(result.hits) / static_cast<double>(total);
}

std::string percent(double value) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(2) << value << '%';
  return text.str();
}

void print_state(const ReplacementView& view, std::uint32_t frames) {
  if (view.has_hand) std::cout << "  hand at frame " << view.hand << '\n';
  if (!view.order.empty() && frames <= kTableFrames) {
    std::cout << "  " << (view.order_name.empty() ? "order" : view.order_name) << ": frames";
    for (const Slot slot : view.order) std::cout << ' ' << slot;
    std::cout << '\n';
  }
  for (const auto& [name, values] : view.per_slot) {
    if (frames > kTableFrames) {
      std::cout << "  " << name << " by frame: left out for " << frames << " frames\n";
      continue;
    }
    std::cout << "  " << name << " by frame:";
    for (const std::int64_t value : values) std::cout << ' ' << value;
    std::cout << '\n';
  }
  for (const auto& [name, value] : view.values) std::cout << "  " << name << ": " << value << '\n';
}

void print_table(const ReferenceString& refs, const ReplayResult& result) {
  std::cout << "  step  ref     result  victim  frames after\n";
  bool any_dirty = false;
  for (std::size_t t = 0; t < result.steps.size(); ++t) {
    const ReplayStep& step = result.steps[t];
    std::string victim = step.victim ? page_text(*step.victim) + (step.victim_dirty ? "*" : "") : "";
    any_dirty = any_dirty || step.victim_dirty;
    std::string frames;
    for (const auto& page : step.frames) frames += (frames.empty() ? "" : " ") + (page ? page_text(*page) : "-");
    std::cout << std::setw(6) << t + 1 << "  " << std::left << std::setw(6) << reference_text(refs, t) << "  "
              << std::setw(6) << (step.hit ? "hit" : "miss") << "  " << std::setw(6) << victim << std::right << "  "
              << frames << '\n';
  }
  if (any_dirty) std::cout << "  (* the victim was written while resident: it is written back)\n";
}

nlohmann::ordered_json step_json(const ReferenceString& refs, const ReplayStep& step, std::size_t t) {
  nlohmann::ordered_json frames = nlohmann::ordered_json::array();
  for (const auto& page : step.frames) {
    frames.push_back(page ? nlohmann::ordered_json(page->vpn) : nlohmann::ordered_json(nullptr));
  }
  return {{"ref", reference_text(refs, t)},
          {"page", step.page.vpn},
          {"write", step.write},
          {"hit", step.hit},
          {"victim", step.victim ? nlohmann::ordered_json(step.victim->vpn) : nlohmann::ordered_json(nullptr)},
          {"victim_dirty", step.victim_dirty},
          {"frames", frames}};
}

int run_single(const PagingArgs& args, const Choice& choice, const ReferenceString& refs, std::uint32_t frames) {
  const bool small = refs.size() * static_cast<std::uint64_t>(frames) <= kMaxStepCells;
  const bool readable = refs.size() <= kTableReferences && frames <= kTableFrames;
  const bool steps = small && (args.json || args.steps || readable);
  const ReplayResult result = run(choice, refs, frames, steps, args.seed);
  if (args.json) {
    nlohmann::ordered_json out = {{"policy", choice.policy->name}, {"frames", frames},
                                  {"references", refs.size()},     {"hits", result.hits},
                                  {"misses", result.misses},       {"write_backs", result.dirty_evictions}};
    if (steps) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (std::size_t t = 0; t < result.steps.size(); ++t) list.push_back(step_json(refs, result.steps[t], t));
      out["steps"] = std::move(list);
    } else {
      out["steps_left_out"] = "more than " + std::to_string(kMaxStepCells) + " references x frames";
    }
    std::cout << out.dump() << '\n';
    return kExitOk;
  }
  std::cout << "Policy " << describe(choice) << ", " << frames << (frames == 1 ? " frame, " : " frames, ")
            << refs.size() << (refs.size() == 1 ? " reference" : " references") << "\n\n";
  if (steps) {
    print_table(refs, result);
  } else {
    std::cout << "  (the step table of " << refs.size() << (refs.size() == 1 ? " reference" : " references") << " over "
              << frames << " frames is left out" << (small ? "; --steps prints it" : "") << ")\n";
  }
  std::cout << "\nhits " << result.hits << ", misses " << result.misses << " (page faults), hit rate "
            << percent(hit_rate(result));
  if (result.dirty_evictions != 0) std::cout << ", write-backs " << result.dirty_evictions;
  std::cout << "\n";
  const ReplacementView& view = result.view;
  if (view.has_hand || !view.order.empty() || !view.per_slot.empty() || !view.values.empty()) {
    std::cout << "\nPolicy state after the last reference:\n";
    print_state(view, frames);
  }
  return kExitOk;
}

int run_compare(const PagingArgs& args, const std::vector<Choice>& choices, const ReferenceString& refs,
                std::uint32_t frames) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  std::size_t width = 6;
  for (const Choice& choice : choices) width = std::max(width, describe(choice).size());
  if (!args.json) {
    std::cout << frames << (frames == 1 ? " frame, " : " frames, ") << refs.size() << " references\n\n"
              << std::left << std::setw(static_cast<int>(width)) << "policy" << std::right
              << "        hits      misses  hit rate  write-backs\n";
  }
  for (const Choice& choice : choices) {
    const ReplayResult result = run(choice, refs, frames, false, args.seed);
    if (args.json) {
      rows.push_back({{"policy", choice.policy->name},
                      {"description", describe(choice)},
                      {"hits", result.hits},
                      {"misses", result.misses},
                      {"hit_rate", hit_rate(result)},
                      {"write_backs", result.dirty_evictions}});
      continue;
    }
    std::cout << std::left << std::setw(static_cast<int>(width)) << describe(choice) << std::right << std::setw(12)
              << result.hits << std::setw(12) << result.misses << std::setw(10) << percent(hit_rate(result))
              << std::setw(13) << result.dirty_evictions << '\n';
  }
  if (args.json) {
    std::cout << nlohmann::ordered_json{{"frames", frames}, {"references", refs.size()}, {"policies", rows}}.dump()
              << '\n';
  }
  return kExitOk;
}

int run_sweep(const PagingArgs& args, const std::vector<Choice>& choices, const ReferenceString& refs) {
  const auto [first, last] = read_sweep(args.sweep);
  std::vector<std::vector<std::uint64_t>> misses(choices.size());
  for (std::size_t i = 0; i < choices.size(); ++i) {
    for (std::uint32_t frames = first; frames <= last; ++frames) {
      misses[i].push_back(run(choices[i], refs, frames, false, args.seed).misses);
    }
  }
  if (args.json) {
    nlohmann::ordered_json frames = nlohmann::ordered_json::array();
    for (std::uint32_t f = first; f <= last; ++f) frames.push_back(f);
    nlohmann::ordered_json faults = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < choices.size(); ++i) faults[choices[i].policy->name] = misses[i];
    std::cout << nlohmann::ordered_json{{"references", refs.size()}, {"frames", frames}, {"misses", faults}}.dump()
              << '\n';
    return kExitOk;
  }
  std::cout << "Page faults by number of frames, " << refs.size() << " references\n\n frames";
  for (const Choice& choice : choices) std::cout << std::setw(16) << choice.policy->name;
  std::cout << '\n';
  for (std::uint32_t frames = first; frames <= last; ++frames) {
    std::cout << std::setw(7) << frames;
    for (std::size_t i = 0; i < choices.size(); ++i) std::cout << std::setw(16) << misses[i][frames - first];
    std::cout << '\n';
  }
  for (std::size_t i = 0; i < choices.size(); ++i) {
    for (std::size_t k = 1; k < misses[i].size(); ++k) {
      if (misses[i][k] <= misses[i][k - 1]) continue;
      std::cout << "\nBelady's anomaly: " << choices[i].policy->name << " faults more with " << first + k << " frames ("
                << misses[i][k] << ") than with " << first + k - 1 << " (" << misses[i][k - 1] << ")";
    }
  }
  std::cout << '\n';
  return kExitOk;
}

int run_paging(const PagingArgs& args) {
  if (args.list) {
    list_policies(args.names_only);
    return kExitOk;
  }
  const std::vector<Choice> choices = read_policies(args);
  if (!args.sweep.empty() && args.frames) {
    throw InputError({"", 0, 0, "--frames"}, "give either --frames or --sweep-frames, not both");
  }
  if (args.sweep.empty() && !args.frames) {
    throw InputError({"", 0, 0, "--frames"}, "give the number of frames, e.g. --frames 3");
  }
  if (!args.sweep.empty()) read_sweep(args.sweep);  // a bad range is refused before any work
  const ReferenceString refs = read_references(args);
  if (!args.sweep.empty()) return run_sweep(args, choices, refs);
  if (choices.size() > 1 || !args.compare.empty()) return run_compare(args, choices, refs, *args.frames);
  return run_single(args, choices.front(), refs, *args.frames);
}

}  // namespace

void add_paging_command(CLI::App& app, int& status) {
  auto args = std::make_shared<PagingArgs>();
  CLI::App* paging = app.add_subcommand("paging", "Run a page-replacement exercise, compare policies, or list them");
  paging->add_option("--policy,-p", args->policy, "Replacement policy (see --list)");
  paging->add_option("--compare", args->compare, "Policies to compare, comma-separated: fifo,lru,opt");
  paging->add_option("--frames,-f", args->frames, "Number of frames")->check(CLI::Range(1U, kMaxFrames));
  paging->add_option("--sweep-frames", args->sweep, "Fault curve over frame counts FIRST..LAST, e.g. 1..8");
  paging->add_option("--refs,-r", args->refs,
                     "Reference string, comma-separated pages; a w after a page makes a write: 1,2,3w,1");
  paging->add_option("--refs-file", args->refs_file, "File of references, one a line or comma-separated (# comments)");
  paging->add_option("--gen", args->gen, "Generate the references: loop, uniform, zipf, 80-20, phased, scan-hot");
  paging->add_option("--gen-param", args->gen_params, "Generator parameter KEY=VALUE (repeatable; see --list)");
  paging->add_option("--seed", args->seed, "Seed of the generator and of the random policy");
  paging->add_option("--param", args->params, "Policy parameter KEY=VALUE (repeatable)");
  paging->add_flag("--json", args->json, "Print exactly one JSON object");
  paging->add_flag("--steps", args->steps, "Print the step table however long the string");
  paging->add_flag("--list", args->list, "List the policies and generators with their parameters");
  paging->add_flag("--names", args->names_only, "With --list: print the policies' names only");
  paging->footer(
      "Examples: kernsim paging --policy fifo --frames 3 --refs 7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1\n"
      "          kernsim paging --policy fifo --sweep-frames 1..6 --refs 1,2,3,4,1,2,5,1,2,3,4,5 (Belady)\n"
      "          kernsim paging --compare fifo,clock,lru,opt --frames 20 --gen scan-hot --gen-param length=100000");
  paging->callback([args, &status] { status = run_paging(*args); });
}

}  // namespace ks::cli
