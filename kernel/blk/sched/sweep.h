// kernel/blk/sched/sweep.h — the elevator family's one engine: scan, look, cscan and clook.
//
// All four serve the waiting requests in the head's direction of travel, in cylinder order, the
// request on the head's own cylinder first. They differ only in what happens when nothing waits
// ahead:
//                   runs on to the edge    then
//     scan          yes (0 or N−1)         reverses and serves what waits behind
//     look          no                     reverses at the last request
//     cscan         yes                    returns to the other edge (the return sweep), and
//                                          serves on in the same direction
//     clook         no                     returns from the last request to the farthest pending
//                                          one (the return sweep), and serves on
// The edge trip and the reversal happen only when requests remain behind the head: with nothing
// left, no policy moves the head further. Each policy file (scan.cpp, ...) holds its design note
// and its entry; this file the shared walk.
#pragma once

#include <cstdint>
#include <string_view>

#include "kernel/blk/sched/cylinder_queue.h"

namespace ks {

struct SweepRule {
  bool to_edge = false;   // run to the edge before turning (scan, cscan)
  bool circular = false;  // return sweep and keep the direction (cscan, clook)
};

class SweepDiskScheduler final : public DiskScheduler {
 public:
  SweepDiskScheduler(std::string_view name, SweepRule rule, std::uint32_t cylinders)
      : name_(name), rule_(rule), last_cylinder_(cylinders == 0 ? 0 : cylinders - 1) {}
  std::string_view name() const override { return name_; }
  void add(const DiskRequest& request) override { queue_.add(request); }
  std::size_t pending() const override { return queue_.size(); }
  DiskChoice next_request(const HeadPosition& head) override {
    const bool up = head.direction == HeadDirection::Up;
    const auto ahead = up ? queue_.at_or_above(head.cylinder) : queue_.at_or_below(head.cylinder);
    if (ahead) return {queue_.take(*ahead).id, head.direction, std::nullopt, std::nullopt};
    // Nothing ahead: every waiting request lies behind the head.
    const std::uint32_t edge = up ? last_cylinder_ : 0;
    const std::uint32_t other_edge = up ? 0 : last_cylinder_;
    DiskChoice choice;
    if (rule_.to_edge && head.cylinder != edge) choice.edge = edge;
    if (!rule_.circular) {
      const auto behind = up ? queue_.at_or_below(head.cylinder) : queue_.at_or_above(head.cylinder);
      choice.id = queue_.take(*behind).id;
      choice.direction = up ? HeadDirection::Down : HeadDirection::Up;
      return choice;
    }
    const auto farthest = up ? queue_.lowest() : queue_.highest();
    const DiskRequest next = queue_.take(*farthest);
    choice.return_to = rule_.to_edge ? other_edge : next.cylinder;
    choice.id = next.id;
    choice.direction = head.direction;
    return choice;
  }
  DiskSchedulerView view() const override { return {"by cylinder, lowest first", queue_.ids(), {}}; }

 private:
  std::string_view name_;
  SweepRule rule_;
  std::uint32_t last_cylinder_;
  CylinderQueue queue_;
};

}  // namespace ks
