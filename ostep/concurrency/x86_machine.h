// The x86 race simulator's machine: one CPU shared by N threads of the same program, switched
// by a timer interrupt, printing the trace x86.py prints.
//
// The model (the script's): every thread starts at the load address with its own registers
// (all 0, then the -a values, then %sp = memsize*1000 - 1000*tid) and its own condition codes;
// memory is shared, word-addressed, memsize*1024 words of 0 plus the code (one instruction per
// address, so a program can read or overwrite its own code). After each instruction the
// interrupt counter counts down; at 0 (every -i instructions, or 1 + int(random()*i) with -r,
// drawn from Python's generator seeded with -s) or at `yield` the CPU saves the thread and
// restores the next one that has not halted. `halt` ends a thread and switches at once. With -P
// ("0011") the schedule is that list of thread ids, one instruction each, round and round.
//
// The trace is the script's: each line shows the traced memory words, registers and condition
// codes AFTER the instruction, then the instruction indented 25 columns per thread id; without
// -c every traced value is "?". Python integers never overflow, so a value that leaves 64 bits
// stops the run with an error rather than wrapping; so does a run past MAX_INSTRUCTIONS (the
// script would loop for ever), a jump to an address that holds no instruction, or a read of a
// word outside memory (where the script dies with an exception). -S's emulation rate (host
// time) is not printed: kernsim never reads the host clock in a simulation.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "ostep/concurrency/x86_program.h"

namespace ks::ostep::x86 {

struct MachineOptions {
  std::int64_t seed = 0;
  int threads = 2;
  std::int64_t interrupt_interval = 50;
  bool random_interrupts = false;
  std::string schedule;           // -P: thread ids, one character each; empty: round robin
  std::vector<std::string> argv;  // -a split at ',': one entry for all threads, or one each
  std::int64_t memory_kb = 128;
  std::vector<std::string> memory_trace;    // -M: addresses or variable names
  std::vector<std::string> register_trace;  // -R
  bool condition_trace = false;             // -C
  bool print_stats = false;                 // -S
  bool compute = false;                     // -c
  std::int64_t header_every = -1;           // -H
  std::uint64_t max_instructions = 10'000'000;
};

// One line of the trace, as data (for --json).
struct Step {
  enum class Kind : std::uint8_t { Instruction, Interrupt, HaltSwitch };
  Kind kind = Kind::Instruction;
  std::int64_t count = 0;  // instructions executed before this line's instruction
  int thread = 0;          // the thread that ran it (the thread switched to, for the others)
  std::int64_t pc = 0;
  std::string text;
  std::vector<std::int64_t> memory;  // the traced words and registers after it (-c only)
  std::vector<std::int64_t> registers;
  std::array<bool, 6> conditions{};  // >= > <= < != ==
};

struct RunResult {
  std::int64_t instructions = 0;
  std::vector<Step> steps;  // filled only when asked
};

// Runs PROGRAM with OPTIONS, writing the script's trace (from its first blank line) to OUT;
// with RECORD, also keeps every step. Throws X86Error (after writing what the script would have
// printed up to the problem).
RunResult run_machine(const Program& program, const MachineOptions& options, std::ostream& out, bool record);

}  // namespace ks::ostep::x86
