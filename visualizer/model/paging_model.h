// visualizer/model/paging_model.h — the memory view's model: a page-replacement exercise, stepped.
//
// The paging exercise of `kernsim paging` (kernel/mm/replace/replay.h), seen one reference at a
// time: a reference string replayed through one replacement policy, or two side by side on the
// same string and the same number of frames. The replay engine records every step (the page in
// each frame, the frames' accessed and dirty bits, the victim, the policy's own view after the
// step); this model only arranges those for the view and keeps a cursor over them. The cursor
// counts the references applied: 0 is the empty memory before the first reference, size() is
// the state after the last. Bad input (an unknown policy, 0 frames, a bad reference) is an
// InputError naming the option it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/mm/replace/replay.h"
#include "visualizer/model/palette.h"

namespace ks::viz {

// The view shows every step of the string, so its length and the frames are bounded.
inline constexpr std::size_t kPagingMaxReferences = 2000;
inline constexpr std::uint32_t kPagingMaxFrames = 64;

// A policy as written on kernsim-viz's command line: "aging:bits=4:interval=2".
struct PagingPolicySpec {
  std::string name;
  std::vector<std::string> params;  // KEY=VALUE
};
// "fifo,lru" or "aging:bits=4,opt": one or two policies; errors name OPTION.
std::vector<PagingPolicySpec> parse_paging_policies(const std::string& text, const std::string& option);

// Where the references come from, as `kernsim paging` takes them: a list ("1,2,3w"), or a
// generator with KEY=VALUE parameters and a seed (a file's text is read by the caller).
struct ReferenceSource {
  std::string list;
  std::string file_name, file_text;
  std::string generator;
  std::vector<std::string> generator_params;
  std::uint64_t seed = 1;
};
ReferenceString read_reference_source(const ReferenceSource& source);

// One frame at one step.
struct FrameCell {
  std::optional<PageKey> page;
  bool accessed = false, dirty = false;
  bool loaded = false;   // the step's page was brought into this frame (a miss)
  bool evicted = false;  // ... and a victim left it to make room
};

struct PagingStep {
  PageKey page;
  bool write = false;
  bool hit = false;
  Slot slot = 0;
  std::optional<PageKey> victim;
  bool victim_dirty = false;
  std::vector<FrameCell> frames;
  ReplacementView view;
};

// One policy's replay of the string.
class PagingRun {
 public:
  PagingRun(const PagingPolicySpec& spec, const ReferenceString& refs, std::uint32_t frames, std::uint64_t seed);
  const std::string& label() const { return label_; }  // "aging (bits=4, interval=2)"
  const std::string& policy() const { return policy_; }
  std::size_t size() const { return steps_.size(); }
  const PagingStep& step(std::size_t index) const { return steps_.at(index); }
  // Totals over the first APPLIED references (the whole string by default).
  std::uint64_t hits(std::size_t applied) const;
  std::uint64_t misses(std::size_t applied) const { return applied - hits(applied); }
  std::uint64_t hits() const { return hits(size()); }
  std::uint64_t misses() const { return misses(size()); }
  // Faults per reference, in percent, over the first APPLIED references (0 when none).
  double fault_rate(std::size_t applied) const;

 private:
  std::string policy_, label_;
  std::vector<PagingStep> steps_;
  std::vector<std::uint64_t> hits_before_;  // hits among the first k references, k = 0 .. size
};

// The memory view's state: the string, one or two runs on it, the cursor.
class PagingModel {
 public:
  // Throws InputError for an unknown policy or bad parameter (--paging), 0 or too many frames
  // (--frames), a policy named twice, or a string too long or empty (--refs).
  PagingModel(const std::vector<PagingPolicySpec>& policies, std::uint32_t frames, ReferenceString refs,
              std::uint64_t seed = 1);
  std::uint32_t frames() const { return frames_; }
  const ReferenceString& refs() const { return refs_; }
  std::size_t size() const { return refs_.size(); }
  std::size_t run_count() const { return runs_.size(); }
  const PagingRun& run(std::size_t index) const { return runs_.at(index); }
  std::uint64_t seed() const { return seed_; }
  // "fifo,aging:bits=4", as parse_paging_policies reads it back.
  std::string policies_text() const;

  // The cursor: how many references are applied (0 .. size()).
  std::size_t cursor() const { return cursor_; }
  void jump_to(std::size_t applied) { cursor_ = applied > size() ? size() : applied; }
  bool step_forward();  // false at the end
  bool step_back();     // false at the start
  void home() { cursor_ = 0; }
  void end() { cursor_ = size(); }
  // The step the cursor has just applied (null at 0).
  const PagingStep* current(std::size_t run) const;

 private:
  std::uint32_t frames_;
  ReferenceString refs_;
  std::uint64_t seed_;
  std::vector<PagingPolicySpec> specs_;
  std::vector<PagingRun> runs_;
  std::size_t cursor_ = 0;
};

// The colours of a hit and of a miss (a page fault) in THEME: green and red, deep enough that
// white text reads on them on a projector.
Rgb paging_hit_colour(const Theme& theme);
Rgb paging_miss_colour(const Theme& theme);

// "7" or "3w": a reference as the exercise prints it.
std::string reference_label(const ReferenceString& refs, std::size_t index);

}  // namespace ks::viz
