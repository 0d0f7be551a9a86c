// kernsim explore: run one RISC-V program K times under seeded chaos (kernel/exec/chaos.h), each
// run with its own seed, classify every run, and print the outcomes, the first failing seed and
// the kernsim exec command that replays it (docs/concurrency.md).
//
// A run is built exactly as kernsim exec builds it (exec_scenario in common.h), with the chaos
// seed and a virtual-time limit added, so the replay command gives the same run, event for event.
#include <array>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "apps/kernsim/commands.h"
#include "apps/kernsim/common.h"
#include "scenario/host_file.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

inline constexpr Tick kDefaultTimeLimit = 1'000'000;

struct ExploreArgs {
  std::vector<std::string> command;  // PROGRAM.elf then its arguments
  int cpus = 2;
  int runs = 100;
  int expect_status = 0;
  std::string expect_stdout_file, strategy = "random";
  std::uint64_t seed = 1;
  Tick time_limit = kDefaultTimeLimit;
  bool json = false;
};

// The verdicts, in the order they are checked and printed.
enum class Outcome : std::uint8_t { Expected, WrongStatus, WrongOutput, Deadlock, Crash, Timeout };
constexpr std::array<const char*, 6> kOutcomeNames = {"expected", "wrong_status", "wrong_output",
                                                      "deadlock", "crash",        "timeout"};

struct Verdict {
  Outcome outcome = Outcome::Expected;
  std::string reason;  // empty when expected
};

// What the program writes to stdout (stream 1), as ConsoleEcho would print it.
class StdoutCollector final : public TraceSink {
 public:
  explicit StdoutCollector(const Trace& trace) : trace_(trace) {}
  void record(const TraceEvent& event) override {
    if (event.kind == EventKind::ConsoleOutput && event.a == 1)
      text_ += trace_.name(static_cast<std::uint32_t>(event.b));
  }
  const std::string& text() const { return text_; }

 private:
  const Trace& trace_;
  std::string text_;
};

// LINE of TEXT (1-based), without its newline; empty past the end.
std::string line_of(const std::string& text, std::size_t line) {
  std::size_t begin = 0;
  for (std::size_t i = 1; i < line && begin != std::string::npos; ++i) {
    begin = text.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos || begin >= text.size()) return {};
  const std::size_t end = text.find('\n', begin);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// "line 2 is "x = 3", expected "x = 4"": where OUTPUT first differs from EXPECTED.
std::string output_difference(const std::string& output, const std::string& expected) {
  std::size_t at = 0;
  while (at < output.size() && at < expected.size() && output[at] == expected[at]) ++at;
  std::size_t line = 1;
  for (std::size_t i = 0; i < at; ++i) line += output[i] == '\n' ? 1 : 0;
  if (at == output.size()) return "stdout ends at line " + std::to_string(line) + ", expected more";
  if (at == expected.size()) return "stdout goes on past the expected end, at line " + std::to_string(line);
  return "line " + std::to_string(line) + " is \"" + printable_text(line_of(output, line)) + "\", expected \"" +
         printable_text(line_of(expected, line)) + "\"";
}

Verdict run_once(const ExploreArgs& args, const Scenario& base, std::uint64_t seed,
                 const std::optional<std::string>& expected_stdout) {
  Scenario scenario = base;
  scenario.kernel.chaos.enabled = true;
  scenario.kernel.chaos.seed = seed;
  scenario.kernel.chaos.strategy = chaos_strategy_from_string(args.strategy).value_or(ChaosStrategy::Random);
  Simulation simulation(scenario, {std::nullopt, args.time_limit});
  StdoutCollector output(simulation.trace());
  simulation.trace().add_sink(output);
  const RunResult result = simulation.run();
  const Process& process = simulation.kernel().process(1);
  if (result.deadlocked) {
    const std::string report = simulation.kernel().deadlock_report();
    return {Outcome::Deadlock, report.substr(0, report.find('\n'))};
  }
  if (!process.exited)
    return {Outcome::Timeout, "did not exit within the time limit of " + std::to_string(args.time_limit) + " ticks"};
  const auto status = static_cast<int>(process.exit_status & 0xff);
  if (process.signal != 0) {
    return {Outcome::Crash,
            "killed by signal " + std::to_string(process.signal) + " (exit status " + std::to_string(status) + ")"};
  }
  if (status != args.expect_status)
    return {Outcome::WrongStatus,
            "exit status " + std::to_string(status) + ", expected " + std::to_string(args.expect_status)};
  if (expected_stdout && output.text() != *expected_stdout)
    return {Outcome::WrongOutput, output_difference(output.text(), *expected_stdout)};
  return {};
}

// WORD as a shell reads it back: quoted when it holds anything but plain characters.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789_./=:,+-@%") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The kernsim exec command that replays the run of SEED.
std::string replay_command(const ExploreArgs& args, std::uint64_t seed, Outcome outcome) {
  std::string options = "--cpus " + std::to_string(args.cpus) + " --chaos " + std::to_string(seed);
  if (args.strategy != "random") options += " --chaos-strategy " + args.strategy;
  if (outcome == Outcome::Timeout) options += " --until " + std::to_string(args.time_limit);
  bool dashed = false;
  std::string command;
  for (const std::string& word : args.command) {
    dashed = dashed || (!word.empty() && word.front() == '-');
    command += (command.empty() ? "" : " ") + shell_word(word);
  }
  // After "--" everything goes to the program, so options must come first when an argument has a dash.
  return dashed ? "kernsim exec " + options + " -- " + command : "kernsim exec " + command + " " + options;
}

int run_explore(const ExploreArgs& args) {
  std::optional<std::string> expected_stdout;
  if (!args.expect_stdout_file.empty()) expected_stdout = read_input_file(args.expect_stdout_file);
  ExecMachine machine;
  machine.cpus = args.cpus;
  const Scenario base = exec_scenario(args.command, machine);

  std::array<std::uint64_t, kOutcomeNames.size()> counts{};
  std::optional<std::uint64_t> first_seed;
  Verdict first;
  for (int run = 0; run < args.runs; ++run) {
    const std::uint64_t seed = args.seed + static_cast<std::uint64_t>(run);
    const Verdict verdict = run_once(args, base, seed, expected_stdout);
    ++counts[static_cast<std::size_t>(verdict.outcome)];
    if (verdict.outcome != Outcome::Expected && !first_seed) {
      first_seed = seed;
      first = verdict;
    }
  }
  const std::uint64_t failures = static_cast<std::uint64_t>(args.runs) - counts[0];
  const std::string program = args.command.front().substr(args.command.front().find_last_of("/\\") + 1);
  if (args.json) {
    nlohmann::ordered_json outcomes = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < counts.size(); ++i) outcomes[kOutcomeNames[i]] = counts[i];
    nlohmann::ordered_json document = {{"runs", args.runs}, {"failures", failures}, {"outcomes", outcomes}};
    document["first_failure"] = nullptr;
    if (first_seed) {
      document["first_failure"] = {{"seed", *first_seed},
                                   {"outcome", kOutcomeNames[static_cast<std::size_t>(first.outcome)]},
                                   {"reason", first.reason},
                                   {"replay", replay_command(args, *first_seed, first.outcome)}};
    }
    std::cout << document.dump() << '\n';
  } else {
    std::cout << "explore: " << args.runs << (args.runs == 1 ? " run" : " runs") << " of " << printable_text(program)
              << " on " << args.cpus << (args.cpus == 1 ? " CPU" : " CPUs") << ", strategy " << args.strategy
              << ", seeds " << args.seed << ".." << args.seed + static_cast<std::uint64_t>(args.runs - 1) << '\n';
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] == 0) continue;
      std::string name = kOutcomeNames[i];
      name.resize(14, ' ');
      std::cout << "  " << name << counts[i] << '\n';
    }
    if (first_seed) {
      std::cout << "first failure: seed " << *first_seed << ", "
                << kOutcomeNames[static_cast<std::size_t>(first.outcome)] << ": " << first.reason << '\n'
                << "replay: " << replay_command(args, *first_seed, first.outcome) << '\n';
    } else {
      std::cout << "no failure in " << args.runs << (args.runs == 1 ? " run" : " runs") << '\n';
    }
  }
  return first_seed ? kExitSimulationError : kExitOk;
}

}  // namespace

void add_explore_command(CLI::App& app, int& status) {
  auto args = std::make_shared<ExploreArgs>();
  CLI::App* explore = app.add_subcommand(
      "explore", "Run a RISC-V program many times under seeded chaos; count the outcomes, give the first failing seed");
  explore->add_option("command", args->command, "PROGRAM.elf and its arguments")->required();
  explore->add_option("--cpus", args->cpus, "Number of CPUs (harts)")->capture_default_str()->check(CLI::Range(1, 64));
  explore->add_option("--runs", args->runs, "How many runs (seeds)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000'000));
  explore->add_option("--expect-status", args->expect_status, "The exit status of a good run")
      ->capture_default_str()
      ->check(CLI::Range(0, 255));
  explore
      ->add_option("--expect-stdout", args->expect_stdout_file,
                   "A file holding exactly what a good run prints to stdout")
      ->type_name("FILE");
  explore->add_option("--strategy", args->strategy, "How chaos chooses: random, pct or bounded-preemption")
      ->capture_default_str()
      ->check(CLI::IsMember({"random", "pct", "bounded-preemption"}));
  explore->add_option("--seed", args->seed, "The first seed; run i uses SEED + i")->capture_default_str();
  explore->add_option("--time-limit", args->time_limit, "Virtual ticks a run may take before it is a timeout")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  explore->add_flag("--json", args->json, "Print the result as one JSON object");
  explore->footer(
      "Options may come anywhere; after \"--\" everything goes to the program.\n"
      "Each run is classified: expected, wrong_status, wrong_output, deadlock, crash (killed by a signal)\n"
      "or timeout (still running at --time-limit).\n"
      "Exit status: 0 every run as expected; 1 a failure was found (the replay command reproduces it);\n"
      "2 bad usage, a bad ELF file or an unreadable --expect-stdout file.");
  explore->callback([args, &status] { status = run_explore(*args); });
}

}  // namespace ks::cli
