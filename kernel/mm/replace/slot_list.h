// kernel/mm/replace/slot_list.h — an order of frames, kept as a doubly linked list over slots.
//
// FIFO keeps its frames in the order their pages came in, LRU in the order they were last used,
// second chance in the order the hand will look at them. Each is a sequence of slots in which a
// slot is taken out anywhere (a victim, a freed frame) and put back at the tail (a new page, a
// use, a second chance). With a fixed pool of frames the list needs no allocation: each slot has
// the number of the slot before and after it, so every change is O(1) and the whole list lives
// in two arrays the size of the pool.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/mm/replacement.h"
#include "sim-core/error.h"

namespace ks {

class SlotList {
 public:
  static constexpr Slot kNone = UINT32_MAX;

  explicit SlotList(std::uint32_t frames) : previous_(frames, kNone), next_(frames, kNone), listed_(frames, false) {}

  bool empty() const { return head_ == kNone; }
  std::uint32_t size() const { return size_; }
  bool contains(Slot slot) const { return listed_[slot]; }
  Slot head() const { return head_; }
  Slot next(Slot slot) const { return next_[slot]; }

  // Puts SLOT, which must not be listed, at the tail.
  void push_back(Slot slot) {
    KS_ASSERT(!listed_[slot], "a slot is listed at most once");
    listed_[slot] = true;
    ++size_;
    previous_[slot] = tail_;
    next_[slot] = kNone;
    if (tail_ == kNone) head_ = slot;
    else next_[tail_] = slot;
    tail_ = slot;
  }

  // Takes SLOT out; nothing happens when it is not listed.
  void remove(Slot slot) {
    if (!listed_[slot]) return;
    listed_[slot] = false;
    --size_;
    if (previous_[slot] == kNone) head_ = next_[slot];
    else next_[previous_[slot]] = next_[slot];
    if (next_[slot] == kNone) tail_ = previous_[slot];
    else previous_[next_[slot]] = previous_[slot];
  }

  void move_to_back(Slot slot) {
    if (slot == tail_) return;
    remove(slot);
    push_back(slot);
  }

  // The first slot from the head that ELIGIBLE allows (the policy's victim), or kNone.
  Slot first(const Eligible& eligible) const {
    for (Slot slot = head_; slot != kNone; slot = next_[slot]) {
      if (eligible(slot)) return slot;
    }
    return kNone;
  }

  // The slots from head to tail, for a view.
  std::vector<Slot> order() const {
    std::vector<Slot> slots;
    for (Slot slot = head_; slot != kNone; slot = next_[slot]) slots.push_back(slot);
    return slots;
  }

 private:
  std::vector<Slot> previous_, next_;
  std::vector<bool> listed_;
  Slot head_ = kNone, tail_ = kNone;
  std::uint32_t size_ = 0;
};

}  // namespace ks
