// kernel/mm/replace/replay.h — a reference string run through a replacement policy over N frames.
//
// The paging exercise (`kernsim paging`), the tests and the benchmarks replay a string of page
// references against a fixed pool of frames, playing the hardware and the fault handler around
// the policy, as the kernel will:
//   - a reference to a resident page is a hit: the frame's accessed (A) bit is set, and its dirty
//     (D) bit too for a write, as the MMU sets them; a policy that wants every reference is told;
//   - a reference to a page not resident is a miss, a page fault (the first touch of each page
//     included): the page goes into the lowest free frame, or, when every frame is full, into the
//     frame of the victim the policy chooses; the frame's bits start clear, then the reference,
//     retried after the fault, sets A (and D for a write);
//   - every `tick_interval()` references the policy's tick runs (aging's sampling, nru's clearing).
// The clock t given to the policy is the reference's position in the string, from 0, and the
// whole string is the policy's future (what opt reads). Every frame is eligible: the exercise has
// one process.
//
// Without steps (the default) nothing is allocated per reference: the replay keeps only the page
// in each frame, the frame of each page (page_numbering.h numbers the pages) and the bits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/mm/replace/ref_strings.h"
#include "kernel/mm/replacement.h"

namespace ks {

struct ReplayStep {
  PageKey page;
  bool write = false;
  bool hit = false;
  Slot slot = 0;                               // the frame that holds the page after the step
  std::optional<PageKey> victim;               // the page that left, on a miss with memory full
  bool victim_dirty = false;                   // it was written while resident (written back)
  std::vector<std::optional<PageKey>> frames;  // every frame's page after the step
  // With ReplayOptions::record_views only (the visualizer's memory view), after the step and its
  // tick: every frame's hardware bits (kStepAccessed | kStepDirty) and the policy's own state.
  std::vector<std::uint8_t> bits;
  ReplacementView view;
};
inline constexpr std::uint8_t kStepAccessed = 1, kStepDirty = 2;

struct ReplayResult {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;           // page faults, the first touch of each page included
  std::uint64_t dirty_evictions = 0;  // victims written while resident: each costs a write-back
  std::vector<ReplayStep> steps;      // one per reference, when asked for
  ReplacementView view;               // the policy's own state after the last reference
};

struct ReplayOptions {
  bool record_steps = false;
  std::uint64_t seed = 0;     // for policies that draw random numbers
  bool record_views = false;  // with record_steps: each step's bits and policy view, too
};

// Replays REFS through POLICY (built with PARAMS, which must hold every declared parameter) over
// FRAMES frames. Throws InputError when FRAMES is 0 or the policy refuses to be built.
ReplayResult replay(const ReplacementInfo& policy, const PolicyParams& params, const ReferenceString& refs,
                    std::uint32_t frames, const ReplayOptions& options = {});

// "7", or "2:7" for a page of address space 2: a page as the exercise prints it.
std::string page_text(PageKey page);

}  // namespace ks
