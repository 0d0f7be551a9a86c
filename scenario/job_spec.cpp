// scenario/job_spec.cpp — parsing `kernsim sched --jobs` (the syntax: job_spec.h). SPEC is split
// at commas into tokens that remember their column; each token starts a job, continues the
// bursts of the named job before it, or gives that job an attribute, and every mistake is an
// InputError at the token's column.
#include "scenario/job_spec.h"

#include <charconv>
#include <set>
#include <string>
#include <string_view>

#include "scenario/limits.h"
#include "sim-core/error.h"

namespace ks {
namespace {

struct Token {
  std::string text;
  std::int64_t column;  // 1-based position in SPEC
};

[[noreturn]] void fail(const Token& token, const std::string& problem) {
  throw InputError({"", 0, token.column, "--jobs"}, "job \"" + token.text + "\": " + problem);
}

Tick number(const Token& token, std::string_view text, Tick min, const char* what) {
  Tick value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool too_large =
      error == std::errc::result_out_of_range && end == text.data() + text.size() && text.front() != '-';
  if (!too_large && (error != std::errc() || end != text.data() + text.size() || text.empty()))
    fail(token, std::string(what) + " is not a whole number");
  if (!too_large && value < min) fail(token, std::string(what) + " must be " + (min == 0 ? "0 or more" : "at least 1"));
  if (too_large || value > kMaxTime) {
    fail(token, std::string(what) + " must be between " + std::to_string(min) + " and " + std::to_string(kMaxTime) +
                    ", got " + std::string(text));
  }
  return value;
}

bool is_burst(const std::string& text) {
  return text.size() >= 2 && (text[0] == 'c' || text[0] == 'i') &&
         text.find_first_not_of("0123456789", 1) == std::string::npos;
}

void add_burst(BurstProcessSpec& job, const Token& token, const std::string& text) {
  if (!is_burst(text)) fail(token, "a burst is cN (CPU) or iN (I/O), got \"" + text + "\"");
  const bool cpu = text[0] == 'c';
  const bool expect_cpu = job.bursts.size() % 2 == 0;
  if (cpu != expect_cpu)
    fail(token, std::string("bursts alternate CPU and I/O, starting with CPU; expected ") + (expect_cpu ? "cN" : "iN"));
  job.bursts.push_back(
      {cpu ? Burst::Kind::Cpu : Burst::Kind::Io, number(token, std::string_view(text).substr(1), 1, "a burst length")});
}

// A KEY=VALUE token after a job: its tickets, priority or nice value, with the bounds of the
// scenario keys of the same names. SEEN holds the keys the job already has.
void add_attribute(BurstProcessSpec& job, const Token& token, std::set<std::string>& seen) {
  const auto equals = token.text.find('=');
  const std::string key = token.text.substr(0, equals);
  const std::string_view text = std::string_view(token.text).substr(equals + 1);
  if (!seen.insert(key).second) fail(token, key + " is given twice for this job");
  const auto value = [&](std::int64_t min, std::int64_t max) {
    std::int64_t v = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || v < min || v > max) {
      fail(token, key + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return v;
  };
  if (key == "tickets") job.tickets = value(1, 1'000'000'000);
  else if (key == "priority") job.priority = static_cast<std::int32_t>(value(-1000, 1000));
  else if (key == "nice") job.nice = static_cast<std::int32_t>(value(-20, 19));
  else fail(token, "unknown attribute \"" + key + "\" (a job takes tickets=N, priority=N and nice=N)");
}

std::vector<Token> tokens_of(const std::string& spec) {
  std::vector<Token> tokens;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= spec.size(); ++i) {
    if (i == spec.size() || spec[i] == ',') {
      std::string text = spec.substr(start, i - start);
      const auto first = text.find_first_not_of(' ');
      const auto last = text.find_last_not_of(' ');
      text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
      tokens.push_back({text, static_cast<std::int64_t>(start + 1)});
      start = i + 1;
    }
  }
  return tokens;
}

}  // namespace

std::vector<BurstProcessSpec> parse_job_spec(const std::string& spec) {
  std::vector<BurstProcessSpec> jobs;
  std::vector<Token> starts;                      // the token that began each job
  std::vector<std::set<std::string>> attributes;  // per job, the attributes it was given
  for (const Token& token : tokens_of(spec)) {
    if (token.text.empty()) fail(token, "empty job (two commas in a row, or a trailing comma?)");
    if (token.text.find('=') != std::string::npos && token.text.find_first_of("@:") == std::string::npos) {
      if (jobs.empty()) fail(token, "an attribute (tickets=N, priority=N, nice=N) follows the job it belongs to");
      add_attribute(jobs.back(), token, attributes.back());
      continue;
    }
    if (is_burst(token.text) && !jobs.empty() && token.text.find(':') == std::string::npos) {
      if (starts.back().text.find('@') == std::string::npos)
        fail(token, "bursts follow only a named job (NAME@ARRIVAL:c..)");
      add_burst(jobs.back(), token, token.text);
      continue;
    }
    const auto colon = token.text.find(':');
    if (colon == std::string::npos) fail(token, "expected ARRIVAL:LENGTH or NAME@ARRIVAL:cN,iN,...");
    BurstProcessSpec job;
    const auto at = token.text.find('@');
    if (at != std::string::npos && at < colon) {
      job.name = token.text.substr(0, at);
      if (job.name.empty() || job.name.size() > 64) fail(token, "a name has 1 to 64 characters");
      job.arrival = number(token, std::string_view(token.text).substr(at + 1, colon - at - 1), 0, "the arrival");
      const std::string first = token.text.substr(colon + 1);
      if (!first.empty() && first.find_first_not_of("0123456789") == std::string::npos) {
        job.bursts.push_back({Burst::Kind::Cpu, number(token, first, 1, "the length")});  // NAME@ARRIVAL:LENGTH
      } else {
        add_burst(job, token, first);
      }
    } else {
      job.name = "J" + std::to_string(jobs.size());
      job.arrival = number(token, std::string_view(token.text).substr(0, colon), 0, "the arrival");
      job.bursts.push_back(
          {Burst::Kind::Cpu, number(token, std::string_view(token.text).substr(colon + 1), 1, "the length")});
    }
    jobs.push_back(std::move(job));
    starts.push_back(token);
    attributes.emplace_back();
  }
  std::set<std::string> names;
  WorkloadSize size;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (jobs[i].bursts.back().kind != Burst::Kind::Cpu) fail(starts[i], "the last burst must be a CPU burst");
    if (!names.insert(jobs[i].name).second) fail(starts[i], "duplicate job name \"" + jobs[i].name + "\"");
    size.add(jobs[i]);
    if (size.worst_case_end(0) > kMaxRunTime)
      fail(starts[i], "with this job, the arrivals and lengths add up to more than 2^62 ticks");
  }
  return jobs;
}

}  // namespace ks
