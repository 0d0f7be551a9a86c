// The pager (design: pager.h): a replacement policy over the machine's frames, eviction through
// the reverse map, swap-out and swap-in through the disk driver, and the shortcut for the
// kernel's own copies.
#include "kernel/mm/pager.h"

#include <algorithm>
#include <array>
#include <span>

#include "kernel/drivers/disk.h"
#include "kernel/kernel.h"
#include "kernel/mm/address_space.h"
#include "kernel/mm/page_fault.h"
#include "kernel/proc/process_table.h"
#include "kernel/trap/trap.h"
#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::uint32_t kSectorsPerPage = kPageSize / kSectorSize;
// At most this many of a policy's periodic ticks are run to catch up at once (a long quiet spell
// needs no more: the oldest samples would be shifted out anyway).
constexpr std::uint64_t kMaxCatchUpTicks = 64;

}  // namespace

std::int64_t encode_fault(FaultResolution resolution, PageFaultKind kind) {
  return static_cast<std::int64_t>(resolution) | (static_cast<std::int64_t>(kind) << 8);
}
FaultResolution fault_resolution(std::int64_t outcome) { return static_cast<FaultResolution>(outcome & 0xff); }
PageFaultKind fault_kind(std::int64_t outcome) { return static_cast<PageFaultKind>((outcome >> 8) & 0xff); }

// The accessed and dirty bits of each frame's page, read from (and A cleared in) every page table
// that maps it.
class Pager::PteBits final : public ReferenceBits {
 public:
  PteBits(Pager& pager, std::uint32_t first) : pager_(pager), first_(first) {}
  bool accessed(Slot slot) const override { return any(slot, pte::kAccessed); }
  bool dirty(Slot slot) const override { return any(slot, pte::kDirty); }
  void clear_accessed(Slot slot) override {
    for (const Mapping& mapping : pager_.mappings(first_ + slot)) {
      if ((mapping.entry & pte::kAccessed) != 0) mapping.space->set_entry(mapping.va, mapping.entry & ~pte::kAccessed);
    }
  }

 private:
  bool any(Slot slot, std::uint32_t bit) const {
    const std::vector<Mapping> found = pager_.mappings(first_ + slot);
    return std::any_of(found.begin(), found.end(),
                       [bit](const Mapping& mapping) { return (mapping.entry & bit) != 0; });
  }
  Pager& pager_;
  std::uint32_t first_;
};

std::string Pager::kernel_problem(const ReplacementInfo& policy) {
  ReplacementContext context;
  context.frames = 1;
  class NoBits final : public ReferenceBits {
   public:
    bool accessed(Slot /*slot*/) const override { return false; }
    void clear_accessed(Slot /*slot*/) override {}
    bool dirty(Slot /*slot*/) const override { return false; }
  } bits;
  context.bits = &bits;
  std::unique_ptr<ReplacementPolicy> made;
  try {
    made = policy.make(default_params(policy), context);
  } catch (const InputError&) {
    return "it needs the whole reference string in advance (only a replay has one: kernsim paging)";
  }
  if (made->wants_every_reference())
    return "it must see every memory reference, and a kernel sees only the accessed and dirty bits the MMU sets "
           "(kernsim paging replays it)";
  return {};
}

Pager::Pager(Kernel& kernel, FrameTable& frames, PhysicalMemory& memory, DiskDriver& disk,
             const ReplacementInfo& policy, const PolicyParams& params, std::uint64_t seed)
    : kernel_(kernel),
      frames_(frames),
      memory_(memory),
      disk_(disk),
      slots_(static_cast<std::uint32_t>(disk.drive().sectors() / kSectorsPerPage)),
      bits_(std::make_unique<PteBits>(*this, frames.first())),
      victim_(frames.count(), false) {
  ReplacementContext context;
  context.frames = frames.count();
  context.bits = bits_.get();
  context.seed = seed;
  policy_ = policy.make(params, context);
  KS_ASSERT(!policy_->wants_every_reference(), "the scenario refused a policy that needs every reference");
  frames_.set_pager(this);
}

Pager::~Pager() { frames_.set_pager(nullptr); }

void Pager::attach(AddressSpace& space) { spaces_[space.id()] = &space; }
void Pager::detach(AddressSpace& space) {
  spaces_.erase(space.id());
  owners_.erase(space.id());
}
void Pager::set_owner(std::uint32_t space_id, Pid pid) { owners_[space_id] = pid; }

AddressSpace* Pager::find(std::uint32_t space_id) const {
  const auto found = spaces_.find(space_id);
  return found != spaces_.end() ? found->second : nullptr;
}

// Every page table that maps FRAME now: the frame table names the space that mapped it first and
// the address all its sharers use; a shared frame is looked for in every space (few, at the
// scale of a lecture; Linux keeps a list per frame instead).
std::vector<Pager::Mapping> Pager::mappings(std::uint32_t frame) const {
  std::vector<Mapping> found;
  const FrameInfo& info = frames_.info(frame);
  if (info.use != FrameUse::UserPage) return found;
  const auto look = [&](AddressSpace* space) {
    const std::uint32_t entry = space->entry(info.va);
    if ((entry & pte::kValid) != 0 && pte::ppn(entry) == frame) found.push_back({space, info.va, entry});
  };
  if (info.refs == 1 && info.owner != 0) {
    if (AddressSpace* space = find(info.owner)) look(space);
    if (!found.empty()) return found;
  }
  for (const auto& [id, space] : spaces_) look(space);
  return found;
}

void Pager::catch_up_ticks() {
  const std::uint64_t interval = policy_->tick_interval();
  if (interval == 0) return;
  const auto now = static_cast<std::uint64_t>(kernel_.machine_.now());
  if (next_tick_ + kMaxCatchUpTicks * interval <= now) next_tick_ = now - (now % interval);
  for (; next_tick_ <= now; next_tick_ += interval) policy_->tick(next_tick_);
}

void Pager::page_added(std::uint32_t frame, std::uint32_t owner, std::uint32_t va) {
  catch_up_ticks();
  const Slot slot = frame - frames_.first();
  victim_[slot] = false;
  policy_->inserted(slot, PageKey{owner, va >> kPageShift}, static_cast<std::uint64_t>(kernel_.machine_.now()));
}

void Pager::page_freed(std::uint32_t frame) {
  for (auto& [tid, frames] : recent_) {
    for (std::uint32_t& recent : frames) recent = recent == frame ? kNoFrame : recent;
  }
  const Slot slot = frame - frames_.first();
  if (victim_[slot]) {  // the policy forgot it when it chose it
    victim_[slot] = false;
    return;
  }
  policy_->removed(slot);
}

void Pager::emit(EventKind kind, Pid pid, Tid tid, std::int64_t a, std::int64_t b) {
  Trace& trace = kernel_.machine_.trace();
  if (!trace.recording()) return;
  trace.emit({kernel_.machine_.now(), kind, kNoCpu, pid, tid, a, b});
}

std::optional<Pager::Victim> Pager::evict_one(Tid tid) {
  // Which frames may go: user pages not pinned; only clean ones when swap is full.
  const bool swap_full = slots_.in_use() == slots_.size();
  std::vector<bool> allowed(frames_.count(), false);
  std::set<std::uint32_t> recent;  // see PROGRESS
  for (const auto& [thread, frames] : recent_) recent.insert(frames.begin(), frames.end());
  bool any = false;
  for (std::uint32_t slot = 0; slot < frames_.count(); ++slot) {
    const FrameInfo& info = frames_.info(frames_.first() + slot);
    if (info.use != FrameUse::UserPage || info.pins > 0 || recent.contains(frames_.first() + slot)) continue;
    if (swap_full && bits_->dirty(slot)) continue;
    allowed[slot] = any = true;
  }
  if (!any) return std::nullopt;
  catch_up_ticks();
  const Slot chosen = policy_->choose_victim(Eligible(&allowed), static_cast<std::uint64_t>(kernel_.machine_.now()));
  KS_ASSERT(chosen < allowed.size() && allowed[chosen], "a replacement policy chooses an eligible frame");
  const std::uint32_t frame = frames_.first() + chosen;
  victim_[chosen] = true;
  const std::vector<Mapping> found = mappings(frame);
  KS_ASSERT(!found.empty() && found.size() == frames_.refs(frame), "a victim is found in every table that maps it");
  const bool dirty = std::any_of(found.begin(), found.end(),
                                 [](const Mapping& mapping) { return (mapping.entry & pte::kDirty) != 0; });
  const std::uint32_t va = found.front().va;
  const auto owner = owners_.find(found.front().space->id());
  const Pid pid = owner != owners_.end() ? owner->second : kNoPid;
  ++counts_.evictions;
  emit(EventKind::PageEvicted, pid, 0, va, (std::int64_t{frame} << 1) | (dirty ? 1 : 0));
  Victim victim{frame, std::nullopt};
  if (!dirty) {  // its contents come back from zeros or the program's bytes at the next touch
    for (const Mapping& mapping : found) mapping.space->replace_mapping(mapping.va, 0);
    for (const Mapping& mapping : found) frames_.free(frame, mapping.space->id());
    return victim;
  }
  victim.slot = slots_.allocate();
  KS_ASSERT(victim.slot.has_value(), "a dirty page is chosen only while swap has a free slot");
  for (std::size_t i = 1; i < found.size(); ++i) slots_.share(*victim.slot);
  for (const Mapping& mapping : found) mapping.space->replace_mapping(mapping.va, swap_entry(*victim.slot));
  frames_.pin(frame);
  ++counts_.swap_outs;
  emit(EventKind::SwapOut, pid, tid, va, *victim.slot);
  return victim;
}

void Pager::finish_eviction(const Victim& victim) {
  frames_.unpin(victim.frame);
  const std::uint32_t refs = frames_.refs(victim.frame);
  for (std::uint32_t i = 0; i < refs; ++i) frames_.free(victim.frame, 0);
}

void Pager::install(AddressSpace& space, std::uint32_t va, std::uint32_t frame, std::uint32_t slot, Tid tid) {
  const std::optional<Region> region = space.region_at(va);
  KS_ASSERT(region.has_value(), "a swapped page lies in a region");
  std::uint32_t flags = region->flags;
  if ((flags & pte::kWrite) != 0 && slots_.refs(slot) > 1) flags = (flags & ~pte::kWrite) | kPteCow;
  space.install_page(va, pte::make(frame, flags | pte::kUser | pte::kValid | pte::kAccessed | pte::kDirty));
  slots_.release(slot);
  ++counts_.swap_ins;
  const auto owner = owners_.find(space.id());
  emit(EventKind::SwapIn, owner != owners_.end() ? owner->second : kNoPid, tid, va, slot);
  space.report(va, PageFaultKind::Major);
}

bool Pager::reclaim_now() {
  const std::optional<Victim> victim = evict_one(0);
  if (!victim) return false;
  if (victim->slot) {  // the write, made at once (see THE SHORTCUT)
    disk_.drive().poke(std::uint64_t{*victim->slot} * kSectorsPerPage,
                       std::span<const std::uint8_t>(memory_.frame_data(victim->frame), kPageSize));
    finish_eviction(*victim);
  }
  return true;
}

bool Pager::swap_in_now(AddressSpace& space, std::uint32_t va) {
  const std::uint32_t entry = space.entry(va);
  KS_ASSERT(is_swap_entry(entry), "a page is swapped in from a swap entry");
  while (frames_.free_count() == 0) {
    if (!reclaim_now()) return false;
  }
  const std::optional<std::uint32_t> frame = frames_.allocate(FrameUse::UserPage, space.id(), va);
  KS_ASSERT(frame.has_value(), "a frame was just freed");
  std::array<std::uint8_t, kPageSize> bytes{};
  disk_.drive().peek(std::uint64_t{swap_slot(entry)} * kSectorsPerPage, bytes);
  memory_.write_bytes(PhysAddr{*frame} << kPageShift, bytes);
  install(space, va, *frame, swap_slot(entry), 0);
  return true;
}

KernelTask<bool> Pager::free_a_frame(Tid tid) {
  const std::optional<Victim> victim = evict_one(tid);
  if (!victim) co_return false;
  if (victim->slot) {
    IoCompletion& done = io_[victim->frame];
    const auto pid = kernel_.table_->thread(tid).pid;
    co_await device_io(done, [&] {
      disk_.submit(IoDirection::Write, std::uint64_t{*victim->slot} * kSectorsPerPage, kSectorsPerPage,
                   PhysAddr{victim->frame} << kPageShift, &done, pid, tid);
    });
    io_.erase(victim->frame);
    finish_eviction(*victim);
  }
  co_return true;
}

KernelTask<bool> Pager::swap_in(Tid tid, std::uint32_t space_id, std::uint32_t va) {
  const std::pair<std::uint32_t, std::uint32_t> key{space_id, va};
  if (in_transit_.contains(key)) {  // another thread's swap-in of this page: wait for it, then look again
    while (in_transit_.contains(key)) co_await wait_on(transit_done_);
    co_return true;
  }
  while (frames_.free_count() == 0) {
    if (!co_await free_a_frame(tid)) co_return false;
  }
  AddressSpace* space = find(space_id);
  if (space == nullptr || !is_swap_entry(space->entry(va))) co_return true;  // changed meanwhile: look again
  const std::uint32_t slot = swap_slot(space->entry(va));
  const std::optional<std::uint32_t> frame = frames_.allocate(FrameUse::UserPage, space_id, va);
  KS_ASSERT(frame.has_value(), "a frame is free");
  frames_.pin(*frame);
  in_transit_.insert(key);
  IoCompletion& done = io_[*frame];
  const auto pid = kernel_.table_->thread(tid).pid;
  co_await device_io(done, [&] {
    disk_.submit(IoDirection::Read, std::uint64_t{slot} * kSectorsPerPage, kSectorsPerPage,
                 PhysAddr{*frame} << kPageShift, &done, pid, tid);
  });
  io_.erase(*frame);
  in_transit_.erase(key);
  transit_done_.wake_all();
  frames_.unpin(*frame);
  space = find(space_id);
  const std::uint32_t now_entry = space != nullptr ? space->entry(va) : 0;
  if (!is_swap_entry(now_entry) || swap_slot(now_entry) != slot) {  // gone, or brought in another way
    frames_.free(*frame, space_id);
    co_return true;
  }
  kernel_.trap_->observe_faults_of(kNoCpu, &kernel_.table_->thread(tid));  // other traps ran meanwhile
  install(*space, va, *frame, slot, tid);
  co_return true;
}

void Pager::remember(Tid tid, std::uint32_t space_id, std::uint32_t va) {
  const AddressSpace* space = find(space_id);
  const std::uint32_t entry = space != nullptr ? space->entry(va) : 0;
  if ((entry & pte::kValid) == 0) return;
  std::array<std::uint32_t, 2>& frames =
      recent_.try_emplace(tid, std::array<std::uint32_t, 2>{kNoFrame, kNoFrame}).first->second;
  if (frames[0] == pte::ppn(entry)) return;
  frames[1] = frames[0];
  frames[0] = pte::ppn(entry);
}

KernelTask<std::int64_t> Pager::fault(CpuId cpu, Tid tid, std::uint32_t space_id, std::uint32_t address,
                                      AccessType access) {
  for (;;) {
    AddressSpace* space = find(space_id);
    if (space == nullptr) co_return encode_fault(FaultResolution::Fatal, PageFaultKind::Protection);
    kernel_.trap_->observe_faults_of(cpu, &kernel_.table_->thread(tid));
    PageFaultKind kind = PageFaultKind::Protection;
    in_fault_task_ = true;
    const FaultResolution resolution = handle_page_fault(*space, address, access, kind);
    in_fault_task_ = false;
    cpu = kNoCpu;  // after a wait, the thread is on no CPU
    switch (resolution) {
      case FaultResolution::Resolved:
        remember(tid, space_id, address & ~kPageOffsetMask);
        co_return encode_fault(resolution, kind);
      case FaultResolution::Fatal: co_return encode_fault(resolution, kind);
      case FaultResolution::OutOfMemory:
        if (!co_await free_a_frame(tid)) co_return encode_fault(resolution, kind);
        break;
      case FaultResolution::SwapIn: {
        const std::uint32_t page = address & ~kPageOffsetMask;
        if (!co_await swap_in(tid, space_id, page)) co_return encode_fault(FaultResolution::OutOfMemory, kind);
        const AddressSpace* now = find(space_id);
        const std::uint32_t entry = now != nullptr ? now->entry(page) : 0;
        if ((entry & pte::kValid) != 0 && sv32_check(entry, access) == FaultKind::None) {
          remember(tid, space_id, page);
          co_return encode_fault(FaultResolution::Resolved, kind);
        }
        break;  // brought in read-only (copy-on-write) for a store, or taken again: once more
      }
    }
  }
}

}  // namespace ks
