// The hard-disk model's arithmetic, every expected value worked by hand from hdd_model.h's
// formulas on a small disk: 1000 cylinders, 2 heads, 100 sectors per track, 6000 RPM, so one
// revolution is 60,000,000 / 6000 = 10,000 µs and one sector passes in 10,000 / 100 = 100 µs.
// Seek: settle 1000 µs + 100 µs × √D below 400 cylinders; 3000 µs + 5 µs × D from 400 on.
#include "machine/disk/hdd_model.h"

#include <gtest/gtest.h>

#include "sim-core/error.h"

namespace ks {
namespace {

HddGeometry small_disk() {
  HddGeometry g;
  g.cylinders = 1000;
  g.heads = 2;
  g.sectors_per_track = 100;
  g.rpm = 6000;
  g.settle = 1000;
  g.short_per_sqrt = 100;
  g.long_from = 400;
  g.long_base = 3000;
  g.long_per_cylinder = 5;
  return g;
}

TEST(HddModel, SeekCurveIsZeroThenSquareRootThenLinear) {
  const HddModel disk(small_disk());
  EXPECT_EQ(disk.seek_time(0), 0);
  EXPECT_EQ(disk.seek_time(1), 1100);    // 1000 + 100 × √1
  EXPECT_EQ(disk.seek_time(2), 1141);    // 1000 + ⌊√(2 × 100²)⌋ = 1000 + ⌊141.42⌋
  EXPECT_EQ(disk.seek_time(4), 1200);    // 1000 + 100 × 2
  EXPECT_EQ(disk.seek_time(399), 2997);  // 1000 + ⌊√3,990,000⌋ = 1000 + ⌊1997.5⌋
  EXPECT_EQ(disk.seek_time(400), 5000);  // 3000 + 5 × 400: the long-seek line
  EXPECT_EQ(disk.seek_time(999), 7995);  // 3000 + 5 × 999
}

TEST(HddModel, BlocksAreNumberedCylinderMajor) {
  const HddModel disk(small_disk());
  EXPECT_EQ(disk.sectors(), 200'000u);  // 1000 × 2 × 100
  EXPECT_EQ(disk.locate(0), (DiskAddress{0, 0, 0}));
  EXPECT_EQ(disk.locate(150), (DiskAddress{0, 1, 50}));     // 150 = 1 track of 100 + 50
  EXPECT_EQ(disk.locate(200), (DiskAddress{1, 0, 0}));      // 200 sectors a cylinder
  EXPECT_EQ(disk.locate(12345), (DiskAddress{61, 1, 45}));  // 61 × 200 = 12200; 145 = 100 + 45
  EXPECT_EQ(disk.first_lba(61), 12200u);
}

TEST(HddModel, RotationalWaitDependsOnTheTimeTheRequestStarts) {
  const HddModel disk(small_disk());
  EXPECT_EQ(disk.rotation_wait(0, 25, 0), 2500);           // sector 25 begins 25 × 100 µs after sector 0
  EXPECT_EQ(disk.rotation_wait(0, 25, 1234), 1266);        // at 1234 µs the head is 12.34 sectors on
  EXPECT_EQ(disk.rotation_wait(0, 25, 2500), 0);           // exactly at its start
  EXPECT_EQ(disk.rotation_wait(0, 5, 1234), 9266);         // sector 5 has passed: 500 − 1234 + 10,000
  EXPECT_EQ(disk.rotation_wait(7, 25, 60'001'234), 1266);  // a minute is 6000 whole turns later
  EXPECT_EQ(disk.revolution(), 10'000);
}

TEST(HddModel, TransferTakesTheSectorsTimeUnderTheHead) {
  const HddModel disk(small_disk());
  EXPECT_EQ(disk.transfer_time(0, 1), 100);
  EXPECT_EQ(disk.transfer_time(0, 8), 800);
  EXPECT_EQ(disk.transfer_time(0, 100), 10'000);  // a whole track: one revolution
}

TEST(HddModel, ServiceIsSeekThenRotationAtTheSeeksEndThenTransfer) {
  const HddModel disk(small_disk());
  // LBA 12345 is cylinder 61, sector 45. Seek 61: 1000 + ⌊√610,000⌋ = 1000 + 781 = 1781.
  // At 1781 µs the head is 17.81 sectors on: the wait for sector 45 is 4500 − 1781 = 2719.
  const HddService s = disk.service(0, 0, 12345, 8);
  EXPECT_EQ(s.seek, 1781);
  EXPECT_EQ(s.rotation, 2719);
  EXPECT_EQ(s.transfer, 800);
  EXPECT_EQ(s.total(), 5300);
  EXPECT_EQ(s.cylinder, 61u);
  // A request that runs onto the next cylinder leaves the head there: LBA 12399 + 2 sectors ends
  // on LBA 12400 = cylinder 62.
  EXPECT_EQ(disk.service(0, 0, 12399, 2).cylinder, 62u);
  EXPECT_EQ(disk.positioning_time(0, 0, 12345), 1781 + 2719);
}

TEST(HddModel, ZonesGiveOuterTracksMoreSectors) {
  HddGeometry g = small_disk();
  g.cylinders = 10;
  g.heads = 1;
  g.zones = {{4, 20}, {6, 10}};
  const HddModel disk(g);
  EXPECT_EQ(disk.sectors(), 140u);  // 4 × 20 + 6 × 10
  EXPECT_EQ(disk.first_lba(4), 80u);
  EXPECT_EQ(disk.locate(79), (DiskAddress{3, 0, 19}));
  EXPECT_EQ(disk.locate(85), (DiskAddress{4, 0, 5}));  // 85 − 80 = 5: zone 1's first track
  EXPECT_EQ(disk.locate(95), (DiskAddress{5, 0, 5}));
  // At 6000 RPM a sector of the inner zone takes 10,000 / 10 = 1000 µs; of the outer, 500 µs.
  EXPECT_EQ(disk.transfer_time(9, 1), 1000);
  EXPECT_EQ(disk.transfer_time(0, 1), 500);
}

TEST(HddModel, RefusesAGeometryThatIsNoDisk) {
  HddGeometry none = small_disk();
  none.cylinders = 0;
  EXPECT_THROW(HddModel{none}, InputError);
  HddGeometry still = small_disk();
  still.rpm = 0;
  EXPECT_THROW(HddModel{still}, InputError);
  HddGeometry short_zones = small_disk();
  short_zones.cylinders = 10;
  short_zones.zones = {{4, 20}, {5, 10}};  // 9 cylinders of 10
  try {
    HddModel disk(short_zones);
    FAIL() << "zones that miss a cylinder were accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "zones");
  }
  HddGeometry inverted = small_disk();
  inverted.cylinders = 10;
  inverted.zones = {{4, 10}, {6, 20}};  // the inner zone denser than the outer
  EXPECT_THROW(HddModel{inverted}, InputError);
}

}  // namespace
}  // namespace ks
