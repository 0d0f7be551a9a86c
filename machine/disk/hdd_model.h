// machine/disk/hdd_model.h — the timing of a hard disk: seek, rotation, transfer.
// THIS IS THE MACHINE, NOT THE KERNEL.
//
// TIME. The disk reads a tick as one microsecond: every time below is in ticks = µs.
//
// GEOMETRY. CYLINDERS × HEADS tracks, each of SECTORS_PER_TRACK sectors. A zoned disk (ZONES
// not empty) gives the outer tracks more sectors: zone 0 holds the outermost cylinders, from
// cylinder 0 on, and each zone lists its cylinders and its sectors per track; the zones' cylinders
// add up to CYLINDERS. A logical block address (LBA) maps to (cylinder, head, sector)
// cylinder-major, as disks number their blocks, so that neighbouring LBAs are on one cylinder:
//     within a zone whose first LBA is F, first cylinder C0 and S sectors per track,
//     r = lba - F, cylinder = C0 + r / (HEADS × S), head = (r / S) mod HEADS, sector = r mod S.
//
// SEEK (after Ruemmler & Wilkes, "An introduction to disk drive modeling", 1994). The arm moving
// D cylinders takes
//     0                                   when D = 0
//     settle + short_per_sqrt × √D        when 0 < D < long_from (accelerate, decelerate, settle)
//     long_base + long_per_cylinder × D   when D ≥ long_from (coasting at full speed)
// with √D × k computed exactly in integers as ⌊√(D × k²)⌋. The defaults are their HP 97560's
// curve (3.24 ms + 0.400 ms × √D below 383 cylinders, 8.00 ms + 0.008 ms × D from there).
//
// ROTATION. The platters turn at RPM from time 0, every track's sector 0 at the same angle (no
// track skew). The sector under the heads at time t is ⌊t × RPM × S / 60,000,000⌋ mod S; the
// rotational wait for sector s is the time until the start of s next passes under the head,
// after the seek ends. One minute holds exactly RPM revolutions, so t is first reduced modulo
// 60,000,000 µs, which keeps the arithmetic exact and in 64 bits.
//
// TRANSFER. COUNT sectors pass under the head in ⌈COUNT × 60,000,000 / (RPM × S)⌉ µs, S of the
// request's first track. A transfer that crosses onto the next track or cylinder is timed as if it
// did not (the head switch and the track-to-track seek are taken as hidden by skew, a stated
// simplification); the head ends on the cylinder of the request's last sector.
#pragma once

#include <cstdint>
#include <vector>

#include "sim-core/types.h"

namespace ks {

struct HddZone {
  std::uint32_t cylinders = 0;
  std::uint32_t sectors_per_track = 0;
};

struct HddGeometry {
  std::uint32_t cylinders = 1962;
  std::uint32_t heads = 19;
  std::uint32_t sectors_per_track = 72;  // when ZONES is empty
  std::vector<HddZone> zones;            // outermost first; empty: one zone of sectors_per_track
  std::uint32_t rpm = 4002;
  Tick settle = 3240;             // µs: the short-seek curve's constant
  Tick short_per_sqrt = 400;      // µs per √cylinder
  std::uint32_t long_from = 383;  // the distance from which the linear curve applies
  Tick long_base = 8000;          // µs
  Tick long_per_cylinder = 8;     // µs per cylinder
};

struct DiskAddress {
  std::uint32_t cylinder = 0;
  std::uint32_t head = 0;
  std::uint32_t sector = 0;
  bool operator==(const DiskAddress&) const = default;
};

// The time one request takes, in its three parts, and where it leaves the arm.
struct HddService {
  Tick seek = 0;
  Tick rotation = 0;
  Tick transfer = 0;
  std::uint32_t cylinder = 0;  // the head's cylinder afterwards
  Tick total() const { return seek + rotation + transfer; }
};

class HddModel {
 public:
  // Throws InputError (naming the field) for a geometry that describes no disk: no cylinders,
  // heads, sectors or RPM, zones that do not add up to the cylinders, values too large.
  explicit HddModel(HddGeometry geometry);

  const HddGeometry& geometry() const { return geometry_; }
  std::uint32_t cylinders() const { return geometry_.cylinders; }
  std::uint64_t sectors() const { return total_sectors_; }
  // The first LBA of CYLINDER (head 0, sector 0). CYLINDER < cylinders().
  std::uint64_t first_lba(std::uint32_t cylinder) const;
  // Where LBA lies. LBA < sectors().
  DiskAddress locate(std::uint64_t lba) const;
  std::uint32_t sectors_per_track(std::uint32_t cylinder) const;

  Tick seek_time(std::uint32_t distance) const;
  // The wait, from time AT, until sector SECTOR of a track of CYLINDER begins under the head.
  Tick rotation_wait(std::uint32_t cylinder, std::uint32_t sector, Tick at) const;
  Tick transfer_time(std::uint32_t cylinder, std::uint32_t count) const;
  // One revolution, rounded up to a whole µs.
  Tick revolution() const;

  // The request (LBA, COUNT sectors; COUNT ≥ 1, the last sector inside the disk) served from
  // cylinder HEAD_CYLINDER starting at time START: a pure function.
  HddService service(std::uint32_t head_cylinder, Tick start, std::uint64_t lba, std::uint32_t count) const;
  // Seek plus rotational wait only (what shortest-positioning-time-first compares).
  Tick positioning_time(std::uint32_t head_cylinder, Tick start, std::uint64_t lba) const;

 private:
  struct Zone {
    std::uint32_t first_cylinder;
    std::uint32_t cylinders;
    std::uint32_t sectors_per_track;
    std::uint64_t first_lba;
  };
  const Zone& zone_of_cylinder(std::uint32_t cylinder) const;

  HddGeometry geometry_;
  std::vector<Zone> zones_;
  std::uint64_t total_sectors_ = 0;
};

}  // namespace ks
