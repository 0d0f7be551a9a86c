// fuzz/syscalls_fuzz.cpp — fuzz-chosen system calls from a real user process (libFuzzer target
// ks-fuzz-syscalls; see fuzz/README.md).
//
// From the input, the target writes a small static RISC-V ELF (an ELF32 header, a code segment
// and a 4 KiB data segment holding a few path strings, an argv array and input bytes). Its code
// makes 1..8 system calls, each loading a0..a5 and a7 with lui/addi and executing ecall, runs
// them 1..3 times over, then exits. The
// numbers are any 32-bit value, biased toward 0..300 (Linux's RISC-V table) and 1000..1010
// (kernsim's own calls); the arguments are biased toward small integers, pointers into the data
// segment, the stack and the code, lengths and -1. The program runs as a user process of a
// ks::Simulation (one or two CPUs, round robin, a small physical memory) for a bounded virtual
// time. Only the public scenario/kernel API is used, so the target follows the system-call
// layer as it grows.
//
// WHAT IT CHECKS. The run ends without crashing the host (AddressSanitizer and UBSan watch
// memory and undefined behaviour) and no exception but ks::InputError escapes: an
// InvariantError (KS_ASSERT) or any other exception is a finding. With KS_FUZZ_VERBOSE set in
// the environment, replaying an input prints the calls it makes and the console of the run.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"
#include "tests/cpu-models/rv32ima/rv32_assembler.h"
#include "tests/cpu-models/rv32ima/rv32_elf_writer.h"

namespace {

using ks::test_rv32::li;
using ks::test_rv32::operator+;

constexpr std::uint32_t kCodeAddress = 0x10000;
constexpr std::uint32_t kDataAddress = 0x20000;
constexpr std::uint32_t kDataBytes = 4096;
constexpr ks::Tick kUntil = 500;  // bounds the work of a program that execs itself or forks and spawns in a loop
constexpr std::uint32_t kMemoryFrames = 512;  // 2 MiB, room for a dozen processes: a fork storm runs out
// NUL-terminated strings at the start of the data segment, for the calls that take paths (the
// simulation installs the program itself at /bin/fuzz), then an argv array for execve.
constexpr std::array<const char*, 9> kStrings = {"/", "/tmp", "file", "/dir/sub", "..", "", "/bin/fuzz", "/bin", "one"};
// Numbers of calls that exist (Linux's RISC-V table and kernsim's), so that they come up often.
constexpr std::array<std::uint32_t, 30> kKnownNumbers = {17,  23,  24,  34,   35,   49,   56,   57,   59,   61,
                                                         62,  63,  64,  80,   93,   94,   124,  129,  172,  173,
                                                         214, 221, 260, 1000, 1002, 1003, 1004, 1005, 1006, 1001};

std::uint32_t system_call_number(FuzzedDataProvider& in) {
  const auto kind = in.ConsumeIntegralInRange<unsigned>(0, 15);
  if (kind < 7) return in.ConsumeIntegralInRange<std::uint32_t>(0, 300);
  if (kind < 10) return in.ConsumeIntegralInRange<std::uint32_t>(1000, 1010);
  if (kind < 14) return kKnownNumbers[in.ConsumeIntegralInRange<std::size_t>(0, kKnownNumbers.size() - 1)];
  return in.ConsumeIntegral<std::uint32_t>();
}

std::uint32_t argument(FuzzedDataProvider& in, const std::vector<std::uint32_t>& string_offsets) {
  switch (in.ConsumeIntegralInRange<unsigned>(0, 9)) {
    case 0:
    case 8: return in.ConsumeIntegralInRange<std::uint32_t>(0, 8);  // descriptors, flags, whence
    case 1: return kDataAddress + in.ConsumeIntegralInRange<std::uint32_t>(0, kDataBytes + 64);
    case 2:
    case 9:  // a path string or the argv array
      return kDataAddress + string_offsets[in.ConsumeIntegralInRange<std::size_t>(0, string_offsets.size() - 1)];
    case 3: return in.ConsumeIntegralInRange<std::uint32_t>(0, 70000);                  // lengths, ticks
    case 4: return 0x7ffe0000u + in.ConsumeIntegralInRange<std::uint32_t>(0, 0x20010);  // the stack
    case 5: return kCodeAddress + 4 * in.ConsumeIntegralInRange<std::uint32_t>(0, 64);  // code (thread entries)
    case 6: return static_cast<std::uint32_t>(-in.ConsumeIntegralInRange<std::int32_t>(1, 4));
    default: return in.ConsumeIntegral<std::uint32_t>();
  }
}

const ks::Scenario& base_scenario(bool two_cpus) {
  // A valid scenario needs a workload: one tiny burst job, replaced by the program below.
  const auto make = [](int cpus) {
    return ks::parse_scenario(R"({"machine": {"cpus": )" + std::to_string(cpus) +
                                  R"(}, "kernel": {"scheduler": {"policy": "rr", "quantum": 20}},
                                     "workload": {"processes": [{"name": "placeholder", "length": 1}]}})",
                              "fuzz-syscalls.json");
  };
  static const ks::Scenario one = make(1), two = make(2);
  return two_cpus ? two : one;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const bool two_cpus = in.ConsumeBool();
  const int calls = in.ConsumeIntegralInRange<int>(1, 8);

  ks::test_rv32::ElfProgram program;
  program.code_address = kCodeAddress;
  program.data_address = kDataAddress;
  std::vector<std::uint32_t> string_offsets;
  for (const char* text : kStrings) {
    string_offsets.push_back(static_cast<std::uint32_t>(program.data.size()));
    for (const char* c = text; *c != '\0'; ++c) program.data.push_back(static_cast<std::uint8_t>(*c));
    program.data.push_back(0);
  }
  program.data.resize((program.data.size() + 3) & ~std::size_t{3});
  const auto argv_offset = static_cast<std::uint32_t>(program.data.size());
  for (const std::uint32_t pointer : {kDataAddress + string_offsets[6], kDataAddress + string_offsets[8], 0u}) {
    for (int i = 0; i < 4; ++i) program.data.push_back(static_cast<std::uint8_t>(pointer >> (8 * i)));
  }
  string_offsets.push_back(argv_offset);  // pointers may point at the array too
  static const bool verbose = std::getenv("KS_FUZZ_VERBOSE") != nullptr;
  // The calls run REPEATS times (x9 counts; a system call preserves every register but a0), so
  // that calls meet the state earlier ones left: descriptors, children, threads, blocked calls.
  constexpr std::uint32_t kCounter = 9;
  const auto repeats = in.ConsumeIntegralInRange<std::uint32_t>(1, 3);
  std::vector<std::uint32_t> code = li(kCounter, repeats);
  const std::size_t loop_start = code.size();
  for (int call = 0; call < calls; ++call) {
    const std::uint32_t number = system_call_number(in);
    std::array<std::uint32_t, 6> args{};
    for (std::uint32_t& a : args) a = argument(in, string_offsets);
    for (std::uint32_t i = 0; i < 6; ++i) code = code + li(ks::rv32::kA0 + i, args[i]);
    code = code + li(ks::rv32::kA7, number) + std::vector<std::uint32_t>{ks::test_rv32::kEcall};
    if (verbose) {
      std::fprintf(stderr, "call %d: number %u (a0..a5 = %#x %#x %#x %#x %#x %#x)\n", call, number, args[0], args[1],
                   args[2], args[3], args[4], args[5]);
    }
  }
  code.push_back(ks::test_rv32::addi(kCounter, kCounter, -1));
  const auto back = -4 * static_cast<std::int32_t>(code.size() - loop_start);
  code.push_back(ks::test_rv32::b_type(back, 0, kCounter, 1));  // bne x9, x0, loop
  code = code + li(ks::rv32::kA0, 0) + li(ks::rv32::kA7, 93) + std::vector<std::uint32_t>{ks::test_rv32::kEcall};
  program.code = code;
  const std::vector<std::uint8_t> rest = in.ConsumeRemainingBytes<std::uint8_t>();
  program.data.insert(program.data.end(), rest.begin(), rest.end());
  program.data.resize(kDataBytes, 0);

  ks::Scenario scenario = base_scenario(two_cpus);
  scenario.processes.clear();
  scenario.machine.memory_frames = kMemoryFrames;
  ks::UserProcessSpec spec;
  spec.name = "fuzz";
  spec.file = "fuzz.elf";
  spec.image = ks::test_rv32::write_elf(program);
  spec.argv = {"fuzz", "one", "two"};
  scenario.programs.push_back(spec);
  try {
    ks::Simulation simulation(scenario, ks::RunOptions{std::nullopt, kUntil});
    const ks::RunResult result = simulation.run();
    if (verbose) {
      std::fprintf(stderr, "ended at tick %lld, all exited: %d, console:\n%s\n",
                   static_cast<long long>(result.end_time), result.all_exited ? 1 : 0,
                   simulation.kernel().console_output().c_str());
    }
  } catch (const ks::InputError& error) {
    // Bad input from outside is reported, not a crash. Anything else escapes to libFuzzer.
    if (verbose) std::fprintf(stderr, "InputError: %s\n", error.what());
  }
  return 0;
}
