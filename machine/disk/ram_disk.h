// machine/disk/ram_disk.h — a RAM disk's timing: the same constant for every request.
// THIS IS THE MACHINE, NOT THE KERNEL.
//
// A RAM disk has no arm and no platter: every request, wherever it lies and however many sectors
// it moves, takes LATENCY ticks (the copy is taken as free next to the request's fixed cost). It is
// the baseline that shows what the seek and the rotation of hdd_model.h cost.
#pragma once

#include <cstdint>

#include "sim-core/types.h"

namespace ks {

struct RamDiskModel {
  Tick latency = 1;
  Tick service(std::uint64_t /*lba*/, std::uint32_t /*count*/) const { return latency; }
};

}  // namespace ks
