// Reading an x86.py program (see x86_program.h): the two passes, operands, and the messages.
#include "ostep/concurrency/x86_program.h"

#include "ostep/options.h"

#include <algorithm>
#include <variant>

namespace ks::ostep::x86 {
namespace {

// Python's str.split()/strip() whitespace in the ASCII range.
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool all_digits(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_digit); }

std::string_view rstrip(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}
std::string_view strip(std::string_view text) {
  text = rstrip(text);
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return text;
}

// str.split() with no arguments.
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// str.split(None, 1): the first word and, when anything follows, the rest (trailing space kept).
std::vector<std::string_view> split_first_word(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  const std::size_t start = i;
  while (i < text.size() && !is_space(text[i])) ++i;
  std::vector<std::string_view> parts;
  if (i == start) return parts;
  parts.push_back(text.substr(start, i - start));
  while (i < text.size() && is_space(text[i])) ++i;
  if (i < text.size()) parts.push_back(text.substr(i));
  return parts;
}

// str.split(SEPARATOR), or str.split(SEPARATOR, 1) with AT_MOST_ONCE.
std::vector<std::string> split_on(std::string_view text, std::string_view separator, bool at_most_once = false) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(separator); at != std::string_view::npos; at = text.find(separator, start)) {
    parts.emplace_back(text.substr(start, at - start));
    start = at + separator.size();
    if (at_most_once) break;
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Python's '%20s': right-aligned to WIDTH code points.
std::string pad_left(const std::string& text, std::size_t width) {
  const auto points = static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  return points >= width ? text : std::string(width - points, ' ') + text;
}

// The lines of SOURCE as Python's text files give them (\n, \r\n and \r end a line).
std::vector<std::string_view> source_lines(std::string_view source) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] != '\n' && source[i] != '\r') continue;
    lines.push_back(source.substr(start, i - start));
    if (source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < source.size()) lines.push_back(source.substr(start));
  return lines;
}

struct Immediate {
  std::int64_t value;
};
struct Register {
  int number;
};
struct Label {
  std::string name;
};
using Operand = std::variant<Immediate, Register, Address, Label>;

// One pass over the file: where each line is and what it says with the comment removed.
class Reader {
 public:
  Reader(const std::string& file, std::int64_t load_address, bool verbose, std::ostream& out)
      : out_(out), verbose_(verbose) {
    program_.file = file;
    program_.load_address = load_address;
  }

  Program read(std::string_view source) {
    const std::vector<std::string_view> lines = source_lines(source);
    first_pass(lines);
    if (verbose_) out_ << "\n";
    second_pass(lines);
    if (verbose_) out_ << "\n";
    return std::move(program_);
  }

 private:
  [[noreturn]] void abort(const std::string& problem) const { throw X86Error("ABORT:: " + problem, where() + problem); }
  [[noreturn]] void script_exit(const std::string& said) const { throw X86Error(said, where() + said); }
  [[noreturn]] void crash(const std::string& problem) const { throw X86Error("", where() + problem); }
  std::string where() const { return program_.file + ":" + std::to_string(line_) + ": "; }

  // The line without its comment; a line with two '#' stops the script.
  std::string_view without_comment(std::string_view line) const {
    const std::string_view text = rstrip(line);
    const std::size_t hash = text.find('#');
    if (hash == std::string_view::npos) return text;
    if (text.find('#', hash + 1) != std::string_view::npos)
      crash("more than one '#' on a line (x86.py stops with an AssertionError)");
    return text.substr(0, hash);
  }

  void first_pass(const std::vector<std::string_view>& lines) {
    std::int64_t pc = program_.load_address;
    std::int64_t data = 100;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      line_ = static_cast<int>(i + 1);
      const std::vector<std::string_view> words = split_words(without_comment(lines[i]));
      if (words.empty()) continue;
      if (words[0] == ".var") {
        if (words.size() != 2 && words.size() != 3) crash("`.var` takes a name and optionally a number of words");
        if (program_.variable(".var")) crash("a variable named .var stops x86.py at the next .var (AssertionError)");
        std::int64_t words_long = 1;
        if (words.size() == 3) {
          const std::optional<std::int64_t> count = parse_python_decimal(words[2]);
          if (!count || *count < -(1LL << 40) || *count > (1LL << 40))
            crash("the size of `.var " + std::string(words[1]) + "` is not a number of words");
          words_long = *count;
        }
        set_variable(std::string(words[1]), data);
        data += 4 * words_long;
        if (!(data < program_.load_address)) abort("Load address overrun by static data");
        if (verbose_) out_ << "ASSIGN VAR .var --> " << words[1] << " " << *program_.variable(words[1]) << "\n";
      } else if (words[0][0] == '.') {
        if (words.size() != 1) crash("a label must be alone on its line");
        set_label(std::string(words[0]), pc);
        if (verbose_) out_ << "ASSIGN LABEL " << words[0] << " --> " << pc << "\n";
      } else {
        ++pc;
      }
    }
  }

  void second_pass(const std::vector<std::string_view>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      line_ = static_cast<int>(i + 1);
      line_text_ = std::string(without_comment(lines[i]));
      if (split_words(line_text_).empty() || line_text_[0] == '.') continue;
      const std::vector<std::string_view> parts = split_first_word(line_text_);
      const std::string opcode(parts[0]);
      if (verbose_) out_ << "opcode " << opcode << "\n";
      Instruction instruction =
          decode(opcode, parts.size() > 1 ? std::optional<std::string>(std::string(parts[1])) : std::nullopt);
      instruction.text = std::string(strip(line_text_));
      instruction.line = line_;
      const std::int64_t pc = program_.load_address + static_cast<std::int64_t>(program_.code.size());
      if (verbose_)
        out_ << "pc:" << pc << " LOADING " << pad_left(instruction.text, 20) << " --> " << python_call(instruction)
             << "\n";
      program_.code.push_back(std::move(instruction));
    }
  }

  void set_variable(const std::string& name, std::int64_t address) {
    for (auto& [known, at] : program_.variables) {
      if (known == name) {
        at = address;
        return;
      }
    }
    program_.variables.emplace_back(name, address);
  }
  void set_label(const std::string& name, std::int64_t address) {
    for (auto& [known, at] : program_.labels) {
      if (known == name) {
        at = address;
        return;
      }
    }
    program_.labels.emplace_back(name, address);
  }
  std::int64_t label_address(const std::string& name) const {
    for (const auto& [known, at] : program_.labels) {
      if (known == name) return at;
    }
    crash("no label " + name + " in the program");
  }

  int register_number_or_abort(const std::string& name) const {
    const std::optional<int> number = register_number(name);
    if (!number) abort("Register " + name + " is not a valid register");
    return *number;
  }

  // A register inside a memory operand's parentheses (empty: %zero).
  int inner_register(const std::string& piece) const {
    const std::string_view trimmed = strip(piece);
    if (trimmed.empty()) return 0;
    if (trimmed[0] != '%') abort("Expecting a proper register name, got [" + piece + "]");
    return register_number_or_abort(std::string(strip(split_on(piece, "%")[1])));
  }

  // The script's getarg: one operand.
  Operand operand(const std::string& argument) const {
    std::string text = replace_all(replace_all(argument, ",", " "), " \t", "");
    if (text.empty()) crash("an operand is missing");
    if (text[0] == '$') {
      std::string value = split_on(text, "$")[1];
      if (value.empty()) crash("`$` without a number");
      std::int64_t sign = 1;
      if (value[0] == '-') {
        value.erase(0, 1);
        sign = -1;
      }
      if (!all_digits(value)) abort("value [" + value + "] must be a digit");
      const std::optional<std::int64_t> number = parse_python_decimal(value);
      if (!number) crash("the number " + value + " does not fit in 64 bits");
      return Immediate{sign * *number};
    }
    if (text[0] == '%') return Register{register_number_or_abort(split_on(text, "%")[1])};
    if (text[0] == '.') return Label{text};
    if (is_letter(text[0])) {
      const std::optional<std::int64_t> at = program_.variable(text);
      if (!at) abort("Variable " + text + " is not declared");
      return Address{*at, 0, 0, 1};
    }
    if (is_digit(text[0]) || text[0] == '-' || text[0] == '(') return memory_operand(text);
    crash("cannot read the operand [" + text + "] (x86.py stops with a TypeError)");
  }

  // N, -N, N(...), (...): the general memory operand.
  Address memory_operand(std::string text) const {
    std::int64_t sign = 1;
    if (text[0] == '-') {
      text.erase(0, 1);
      sign = -1;
    }
    const std::vector<std::string> pieces = split_on(text, "(");
    if (pieces.size() == 1) {
      const std::optional<std::int64_t> number = parse_python_decimal(text);
      if (!number) crash("[" + text + "] is not a number or a memory operand (x86.py stops with a ValueError)");
      return Address{sign * *number, 0, 0, 1};
    }
    if (pieces.size() != 2) script_exit("mov: bad argument [" + text + "]");
    std::int64_t offset = 0;
    if (text[0] != '(') {
      if (!all_digits(strip(pieces[0]))) abort("First number should be a digit [" + pieces[0] + "]");
      const std::optional<std::int64_t> number = parse_python_decimal(pieces[0]);
      if (!number) crash("the number " + pieces[0] + " does not fit in 64 bits");
      offset = sign * *number;
    }
    const std::vector<std::string> inside = split_on(split_on(pieces[1], ")")[0], "__BREAK__");
    if (inside.size() > 3) script_exit("mov: bad argument [" + text + "]");
    Address address{offset, inner_register(inside[0]), 0, 1};
    if (inside.size() >= 2) address.index = inner_register(inside[1]);
    if (inside.size() == 3) {
      const std::optional<std::int64_t> scale = parse_python_decimal(inside[2]);
      if (!scale) crash("the scale [" + inside[2] + "] is not a number (x86.py stops with a ValueError)");
      address.scale = *scale;
    }
    return address;
  }

  // mov's operands: commas inside parentheses are not separators.
  std::string protect_commas(const std::string& arguments) const {
    std::string protected_text;
    bool inside = false;
    for (const char c : arguments) {
      if (c == '(') {
        if (inside) abort("cannot have nested parenthesis in argument [" + line_text_ + "]");
        inside = true;
      }
      if (c == ')') {
        if (!inside) abort("cannot have right parenthesis without first having left one [" + line_text_ + "]");
        inside = false;
      }
      protected_text += (inside && c == ',') ? std::string("__BREAK__") : std::string(1, c);
    }
    if (inside) abort("did not close parentheses [" + line_text_ + "]");
    return protected_text;
  }

  const std::string& needs_operands(const std::optional<std::string>& arguments, const std::string& opcode) const {
    if (!arguments) crash("`" + opcode + "` needs operands");
    return *arguments;
  }

  // The two operands of OPCODE, split at the first comma (at every comma for mov).
  std::pair<Operand, Operand> two_operands(const std::string& opcode,
                                           const std::optional<std::string>& arguments) const {
    const std::string& text = needs_operands(arguments, opcode);
    const std::vector<std::string> split =
        opcode == "mov" ? split_on(protect_commas(text), ",") : split_on(text, ",", true);
    if (split.size() != 2) abort(opcode + ": needs two args, separated by commas [" + line_text_ + "]");
    Operand first = operand(std::string(strip(split[0])));
    Operand second = operand(std::string(strip(split[1])));
    return {std::move(first), std::move(second)};
  }

  Instruction decode(const std::string& opcode, const std::optional<std::string>& arguments) const {
    static const std::map<std::string, Op, std::less<>> kJumps = {{"j", Op::Jump},
                                                                  {"jne", Op::JumpNotEqual},
                                                                  {"je", Op::JumpEqual},
                                                                  {"jlt", Op::JumpLess},
                                                                  {"jlte", Op::JumpLessEqual},
                                                                  {"jgt", Op::JumpGreater},
                                                                  {"jgte", Op::JumpGreaterEqual}};
    static const std::map<std::string, Op, std::less<>> kBare = {
        {"nop", Op::Nop}, {"halt", Op::Halt}, {"yield", Op::Yield}, {"rdump", Op::RegisterDump}};
    Instruction in;
    if (opcode == "mov") return decode_mov(arguments);
    if (opcode == "lea") {
      const auto [source, target] = two_operands(opcode, arguments);
      if (!std::holds_alternative<Address>(source) || !std::holds_alternative<Register>(target)) {
        abort("malformed lea instruction (should be memory address source to register destination");
      }
      return Instruction{
          Op::LoadAddress, 0, 0, std::get<Register>(target).number, std::get<Address>(source), 0, {}, {}, 0};
    }
    if (opcode == "neg") {
      if (!arguments) abort("neg: takes one argument");
      const Operand target = operand(std::string(strip(*arguments)));
      if (!std::holds_alternative<Register>(target)) abort("Can only neg a register");
      in.op = Op::Negate;
      in.target = std::get<Register>(target).number;
      return in;
    }
    if (opcode == "pop") {
      in.op = Op::Pop;
      if (!arguments) return in;
      const Operand target = operand(std::string(strip(*arguments)));
      if (!std::holds_alternative<Register>(target)) abort("Can only pop into a register");
      in.op = Op::PopRegister;
      in.target = std::get<Register>(target).number;
      return in;
    }
    if (opcode == "push") {
      const Operand source = operand(std::string(strip(needs_operands(arguments, opcode))));
      if (const auto* reg = std::get_if<Register>(&source)) {
        in.op = Op::PushRegister;
        in.source = reg->number;
      } else if (const auto* address = std::get_if<Address>(&source)) {
        in.op = Op::PushAddress;
        in.address = *address;
      } else {
        abort("Cannot push anything but registers");
      }
      return in;
    }
    if (opcode == "call") {
      const Operand target = operand(std::string(strip(needs_operands(arguments, opcode))));
      if (!std::holds_alternative<Label>(target)) abort("Cannot call anything but a label");
      in.op = Op::Call;
      in.jump = label_address(std::get<Label>(target).name);
      return in;
    }
    if (opcode == "ret") {
      if (arguments) crash("`ret` takes no operand");
      in.op = Op::Return;
      return in;
    }
    if (opcode == "add" || opcode == "sub" || opcode == "mul") return decode_arithmetic(opcode, arguments);
    if (opcode == "fetchadd" || opcode == "xchg") return decode_atomic(opcode, arguments);
    if (opcode == "test") return decode_test(arguments);
    if (const auto jump = kJumps.find(opcode); jump != kJumps.end()) {
      const std::string target_text(strip(needs_operands(arguments, opcode)));
      const Operand target = operand(target_text);
      if (!std::holds_alternative<Label>(target)) abort("bad jump target [" + target_text + "]");
      in.op = jump->second;
      in.jump = label_address(std::get<Label>(target).name);
      return in;
    }
    if (const auto bare = kBare.find(opcode); bare != kBare.end()) {
      in.op = bare->second;
      return in;
    }
    if (opcode == "mdump") {
      in.op = Op::MemoryDump;
      in.argument = needs_operands(arguments, opcode);
      const std::optional<std::int64_t> address = parse_python_decimal(in.argument);
      if (!address) crash("mdump takes a memory address (a number), not [" + in.argument + "]");
      in.immediate = *address;
      return in;
    }
    script_exit("illegal opcode:  " + opcode);
  }

  Instruction decode_mov(const std::optional<std::string>& arguments) const {
    const auto [source, target] = two_operands("mov", arguments);
    Instruction in;
    const auto* source_register = std::get_if<Register>(&source);
    const auto* target_register = std::get_if<Register>(&target);
    const auto* source_address = std::get_if<Address>(&source);
    const auto* target_address = std::get_if<Address>(&target);
    const auto* source_immediate = std::get_if<Immediate>(&source);
    if (source_address && target_address) script_exit("bad mov: two memory arguments");
    if (source_immediate && std::holds_alternative<Immediate>(target)) script_exit("bad mov: two immediate arguments");
    if (source_immediate && target_register) {
      in = {Op::MoveImmediateToRegister, source_immediate->value, 0, target_register->number, {}, 0, {}, {}, 0};
    } else if (source_address && target_register) {
      in = {Op::MoveMemoryToRegister, 0, 0, target_register->number, *source_address, 0, {}, {}, 0};
    } else if (source_register && target_address) {
      in = {Op::MoveRegisterToMemory, 0, source_register->number, 0, *target_address, 0, {}, {}, 0};
    } else if (source_register && target_register) {
      in = {Op::MoveRegisterToRegister, 0, source_register->number, target_register->number, {}, 0, {}, {}, 0};
    } else if (source_immediate && target_address) {
      in = {Op::MoveImmediateToMemory, source_immediate->value, 0, 0, *target_address, 0, {}, {}, 0};
    } else {
      abort("malformed mov instruction");
    }
    return in;
  }

  Instruction decode_arithmetic(const std::string& opcode, const std::optional<std::string>& arguments) const {
    const auto [source, target] = two_operands(opcode, arguments);
    const bool immediate = std::holds_alternative<Immediate>(source);
    if ((!immediate && !std::holds_alternative<Register>(source)) || !std::holds_alternative<Register>(target)) {
      abort(std::string("malformed usage of ") + (opcode == "sub" ? "sub" : "add") + " instruction");
    }
    Instruction in;
    if (opcode == "add") in.op = immediate ? Op::AddImmediate : Op::AddRegister;
    if (opcode == "sub") in.op = immediate ? Op::SubtractImmediate : Op::SubtractRegister;
    if (opcode == "mul") in.op = immediate ? Op::MultiplyImmediate : Op::MultiplyRegister;
    if (immediate) in.immediate = std::get<Immediate>(source).value;
    else in.source = std::get<Register>(source).number;
    in.target = std::get<Register>(target).number;
    return in;
  }

  Instruction decode_atomic(const std::string& opcode, const std::optional<std::string>& arguments) const {
    const auto [source, target] = two_operands(opcode, arguments);
    if (!std::holds_alternative<Address>(target)) {
      crash("the second operand of " + opcode + " must be memory (x86.py stops with an exception)");
    }
    if (!std::holds_alternative<Register>(source)) {
      abort(opcode == "xchg" ? "poorly specified atomic exchange" : "poorly specified fetch and add");
    }
    Instruction in;
    in.op = opcode == "xchg" ? Op::Exchange : Op::FetchAndAdd;
    in.source = std::get<Register>(source).number;
    in.address = std::get<Address>(target);
    return in;
  }

  Instruction decode_test(const std::optional<std::string>& arguments) const {
    const auto [first, second] = two_operands("test", arguments);
    Instruction in;
    const auto* first_register = std::get_if<Register>(&first);
    const auto* second_register = std::get_if<Register>(&second);
    const auto* first_immediate = std::get_if<Immediate>(&first);
    const auto* second_immediate = std::get_if<Immediate>(&second);
    if (first_immediate && second_register) {
      in = {Op::TestImmediateRegister, first_immediate->value, 0, second_register->number, {}, 0, {}, {}, 0};
    } else if (first_register && second_register) {
      in = {Op::TestRegisterRegister, 0, first_register->number, second_register->number, {}, 0, {}, {}, 0};
    } else if (first_register && second_immediate) {
      in = {Op::TestRegisterImmediate, second_immediate->value, first_register->number, 0, {}, 0, {}, {}, 0};
    } else {
      abort("malformed usage of test instruction");
    }
    return in;
  }

  std::ostream& out_;
  bool verbose_;
  Program program_;
  int line_ = 0;
  std::string line_text_;
};

}  // namespace

std::optional<int> register_number(std::string_view name) {
  for (std::size_t i = 0; i < kRegisterNames.size(); ++i) {
    if (kRegisterNames[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<std::int64_t> Program::variable(std::string_view name) const {
  for (const auto& [known, at] : variables) {
    if (known == name) return at;
  }
  return std::nullopt;
}

Program assemble(std::string_view source, const std::string& file, std::int64_t load_address, bool verbose,
                 std::ostream& out) {
  return Reader(file, load_address, verbose, out).read(source);
}

std::string python_call(const Instruction& in) {
  const auto n = [](std::int64_t value) { return std::to_string(value); };
  const Address& a = in.address;
  const std::string address3 = n(a.offset) + ", " + n(a.base) + ", " + n(a.index);
  const std::string address4 = address3 + ", " + n(a.scale);
  std::string call;
  switch (in.op) {
    case Op::MoveImmediateToRegister: call = "move_i_to_r(" + n(in.immediate) + ", " + n(in.target) + ")"; break;
    case Op::MoveMemoryToRegister: call = "move_m_to_r(" + address4 + ", " + n(in.target) + ")"; break;
    case Op::MoveRegisterToMemory: call = "move_r_to_m(" + n(in.source) + ", " + address4 + ")"; break;
    case Op::MoveRegisterToRegister: call = "move_r_to_r(" + n(in.source) + ", " + n(in.target) + ")"; break;
    case Op::MoveImmediateToMemory: call = "move_i_to_m(" + n(in.immediate) + ", " + address4 + ")"; break;
    case Op::LoadAddress: call = "lea_m_to_r(" + address4 + ", " + n(in.target) + ")"; break;
    case Op::Negate: call = "neg_r(" + n(in.target) + ")"; break;
    case Op::Pop: call = "pop()"; break;
    case Op::PopRegister: call = "pop_r(" + n(in.target) + ")"; break;
    case Op::PushRegister: call = "push_r(" + n(in.source) + ")"; break;
    case Op::PushAddress:
      call = "push_m(" + n(a.offset) + "," + n(a.base) + "," + n(a.index) + "," + n(a.scale) + ")";
      break;
    case Op::Call: call = "call(" + n(in.jump) + ")"; break;
    case Op::Return: call = "ret()"; break;
    case Op::MultiplyImmediate: call = "mul_i_to_r(" + n(in.immediate) + ", " + n(in.target) + ")"; break;
    case Op::MultiplyRegister: call = "mul_r_to_r(" + n(in.source) + ", " + n(in.target) + ")"; break;
    case Op::AddImmediate: call = "add_i_to_r(" + n(in.immediate) + ", " + n(in.target) + ")"; break;
    case Op::AddRegister: call = "add_r_to_r(" + n(in.source) + ", " + n(in.target) + ")"; break;
    case Op::SubtractImmediate: call = "sub_i_to_r(" + n(in.immediate) + ", " + n(in.target) + ")"; break;
    case Op::SubtractRegister: call = "sub_r_to_r(" + n(in.source) + ", " + n(in.target) + ")"; break;
    case Op::FetchAndAdd: call = "fetchadd(" + n(in.source) + ", " + address3 + ")"; break;
    case Op::Exchange: call = "atomic_exchange(" + n(in.source) + ", " + address3 + ")"; break;
    case Op::TestImmediateRegister: call = "test_i_r(" + n(in.immediate) + ", " + n(in.target) + ")"; break;
    case Op::TestRegisterRegister: call = "test_r_r(" + n(in.source) + ", " + n(in.target) + ")"; break;
    case Op::TestRegisterImmediate: call = "test_r_i(" + n(in.source) + ", " + n(in.immediate) + ")"; break;
    case Op::Jump: call = "jump(" + n(in.jump) + ")"; break;
    case Op::JumpNotEqual: call = "jump_notequal(" + n(in.jump) + ")"; break;
    case Op::JumpEqual: call = "jump_equal(" + n(in.jump) + ")"; break;
    case Op::JumpLess: call = "jump_lessthan(" + n(in.jump) + ")"; break;
    case Op::JumpLessEqual: call = "jump_lessthanorequal(" + n(in.jump) + ")"; break;
    case Op::JumpGreater: call = "jump_greaterthan(" + n(in.jump) + ")"; break;
    case Op::JumpGreaterEqual: call = "jump_greaterthanorequal(" + n(in.jump) + ")"; break;
    case Op::Nop: call = "nop()"; break;
    case Op::Halt: call = "halt()"; break;
    case Op::Yield: call = "iyield()"; break;
    case Op::RegisterDump: call = "rdump()"; break;
    case Op::MemoryDump: call = "mdump(" + in.argument + ")"; break;
  }
  return "self." + call;
}

}  // namespace ks::ostep::x86
