// `kernsim ostep x86`: the threads chapters' race simulator, x86.py of OSTEP's threads-locks
// homework (the later of the book's two copies; threads-intro's older one lacks -P, -H, %ex,
// %fx and scaled addressing, and prints no blank lines around the first header).
//
// The flags are the script's: -p the .s program, -t threads, -i interrupt interval, -r random
// interrupts with -s seed, -P an explicit schedule, -a per-thread registers, -L load address, -m
// memory, -M/-R/-C what to trace, -S the instruction count, -v the loading dump, -H repeat the
// header, -c print the values. The run is x86_program (reading the .s file) then x86_machine.
// Problems stop the run with exit status 2: the script's own message (ABORT:: ...) goes on
// standard output where the script prints it, and a message naming the flag or the file and
// line on standard error. --json prints the run as data; --viz has no view yet.
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "ostep/concurrency/x86.h"
#include "ostep/concurrency/x86_machine.h"
#include "ostep/options.h"
#include "ostep/simulator.h"

namespace ks::ostep::x86 {
namespace {

using nlohmann::json;

void declare_options(OptionParser& parser) {
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_int("-t", "--threads", "numthreads", 2, "number of threads")
      .add_string("-p", "--program", "progfile", "", "source program (in .s)")
      .add_int("-i", "--interrupt", "intfreq", 50, "interrupt frequency")
      .add_string("-P", "--procsched", "procsched", "", "control exactly which thread runs when")
      .add_flag("-r", "--randints", "intrand", "if interrupts are random")
      .add_string(
          "-a", "--argv", "argv", "",
          "comma-separated per-thread args (e.g., ax=1,ax=2 sets thread 0 ax reg to 1 and thread 1 ax reg to 2); "
          "specify multiple regs per thread via colon-separated list (e.g., ax=1:bx=2,cx=3 sets thread 0 ax and bx "
          "and just cx for thread 1)")
      .add_int("-L", "--loadaddr", "loadaddr", 1000, "address where to load code")
      .add_int("-m", "--memsize", "memsize", 128, "size of address space (KB)")
      .add_string("-M", "--memtrace", "memtrace", "", "comma-separated list of addrs to trace (e.g., 20000,20001)")
      .add_string("-R", "--regtrace", "regtrace", "", "comma-separated list of regs to trace (e.g., ax,bx,cx,dx)")
      .add_flag("-C", "--cctrace", "cctrace", "should we trace condition codes")
      .add_flag("-S", "--printstats", "printstats", "print some extra stats")
      .add_flag("-v", "--verbose", "verbose", "print some extra info")
      .add_int("-H", "--headercount", "headercount", -1, "how often to print a row header")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(','); at != std::string::npos; at = text.find(',', start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::string python_bool(bool value) { return value ? "True" : "False"; }

// The script's echo of its options (its ARG lines) and the blank line after them.
void echo_options(const OptionParser& p, std::ostream& out) {
  out << "ARG seed " << p.get_int("seed") << "\nARG numthreads " << p.get_int("numthreads") << "\nARG program "
      << p.get_string("progfile") << "\nARG interrupt frequency " << p.get_int("intfreq")
      << "\nARG interrupt randomness " << python_bool(p.get_flag("intrand")) << "\nARG procsched "
      << p.get_string("procsched") << "\nARG argv " << p.get_string("argv") << "\nARG load address "
      << p.get_int("loadaddr") << "\nARG memsize " << p.get_int("memsize") << "\nARG memtrace "
      << p.get_string("memtrace") << "\nARG regtrace " << p.get_string("regtrace") << "\nARG cctrace "
      << python_bool(p.get_flag("cctrace")) << "\nARG printstats " << python_bool(p.get_flag("printstats"))
      << "\nARG verbose " << python_bool(p.get_flag("verbose")) << "\n\n";
}

[[noreturn]] void flag_abort(const std::string& message, const std::string& flag) {
  throw X86Error("ABORT:: " + message, flag + ": " + message, true);
}

// The flags checked before the program is read, in the script's order.
MachineOptions machine_options(const OptionParser& p) {
  MachineOptions options;
  options.seed = p.get_int("seed");
  options.threads = 0;
  const std::int64_t threads = p.get_int("numthreads");
  if (threads > 100000) throw X86Error("", "-t " + std::to_string(threads) + ": at most 100000 threads", true);
  options.threads = static_cast<int>(std::max<std::int64_t>(threads, 0));
  options.interrupt_interval = p.get_int("intfreq");
  if (options.interrupt_interval <= 0) flag_abort("Interrupt frequency must be greater than 0", "-i");
  if (p.get_string("progfile").empty()) flag_abort("Program file must be specified", "-p");
  options.argv = split_commas(p.get_string("argv"));
  if (options.argv.size() != static_cast<std::size_t>(std::max<std::int64_t>(threads, 0)) && options.argv.size() != 1) {
    flag_abort("argv: must be one per-thread or just one set of values for all threads", "-a");
  }
  options.random_interrupts = p.get_flag("intrand");
  options.schedule = p.get_string("procsched");
  options.memory_kb = p.get_int("memsize");
  if (options.memory_kb > (1LL << 40) || options.memory_kb < -(1LL << 40)) {
    throw X86Error("", "-m " + std::to_string(options.memory_kb) + ": the memory size is too large", true);
  }
  if (!p.get_string("memtrace").empty()) options.memory_trace = split_commas(p.get_string("memtrace"));
  if (!p.get_string("regtrace").empty()) options.register_trace = split_commas(p.get_string("regtrace"));
  for (const std::string& name : options.register_trace) {
    if (!register_number(name)) flag_abort("Register " + name + " cannot be traced because it does not exist", "-R");
  }
  options.condition_trace = p.get_flag("cctrace");
  options.print_stats = p.get_flag("printstats");
  options.compute = p.get_flag("solve");
  options.header_every = p.get_int("headercount");
  return options;
}

std::string read_program(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw X86Error("", "-p " + file + ": cannot open the program file", true);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find('\0') != std::string::npos) throw X86Error("", file + ": not a text file (it holds a NUL byte)", true);
  return text;
}

json program_json(const Program& program) {
  json code = json::array();
  for (std::size_t i = 0; i < program.code.size(); ++i) {
    code.push_back({{"address", program.load_address + static_cast<std::int64_t>(i)},
                    {"text", program.code[i].text},
                    {"line", program.code[i].line}});
  }
  json variables = json::object(), labels = json::object();
  for (const auto& [name, address] : program.variables) variables[name] = address;
  for (const auto& [name, address] : program.labels) labels[name] = address;
  return {{"file", program.file},
          {"load_address", program.load_address},
          {"code", code},
          {"variables", variables},
          {"labels", labels}};
}

json steps_json(const std::vector<Step>& steps, bool compute) {
  static constexpr std::array<const char*, 6> kConditions = {">=", ">", "<=", "<", "!=", "=="};
  json list = json::array();
  for (const Step& step : steps) {
    const char* kind = step.kind == Step::Kind::Instruction ? "instruction"
                       : step.kind == Step::Kind::Interrupt ? "interrupt"
                                                            : "halt";
    json entry = {{"kind", kind}, {"count", step.count}, {"thread", step.thread}};
    if (step.kind == Step::Kind::Instruction) entry.update({{"pc", step.pc}, {"text", step.text}});
    if (compute) {
      entry["memory"] = step.memory;
      entry["registers"] = step.registers;
      json conditions = json::object();
      for (std::size_t i = 0; i < kConditions.size(); ++i) conditions[kConditions[i]] = step.conditions[i];
      entry["conditions"] = conditions;
    }
    list.push_back(std::move(entry));
  }
  return list;
}

// One run after the flags parsed: the text into TEXT, the data into DATA.
void simulate(const OptionParser& parser, bool want_data, std::ostream& text, json& data) {
  echo_options(parser, text);
  const MachineOptions options = machine_options(parser);
  const std::string file = parser.get_string("progfile");
  const Program program =
      assemble(read_program(file), file, parser.get_int("loadaddr"), parser.get_flag("verbose"), text);
  const RunResult result = run_machine(program, options, text, want_data);
  if (options.print_stats) text << "\nSTATS:: Instructions    " << result.instructions << "\n";
  if (!want_data) return;
  data = {{"simulator", "x86"},
          {"program", program_json(program)},
          {"threads", options.threads},
          {"seed", options.seed},
          {"interrupt_interval", options.interrupt_interval},
          {"random_interrupts", options.random_interrupts},
          {"schedule", options.schedule},
          {"compute", options.compute},
          {"traced_memory", options.memory_trace},
          {"traced_registers", options.register_trace},
          {"instructions", result.instructions},
          {"steps", steps_json(result.steps, options.compute)}};
}

}  // namespace

int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args = arguments;
  const OutputMode mode = strip_output_flags(args);
  if (mode.viz) return no_view_yet("x86", err);
  OptionParser parser(ostep_prog_name("x86"));
  declare_options(parser);
  if (const std::optional<int> status = parser.parse(args, out, err)) return *status;
  // The text goes out as it is made (a long run is long); with --json nowhere.
  std::ostream no_text(nullptr);
  std::ostream& text = mode.json ? no_text : out;
  json data;
  try {
    simulate(parser, mode.json, text, data);
  } catch (const X86Error& error) {
    if (!mode.json && !error.script_output().empty()) out << error.script_output() << "\n";
    out.flush();
    err << "kernsim ostep x86: " << error.what() << "\n";
    return 2;
  }
  if (mode.json) out << data.dump(2) << "\n";
  return 0;
}

}  // namespace ks::ostep::x86
