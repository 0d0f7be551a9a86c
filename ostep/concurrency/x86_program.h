// The x86 race simulator's assembler: a chapter's .s file read into instructions at their
// addresses, as OSTEP's threads chapters' x86.py (the threads-locks version) reads it.
//
// The language is a toy x86: registers %ax %bx %cx %dx %ex %fx %sp %bp (and a hidden %zero,
// which the script lets a program write), immediates $N, memory operands N, (%r), N(%r),
// N(%r1,%r2) and N(%r1,%r2,SCALE), variables declared with `.var NAME [WORDS]` (4 bytes a word,
// from address 100 up), labels `.NAME`, and the instructions mov lea neg add sub mul test, the
// jumps j je jne jlt jlte jgt jgte, push pop call ret, xchg and fetchadd (atomic), nop, yield,
// halt, and the debugging dumps rdump and mdump. One instruction is one address.
//
// Reading goes in the script's two passes, so the same program fails at the same line with the
// same words: pass one places variables and labels, pass two decodes every instruction. Where
// the script reports a problem itself ("ABORT:: Variable top is not declared", "illegal
// opcode:  foo") kernsim prints that same line on stdout; where the script would die with a
// Python exception (a label that does not exist, two '#' on a line, `mov` without operands),
// kernsim says what is wrong instead. Either way the error names the file and line. The script's
// parsing quirks are kept because they decide which programs run: commas inside the parentheses
// of a memory operand count only for `mov` (for every other instruction `0(%fx,%bx,4)` is
// `0(%fx)`), `xchg` and `fetchadd` ignore the scale, and a label or `.var` line that does not
// start in the first column is an illegal opcode.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ks::ostep::x86 {

// The registers in the script's numbering; index 0 is the hidden %zero.
inline constexpr std::array<std::string_view, 9> kRegisterNames = {"zero", "ax", "bx", "cx", "dx",
                                                                   "ex",   "fx", "sp", "bp"};
inline constexpr int kStackPointer = 7;
std::optional<int> register_number(std::string_view name);

// A program or a run went wrong. SCRIPT_OUTPUT is what x86.py itself prints on stdout when it
// catches the problem ("ABORT:: ...", "bad mov: two memory arguments"), empty where the script
// would crash; message() says what is wrong and where. FLAG_PROBLEM marks a bad flag value.
class X86Error : public std::runtime_error {
 public:
  X86Error(std::string script_output, const std::string& message, bool flag_problem = false)
      : std::runtime_error(message), script_output_(std::move(script_output)), flag_problem_(flag_problem) {}
  const std::string& script_output() const { return script_output_; }
  bool flag_problem() const { return flag_problem_; }

 private:
  std::string script_output_;
  bool flag_problem_;
};

// OFFSET + BASE + SCALE * INDEX (BASE and INDEX are register numbers).
struct Address {
  std::int64_t offset = 0;
  int base = 0;
  int index = 0;
  std::int64_t scale = 1;
};

enum class Op : std::uint8_t {
  MoveImmediateToRegister,
  MoveMemoryToRegister,
  MoveRegisterToMemory,
  MoveRegisterToRegister,
  MoveImmediateToMemory,
  LoadAddress,
  Negate,
  Pop,
  PopRegister,
  PushRegister,
  PushAddress,
  Call,
  Return,
  MultiplyImmediate,
  MultiplyRegister,
  AddImmediate,
  AddRegister,
  SubtractImmediate,
  SubtractRegister,
  FetchAndAdd,
  Exchange,
  TestImmediateRegister,
  TestRegisterRegister,
  TestRegisterImmediate,
  Jump,
  JumpNotEqual,
  JumpEqual,
  JumpLess,
  JumpLessEqual,
  JumpGreater,
  JumpGreaterEqual,
  Nop,
  Halt,
  Yield,
  RegisterDump,
  MemoryDump,
};

struct Instruction {
  Op op = Op::Nop;
  std::int64_t immediate = 0;  // $N of the instruction; the address for mdump
  int source = 0;              // register numbers
  int target = 0;
  Address address;        // the memory operand
  std::int64_t jump = 0;  // the address of the label, for jumps and call
  std::string argument;   // mdump's argument as written
  std::string text;       // the source line, as the trace prints it
  int line = 0;
};

struct Program {
  std::string file;
  std::int64_t load_address = 1000;
  std::vector<Instruction> code;                                // code[i] is at load_address + i
  std::vector<std::pair<std::string, std::int64_t>> variables;  // in declaration order
  std::vector<std::pair<std::string, std::int64_t>> labels;
  std::optional<std::int64_t> variable(std::string_view name) const;
};

// Reads SOURCE (the text of FILE) to be loaded at LOAD_ADDRESS. With VERBOSE, writes the
// script's loading dump (ASSIGN VAR/LABEL, opcode, LOADING lines) to OUT. Throws X86Error.
Program assemble(std::string_view source, const std::string& file, std::int64_t load_address, bool verbose,
                 std::ostream& out);

// The Python call the script stores in memory for INSTRUCTION ("self.move_i_to_r(1, 1)"): what
// its verbose dump and a dump of a memory word holding code show.
std::string python_call(const Instruction& instruction);

}  // namespace ks::ostep::x86
