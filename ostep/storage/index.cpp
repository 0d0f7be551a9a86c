// The storage chapters' OSTEP simulators, in chapter order (one file per simulator in this folder).
#include "ostep/simulator.h"
#include "ostep/storage/storage.h"

namespace ks::ostep {

std::vector<Simulator> storage_simulators() {
  return {
      {"disk", "37 Hard Disk Drives", "seek, rotation and transfer times under FIFO, SSTF, SATF, BSATF",
       storage::run_disk},
      {"raid", "38 Redundant Arrays of Inexpensive Disks (RAIDs)", "RAID-0/1/4/5 mappings and timing",
       storage::run_raid},
      {"vsfs", "40 File System Implementation", "which operation or state: inodes, bitmaps and directory blocks",
       storage::run_vsfs},
      {"fsck", "42 Crash Consistency: FSCK and Journaling", "find the corruption in a very simple file system",
       storage::run_fsck},
      {"lfs", "43 Log-structured File Systems",
       "the log, inode map and checkpoint region after creates, writes, links, deletes", storage::run_lfs},
      {"ssd", "44 Flash-based SSDs", "ideal, direct-mapped and log-structured FTLs, garbage collection",
       storage::run_ssd},
      {"checksum", "45 Data Integrity and Protection", "additive, XOR and Fletcher checksums of a few bytes",
       storage::run_checksum},
  };
}

}  // namespace ks::ostep
