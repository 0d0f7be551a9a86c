// machine/disk/hdd_model.cpp — the hard disk's timing as pure integer arithmetic.
// THIS IS THE MACHINE, NOT THE KERNEL.
//
// hdd_model.h states the formulas. Everything here is integer arithmetic, so that every platform
// computes the same ticks: the square root of the short-seek curve is an exact integer root, and
// the rotational position is reduced modulo one minute (a whole number of revolutions) before it
// is scaled, so no product leaves 64 bits within the bounds the constructor checks.
#include "machine/disk/hdd_model.h"

#include <cmath>
#include <string>
#include <utility>

#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::uint64_t kMicrosecondsPerMinute = 60'000'000;
constexpr std::uint32_t kMaxCylinders = 1'000'000;
constexpr std::uint32_t kMaxHeads = 255;
constexpr std::uint32_t kMaxSectorsPerTrack = 10'000;
constexpr std::uint32_t kMaxRpm = 100'000;
constexpr Tick kMaxTimeParameter = 1'000'000;  // µs: one second is far beyond any real disk

void check_range(const std::string& field, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min || value > max) {
    throw InputError({"", 0, 0, field}, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                                            ", got " + std::to_string(value));
  }
}

// ⌊√N⌋, exactly: the double's root is within one of it, and the loops correct it.
std::uint64_t integer_sqrt(std::uint64_t n) {
  auto root = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  while (root > 0 && root * root > n) --root;
  while ((root + 1) * (root + 1) <= n) ++root;
  return root;
}

}  // namespace

HddModel::HddModel(HddGeometry geometry) : geometry_(std::move(geometry)) {
  const HddGeometry& g = geometry_;
  check_range("cylinders", g.cylinders, 1, kMaxCylinders);
  check_range("heads", g.heads, 1, kMaxHeads);
  check_range("rpm", g.rpm, 1, kMaxRpm);
  check_range("settle", g.settle, 0, kMaxTimeParameter);
  check_range("short_per_sqrt", g.short_per_sqrt, 0, kMaxTimeParameter);
  check_range("long_from", g.long_from, 1, kMaxCylinders);
  check_range("long_base", g.long_base, 0, kMaxTimeParameter);
  check_range("long_per_cylinder", g.long_per_cylinder, 0, kMaxTimeParameter);
  std::vector<HddZone> zones = g.zones;
  if (zones.empty()) {
    check_range("sectors_per_track", g.sectors_per_track, 1, kMaxSectorsPerTrack);
    zones.push_back({g.cylinders, g.sectors_per_track});
  }
  std::uint32_t cylinder = 0;
  std::uint64_t lba = 0;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const std::string where = "zones[" + std::to_string(i) + "]";
    check_range(where + ".cylinders", zones[i].cylinders, 1, kMaxCylinders);
    check_range(where + ".sectors_per_track", zones[i].sectors_per_track, 1, kMaxSectorsPerTrack);
    if (i > 0 && zones[i].sectors_per_track > zones[i - 1].sectors_per_track) {
      throw InputError({"", 0, 0, where + ".sectors_per_track"},
                       "an inner zone must not have more sectors per track than the zone outside it");
    }
    if (static_cast<std::uint64_t>(cylinder) + zones[i].cylinders > g.cylinders) {
      throw InputError({"", 0, 0, where + ".cylinders"},
                       "the zones hold more cylinders than the disk's " + std::to_string(g.cylinders));
    }
    zones_.push_back({cylinder, zones[i].cylinders, zones[i].sectors_per_track, lba});
    cylinder += zones[i].cylinders;
    lba += static_cast<std::uint64_t>(zones[i].cylinders) * g.heads * zones[i].sectors_per_track;
  }
  if (cylinder != g.cylinders) {
    throw InputError({"", 0, 0, "zones"}, "the zones hold " + std::to_string(cylinder) + " cylinders, the disk " +
                                              std::to_string(g.cylinders));
  }
  total_sectors_ = lba;
}

const HddModel::Zone& HddModel::zone_of_cylinder(std::uint32_t cylinder) const {
  KS_ASSERT(cylinder < geometry_.cylinders, "a cylinder of the disk lies below its number of cylinders");
  for (const Zone& zone : zones_) {
    if (cylinder < zone.first_cylinder + zone.cylinders) return zone;
  }
  return zones_.back();
}

std::uint32_t HddModel::sectors_per_track(std::uint32_t cylinder) const {
  return zone_of_cylinder(cylinder).sectors_per_track;
}

std::uint64_t HddModel::first_lba(std::uint32_t cylinder) const {
  const Zone& zone = zone_of_cylinder(cylinder);
  return zone.first_lba +
         static_cast<std::uint64_t>(cylinder - zone.first_cylinder) * geometry_.heads * zone.sectors_per_track;
}

DiskAddress HddModel::locate(std::uint64_t lba) const {
  KS_ASSERT(lba < total_sectors_, "a block address lies inside the disk");
  const Zone* zone = &zones_.front();
  for (const Zone& candidate : zones_) {
    if (candidate.first_lba <= lba) zone = &candidate;
  }
  const std::uint64_t r = lba - zone->first_lba;
  const std::uint64_t per_cylinder = static_cast<std::uint64_t>(geometry_.heads) * zone->sectors_per_track;
  return {zone->first_cylinder + static_cast<std::uint32_t>(r / per_cylinder),
          static_cast<std::uint32_t>((r / zone->sectors_per_track) % geometry_.heads),
          static_cast<std::uint32_t>(r % zone->sectors_per_track)};
}

Tick HddModel::seek_time(std::uint32_t distance) const {
  if (distance == 0) return 0;
  const HddGeometry& g = geometry_;
  if (distance < g.long_from) {
    const auto k = static_cast<std::uint64_t>(g.short_per_sqrt);
    return g.settle + static_cast<Tick>(integer_sqrt(distance * k * k));
  }
  return g.long_base + g.long_per_cylinder * distance;
}

Tick HddModel::rotation_wait(std::uint32_t cylinder, std::uint32_t sector, Tick at) const {
  KS_ASSERT(at >= 0, "virtual time is never negative");
  const std::uint64_t s = sectors_per_track(cylinder);
  KS_ASSERT(sector < s, "a sector lies on its track");
  const std::uint64_t rate = static_cast<std::uint64_t>(geometry_.rpm) * s;  // sectors × 60e6 per µs
  const std::uint64_t lap = s * kMicrosecondsPerMinute;                      // one turn, in those units
  const std::uint64_t position = (static_cast<std::uint64_t>(at) % kMicrosecondsPerMinute) * rate % lap;
  const std::uint64_t target = sector * kMicrosecondsPerMinute;
  const std::uint64_t ahead = (target + lap - position) % lap;
  return static_cast<Tick>((ahead + rate - 1) / rate);
}

Tick HddModel::transfer_time(std::uint32_t cylinder, std::uint32_t count) const {
  const std::uint64_t rate = static_cast<std::uint64_t>(geometry_.rpm) * sectors_per_track(cylinder);
  return static_cast<Tick>((count * kMicrosecondsPerMinute + rate - 1) / rate);
}

Tick HddModel::revolution() const {
  return static_cast<Tick>((kMicrosecondsPerMinute + geometry_.rpm - 1) / geometry_.rpm);
}

Tick HddModel::positioning_time(std::uint32_t head_cylinder, Tick start, std::uint64_t lba) const {
  const DiskAddress where = locate(lba);
  const std::uint32_t distance =
      where.cylinder > head_cylinder ? where.cylinder - head_cylinder : head_cylinder - where.cylinder;
  const Tick seek = seek_time(distance);
  return seek + rotation_wait(where.cylinder, where.sector, start + seek);
}

HddService HddModel::service(std::uint32_t head_cylinder, Tick start, std::uint64_t lba, std::uint32_t count) const {
  KS_ASSERT(count >= 1, "a disk request moves at least one sector");
  KS_ASSERT(lba + count <= total_sectors_, "a disk request ends inside the disk");
  const DiskAddress where = locate(lba);
  HddService service;
  const std::uint32_t distance =
      where.cylinder > head_cylinder ? where.cylinder - head_cylinder : head_cylinder - where.cylinder;
  service.seek = seek_time(distance);
  service.rotation = rotation_wait(where.cylinder, where.sector, start + service.seek);
  service.transfer = transfer_time(where.cylinder, count);
  service.cylinder = locate(lba + count - 1).cylinder;
  return service;
}

}  // namespace ks
