// kernel/proc/user_machine.h — what the kernel keeps for user programs (RISC-V processes).
//
// Made when the first user program is added: the machine's RAM, the frames the kernel hands
// out, the RISC-V model (one hart per CPU), the in-memory file system, the console, and for each
// live user process its address space, descriptors and working directory (UserProcess) and for
// each of its threads what the kernel needs beyond the scheduler's Thread (UserThread). Both are
// kept in maps ordered by pid and tid, so every walk over them is in a deterministic order.
//
// Kernel-private: included only by the kernel's own .cpp files.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cpu-models/rv32ima/rv32ima_model.h"
#include "kernel/fs/file.h"
#include "kernel/fs/memfs.h"
#include "kernel/mm/frame_allocator.h"
#include "kernel/proc/address_space.h"
#include "sim-core/mem/physical_memory.h"

namespace ks {

struct UserProcess {
  std::unique_ptr<AddressSpace> space;  // exec replaces it
  std::uint16_t asid = 0;               // the TLB's identifier of this process's space
  FdTable fds;
  Ino cwd = MemFs::kRoot;
  WaitQueue child_exited;               // threads in wait4
  std::vector<Tid> threads;             // live threads, in creation order
  bool exiting = false;                 // exit_group or kill: every thread ends at its next kernel entry
  std::int64_t exit_status = 0;         // exit_group's status, or 128 + signal
  std::int32_t signal = 0;              // killed by this signal (0: exited)
};

struct UserThread {
  std::uint32_t wait_generation = 0;  // bumped at each block, so a stale wake finds nothing
  BlockReason blocked_for = BlockReason::Io;
  bool on_queue = false;              // blocked on a wait queue (counted in Kernel::queue_waiters_)
  std::uint32_t call_progress = 0;    // bytes a blocked write has already moved (it goes on from there)
  std::int64_t exit_status = 0;
  bool exited = false;
  bool joined = false;
  bool must_exit = false;             // another thread ran exec: this one ends at its next kernel entry
  WaitQueue joiners;                  // threads in thread_join on this one
};

struct UserMachine {
  UserMachine(std::uint32_t frames, int harts)
      : memory(frames), allocator(0, frames), cpu(memory, Rv32Config{static_cast<std::uint16_t>(harts)}) {}
  PhysicalMemory memory;
  FrameAllocator allocator;
  Rv32imaModel cpu;
  std::map<Pid, UserProcess> processes;
  std::map<Tid, UserThread> threads;
  std::vector<std::unique_ptr<TlbObserver>> tlb_tracers;  // one a hart (Kernel::TlbTracer)

  // Sv32 has 9-bit ASIDs; 0 is left unused. An ASID is flushed from every hart's TLB when its
  // space goes, so that a new space that takes it never sees the old translations.
  std::optional<std::uint16_t> take_asid() {
    for (std::uint16_t asid = 1; asid < kAsidCount; ++asid) {
      if (used[asid]) continue;
      used[asid] = true;
      return asid;
    }
    return std::nullopt;
  }
  void flush_asid(std::uint16_t asid) {
    for (CpuId hart = 0; hart < cpu.hart_count(); ++hart) cpu.flush_tlb_asid(hart, asid);
  }
  void free_asid(std::uint16_t asid) {
    flush_asid(asid);
    used[asid] = false;
  }
  static constexpr std::uint16_t kAsidCount = 512;
  std::array<bool, kAsidCount> used{};
};

}  // namespace ks
