// kernel/mm/replacement.h — page replacement: which resident page leaves when memory is full.
//
// A replacement policy watches a pool of frames (the machine's user frames in the kernel, or the
// N frames of the paging exercise, `kernsim paging`) and, when a page must come in and no frame
// is free, names the frame whose page goes out: the victim. The policy never moves pages itself.
// The caller tells it what happened, and the policy keeps whatever order it needs:
//   inserted(slot, page, t)   a fault brought PAGE into frame SLOT
//   referenced(slot, write, t) a reference hit the page in SLOT: only for policies that ask for
//                            every reference (wants_every_reference), such as exact LRU, which
//                            real hardware cannot afford and the simulator can; the reference
//                            that faulted a page in is its inserted(), not a referenced()
//   removed(slot)            SLOT was freed without the policy choosing it (the page was
//                            unmapped, or its process exited)
//   choose_victim(eligible, t) the frame whose page leaves, among the eligible ones; the policy
//                            forgets that page as it names the frame, and the caller then calls
//                            inserted() for the page that comes into it (so a victim needs no
//                            removed())
//   tick(t)                  called every `tick_interval()` of the policy's clock, for the policies
//                            that sample the referenced bits (aging, working set, MGLRU's aging)
// Policies that approximate LRU, as real kernels do, learn of references from the hardware's
// accessed (A) and dirty (D) bits, read and cleared through ReferenceBits: in the kernel they are
// the Sv32 page-table entry's bits, which the MMU sets on access; in the exercise they are set by
// the replay. The clock `t` only grows: in a replay, the reference's position in the string (the
// number of references before it), which is also its index in `ReplacementContext::future`;
// virtual time in the kernel.
//
// Policies are pluggable as the schedulers are (kernel/policy/registry.h): one file each under
// kernel/mm/replace/, marked `// registry: replacement ORDER` on the line before its entry
// function, with parameters declared and checked in one place (kernel/policy/params.h).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kernel/policy/registry.h"

namespace ks {

// A frame of the pool: 0 .. frames - 1.
using Slot = std::uint32_t;

// The page a frame holds: its address space (AddressSpace::id; 0 in a one-process exercise) and
// its virtual page number.
struct PageKey {
  std::uint32_t space = 0;
  std::uint32_t vpn = 0;
  auto operator<=>(const PageKey&) const = default;
};

// The hardware's bits for each frame's page, which a policy may read and the accessed bit of
// which it may clear (the clock hand does).
class ReferenceBits {
 public:
  virtual ~ReferenceBits() = default;
  virtual bool accessed(Slot slot) const = 0;
  virtual void clear_accessed(Slot slot) = 0;
  virtual bool dirty(Slot slot) const = 0;
};

// Which frames may be the victim: all of them, or those a filter allows (local replacement
// allows only the faulting process's frames; pinned frames are never allowed).
class Eligible {
 public:
  Eligible() = default;                                                       // every slot
  explicit Eligible(const std::vector<bool>* allowed) : allowed_(allowed) {}  // allowed[slot]
  bool operator()(Slot slot) const { return allowed_ == nullptr || (*allowed_)[slot]; }

 private:
  const std::vector<bool>* allowed_ = nullptr;
};

// What the caller offers a policy when it builds one.
struct ReplacementContext {
  std::uint32_t frames = 0;       // the size of the pool
  ReferenceBits* bits = nullptr;  // never null
  std::uint64_t seed = 0;         // for policies that draw random numbers (sim-core/random.h)
  // The whole reference string when it is known in advance (a replay): what Belady's OPT needs.
  // Null in a live kernel, where a policy that needs the future cannot be chosen.
  const std::vector<PageKey>* future = nullptr;
};

// A read-only picture of a policy's own state, for the visualizer, `kernsim paging` and grader
// checks: an order of slots (FIFO's queue, LRU's recency order, from the next victim on), a
// hand (the clock's), and named numbers per slot (aging counters, generations, frequencies).
struct ReplacementView {
  std::string order_name;  // what `order` is ("queue", "least recent first"); may be empty
  std::vector<Slot> order;
  bool has_hand = false;
  Slot hand = 0;
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> per_slot;  // name, value per slot
  std::vector<std::pair<std::string, std::int64_t>> values;                 // e.g. {"window", 4}
};

class ReplacementPolicy {
 public:
  virtual ~ReplacementPolicy() = default;
  virtual std::string_view name() const = 0;
  virtual void inserted(Slot slot, PageKey page, std::uint64_t t) = 0;
  virtual void referenced(Slot /*slot*/, bool /*write*/, std::uint64_t /*t*/) {}
  virtual void removed(Slot slot) = 0;
  // Called only when every slot holds a page and at least one slot is eligible.
  virtual Slot choose_victim(const Eligible& eligible, std::uint64_t t) = 0;
  virtual void tick(std::uint64_t /*t*/) {}
  // 0: the policy needs no tick.
  virtual std::uint64_t tick_interval() const { return 0; }
  virtual bool wants_every_reference() const { return false; }
  virtual ReplacementView view() const = 0;
};

using ReplacementInfo = RegistryEntry<ReplacementPolicy, ReplacementContext>;
using ReplacementRegistry = Registry<ReplacementPolicy, ReplacementContext>;

// Every replacement policy, in `kernsim paging --list` order.
ReplacementRegistry& replacement_registry();
// The entry of every marked file, in the order of the markers' keys (generated by the build).
std::vector<ReplacementInfo> replacement_entries();

}  // namespace ks
