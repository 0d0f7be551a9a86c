// visualizer/model/paging_model.cpp — the memory view's model (why: paging_model.h).
//
// Nothing here knows how a policy works: each run is one replay of the whole string with its
// steps and views recorded (so opt sees the whole future, as in `kernsim paging`), and the
// cursor only picks a recorded step. The per-step totals are prefix sums, so moving the cursor
// costs nothing.
#include "visualizer/model/paging_model.h"

#include "sim-core/error.h"

namespace ks::viz {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = std::min(text.find(separator, start), text.size());
    parts.push_back(text.substr(start, at - start));
    if (at == text.size()) return parts;
    start = at + 1;
  }
}

// ASSIGNMENTS (KEY=VALUE) over the defaults of SPECS; errors name OPTION and OWNER.
PolicyParams read_params(const std::vector<ParamSpec>& specs, const std::vector<std::string>& assignments,
                         const std::string& option, const std::string& owner) {
  PolicyParams values = default_params(specs);
  for (const std::string& text : assignments) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw InputError({"", 0, 0, option}, owner + ": expected KEY=VALUE, got \"" + text + "\"");
    }
    const std::string key = text.substr(0, equals);
    const ParamSpec* spec = find_param(specs, key);
    if (spec == nullptr) {
      throw InputError({"", 0, 0, option},
                       owner + " has no parameter \"" + key + "\"" +
                           (specs.empty() ? std::string(" (it has none)") : " (it has: " + param_names(specs) + ")"));
    }
    std::string problem;
    const auto value = parse_param(*spec, text.substr(equals + 1), problem);
    if (!value) throw InputError({"", 0, 0, option}, owner + ", " + key + ": " + problem);
    values.set(key, *value);
  }
  return values;
}

const ReplacementInfo& find_policy(const std::string& name) {
  const ReplacementInfo* info = replacement_registry().find(name);
  if (info == nullptr) {
    throw InputError({"", 0, 0, "--paging"},
                     "unknown policy \"" + name + "\" (known: " + replacement_registry().names() + ")");
  }
  return *info;
}

std::string describe(const ReplacementInfo& policy, const PolicyParams& params) {
  std::string changed;
  for (const ParamSpec& spec : policy.params) {
    changed += (changed.empty() ? "" : ", ") + spec.name + "=" + to_string(params.values().at(spec.name));
  }
  return changed.empty() ? policy.name : policy.name + " (" + changed + ")";
}

}  // namespace

std::vector<PagingPolicySpec> parse_paging_policies(const std::string& text, const std::string& option) {
  std::vector<PagingPolicySpec> specs;
  for (const std::string& item : split(text, ',')) {
    std::vector<std::string> parts = split(item, ':');
    if (parts.front().empty()) {
      throw InputError({"", 0, 0, option}, "a policy name is missing in \"" + text + "\"");
    }
    specs.push_back({parts.front(), std::vector<std::string>(parts.begin() + 1, parts.end())});
  }
  if (specs.size() > 2) throw InputError({"", 0, 0, option}, "at most two policies side by side, got \"" + text + "\"");
  return specs;
}

ReferenceString read_reference_source(const ReferenceSource& source) {
  const int given =
      (source.list.empty() ? 0 : 1) + (source.file_name.empty() ? 0 : 1) + (source.generator.empty() ? 0 : 1);
  if (given == 0) {
    throw InputError({"", 0, 0, "--refs"},
                     "give the references: --refs 1,2,3,1,4 (3w: a write), --refs-file FILE "
                     "or --refs-gen KIND");
  }
  if (given > 1) throw InputError({"", 0, 0, "--refs"}, "give only one of --refs, --refs-file and --refs-gen");
  if (!source.generator_params.empty() && source.generator.empty()) {
    throw InputError({"", 0, 0, "--gen-param"}, "parameters of a generator need --refs-gen KIND");
  }
  if (!source.list.empty()) return parse_reference_list(source.list, "--refs");
  if (!source.file_name.empty()) return parse_reference_file(source.file_text, source.file_name);
  const ReferenceGenerator* generator = find_reference_generator(source.generator);
  if (generator == nullptr) {
    std::string known;
    for (const ReferenceGenerator& g : reference_generators()) known += (known.empty() ? "" : ", ") + g.name;
    throw InputError({"", 0, 0, "--refs-gen"}, "unknown generator \"" + source.generator + "\" (known: " + known + ")");
  }
  const PolicyParams params =
      read_params(generator->params, source.generator_params, "--gen-param", "generator " + source.generator);
  try {
    return generate_references(*generator, params, source.seed);
  } catch (const InputError& error) {
    throw InputError({"", 0, 0, "--gen-param " + error.where().key_path}, error.problem());
  }
}

PagingRun::PagingRun(const PagingPolicySpec& spec, const ReferenceString& refs, std::uint32_t frames,
                     std::uint64_t seed)
    : policy_(spec.name) {
  const ReplacementInfo& info = find_policy(spec.name);
  const PolicyParams params = read_params(info.params, spec.params, "--paging", "policy \"" + spec.name + "\"");
  label_ = describe(info, params);
  ReplayOptions options;
  options.record_steps = true;
  options.record_views = true;
  options.seed = seed;
  ReplayResult result;
  try {
    result = replay(info, params, refs, frames, options);
  } catch (const InputError& error) {
    throw InputError({"", 0, 0, "--paging"}, spec.name + ": " + error.problem());
  }
  steps_.reserve(result.steps.size());
  hits_before_.assign(1, 0);
  for (ReplayStep& step : result.steps) {
    PagingStep out{step.page,   step.write,        step.hit, step.slot,
                   step.victim, step.victim_dirty, {},       std::move(step.view)};
    out.frames.resize(step.frames.size());
    for (std::size_t f = 0; f < step.frames.size(); ++f) {
      FrameCell& cell = out.frames[f];
      cell.page = step.frames[f];
      const std::uint8_t bits = f < step.bits.size() ? step.bits[f] : 0;
      cell.accessed = (bits & kStepAccessed) != 0;
      cell.dirty = (bits & kStepDirty) != 0;
      cell.loaded = !step.hit && f == step.slot;
      cell.evicted = cell.loaded && step.victim.has_value();
    }
    hits_before_.push_back(hits_before_.back() + (step.hit ? 1 : 0));
    steps_.push_back(std::move(out));
  }
}

std::uint64_t PagingRun::hits(std::size_t applied) const {
  return hits_before_.at(applied > size() ? size() : applied);
}

double PagingRun::fault_rate(std::size_t applied) const {
  if (applied > size()) applied = size();
  return applied == 0 ? 0.0 : 100.0 * static_cast<double>(misses(applied)) / static_cast<double>(applied);
}

PagingModel::PagingModel(const std::vector<PagingPolicySpec>& policies, std::uint32_t frames, ReferenceString refs,
                         std::uint64_t seed)
    : frames_(frames), refs_(std::move(refs)), seed_(seed), specs_(policies) {
  if (frames == 0 || frames > kPagingMaxFrames) {
    throw InputError({"", 0, 0, "--frames"}, "the memory view shows 1 to " + std::to_string(kPagingMaxFrames) +
                                                 " frames, got " + std::to_string(frames));
  }
  if (refs_.size() == 0) throw InputError({"", 0, 0, "--refs"}, "the reference string is empty");
  if (refs_.size() > kPagingMaxReferences) {
    throw InputError({"", 0, 0, "--refs"}, "the memory view steps through at most " +
                                               std::to_string(kPagingMaxReferences) + " references, got " +
                                               std::to_string(refs_.size()) + " (kernsim paging takes more)");
  }
  if (policies.empty() || policies.size() > 2) {
    throw InputError({"", 0, 0, "--paging"}, "give one policy, or two side by side");
  }
  if (policies.size() == 2 && policies[0].name == policies[1].name && policies[0].params == policies[1].params) {
    throw InputError({"", 0, 0, "--paging"}, "policy \"" + policies[0].name + "\" is named twice");
  }
  for (const PagingPolicySpec& spec : policies) runs_.emplace_back(spec, refs_, frames_, seed_);
  cursor_ = size();
}

std::string PagingModel::policies_text() const {
  std::string text;
  for (const PagingPolicySpec& spec : specs_) {
    text += (text.empty() ? "" : ",") + spec.name;
    for (const std::string& p : spec.params) text += ":" + p;
  }
  return text;
}

bool PagingModel::step_forward() {
  if (cursor_ >= size()) return false;
  ++cursor_;
  return true;
}

bool PagingModel::step_back() {
  if (cursor_ == 0) return false;
  --cursor_;
  return true;
}

const PagingStep* PagingModel::current(std::size_t run) const {
  return cursor_ == 0 ? nullptr : &runs_.at(run).step(cursor_ - 1);
}

Rgb paging_hit_colour(const Theme& theme) { return theme.dark ? Rgb{38, 140, 72} : Rgb{30, 128, 62}; }
Rgb paging_miss_colour(const Theme& theme) { return theme.dark ? Rgb{200, 62, 52} : Rgb{196, 48, 40}; }

std::string reference_label(const ReferenceString& refs, std::size_t index) {
  return page_text(refs.pages.at(index)) + (refs.writes.at(index) != 0 ? "w" : "");
}

}  // namespace ks::viz
