// grader/runner/runner_main.cpp — main() of kgrade-runner, the per-submission executable.
//
// kgrade builds one runner per submission: this file (prebuilt in the library
// ks-grader-runner-main) linked with the lab's student sources, which register their policies
// (kernel/sched/extra_policies.h). The grader runs it in a sandbox, once per test:
//     kgrade-runner SCENARIO --policy NAME [--param K=V]... [--seed N] [--until T]
//                   [--trace FILE] [--console FILE] [-q]
// It writes the trace (the only thing the grader believes) and, unless -q, prints the timeline
// and the metrics, so that the same command replays a failing test for the student.
// Exit status: 0 ran, 2 bad input (scenario, policy, parameters), 1 simulation error (a broken
// kernel invariant: often the student's policy), 3 out of memory.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "grader/run_scenario.h"
#include "scenario/json_reader.h"
#include "sim-core/error.h"

namespace {

struct RunnerArgs {
  ks::grade::ScenarioRunRequest request;
  std::string trace_file = "trace.jsonl";
  std::string console_file;
  bool quiet = false;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "kgrade-runner: " << problem
            << "\nusage: kgrade-runner SCENARIO --policy NAME [--param K=V]... [--seed N] [--until T] [--trace FILE] "
               "[--console FILE] [-q]\n";
  std::exit(2);
}

std::int64_t number(const std::string& option, const std::string& text) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used == text.size() && value >= 0) return value;
  } catch (const std::exception&) {
  }
  usage(option + ": expected a non-negative integer, got \"" + text + "\"");
}

RunnerArgs parse(int argc, char** argv) {
  RunnerArgs args;
  const std::vector<std::string> words(argv + 1, argv + argc);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= words.size()) usage(word + " needs a value");
      return words[++i];
    };
    if (word == "--policy") args.request.policy = value();
    else if (word == "--param") args.request.params.push_back(value());
    else if (word == "--seed") args.request.seed = static_cast<std::uint64_t>(number(word, value()));
    else if (word == "--until") args.request.until = number(word, value());
    else if (word == "--trace") args.trace_file = value();
    else if (word == "--console") args.console_file = value();
    else if (word == "-q" || word == "--quiet") args.quiet = true;
    else if (!word.empty() && word[0] == '-') usage("unknown option " + word);
    else if (args.request.scenario_file.empty()) args.request.scenario_file = word;
    else usage("one scenario only");
  }
  if (args.request.scenario_file.empty()) usage("no scenario given");
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  const RunnerArgs args = parse(argc, argv);
  try {
    ks::grade::ScenarioRunRequest request = args.request;
    request.scenario_text = ks::read_input_file(request.scenario_file);
    // Unbuffered: a run killed at a limit leaves every event up to the kill in the file, for
    // the visualizer ("watch it"); the grader reads only a trace that ends with run_end.
    std::ofstream trace;
    trace.rdbuf()->pubsetbuf(nullptr, 0);
    trace.open(args.trace_file, std::ios::binary);
    if (!trace) throw ks::InputError({args.trace_file, 0, 0, {}}, "cannot write this file");
    if (!args.console_file.empty()) std::ofstream(args.console_file, std::ios::binary);  // no console device yet
    ks::grade::run_scenario_to_trace(request, trace, args.quiet ? nullptr : &std::cout);
    trace.close();
    if (!trace) throw ks::InputError({args.trace_file, 0, 0, {}}, "writing the trace failed");
    return 0;
  } catch (const ks::InputError& error) {
    std::cerr << "error: " << error.what() << '\n';
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory\n";
    return 3;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << '\n';
    return 1;
  }
}
