// bench/fat32_bench.cpp — the cost of FAT32's mkfs, and of sequential writes and reads through a
// mounted volume (kernel/fs/fat32/).
//
//   Mkfs/1024         the metadata of a 1 GiB volume (mkfs_head: boot sectors, FSInfo, two FATs
//                     of 2,046 sectors, the root cluster): what `kernsim mkfs` builds in memory
//                     before it writes it and grows the file to 1 GiB
//   SequentialWrite   100 MiB written to one new file in 64 KiB writes, on a fresh 300 MiB volume
//                     in memory (4 KiB clusters): allocation, FAT updates, the copies
//   SequentialRead    the same 100 MiB read back in 64 KiB reads
// Counter: bytes_per_second. Figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include "kernel/fs/fat32/mkfs.h"
#include "kernel/fs/fat32/volume.h"

namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::uint64_t kFileBytes = 100 * kMiB;

const std::vector<std::uint8_t>& fresh_300m() {
  static const std::vector<std::uint8_t> image = ks::fat32::mkfs_image({300 * kMiB, "", 1});
  return image;
}

void Mkfs(benchmark::State& state) {
  const ks::fat32::MkfsOptions options{static_cast<std::uint64_t>(state.range(0)) * kMiB, "", 1};
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::vector<std::uint8_t> head = ks::fat32::mkfs_head(options);
    bytes = head.size();
    benchmark::DoNotOptimize(head.data());
  }
  state.counters["metadata_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(Mkfs)->Arg(1024)->Unit(benchmark::kMillisecond);

void write_file(ks::fat32::Volume& volume, ks::fat32::Entry& file) {
  const std::vector<std::uint8_t> chunk(kChunk, 0x5A);
  for (std::uint64_t at = 0; at < kFileBytes; at += kChunk) {
    if (volume.write(file, at, chunk, {}) != static_cast<std::int64_t>(kChunk)) std::abort();
  }
}

void SequentialWrite(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    ks::fat32::Volume volume(ks::fat32::DiskImage::in_memory(fresh_300m(), "bench.img"));
    ks::fat32::Entry file;
    if (volume.create(volume.geometry().root_cluster, "big.bin", false, {}, &file) != 0) std::abort();
    state.ResumeTiming();
    write_file(volume, file);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kFileBytes));
}
BENCHMARK(SequentialWrite)->Unit(benchmark::kMillisecond)->Iterations(3);

void SequentialRead(benchmark::State& state) {
  ks::fat32::Volume volume(ks::fat32::DiskImage::in_memory(fresh_300m(), "bench.img"));
  ks::fat32::Entry file;
  if (volume.create(volume.geometry().root_cluster, "big.bin", false, {}, &file) != 0) std::abort();
  write_file(volume, file);
  std::vector<std::uint8_t> chunk(kChunk);
  for (auto _ : state) {
    for (std::uint64_t at = 0; at < kFileBytes; at += kChunk) {
      if (volume.read(file, at, chunk) != static_cast<std::int64_t>(kChunk)) std::abort();
    }
    benchmark::DoNotOptimize(chunk.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kFileBytes));
}
BENCHMARK(SequentialRead)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
