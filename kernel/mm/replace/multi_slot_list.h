// kernel/mm/replace/multi_slot_list.h — several ordered lists of frames sharing one set of links,
// for the policies that move frames between lists (arc's T1 and T2, lru-2list's active and
// inactive lists, mglru's generations).
//
// Each frame (slot) is on at most one of the lists at a time. A list has a front, where a policy
// puts what it has just seen (the most recently used end, the head of Linux's lists), and a back,
// where it looks for the next victim (the tail); pages may be put at either end, as Linux puts a
// protected page at the eviction end of the next generation. Links are kept per slot in two
// arrays, as a kernel threads its pages on lists through fields of the page itself, so every
// operation is O(1) and nothing is allocated after construction. SlotList (slot_list.h) is the
// one-list case, with its head at the victim's end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernel/mm/replacement.h"
#include "sim-core/error.h"

namespace ks {

class MultiSlotList {
 public:
  static constexpr Slot kNone = UINT32_MAX;
  static constexpr std::uint32_t kNoList = UINT32_MAX;

  MultiSlotList(std::uint32_t frames, std::uint32_t lists)
      : newer_(frames, kNone), older_(frames, kNone), list_of_(frames, kNoList), lists_(lists) {}

  // Puts SLOT, which is on no list, at the front (or the back) of LIST.
  void push_front(std::uint32_t list, Slot slot) {
    KS_ASSERT(list_of_[slot] == kNoList, "a slot is on at most one list");
    Ends& ends = lists_[list];
    older_[slot] = ends.front;
    newer_[slot] = kNone;
    if (ends.front != kNone) newer_[ends.front] = slot;
    ends.front = slot;
    if (ends.back == kNone) ends.back = slot;
    list_of_[slot] = list;
    ++ends.size;
  }
  void push_back(std::uint32_t list, Slot slot) {
    KS_ASSERT(list_of_[slot] == kNoList, "a slot is on at most one list");
    Ends& ends = lists_[list];
    newer_[slot] = ends.back;
    older_[slot] = kNone;
    if (ends.back != kNone) older_[ends.back] = slot;
    ends.back = slot;
    if (ends.front == kNone) ends.front = slot;
    list_of_[slot] = list;
    ++ends.size;
  }

  // Takes SLOT off its list; nothing when it is on none.
  void erase(Slot slot) {
    const std::uint32_t list = list_of_[slot];
    if (list == kNoList) return;
    Ends& ends = lists_[list];
    if (newer_[slot] != kNone) older_[newer_[slot]] = older_[slot];
    if (older_[slot] != kNone) newer_[older_[slot]] = newer_[slot];
    if (ends.front == slot) ends.front = older_[slot];
    if (ends.back == slot) ends.back = newer_[slot];
    newer_[slot] = older_[slot] = kNone;
    list_of_[slot] = kNoList;
    --ends.size;
  }

  void move_to_front(std::uint32_t list, Slot slot) {
    erase(slot);
    push_front(list, slot);
  }
  void move_to_back(std::uint32_t list, Slot slot) {
    erase(slot);
    push_back(list, slot);
  }

  Slot front(std::uint32_t list) const { return lists_[list].front; }
  Slot back(std::uint32_t list) const { return lists_[list].back; }
  // The neighbour of SLOT towards the front (newer) or the back (older); kNone at the end.
  Slot newer(Slot slot) const { return newer_[slot]; }
  Slot older(Slot slot) const { return older_[slot]; }
  std::uint32_t size(std::uint32_t list) const { return lists_[list].size; }
  std::uint32_t list_of(Slot slot) const { return list_of_[slot]; }
  bool listed(Slot slot) const { return list_of_[slot] != kNoList; }

  // LIST's slots from the back (the next victim) to the front, appended to OUT.
  void append_from_back(std::uint32_t list, std::vector<Slot>& out) const {
    for (Slot slot = back(list); slot != kNone; slot = newer(slot)) out.push_back(slot);
  }

 private:
  struct Ends {
    Slot front = kNone;
    Slot back = kNone;
    std::uint32_t size = 0;
  };
  std::vector<Slot> newer_;
  std::vector<Slot> older_;
  std::vector<std::uint32_t> list_of_;
  std::vector<Ends> lists_;
};

}  // namespace ks
