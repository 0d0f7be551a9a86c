// kernel/mm/pager.h — the pager: page replacement and swap, when memory is full.
//
// Without swap (the default) a demand-paged machine that runs out of frames kills the process
// that needed one (kernel/trap/trap.cpp). With a swap disk (`machine.swap`, `--swap`) the pager
// makes room instead, as a textbook's does:
//
//   CHOOSING A VICTIM. The scenario's replacement policy (`kernel.replacement`, one of
//   kernel/mm/replace/) watches the machine's frames: every frame that comes to hold a user page
//   is inserted, every one freed is removed, and when a frame is needed the policy chooses among
//   the frames that hold a user page and are not pinned (a frame being read or written by the
//   disk, or being filled, is pinned). The policy reads and clears the pages' accessed (A) and
//   dirty (D) bits in their page-table entries, which the MMU sets (clearing A shoots the page
//   down, so that the next access sets it again). Policies that must see every reference (exact
//   LRU, LFU, MFU, ARC), know the future (OPT) or keep a reference window (the working set) have
//   no such bits to work from in a kernel and are refused when the scenario is read.
//
//   EVICTING. Every page table that maps the victim's frame loses the mapping (a frame shared
//   copy-on-write after a fork is found in each sharer's table, as Linux's reverse-map walk finds
//   it), and each TLB entry for it is shot down. A CLEAN page (D clear everywhere: never written
//   since it was filled with zeros or from the program's bytes) is simply dropped: its next touch
//   fills it again. A DIRTY page takes a swap slot (kernel/mm/swap_slots.h); every table gets a
//   swap entry naming the slot; the frame is written to the slot by the disk (DMA), stays pinned
//   until the write completes, and is free after that. When swap is full, only clean pages may go;
//   when there is none, the process that needed the frame is killed (out of memory).
//
//   PROGRESS. The two pages a thread's faults brought in last are not chosen either: one RISC-V
//   instruction may need two pages at once (the one it is fetched from and the one it loads or
//   stores), and taking one of them to bring in the other would fault forever. When nothing else
//   may go, the thread's process is out of memory.
//
//   SWAPPING IN. A fault on a swap entry is MAJOR: the pager takes a frame (evicting if it must),
//   pins it, has the disk read the slot into it, and maps it again with A and D set (the slot is
//   given up, so the frame holds the only copy). A slot still held by another space (a fork
//   shared the swap entry) is mapped copy-on-write. A second fault on a page whose swap-in is in
//   flight waits for the first.
//
// WAITING. A fault that must wait for the disk is a KernelTask (kernel/sync/task.h) run by the
// kernel's task driver (kernel/sync/kernel_tasks.h): the thread blocks (BlockReason paging) while
// the disk works and other threads run, and runs its instruction again when the task ends.
//
// THE SHORTCUT. The kernel's own copies of user memory (a system call's copy_in and copy_out) and
// its own allocations (page tables, fork, exec) do not wait: when they need a frame or a swapped
// page, the pager evicts and swaps in AT ONCE, moving the data between RAM and the disk's
// contents without a disk request or any virtual time (the same events are traced, and counted).
// A system call never blocks halfway through its copy, so the rule that a blocked call restarts
// at its ecall having done nothing visible (kernel/trap/trap.h) keeps holding.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "kernel/mm/frame_table.h"
#include "kernel/mm/replacement.h"
#include "kernel/mm/swap_slots.h"
#include "kernel/proc/thread.h"
#include "kernel/sync/task.h"
#include "sim-core/mem/sv32.h"

namespace ks {

class AddressSpace;
class DiskDriver;
class Kernel;
enum class FaultResolution : std::uint8_t;
enum class PageFaultKind : std::uint8_t;

// What the pager's fault task ends with: how the fault was resolved, and what kind it was.
std::int64_t encode_fault(FaultResolution resolution, PageFaultKind kind);
FaultResolution fault_resolution(std::int64_t outcome);
PageFaultKind fault_kind(std::int64_t outcome);

struct PagerCounts {
  std::uint64_t evictions = 0;  // pages that left memory (clean ones dropped, dirty ones swapped out)
  std::uint64_t swap_outs = 0;
  std::uint64_t swap_ins = 0;
};

class Pager {
 public:
  // Replaces pages among FRAMES' user pages with POLICY (built with PARAMS and SEED), swapping to
  // the drive behind DISK.
  Pager(Kernel& kernel, FrameTable& frames, PhysicalMemory& memory, DiskDriver& disk, const ReplacementInfo& policy,
        const PolicyParams& params, std::uint64_t seed);
  ~Pager();
  Pager(const Pager&) = delete;
  Pager& operator=(const Pager&) = delete;

  // Why POLICY cannot replace pages in a kernel (empty when it can): it needs every reference,
  // the future, or a window of references.
  static std::string kernel_problem(const ReplacementInfo& policy);

  // Address spaces join when they are made and leave when they go (kernel/mm/address_space.h).
  void attach(AddressSpace& space);
  void detach(AddressSpace& space);
  // The process whose space SPACE_ID is (for the trace's page_evicted and swap_out).
  void set_owner(std::uint32_t space_id, Pid pid);

  // The frame table's news: FRAME now holds the user page at VA of the space OWNER, or is free.
  void page_added(std::uint32_t frame, std::uint32_t owner, std::uint32_t va);
  void page_freed(std::uint32_t frame);
  // True while a fault task runs the handler: an allocation that finds no free frame then fails,
  // and the task frees one by evicting (with the disk's time) before it tries again.
  bool in_fault_task() const { return in_fault_task_; }
  // Thread TID has ended: its last faults protect nothing any more (see PROGRESS).
  void forget(Tid tid) { recent_.erase(tid); }

  // Swap entries in page tables (address_space.cpp): one more, or one fewer, holds SLOT.
  SwapSlots& slots() { return slots_; }

  // The page fault of THREAD (trapped on CPU) at ADDRESS in the space SPACE_ID, as a task: its
  // result is encode_fault(...). Resolved: the instruction runs again.
  KernelTask<std::int64_t> fault(CpuId cpu, Tid tid, std::uint32_t space_id, std::uint32_t address, AccessType access);

  // THE SHORTCUT (see above). Frees one frame now; false when no page can leave.
  bool reclaim_now();
  // Brings the swapped page at VA of SPACE back now; false when no frame could be freed for it.
  bool swap_in_now(AddressSpace& space, std::uint32_t va);

  const PagerCounts& counts() const { return counts_; }
  const ReplacementPolicy& policy() const { return *policy_; }

 private:
  class PteBits;
  struct Mapping {
    AddressSpace* space;
    std::uint32_t va;
    std::uint32_t entry;
  };
  struct Victim {
    std::uint32_t frame = 0;
    std::optional<std::uint32_t> slot;  // dirty: the slot it is being written to
  };

  AddressSpace* find(std::uint32_t space_id) const;
  std::vector<Mapping> mappings(std::uint32_t frame) const;
  void catch_up_ticks();
  // Chooses a victim and unmaps it everywhere: a clean one is freed, a dirty one keeps its frame
  // (pinned) with its slot. Nullopt when no page can leave.
  std::optional<Victim> evict_one(Tid tid);
  // A dirty victim's write has completed (or was made at once): the frame is free.
  void finish_eviction(const Victim& victim);
  // Maps FRAME, just filled from SLOT, at VA of SPACE, and gives the slot up.
  void install(AddressSpace& space, std::uint32_t va, std::uint32_t frame, std::uint32_t slot, Tid tid);
  KernelTask<bool> free_a_frame(Tid tid);
  KernelTask<bool> swap_in(Tid tid, std::uint32_t space_id, std::uint32_t va);
  void emit(EventKind kind, Pid pid, Tid tid, std::int64_t a, std::int64_t b);

  Kernel& kernel_;
  FrameTable& frames_;
  PhysicalMemory& memory_;
  DiskDriver& disk_;
  SwapSlots slots_;
  std::unique_ptr<PteBits> bits_;
  std::unique_ptr<ReplacementPolicy> policy_;
  std::map<std::uint32_t, AddressSpace*> spaces_;                 // by id
  std::map<std::uint32_t, Pid> owners_;                           // space id -> pid
  std::vector<bool> victim_;                                      // by slot: chosen, so its freeing is no removed()
  std::map<std::uint32_t, IoCompletion> io_;                      // by frame: the disk operation on it in flight
  std::set<std::pair<std::uint32_t, std::uint32_t>> in_transit_;  // (space, va) being swapped in
  static constexpr std::uint32_t kNoFrame = 0xFFFF'FFFF;
  std::map<Tid, std::array<std::uint32_t, 2>> recent_;  // the frames each thread's last two faults filled
  void remember(Tid tid, std::uint32_t space_id, std::uint32_t va);
  TaskWaitQueue transit_done_;
  std::uint64_t next_tick_ = 0;
  bool in_fault_task_ = false;
  PagerCounts counts_;
};

}  // namespace ks
