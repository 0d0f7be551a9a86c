// The x86 race simulator's CPU, threads and trace (see x86_machine.h).
#include "ostep/concurrency/x86_machine.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "ostep/options.h"
#include "ostep/pyrandom.h"

namespace ks::ostep::x86 {
namespace {

using Int = std::int64_t;
constexpr Int kMax = std::numeric_limits<Int>::max();
constexpr Int kMin = std::numeric_limits<Int>::min();

// A word of memory or a register: a number, or (as in the script, where code is stored in
// memory) the instruction CODE of the program, when a program moves code around.
struct Word {
  Int number = 0;
  int code = -1;
  bool is_code() const { return code >= 0; }
};

// Condition codes in the order the trace prints them: >= > <= < != ==.
using Conditions = std::array<bool, 6>;

struct Thread {
  int id = 0;
  Int pc = 0;
  std::array<Word, kRegisterNames.size()> registers{};
  Conditions conditions{};
  bool done = false;
};

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

class Machine {
 public:
  Machine(const Program& program, const MachineOptions& options, std::ostream& out, bool record)
      : program_(program), options_(options), out_(out), record_(record), random_(options.seed) {
    for (std::size_t i = 0; i < program.code.size(); ++i) {
      memory_[program.load_address + static_cast<Int>(i)] = Word{0, static_cast<int>(i)};
    }
    for (const std::string& name : options.register_trace) {
      const std::optional<int> number = register_number(name);
      if (!number)
        throw X86Error("ABORT:: Register " + name + " cannot be traced because it does not exist",
                       "-R: no register " + name, true);
      traced_registers_.push_back(*number);
    }
    create_threads();
    choose_schedule();
  }

  RunResult run() {
    Int interval = options_.interrupt_interval;
    bool random = options_.random_interrupts;
    if (manual_) {
      interval = 1;
      random = false;
    }
    Int interrupt = interrupt_after(interval, random);
    out_ << "\n";
    print_headers();
    out_ << "\n";
    print_trace(true);
    while (true) {
      if (options_.header_every > 0 && count_ % options_.header_every == 0 && count_ > 0) {
        out_ << "\n";
        print_headers();
        out_ << "\n";
        print_trace(true);
      }
      if (static_cast<std::uint64_t>(count_) >= options_.max_instructions) {
        throw X86Error("", "stopped after " + std::to_string(count_) +
                               " instructions: the threads never all halted (x86.py would run for ever)");
      }
      const int thread = current().id;
      const Int pc = pc_;
      const Instruction& instruction = fetch();
      ++pc_;
      const Outcome outcome = execute(instruction);
      print_trace(false);
      for (int i = 0; i < thread; ++i) out_ << std::string(24, ' ') << ' ';
      out_ << pc << ' ' << instruction_text(pc) << '\n';
      record(Step::Kind::Instruction, thread, pc, instruction_text(pc));
      ++count_;
      if (outcome == Outcome::Halt) {
        current().done = true;
        if (--active_ == 0) return RunResult{count_, std::move(steps_)};
        advance();
        restore();
        print_trace(false);
        for (std::size_t i = 0; i < threads_.size(); ++i) out_ << "----- Halt;Switch ----- " << ' ';
        out_ << '\n';
        record(Step::Kind::HaltSwitch, current().id, pc_, {});
      }
      if (--interrupt == 0 || outcome == Outcome::Yield) {
        interrupt = interrupt_after(interval, random);
        const int before = current().id;
        save();
        advance();
        restore();
        if (!manual_ || before != current().id) {
          print_trace(false);
          for (std::size_t i = 0; i < threads_.size(); ++i) out_ << "------ Interrupt ------ " << ' ';
          out_ << '\n';
          record(Step::Kind::Interrupt, current().id, pc_, {});
        }
      }
    }
  }

 private:
  enum class Outcome : std::uint8_t { Continue, Halt, Yield };

  [[noreturn]] void fail(const std::string& problem) const {
    throw X86Error("", "thread " + std::to_string(current_thread_id()) + " at address " + std::to_string(executing_) +
                           ": " + problem);
  }
  int current_thread_id() const { return threads_[schedule_[position_]].id; }

  // -a: "ax=1:bx=2" for every thread, or one such list per thread.
  void create_threads() {
    const Int stack_top = options_.memory_kb * 1000;
    for (int t = 0; t < options_.threads; ++t) {
      Thread thread;
      thread.id = t;
      thread.pc = program_.load_address;
      const std::string& registers =
          options_.argv.size() > 1 ? options_.argv[static_cast<std::size_t>(t)] : options_.argv[0];
      std::size_t start = 0;
      while (!registers.empty()) {
        const std::size_t colon = registers.find(':', start);
        const std::string assignment =
            registers.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        const std::size_t equals = assignment.find('=');
        const std::optional<int> number =
            equals == std::string::npos ? std::nullopt : register_number(assignment.substr(0, equals));
        const std::optional<Int> value =
            equals == std::string::npos ? std::nullopt : parse_python_decimal(assignment.substr(equals + 1));
        if (!number || !value || assignment.find('=', equals + 1) != std::string::npos) {
          throw X86Error("",
                         "-a: \"" + assignment + "\" for thread " + std::to_string(t) +
                             " is not REGISTER=NUMBER (registers: ax bx cx dx ex fx sp bp)",
                         true);
        }
        thread.registers[static_cast<std::size_t>(*number)].number = *value;
        if (colon == std::string::npos) break;
        start = colon + 1;
      }
      thread.registers[kStackPointer] = Word{stack_top - 1000 * t, -1};
      threads_.push_back(thread);
    }
    active_ = static_cast<int>(threads_.size());
  }

  // -P: the thread ids in the order they run, one instruction each.
  void choose_schedule() {
    if (threads_.empty())
      throw X86Error("", "-t " + std::to_string(options_.threads) + ": there must be at least one thread", true);
    if (options_.schedule.empty()) {
      for (std::size_t i = 0; i < threads_.size(); ++i) schedule_.push_back(i);
    } else {
      manual_ = true;
      for (const char c : options_.schedule) {
        if (c < '0' || c > '9')
          throw X86Error("", std::string("-P: '") + c + "' is not a thread id (one digit per instruction, e.g. 0011)",
                         true);
        const auto id = static_cast<std::size_t>(c - '0');
        if (id >= threads_.size()) {
          throw X86Error("bad schedule: cannot include a thread that does not exist (" + std::to_string(id) + ")",
                         "-P: there is no thread " + std::to_string(id), true);
        }
        schedule_.push_back(id);
      }
      std::vector<bool> seen(threads_.size(), false);
      for (const std::size_t id : schedule_) seen[id] = true;
      if (std::find(seen.begin(), seen.end(), false) != seen.end()) {
        std::string list;
        for (const std::size_t id : schedule_) list += (list.empty() ? "" : ", ") + std::to_string(id);
        throw X86Error("bad schedule: does not include ALL processes [" + list + "]",
                       "-P: every thread must appear in the schedule", true);
      }
    }
    restore();
  }

  Thread& current() { return threads_[schedule_[position_]]; }
  void save() {
    Thread& thread = current();
    thread.pc = pc_;
    thread.registers = registers_;
    thread.conditions = conditions_;
  }
  void restore() {
    const Thread& thread = current();
    pc_ = thread.pc;
    registers_ = thread.registers;
    conditions_ = thread.conditions;
  }
  void advance() {
    do {
      position_ = (position_ + 1) % schedule_.size();
    } while (current().done);
  }

  Int interrupt_after(Int interval, bool random) {
    if (!random) return interval;
    const double drawn = random_.random() * static_cast<double>(interval);
    return drawn >= 9.2e18 ? kMax : static_cast<Int>(drawn) + 1;
  }

  // MEMORY: the script's dict, 0 for every word in [0, memsize*1024) not yet written.
  Word read(Int address) const {
    const auto it = memory_.find(address);
    if (it != memory_.end()) return it->second;
    if (address >= 0 && address < options_.memory_kb * 1024) return Word{};
    fail("read of address " + std::to_string(address) + ", outside memory (-m " + std::to_string(options_.memory_kb) +
         " KB)");
  }
  void write(Int address, Word value) { memory_[address] = value; }

  const Instruction& fetch() {
    executing_ = pc_;
    const auto it = memory_.find(pc_);
    const bool in_program =
        pc_ >= program_.load_address && pc_ - program_.load_address < static_cast<Int>(program_.code.size());
    if (it != memory_.end() && !it->second.is_code()) {
      fail("the word there is the number " + std::to_string(it->second.number) +
           ", not an instruction (was the code overwritten, or a jump or ret into data?)");
    }
    if (it == memory_.end() || !in_program)
      fail("there is no instruction there (did the program run past its end without halt?)");
    return program_.code[static_cast<std::size_t>(it->second.code)];
  }
  const std::string& instruction_text(Int pc) const {
    return program_.code[static_cast<std::size_t>(pc - program_.load_address)].text;
  }

  Int number(const Word& word, const std::string& what) const {
    if (word.is_code()) fail(what + " holds an instruction, not a number");
    return word.number;
  }
  Int reg(int r) const {
    return number(registers_[static_cast<std::size_t>(r)],
                  "%" + std::string(kRegisterNames[static_cast<std::size_t>(r)]));
  }
  void set(int r, Int value) { registers_[static_cast<std::size_t>(r)] = Word{value, -1}; }

  Int checked_add(Int a, Int b) const {
    if ((b > 0 && a > kMax - b) || (b < 0 && a < kMin - b))
      fail("a value left 64 bits (Python's integers would not overflow)");
    return a + b;
  }
  Int checked_multiply(Int a, Int b) const {
    if (a == 0 || b == 0) return 0;
    const auto product = static_cast<Int>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
    if ((a == -1 && b == kMin) || (b == -1 && a == kMin) || product / b != a)
      fail("a value left 64 bits (Python's integers would not overflow)");
    return product;
  }
  Int checked_subtract(Int a, Int b) const {
    if (b == kMin) fail("a value left 64 bits (Python's integers would not overflow)");
    return checked_add(a, -b);
  }
  Int effective(const Address& a, bool scaled = true) const {
    return checked_add(checked_add(a.offset, reg(a.base)), checked_multiply(scaled ? a.scale : 1, reg(a.index)));
  }

  // test: the conditions of "SECOND compared with FIRST" (the script's test_all(src, dst)).
  void compare(Int first, Int second) {
    conditions_ = {second >= first, second > first, second <= first, second < first, second != first, second == first};
  }
  void push(Word value) {
    set(kStackPointer, checked_subtract(reg(kStackPointer), 4));
    write(reg(kStackPointer), value);
  }

  Outcome execute(const Instruction& in) {
    switch (in.op) {
      case Op::MoveImmediateToRegister: set(in.target, in.immediate); break;
      case Op::MoveMemoryToRegister:
        registers_[static_cast<std::size_t>(in.target)] = read(effective(in.address));
        break;
      case Op::MoveRegisterToMemory:
        write(effective(in.address), registers_[static_cast<std::size_t>(in.source)]);
        break;
      case Op::MoveRegisterToRegister:
        registers_[static_cast<std::size_t>(in.target)] = registers_[static_cast<std::size_t>(in.source)];
        break;
      case Op::MoveImmediateToMemory: write(effective(in.address), Word{in.immediate, -1}); break;
      case Op::LoadAddress: set(in.target, effective(in.address)); break;
      case Op::Negate: set(in.target, checked_subtract(0, reg(in.target))); break;
      case Op::Pop: set(kStackPointer, checked_add(reg(kStackPointer), 4)); break;
      case Op::PopRegister: {
        const Word top = read(reg(kStackPointer));
        registers_[static_cast<std::size_t>(in.target)] = top;
        set(kStackPointer, checked_add(reg(kStackPointer), 4));
        break;
      }
      case Op::PushRegister: push(registers_[static_cast<std::size_t>(in.source)]); break;
      case Op::PushAddress: {
        set(kStackPointer, checked_subtract(reg(kStackPointer), 4));
        write(reg(kStackPointer), Word{effective(in.address), -1});
        break;
      }
      case Op::Call:
        push(Word{pc_, -1});
        pc_ = in.jump;
        break;
      case Op::Return:
        pc_ = number(read(reg(kStackPointer)), "the return address on the stack");
        set(kStackPointer, checked_add(reg(kStackPointer), 4));
        break;
      case Op::MultiplyImmediate: set(in.target, checked_multiply(reg(in.target), in.immediate)); break;
      case Op::MultiplyRegister: set(in.target, checked_multiply(reg(in.target), reg(in.source))); break;
      case Op::AddImmediate: set(in.target, checked_add(reg(in.target), in.immediate)); break;
      case Op::AddRegister: set(in.target, checked_add(reg(in.target), reg(in.source))); break;
      case Op::SubtractImmediate: set(in.target, checked_subtract(reg(in.target), in.immediate)); break;
      case Op::SubtractRegister: set(in.target, checked_subtract(reg(in.target), reg(in.source))); break;
      case Op::FetchAndAdd: {
        const Int at = effective(in.address, false);
        const Word old = read(at);
        write(at, Word{checked_add(number(old, "the word at " + std::to_string(at)), reg(in.source)), -1});
        registers_[static_cast<std::size_t>(in.source)] = old;
        break;
      }
      case Op::Exchange: {
        const Int at = effective(in.address, false);
        const Word old = read(at);
        write(at, registers_[static_cast<std::size_t>(in.source)]);
        registers_[static_cast<std::size_t>(in.source)] = old;
        break;
      }
      case Op::TestImmediateRegister: compare(in.immediate, reg(in.target)); break;
      case Op::TestRegisterRegister: compare(reg(in.source), reg(in.target)); break;
      case Op::TestRegisterImmediate: compare(reg(in.source), in.immediate); break;
      case Op::Jump: pc_ = in.jump; break;
      case Op::JumpNotEqual:
        if (conditions_[4]) pc_ = in.jump;
        break;
      case Op::JumpEqual:
        if (conditions_[5]) pc_ = in.jump;
        break;
      case Op::JumpLess:
        if (conditions_[3]) pc_ = in.jump;
        break;
      case Op::JumpLessEqual:
        if (conditions_[2]) pc_ = in.jump;
        break;
      case Op::JumpGreater:
        if (conditions_[1]) pc_ = in.jump;
        break;
      case Op::JumpGreaterEqual:
        if (conditions_[0]) pc_ = in.jump;
        break;
      case Op::Nop: break;
      case Op::Halt: return Outcome::Halt;
      case Op::Yield: return Outcome::Yield;
      case Op::RegisterDump: {
        out_ << "REGISTERS:: ";
        for (std::size_t r = 1; r <= 6; ++r) out_ << kRegisterNames[r] << ": " << word_text(registers_[r]) << ' ';
        break;
      }
      case Op::MemoryDump: out_ << "m[" << in.immediate << "]  " << word_text(read(in.immediate)) << '\n'; break;
    }
    return Outcome::Continue;
  }

  // str() of a word: a number, or the Python call the script keeps for an instruction.
  std::string word_text(const Word& word) const {
    return word.is_code() ? python_call(program_.code[static_cast<std::size_t>(word.code)])
                          : std::to_string(word.number);
  }

  // -M entries: a number (an address) or a declared variable.
  Int traced_address(const std::string& entry) const {
    if (entry.empty()) throw X86Error("", "-M: an empty entry (two commas, or a trailing one?)", true);
    if (entry[0] >= '0' && entry[0] <= '9') {
      const std::optional<Int> address = parse_python_decimal(entry);
      if (!address)
        throw X86Error("", "-M: \"" + entry + "\" is not an address (x86.py stops with a ValueError)", true);
      return *address;
    }
    const std::optional<Int> address = program_.variable(entry);
    if (!address)
      throw X86Error("ABORT:: Traced variable " + entry + " not declared",
                     "-M: no variable " + entry + " in " + program_.file, true);
    return *address;
  }

  void print_headers() {
    if (options_.print_stats) out_ << "icount ";
    if (!options_.memory_trace.empty()) {
      for (const std::string& entry : options_.memory_trace) {
        const Int address = traced_address(entry);
        out_ << pad(entry[0] >= '0' && entry[0] <= '9' ? std::to_string(address) : entry, 5) << ' ';
      }
      out_ << "  ";
    }
    if (!traced_registers_.empty()) {
      for (const int r : traced_registers_)
        out_ << pad(std::string(kRegisterNames[static_cast<std::size_t>(r)]), 5) << ' ';
      out_ << "  ";
    }
    if (options_.condition_trace) out_ << ">= >  <= <  != == ";
    for (std::size_t i = 0; i < threads_.size(); ++i) out_ << "       Thread " << i << "         ";
    out_ << '\n';
  }

  Int traced_word(const std::string& entry) const {
    const Int address = traced_address(entry);
    const auto it = memory_.find(address);
    if (it == memory_.end() && !(address >= 0 && address < options_.memory_kb * 1024)) {
      throw X86Error(
          "",
          "-M " + entry + ": address " + std::to_string(address) + " is outside memory (x86.py stops with a KeyError)",
          true);
    }
    const Word word = it == memory_.end() ? Word{} : it->second;
    if (word.is_code())
      throw X86Error("",
                     "-M " + entry + ": address " + std::to_string(address) +
                         " holds an instruction, which -c cannot print as a number",
                     true);
    return word.number;
  }

  void print_trace(bool newline) {
    traced_memory_.clear();
    traced_values_.clear();
    if (options_.print_stats) out_ << pad(std::to_string(count_), 6) << ' ';
    if (!options_.memory_trace.empty()) {
      for (const std::string& entry : options_.memory_trace) {
        if (options_.compute) traced_memory_.push_back(traced_word(entry));
        out_ << pad(options_.compute ? std::to_string(traced_memory_.back()) : "?", 5) << ' ';
      }
      out_ << "  ";
    }
    if (!traced_registers_.empty()) {
      for (const int r : traced_registers_) {
        if (options_.compute) traced_values_.push_back(reg(r));
        out_ << pad(options_.compute ? std::to_string(traced_values_.back()) : "?", 5) << ' ';
      }
      out_ << "  ";
    }
    if (options_.condition_trace) {
      for (const bool condition : conditions_) out_ << (!options_.compute ? "? " : condition ? "1 " : "0 ") << ' ';
    }
    if (newline && (!options_.memory_trace.empty() || !traced_registers_.empty() || options_.condition_trace))
      out_ << '\n';
  }

  void record(Step::Kind kind, int thread, Int pc, const std::string& text) {
    if (!record_) return;
    Step step{kind, count_,         thread,         pc,
              text, traced_memory_, traced_values_, options_.compute ? conditions_ : Conditions{}};
    steps_.push_back(std::move(step));
  }

  const Program& program_;
  const MachineOptions& options_;
  std::ostream& out_;
  bool record_;
  PyRandom random_;
  std::unordered_map<Int, Word> memory_;
  std::vector<int> traced_registers_;
  std::vector<Thread> threads_;
  std::vector<std::size_t> schedule_;
  std::size_t position_ = 0;
  bool manual_ = false;
  int active_ = 0;
  Int pc_ = 0;
  Int executing_ = 0;
  std::array<Word, kRegisterNames.size()> registers_{};
  Conditions conditions_{};
  Int count_ = 0;
  std::vector<Int> traced_memory_, traced_values_;
  std::vector<Step> steps_;
};

}  // namespace

RunResult run_machine(const Program& program, const MachineOptions& options, std::ostream& out, bool record) {
  return Machine(program, options, out, record).run();
}

}  // namespace ks::ostep::x86
