// grader/run_replay.cpp — a replay document run through a replacement policy to a trace (the
// format and the trace it gives: run_replay.h).
#include "grader/run_replay.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>

#include "kernel/mm/replace/replay.h"
#include "scenario/json_reader.h"
#include "sim-core/error.h"
#include "sim-core/trace/jsonl.h"
#include "sim-core/trace/trace.h"

namespace ks::grade {
namespace {

// A test's replay is recorded step by step (the trace needs each miss and victim): a bound on
// the references keeps the grader's memory bounded whatever a test says.
constexpr std::int64_t kMaxReplayReferences = 1'000'000;
constexpr std::int64_t kMaxReplayFrames = 1 << 16;
constexpr Pid kReplayPid = 1;
constexpr std::int64_t kSwapDevice = 0;

struct ReplayDocument {
  std::uint32_t frames = 0;
  ReferenceString refs;
};

// Reads {"replay": {...}}; a generator's string is drawn from SEED when given, else from the
// document's "seed" (default 1).
ReplayDocument read_document(const JsonReader& in, std::optional<std::uint64_t> seed) {
  const JsonPath top;
  in.expect_object(in.root(), top, {"replay", "description"});
  const nlohmann::json* replay = JsonReader::member(in.root(), "replay");
  const JsonPath path = top / "replay";
  if (replay == nullptr) in.fail(top, "a replay document needs \"replay\"");
  in.expect_object(*replay, path, {"frames", "refs", "generator", "params", "seed"});
  ReplayDocument document;
  const nlohmann::json* frames = JsonReader::member(*replay, "frames");
  if (frames == nullptr) in.fail(path, "a replay needs \"frames\" (the number of page frames)");
  document.frames = static_cast<std::uint32_t>(in.integer(*frames, path / "frames", 1, kMaxReplayFrames));
  const nlohmann::json* refs = JsonReader::member(*replay, "refs");
  const nlohmann::json* generator_name = JsonReader::member(*replay, "generator");
  if ((refs == nullptr) == (generator_name == nullptr))
    in.fail(path, "give either \"refs\" (\"1,2,3w\") or \"generator\" (loop, uniform, zipf, 80-20, phased, scan-hot)");
  if (refs != nullptr) {
    if (JsonReader::member(*replay, "params") != nullptr || JsonReader::member(*replay, "seed") != nullptr)
      in.fail(path, "\"params\" and \"seed\" belong to a \"generator\", not to written-out \"refs\"");
    try {
      document.refs = parse_reference_list(in.text(*refs, path / "refs"), "refs");
    } catch (const InputError& error) {
      in.fail(path / "refs", error.problem());
    }
  } else {
    const std::string name = in.text(*generator_name, path / "generator");
    const ReferenceGenerator* generator = find_reference_generator(name);
    if (generator == nullptr) {
      std::string known;
      for (const ReferenceGenerator& g : reference_generators()) known += (known.empty() ? "" : ", ") + g.name;
      in.fail(path / "generator", "unknown generator \"" + name + "\" (known: " + known + ")");
    }
    PolicyParams values = default_params(generator->params);
    if (const nlohmann::json* params = JsonReader::member(*replay, "params")) {
      if (!params->is_object()) in.fail(path / "params", "must be an object of the generator's parameters");
      for (auto it = params->begin(); it != params->end(); ++it) {
        const JsonPath key = path / "params" / it.key();
        const ParamSpec* spec = find_param(generator->params, it.key());
        if (spec == nullptr)
          in.fail(key,
                  "generator " + name + " has no parameter \"" + it.key() +
                      "\" (it has: " + param_names(generator->params) + ")",
                  true);
        const std::string text = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
        std::string problem;
        const auto value = parse_param(*spec, text, problem);
        if (!value) in.fail(key, problem);
        values.set(it.key(), *value);
      }
    }
    if (values.integer("length") > kMaxReplayReferences)
      in.fail(path / "params" / "length",
              "a test replays at most " + std::to_string(kMaxReplayReferences) + " references");
    std::uint64_t drawn_from = 1;
    if (const nlohmann::json* given = JsonReader::member(*replay, "seed"))
      drawn_from = static_cast<std::uint64_t>(in.integer(*given, path / "seed", 0));
    try {
      document.refs = generate_references(*generator, values, seed.value_or(drawn_from));
    } catch (const InputError& error) {
      in.fail(path / "params" / error.where().key_path, error.problem());
    }
  }
  if (static_cast<std::int64_t>(document.refs.size()) > kMaxReplayReferences)
    in.fail(path / "refs", "a test replays at most " + std::to_string(kMaxReplayReferences) + " references");
  return document;
}

PolicyParams read_policy_params(const ReplacementInfo& policy, const std::vector<std::string>& assignments,
                                const std::string& file) {
  PolicyParams values = default_params(policy.params);
  for (const std::string& text : assignments) {
    const std::size_t equals = text.find('=');
    const std::string key = text.substr(0, equals);
    const ParamSpec* spec = find_param(policy.params, key);
    if (equals == std::string::npos || spec == nullptr) {
      throw InputError({file, 0, 0, "params." + key},
                       "replacement policy " + policy.name + " has no parameter \"" + key + "\"" +
                           (policy.params.empty() ? std::string(" (it has none)")
                                                  : " (it has: " + param_names(policy.params) + ")"));
    }
    std::string problem;
    const auto value = parse_param(*spec, text.substr(equals + 1), problem);
    if (!value) throw InputError({file, 0, 0, "params." + key}, problem);
    values.set(key, *value);
  }
  return values;
}

void emit(Trace& trace, Tick time, EventKind kind, std::int64_t a, std::int64_t b) {
  TraceEvent event;
  event.time = time;
  event.kind = kind;
  event.pid = kReplayPid;
  event.a = a;
  event.b = b;
  trace.emit(event);
}

}  // namespace

bool is_replay_document(const std::string& text) {
  const nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return root.is_object() && root.contains("replay");
}

void run_replay_to_trace(const ScenarioRunRequest& request, std::ostream& trace_out, std::ostream* timeline_out) {
  const JsonReader in(request.scenario_file, request.scenario_text);
  const ReplayDocument document = read_document(in, request.seed);
  const ReplacementInfo* policy = replacement_registry().find(request.policy);
  if (policy == nullptr) {
    throw InputError({request.scenario_file, 0, 0, "policy"}, "unknown replacement policy \"" + request.policy +
                                                                  "\" (known: " + replacement_registry().names() + ")");
  }
  const PolicyParams params = read_policy_params(*policy, request.params, request.scenario_file);
  ReplayOptions options;
  options.record_steps = true;
  options.seed = request.seed.value_or(1);
  const ReplayResult result = replay(*policy, params, document.refs, document.frames, options);

  Trace trace;
  JsonLinesWriter writer(trace_out, trace);
  trace.add_sink(writer);
  emit(trace, 0, EventKind::ProcessCreated, static_cast<std::int64_t>(kNoPid), trace.add_name("refs"));
  std::set<PageKey> seen;
  for (std::size_t i = 0; i < result.steps.size(); ++i) {
    const ReplayStep& step = result.steps[i];
    if (step.hit) continue;
    const bool first_touch = seen.insert(step.page).second;
    emit(trace, static_cast<Tick>(i), EventKind::PageFault, static_cast<std::int64_t>(step.page.vpn) * 4096,
         first_touch ? 0 : 1);
    if (step.victim && step.victim_dirty) emit(trace, static_cast<Tick>(i), EventKind::IoRequest, kSwapDevice, 1);
  }
  const auto end = static_cast<Tick>(result.steps.size());
  emit(trace, end, EventKind::Exited, 0, 0);
  TraceEvent run_end;
  run_end.time = end;
  run_end.kind = EventKind::RunEnd;
  run_end.a = 1;
  trace.emit(run_end);
  trace.finish();

  if (timeline_out == nullptr) return;
  std::ostream& out = *timeline_out;
  out << "Replacement policy " << policy->name << ", " << document.frames << " frames, " << document.refs.size()
      << " references\n\n";
  const std::size_t shown = std::min<std::size_t>(result.steps.size(), 200);
  for (std::size_t i = 0; i < shown; ++i) {
    const ReplayStep& step = result.steps[i];
    out << "t=" << i << "  " << page_text(step.page) << (step.write ? "w" : " ") << "  " << (step.hit ? "hit " : "MISS")
        << "  frame " << step.slot;
    if (step.victim)
      out << "  evicts " << page_text(*step.victim) << (step.victim_dirty ? " (dirty: written back)" : "");
    out << '\n';
  }
  if (shown < result.steps.size()) out << "... (" << result.steps.size() - shown << " more steps)\n";
  out << "\nhits " << result.hits << ", misses (page faults) " << result.misses << ", dirty evictions "
      << result.dirty_evictions << '\n';
}

}  // namespace ks::grade
