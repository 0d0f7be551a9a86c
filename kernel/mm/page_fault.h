// kernel/mm/page_fault.h — what the memory manager does with a page fault.
//
// The trap path (kernel/trap/trap.h) sends every page fault of a user program here. A fault can
// be RESOLVED (the page is made present: demand paging, copy-on-write, a stack that grows; the
// faulting instruction then runs again), BLOCKED (resolving it needs a disk read: the thread
// waits and runs the instruction again when woken), or FATAL (the address is not part of the
// program's memory, or the access breaks its permissions: the process dies of SIGSEGV).
//
// TODAY EVERY FAULT IS FATAL: address spaces are mapped eagerly (kernel/mm/address_space.h), so
// a fault can only be a program's bad access. Demand paging, swap and copy-on-write (issue: virtual
// memory) fill in handle_page_fault: look the address up in the space's regions, find or make a
// frame (evicting one through the replacement policy when memory is full), map it, and say which
// of the three it was.
#pragma once

#include <cstdint>

#include "kernel/mm/address_space.h"
#include "sim-core/mem/sv32.h"

namespace ks {

enum class FaultResolution : std::uint8_t { Resolved, Blocked, Fatal };

// A fault of an ACCESS at ADDRESS in SPACE.
FaultResolution handle_page_fault(AddressSpace& space, std::uint32_t address, AccessType access);

}  // namespace ks
