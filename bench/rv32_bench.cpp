// bench/rv32_bench.cpp — how fast the rv32ima interpreter runs real programs.
//
//   Rv32/PROGRAM/sv32   a prebuilt userland benchmark (userland/prebuilt/PROGRAM.elf) from
//                       entry to exit, MMU on (Sv32, identity map, 64-entry 4-way LRU TLB)
//   Rv32/PROGRAM/bare   the same with the MMU off
//   Rv32/page_stride/work:W/stride:S   the TLB's worst case (tests/cpu-models/rv32ima/
//                       rv32_page_stride_program.h): 1,024 loads a pass, S bytes apart, so each
//                       is on a new page and misses the 64-entry TLB, with W ALU instructions
//                       after each load (4 + W instructions a page); 2,500 passes, Sv32 as above
// Counter: MIPS = retired instructions per second / 10^6 (loading the program is not timed);
// for page_stride also ns_per_miss = CPU time / TLB misses.
// The programs are found under $KS_SOURCE_DIR, or by looking around (see source_dir()).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/cpu-models/rv32ima/rv32_page_stride_program.h"
#include "tests/cpu-models/rv32ima/rv32_program_harness.h"

namespace {

// The first of $KS_SOURCE_DIR, this file's folder's parent, and the working directory and its
// parents that holds userland/prebuilt/.
std::string source_dir() {
  std::vector<std::string> candidates;
  if (const char* dir = std::getenv("KS_SOURCE_DIR")) candidates.emplace_back(dir);
  const std::string file = __FILE__;
  candidates.push_back(file.substr(0, file.rfind("bench/rv32_bench.cpp")));
  for (const char* up : {".", "..", "../..", "../../.."}) candidates.emplace_back(up);
  for (const std::string& dir : candidates) {
    if (std::ifstream(dir + "/userland/prebuilt/crc32.elf")) return dir;
  }
  return ".";
}

// Runs ELF (named PROGRAM) under MODE to its exit, once an iteration; PER_MISS adds ns_per_miss.
void run_elf(benchmark::State& state, const std::vector<std::uint8_t>& elf, const std::string& program,
             ks::MmuMode mode, bool per_miss = false) {
  std::uint64_t instructions = 0, misses = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ks::test_rv32::ProgramHarness harness(elf, program, mode);
    state.ResumeTiming();
    const ks::test_rv32::ProgramResult result = harness.run(10000000);
    if (!result.exited) state.SkipWithError("the program did not exit");
    instructions += result.instructions;
    misses += harness.model().tlb(0).misses();
    benchmark::DoNotOptimize(result.output.data());
  }
  state.counters["MIPS"] = benchmark::Counter(static_cast<double>(instructions) / 1e6, benchmark::Counter::kIsRate);
  state.counters["instructions"] = static_cast<double>(instructions / static_cast<std::uint64_t>(state.iterations()));
  if (per_miss) {
    state.counters["ns_per_miss"] = benchmark::Counter(static_cast<double>(misses) / 1e9,
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  }
}

void Rv32(benchmark::State& state, const std::string& program, ks::MmuMode mode) {
  run_elf(state, ks::test_rv32::read_file(source_dir() + "/userland/prebuilt/" + program + ".elf"), program, mode);
}

void PageStride(benchmark::State& state) {
  ks::test_rv32::PageStrideShape shape;
  shape.work = static_cast<std::uint32_t>(state.range(0));
  shape.stride = static_cast<std::uint32_t>(state.range(1));
  shape.passes = 2500;
  run_elf(state, ks::test_rv32::page_stride_elf(shape), "page_stride", ks::MmuMode::Sv32, true);
}

void register_all() {
  for (const char* program : {"crc32", "matmul", "list_walk", "state_machine"}) {
    benchmark::RegisterBenchmark((std::string("Rv32/") + program + "/sv32").c_str(), Rv32, program, ks::MmuMode::Sv32)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("Rv32/") + program + "/bare").c_str(), Rv32, program, ks::MmuMode::Bare)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("Rv32/page_stride", PageStride)
      ->ArgNames({"work", "stride"})
      ->ArgsProduct({{0, 8, 12}, {4096, 4160}})
      ->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
