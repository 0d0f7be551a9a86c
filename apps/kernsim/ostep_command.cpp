// kernsim ostep: the homework simulators of "Operating Systems: Three Easy Pieces", natively.
// `kernsim ostep SIM [FLAGS...]` runs SIM (named as the textbook's script, without ".py") with
// FLAGS untouched: they are the script's own, parsed by its optparse-compatible parser
// (ostep/options.h), not by CLI11. `kernsim ostep --list` lists the simulators by chapter.
//
// `--viz` (and `--viz-trace FILE`) are kernsim's, taken out here before SIM sees its flags. A
// simulator with a view (Simulator::view) is run with -c and --json, its schedule becomes a
// kernsim trace (ostep_trace.h), and the trace is written to FILE (--viz-trace) or to a file in
// the system's temporary folder (--viz); --viz then opens it in kernsim-viz, found next to this
// kernsim (or on PATH when kernsim was started from PATH), and returns the visualizer's exit
// status (3: no display). Without kernsim-viz it says where the trace is and how to open it, and
// exits 3. A simulator without a view says so, naming those that have one, and exits 2.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "apps/kernsim/commands.h"
#include "apps/kernsim/ostep_trace.h"
#include "ostep/simulator.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kExitCannotShow = 3;  // as kernsim-viz's own status when no window can appear

void list_simulators(std::ostream& out) {
  std::size_t width = 0;
  for (const ostep::Simulator& simulator : ostep::simulators()) width = std::max(width, simulator.name.size());
  for (const ostep::Simulator& simulator : ostep::simulators()) {
    out << simulator.name << std::string(width + 2 - simulator.name.size(), ' ') << "ch. " << simulator.chapter << " — "
        << simulator.summary << '\n';
  }
}

// What --viz and --viz-trace FILE asked for; they are removed from ARGS (up to a "--").
struct VizRequest {
  bool open = false;       // --viz
  std::string trace_file;  // --viz-trace FILE
  bool wanted() const { return open || !trace_file.empty(); }
};

std::optional<VizRequest> take_viz_flags(std::vector<std::string>& args, std::ostream& err) {
  VizRequest request;
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") {
      kept.insert(kept.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
      break;
    }
    if (args[i] == "--viz") {
      request.open = true;
    } else if (args[i] == "--viz-trace" || args[i].rfind("--viz-trace=", 0) == 0) {
      if (args[i] == "--viz-trace" && i + 1 >= args.size()) {
        err << "kernsim ostep: --viz-trace needs a file name\n";
        return std::nullopt;
      }
      request.trace_file = args[i] == "--viz-trace" ? args[++i] : args[i].substr(12);
    } else {
      kept.push_back(args[i]);
    }
  }
  args = std::move(kept);
  return request;
}

// The environment variable NAME ("" when unset); MSVC warns on std::getenv, so there its own call.
std::string environment(const char* name) {
#ifdef _MSC_VER
  char* value = nullptr;
  std::size_t size = 0;
  if (_dupenv_s(&value, &size, name) != 0 || value == nullptr) return "";
  std::string copy(value);
  std::free(value);
  return copy;
#else
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
#endif
}

// kernsim-viz beside SELF (kernsim's argv[0]), or on PATH when SELF names no folder.
std::optional<fs::path> find_visualizer(const std::string& self) {
  const fs::path program(self);
#ifdef _WIN32
  const std::string name = "kernsim-viz.exe";
#else
  const std::string name = "kernsim-viz";
#endif
  std::vector<fs::path> folders;
  if (program.has_parent_path()) {
    folders.push_back(program.parent_path());
  } else if (const std::string path = environment("PATH"); !path.empty()) {
#ifdef _WIN32
    const char separator = ';';
#else
    const char separator = ':';
#endif
    std::istringstream entries(path);
    for (std::string entry; std::getline(entries, entry, separator);) folders.emplace_back(entry.empty() ? "." : entry);
  }
  for (const fs::path& folder : folders) {
    std::error_code error;
    if (fs::is_regular_file(folder / name, error)) return folder / name;
  }
  return std::nullopt;
}

// WORD quoted for the shell that std::system runs.
std::string shell_word(const std::string& word) {
#ifdef _WIN32
  return "\"" + word + "\"";
#else
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
#endif
}

// Runs PROGRAM with ARGUMENTS and returns its exit status.
int run_program(const fs::path& program, const std::vector<std::string>& arguments) {
  std::string command = shell_word(program.string());
  for (const std::string& argument : arguments) command += " " + shell_word(argument);
#ifdef _WIN32
  command = "\"" + command + "\"";  // cmd.exe keeps the inner quotes only inside an outer pair
#endif
  std::cout.flush();
  const int status = std::system(command.c_str());
#ifdef _WIN32
  return status;
#else
  // The wait status: the exit code in bits 8-15 when the program exited (not killed by a signal).
  return (status & 0x7f) == 0 ? (status >> 8) & 0xff : kExitSimulationError;
#endif
}

// Where --viz writes the trace of SIMULATOR run with ARGS: SIM.jsonl (the name the visualizer
// shows) in a folder of the system's temporary folder named for the run (the same run, the same
// folder; no clock or random name).
fs::path temporary_trace(const ostep::Simulator& simulator, const std::vector<std::string>& args) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a over the flags
  for (const std::string& arg : args) {
    for (const char c : arg + '\0') {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  }
  std::ostringstream folder;
  folder << "kernsim-ostep-" << std::hex << (hash & 0xffffffffULL);
  const fs::path path = fs::temp_directory_path() / folder.str();
  fs::create_directories(path);
  return path / (std::string(simulator.name) + ".jsonl");
}

int run_viz(const ostep::Simulator& simulator, std::vector<std::string> args, const VizRequest& request,
            const std::string& self) {
  const std::string prog = "kernsim ostep " + std::string(simulator.name);
  if (simulator.view.empty()) return ostep::no_view_yet(simulator.name, std::cerr);
  std::vector<std::string> solved = {"-c"};  // the picture is the answer: it is drawn solved
  solved.insert(solved.end(), args.begin(), args.end());
  solved.emplace_back("--json");
  std::ostringstream data;
  const int status = simulator.run(solved, data, std::cerr);
  nlohmann::json run = nlohmann::json::parse(data.str(), nullptr, false);
  if (status != 0 || run.is_discarded() || !run.is_object()) {  // bad flags, or -h
    std::cout << data.str();
    return status;
  }
  try {
    const OstepTrace trace = schedule_trace(run.value("schedule", nlohmann::json()));
    const fs::path file = request.trace_file.empty() ? temporary_trace(simulator, args) : fs::path(request.trace_file);
    std::ofstream out(file, std::ios::binary);
    write_ostep_trace(trace, out);
    out.close();
    if (!out) {
      std::cerr << prog << ": --viz: cannot write the trace to " << file.string() << "\n";
      return kExitBadInput;
    }
    const std::string scale = trace.ticks_per_unit == 1
                                  ? ""
                                  : " (" + std::to_string(trace.ticks_per_unit) + " ticks to the script's time unit)";
    if (!request.open) {
      std::cout << "wrote the run's trace to " << file.string() << scale << "; open it with kernsim-viz "
                << file.string() << "\n";
      return kExitOk;
    }
    const std::optional<fs::path> viz = find_visualizer(self);
    if (!viz) {
      std::cerr << prog << ": --viz: kernsim-viz is not beside this kernsim (it is built when SDL2 and Dear ImGui are "
                << "found); the run's trace is in " << file.string() << scale << ": open it there with kernsim-viz "
                << file.string() << "\n";
      return kExitCannotShow;
    }
    if (!scale.empty()) std::cout << prog << ": the visualizer's ticks are the script's times" << scale << "\n";
    const int viz_status = run_program(*viz, {file.string(), "--at", "0"});  // from the start, to step forward
    if (request.trace_file.empty()) {
      std::error_code ignored;
      fs::remove(file, ignored);
      fs::remove(file.parent_path(), ignored);
    }
    return viz_status;
  } catch (const InputError& error) {
    std::cerr << prog << ": --viz: " << error.problem() << "\n";
    return kExitBadInput;
  } catch (const fs::filesystem_error& error) {
    std::cerr << prog << ": --viz: " << error.what() << "\n";
    return kExitBadInput;
  }
}

int run_ostep(const std::vector<std::string>& words, bool list, const std::string& self) {
  if (list) {
    list_simulators(std::cout);
    return kExitOk;
  }
  if (words.empty()) {
    std::cerr << "kernsim ostep: name a simulator, e.g. `kernsim ostep scheduler -c` (`kernsim ostep --list` "
                 "lists them)\n";
    return kExitBadInput;
  }
  const ostep::Simulator* simulator = ostep::find_simulator(words.front());
  if (simulator == nullptr) {
    std::cerr << "kernsim ostep: no simulator \"" << words.front() << "\"; the simulators are:";
    for (const ostep::Simulator& known : ostep::simulators()) std::cerr << ' ' << known.name;
    std::cerr << '\n';
    return kExitBadInput;
  }
  std::vector<std::string> args(words.begin() + 1, words.end());
  const std::optional<VizRequest> viz = take_viz_flags(args, std::cerr);
  if (!viz) return kExitBadInput;
  if (viz->wanted()) return run_viz(*simulator, std::move(args), *viz, self);
  return simulator->run(args, std::cout, std::cerr);
}

}  // namespace

void add_ostep_command(CLI::App& app, int& status, const std::string& self) {
  CLI::App* command = app.add_subcommand(
      "ostep", "Run an OSTEP homework simulator as the textbook's script runs: kernsim ostep SIM [FLAGS...]");
  command->prefix_command();  // SIM and its flags are passed through untouched
  auto list = std::make_shared<bool>(false);
  command->add_flag("--list", *list, "List the simulators with their chapters");
  command->footer(
      "SIM's flags are those of the textbook's SIM.py (kernsim ostep SIM -h lists them), plus kernsim's\n"
      "--json (the run as data), --viz (the run, solved, in kernsim-viz) and --viz-trace FILE (the\n"
      "same run written as a kernsim trace). Example: kernsim ostep scheduler -p RR -q 2 -s 3 -c");
  command->callback([command, list, &status, self] { status = run_ostep(command->remaining(), *list, self); });
}

}  // namespace ks::cli
