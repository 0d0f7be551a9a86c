// kernel/mm/page_fault.h — what the memory manager does with a page fault.
//
// The trap path (kernel/trap/trap.h) sends every page fault of a user program here, and the
// kernel's own copies of user memory (AddressSpace::copy_in, copy_out) send the faults they would
// take. A fault is
//   RESOLVED     the page is usable now; the faulting instruction runs again;
//   SWAP_IN      the page is on the swap disk (its entry is a swap entry): the pager brings it
//                back (kernel/mm/pager.h), and the instruction runs again;
//   FATAL        the address is not part of the program's memory, or the access breaks its
//                permissions: the process dies of SIGSEGV;
//   OUT_OF_MEMORY a frame was needed and none is free: the kernel kills the process (status
//                137, as Linux's OOM killer's SIGKILL) and says so on the console.
//
// In an eagerly mapped space (PagingMode::Eager, kernel/mm/address_space.h) every page is mapped
// when the space is made, so every fault is fatal. In a demand-paged space the handler does what
// a textbook's does, in this order:
//   1. find the region holding the address; none, or one that does not allow the access: fatal;
//   2. the page is mapped: if this is a store to a copy-on-write page, copy it into a frame of its
//      own (or, when no other space maps the frame any more, just make it writable again);
//      otherwise a TLB held a stale entry, which is dropped;
//   3. the page is on the swap disk: a major fault, for the pager;
//   4. the page is not mapped: take a free frame, fill it with zeros (heap, stack, bss) or with
//      the program's bytes (lazy loading of the ELF's segments), and map it with the region's
//      permissions.
#pragma once

#include <cstdint>

#include "kernel/mm/address_space.h"
#include "sim-core/mem/sv32.h"

namespace ks {

enum class FaultResolution : std::uint8_t { Resolved, SwapIn, Fatal, OutOfMemory };

// A fault of an ACCESS at ADDRESS in SPACE. KIND is set to what the fault was (for the trace).
FaultResolution handle_page_fault(AddressSpace& space, std::uint32_t address, AccessType access, PageFaultKind& kind);

}  // namespace ks
