// The parts of the rv32ima model around the interpreter loop: contexts, address-space switches,
// translation through the two TLBs, the slow paths of memory access, and the decode cache.
// The loop itself is in rv32_execute.cpp.
#include "cpu-models/rv32ima/rv32ima_model.h"

#include <string>

#include "sim-core/error.h"

namespace ks {

Rv32imaModel::Rv32imaModel(PhysicalMemory& memory, const Rv32Config& config)
    : memory_(memory),
      cost_(config.cost),
      frame_page_(memory.frame_count(), -1),
      page_capacity_(config.decode_cache_pages),
      fast_paths_(config.fast_paths) {
  KS_ASSERT(config.harts > 0, "a machine has at least one hart");
  KS_ASSERT(config.decode_cache_pages > 0, "the decode cache holds at least one page");
  KS_ASSERT(cost_.base > 0 && cost_.multiply > 0 && cost_.divide > 0 && cost_.atomic > 0,
            "every instruction costs at least one cycle");
  harts_.reserve(config.harts);
  for (std::uint16_t h = 0; h < config.harts; ++h) {
    TlbConfig tlb = config.tlb;
    tlb.stream = config.tlb.stream + ".hart" + std::to_string(h);
    harts_.emplace_back(tlb);
  }
  pages_.reserve(page_capacity_);
}

// --- contexts ----------------------------------------------------------------------------------

Rv32imaModel::Context& Rv32imaModel::live(ContextId context) {
  KS_ASSERT(context < contexts_.size() && contexts_[context].live, "the rv32ima context exists");
  return contexts_[context];
}

const Rv32imaModel::Context& Rv32imaModel::live(ContextId context) const {
  KS_ASSERT(context < contexts_.size() && contexts_[context].live, "the rv32ima context exists");
  return contexts_[context];
}

ContextId Rv32imaModel::create_context(std::uint32_t entry_pc, std::uint32_t stack_pointer,
                                       std::uint32_t page_table_root, MmuMode mode, std::uint16_t asid) {
  Context context;
  context.live = true;
  context.pc = entry_pc;
  context.regs[rv32::kSp] = stack_pointer;
  ContextId id;
  if (!free_contexts_.empty()) {
    id = free_contexts_.back();
    free_contexts_.pop_back();
    contexts_[id] = context;
  } else {
    id = static_cast<ContextId>(contexts_.size());
    contexts_.push_back(context);
  }
  set_address_space(id, mode, page_table_root, asid);
  return id;
}

ContextId Rv32imaModel::clone_context(ContextId source) {
  const Context copy = live(source);
  const ContextId id = create_context(copy.pc, 0, copy.root_frame << kPageShift, copy.mode, copy.asid);
  contexts_[id].regs = copy.regs;
  return id;
}

void Rv32imaModel::release_context(ContextId context) {
  live(context).live = false;
  for (Hart& hart : harts_) {
    if (hart.current == context) {
      hart.current = kNoContext;
      if (hart.reserved) --reservations_;
      hart.reserved = false;
    }
  }
  free_contexts_.push_back(context);
}

std::uint32_t Rv32imaModel::reg(ContextId context, unsigned n) const {
  KS_ASSERT(n < 32, "a register number is 0..31");
  return live(context).regs[n];
}

void Rv32imaModel::set_reg(ContextId context, unsigned n, std::uint32_t value) {
  KS_ASSERT(n < 32, "a register number is 0..31");
  if (n != 0) live(context).regs[n] = value;
}

void Rv32imaModel::finish_syscall(ContextId context, std::uint32_t result) {
  Context& c = live(context);
  c.regs[rv32::kA0] = result;
  c.pc += 4;
}

void Rv32imaModel::set_address_space(ContextId context, MmuMode mode, std::uint32_t page_table_root,
                                     std::uint16_t asid) {
  KS_ASSERT(mode == MmuMode::Bare || (page_table_root & kPageOffsetMask) == 0, "a root page table is 4 KiB aligned");
  Context& c = live(context);
  c.mode = mode;
  c.root_frame = page_table_root >> kPageShift;
  c.asid = asid;  // run() compares the hart's last address space with this one
}

// --- TLBs ----------------------------------------------------------------------------------------

void Rv32imaModel::clear_soft(Hart& hart) {
  for (SoftTlb* soft : {&hart.load, &hart.store, &hart.fetch}) {
    for (SoftEntry& e : *soft) e.tag = kNoTag;
  }
}

void Rv32imaModel::drop_soft(Hart& hart, std::uint32_t vpn) {
  for (SoftTlb* soft : {&hart.load, &hart.store, &hart.fetch}) {
    SoftEntry& e = (*soft)[vpn % kSoftSize];
    if (e.tag == vpn) e.tag = kNoTag;
  }
}

void Rv32imaModel::flush_tlb(CpuId hart) {
  harts_[hart].tlb.flush_all();
  clear_soft(harts_[hart]);
  harts_[hart].tlb_generation = harts_[hart].tlb.generation();
}

void Rv32imaModel::flush_tlb_asid(CpuId hart, std::uint16_t asid) {
  harts_[hart].tlb.flush_asid(asid);
  clear_soft(harts_[hart]);
  harts_[hart].tlb_generation = harts_[hart].tlb.generation();
}

void Rv32imaModel::flush_tlb_page(CpuId hart, std::uint32_t va, std::uint16_t asid) {
  harts_[hart].tlb.flush_page(va >> kPageShift, asid);
  clear_soft(harts_[hart]);
  harts_[hart].tlb_generation = harts_[hart].tlb.generation();
}

void Rv32imaModel::switch_to(Hart& hart, ContextId id, Context& context) {
  if (hart.current != id) {
    if (hart.reserved) --reservations_;
    hart.reserved = false;
    clear_soft(hart);
    hart.current = id;
  }
  const bool same_space =
      hart.has_space && hart.mode == context.mode && hart.root_frame == context.root_frame && hart.asid == context.asid;
  if (!same_space) {
    clear_soft(hart);
    if (hart.has_space && hart.mode == MmuMode::Sv32 && !hart.tlb.config().use_asids) hart.tlb.flush_all();
    hart.has_space = true;
    hart.mode = context.mode;
    hart.root_frame = context.root_frame;
    hart.asid = context.asid;
  }
  if (hart.tlb.generation() != hart.tlb_generation) {
    clear_soft(hart);
    hart.tlb_generation = hart.tlb.generation();
  }
}

void Rv32imaModel::fill_soft(Hart& hart, std::uint32_t va, AccessType access, std::uint32_t frame,
                             std::uint8_t* frame_host, std::uint32_t tlb_index) {
  if (!fast_paths_) return;
  if (access == AccessType::Store && frame_host == nullptr) return;  // code: stores take the slow path
  SoftTlb& soft = access == AccessType::Load ? hart.load : access == AccessType::Store ? hart.store : hart.fetch;
  SoftEntry& e = soft[(va >> kPageShift) % kSoftSize];
  e.tag = va >> kPageShift;
  e.frame = frame;
  e.host = frame_host != nullptr ? frame_host : memory_.frame_data(frame);
  const bool lru = hart.tlb.config().replacement == TlbReplacement::Lru;
  e.stamp = tlb_index != Tlb::kNone && lru ? &hart.tlb.stamp_of(tlb_index) : &hart.dummy_stamp;
  e.tlb_index = tlb_index;
}

void Rv32imaModel::point_to(std::uint32_t va, std::uint32_t frame, Access& out) {
  out.physical = (PhysAddr{frame} << kPageShift) | (va & kPageOffsetMask);
  out.frame_host = memory_.is_watched(frame) ? nullptr : memory_.frame_data(frame);
  out.host = out.frame_host != nullptr ? out.frame_host + (va & kPageOffsetMask) : nullptr;
}

bool Rv32imaModel::translate(Hart& hart, Context& context, std::uint32_t va, AccessType access, Access& out) {
  if (context.mode == MmuMode::Sv32) return translate_sv32(hart, context, va, access, out);
  const std::uint32_t frame = va >> kPageShift;
  if (frame >= memory_.frame_count()) {
    context.fault = Rv32Fault{access, FaultKind::Access, va};
    return false;
  }
  point_to(va, frame, out);
  fill_soft(hart, va, access, frame, out.frame_host, Tlb::kNone);
  return true;
}

bool Rv32imaModel::translate_sv32(Hart& hart, Context& context, std::uint32_t va, AccessType access, Access& out) {
  const std::uint32_t vpn = va >> kPageShift;
  std::uint32_t index = hart.tlb.lookup(vpn, context.asid);
  if (index == Tlb::kNone) {
    const Sv32Walk walk = sv32_walk(memory_, context.root_frame, va, access);
    if (walk.fault != FaultKind::None) {
      context.fault = Rv32Fault{access, walk.fault, va};
      return false;
    }
    TlbEntry entry;
    entry.vpn = vpn;
    entry.frame = walk.frame;
    entry.flags = walk.leaf & pte::kFlagMask;
    entry.leaf_address = walk.leaf_address;
    entry.asid = context.asid;
    const Tlb::Insertion inserted = hart.tlb.insert(entry);
    if (inserted.evicted_vpn != Tlb::kNone) drop_soft(hart, inserted.evicted_vpn);
    if (inserted.index == hart.code_entry) {
      hart.code_entry = Tlb::kNone;
      hart.block_must_end = true;
    }
    index = inserted.index;
  } else {
    const TlbEntry& entry = hart.tlb.entry(index);
    const FaultKind fault = sv32_check(entry.flags, access);
    if (fault != FaultKind::None) {
      context.fault = Rv32Fault{access, fault, va};
      return false;
    }
    if (access == AccessType::Store && (entry.flags & pte::kDirty) == 0 && !set_dirty(hart, context, va, index)) {
      return false;
    }
  }
  const std::uint32_t frame = hart.tlb.entry(index).frame;
  point_to(va, frame, out);
  fill_soft(hart, va, access, frame, out.frame_host, index);
  return true;
}

bool Rv32imaModel::set_dirty(Hart& hart, Context& context, std::uint32_t va, std::uint32_t index) {
  const Sv32Walk walk = sv32_walk(memory_, context.root_frame, va, AccessType::Store);
  if (walk.fault != FaultKind::None) {
    context.fault = Rv32Fault{AccessType::Store, walk.fault, va};
    return false;
  }
  if (walk.frame != hart.tlb.entry(index).frame) drop_soft(hart, va >> kPageShift);
  hart.tlb.refresh(index, walk.frame, walk.leaf & pte::kFlagMask, walk.leaf_address);
  return true;
}

// --- slow paths of memory access --------------------------------------------------------------

bool Rv32imaModel::load_slow(Hart& hart, Context& context, std::uint32_t va, unsigned size, std::uint32_t& value) {
  Access access;
  if (!translate(hart, context, va, AccessType::Load, access)) return false;
  if (access.host != nullptr) {
    value = size == 1 ? *access.host : size == 2 ? load_le16(access.host) : load_le32(access.host);
  } else {
    value = size == 1   ? memory_.read8(access.physical)
            : size == 2 ? memory_.read16(access.physical)
                        : memory_.read32(access.physical);
  }
  return true;
}

void Rv32imaModel::write_through(CpuId hart_id, PhysAddr physical, unsigned size, std::uint32_t value) {
  const std::uint64_t code_writes = memory_.code_writes();
  if (size == 1) memory_.write8(physical, static_cast<std::uint8_t>(value));
  if (size == 2) memory_.write16(physical, static_cast<std::uint16_t>(value));
  if (size == 4) memory_.write32(physical, value);
  if (memory_.code_writes() != code_writes) harts_[hart_id].block_must_end = true;
  if (reservations_ != 0) break_reservations(hart_id, physical);
}

bool Rv32imaModel::store_slow(CpuId hart_id, Context& context, std::uint32_t va, unsigned size, std::uint32_t value) {
  Access access;
  if (!translate(harts_[hart_id], context, va, AccessType::Store, access)) return false;
  write_through(hart_id, access.physical, size, value);
  return true;
}

bool Rv32imaModel::atomic_slow(CpuId hart_id, Context& context, std::uint32_t va, rv32::Op op, std::uint32_t operand,
                               std::uint32_t& old_value) {
  Hart& hart = harts_[hart_id];
  Access access;
  const AccessType kind = op == rv32::Op::LrW ? AccessType::Load : AccessType::Store;
  if (!translate(hart, context, va, kind, access)) return false;
  if (op == rv32::Op::LrW || op == rv32::Op::ScW) {
    const bool held = hart.reserved && hart.reservation == access.physical;
    if (hart.reserved) --reservations_;
    hart.reserved = false;
    if (op == rv32::Op::LrW) {
      old_value = memory_.read32(access.physical);
      hart.reserved = true;
      hart.reservation = access.physical;
      ++reservations_;
    } else {
      old_value = held ? 0 : 1;
      if (held) write_through(hart_id, access.physical, 4, operand);
    }
    return true;
  }
  old_value = memory_.read32(access.physical);
  write_through(hart_id, access.physical, 4, rv32::atomic_result(op, old_value, operand));
  return true;
}

void Rv32imaModel::break_reservations(CpuId writer, PhysAddr physical) {
  const PhysAddr word = physical & ~PhysAddr{3};
  for (std::size_t h = 0; h < harts_.size(); ++h) {
    Hart& other = harts_[h];
    if (h != writer && other.reserved && other.reservation == word) {
      other.reserved = false;
      --reservations_;
    }
  }
}

// --- the decode cache -------------------------------------------------------------------------

Rv32imaModel::DecodedPage& Rv32imaModel::decoded_page(std::uint32_t frame) {
  std::int32_t slot = frame_page_[frame];
  if (slot >= 0 && pages_[static_cast<std::size_t>(slot)].frame == frame &&
      pages_[static_cast<std::size_t>(slot)].epoch == memory_.frame_epoch(frame) && memory_.is_watched(frame)) {
    return pages_[static_cast<std::size_t>(slot)];
  }
  if (slot < 0) {
    if (pages_.size() < page_capacity_) {
      slot = static_cast<std::int32_t>(pages_.size());
      pages_.emplace_back();
    } else {
      slot = static_cast<std::int32_t>(next_victim_);
      next_victim_ = (next_victim_ + 1) % page_capacity_;
      frame_page_[pages_[static_cast<std::size_t>(slot)].frame] = -1;
    }
    frame_page_[frame] = slot;
  }
  DecodedPage& page = pages_[static_cast<std::size_t>(slot)];
  page.frame = frame;
  page.code.fill(rv32::DecodedInstruction{});
  page.code[kSlots].op = rv32::Op::PageEnd;
  memory_.watch_frame(frame);
  page.epoch = memory_.frame_epoch(frame);
  ++pages_decoded_;
  for (Hart& hart : harts_) {
    for (SoftEntry& e : hart.store) {
      if (e.tag != kNoTag && e.frame == frame) e.tag = kNoTag;
    }
  }
  return page;
}

Rv32imaModel::DecodedPage* Rv32imaModel::fetch_page(Hart& hart, Context& context, StopInfo& stop) {
  const std::uint32_t pc = context.pc;
  stop.pc = pc;
  if ((pc & 3) != 0) {
    context.fault = Rv32Fault{AccessType::Fetch, FaultKind::None, pc};
    stop.reason = StopReason::MisalignedAccess;
    stop.detail = pc;
    return nullptr;
  }
  const std::uint32_t vpn = pc >> kPageShift;
  const SoftEntry& soft = hart.fetch[vpn % kSoftSize];
  std::uint32_t frame;
  if (soft.tag == vpn) {
    frame = soft.frame;
    if (context.mode == MmuMode::Sv32) {
      hart.tlb.add_hits(1);
      if (soft.stamp != &hart.dummy_stamp) *soft.stamp = ++hart.tlb.clock();
    }
  } else {
    Access access;
    if (!translate(hart, context, pc, AccessType::Fetch, access)) {
      stop.reason = StopReason::PageFault;
      stop.detail = pc;
      return nullptr;
    }
    frame = static_cast<std::uint32_t>(access.physical >> kPageShift);
  }
  hart.code_entry = Tlb::kNone;
  if (hart.fetch[vpn % kSoftSize].tag == vpn) hart.code_entry = hart.fetch[vpn % kSoftSize].tlb_index;
  return &decoded_page(frame);
}

StopInfo Rv32imaModel::run(CpuId hart_id, ContextId id, Cycles budget) {
  KS_ASSERT(hart_id < harts_.size(), "the hart exists");
  KS_ASSERT(budget >= 0, "a budget is not negative");
  Context& context = live(id);
  Hart& hart = harts_[hart_id];
  switch_to(hart, id, context);
  StopInfo stop;
  const Cycles paid = context.debt < budget ? context.debt : budget;
  context.debt -= paid;
  Cycles remaining = budget - paid;
  while (true) {
    if (remaining <= 0) {
      stop.reason = StopReason::BudgetSpent;
      stop.pc = context.pc;
      break;
    }
    DecodedPage* page = fetch_page(hart, context, stop);
    if (page == nullptr) break;
    if (fast_paths_) {
      if (run_block(hart_id, context, *page, remaining, stop)) break;
    } else {
      Cycles one = 1;
      const bool stopped = run_block(hart_id, context, *page, one, stop);
      remaining -= 1 - one;
      if (stopped) break;
    }
  }
  if (remaining < 0) {
    context.debt += -remaining;
    remaining = 0;
  }
  stop.used = budget - remaining;
  return stop;
}

}  // namespace ks
