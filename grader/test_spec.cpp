// grader/test_spec.cpp — reading a test file (the format: test_spec.h and docs/grading.md).
//
// Every key is checked where it is read, through the shared JsonReader, so a mistake is reported
// with the file, line:column and key path; a key the test or its check kind does not use is
// refused, naming the allowed ones, rather than silently ignored. A test's points go to its
// checks as given (they must add up) or in equal shares.
#include "grader/test_spec.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "scenario/json_reader.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace fs = std::filesystem;
using nlohmann::json;

std::string_view to_string(Visibility visibility) {
  switch (visibility) {
    case Visibility::Visible: return "visible";
    case Visibility::Hidden: return "hidden";
    case Visibility::AfterDueDate: return "after_due_date";
  }
  return "?";
}

std::string_view to_string(CheckKind kind) {
  switch (kind) {
    case CheckKind::Metric: return "metric";
    case CheckKind::Order: return "order";
    case CheckKind::MaxWait: return "max_wait";
    case CheckKind::Count: return "count";
    case CheckKind::Reference: return "reference";
    case CheckKind::Invariant: return "invariant";
    case CheckKind::Output: return "output";
  }
  return "?";
}

std::string_view to_string(Comparison comparison) {
  switch (comparison) {
    case Comparison::Equal: return "==";
    case Comparison::Less: return "<";
    case Comparison::LessEqual: return "<=";
    case Comparison::Greater: return ">";
    case Comparison::GreaterEqual: return ">=";
  }
  return "?";
}

namespace {

// Reading one test file: the reader (for positions) and helpers for optional members.
class TestReader {
 public:
  TestReader(const std::string& file, const std::string& text) : reader_(file, text) {}
  const JsonReader& reader() const { return reader_; }

  std::string text_or(const json& object, const JsonPath& path, const char* key, std::string fallback) const {
    const json* value = JsonReader::member(object, key);
    return value ? reader_.text(*value, path / key) : fallback;
  }
  double number_or(const json& object, const JsonPath& path, const char* key, double fallback, double min,
                   double max) const {
    const json* value = JsonReader::member(object, key);
    return value ? reader_.number(*value, path / key, min, max) : fallback;
  }

  EventKind event_kind(const json& value, const JsonPath& path) const {
    const auto kind = event_kind_from_string(reader_.text(value, path));
    if (!kind) reader_.fail(path, "unknown event kind " + value.dump() + " (see docs/trace-format.md)");
    return *kind;
  }

  EventPattern pattern(const json& value, const JsonPath& path) const {
    reader_.expect_object(value, path, {"event", "process", "nth"});
    const json* kind = JsonReader::member(value, "event");
    if (!kind) reader_.fail(path, "missing \"event\" (an event kind such as \"dispatched\")");
    EventPattern pattern;
    pattern.kind = event_kind(*kind, path / "event");
    pattern.process = text_or(value, path, "process", "");
    if (const json* nth = JsonReader::member(value, "nth")) pattern.nth = reader_.integer(*nth, path / "nth", 1);
    return pattern;
  }

  Comparison comparison(const json& object, const JsonPath& path) const {
    const std::string op = text_or(object, path, "op", "==");
    for (const Comparison c :
         {Comparison::Equal, Comparison::Less, Comparison::LessEqual, Comparison::Greater, Comparison::GreaterEqual}) {
      if (op == to_string(c)) return c;
    }
    reader_.fail(path / "op", "must be one of ==, <, <=, >, >=, got \"" + op + "\"");
  }

  Check check(const json& value, const JsonPath& path) const;

 private:
  void expect_keys(const json& value, const JsonPath& path, const std::string& kind,
                   std::initializer_list<const char*> own) const;
  void metric_check(const json& value, const JsonPath& path, Check& check) const;
  void trace_check(const json& value, const JsonPath& path, const std::string& kind, Check& check) const;
  void run_check(const json& value, const JsonPath& path, const std::string& kind, Check& check) const;

  JsonReader reader_;
};

// Refuses keys of a check that its KIND does not use (naming the allowed ones).
void TestReader::expect_keys(const json& value, const JsonPath& path, const std::string& kind,
                             std::initializer_list<const char*> own) const {
  std::vector<const char*> keys{"kind", "label", "points"};
  keys.insert(keys.end(), own.begin(), own.end());
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (std::none_of(keys.begin(), keys.end(), [&](const char* key) { return it.key() == key; })) {
      std::string allowed;
      for (const char* key : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(key);
      reader_.fail(path / it.key(), "unknown key for a \"" + kind + "\" check (allowed: " + allowed + ")", true);
    }
  }
}

void TestReader::metric_check(const json& value, const JsonPath& path, Check& check) const {
  expect_keys(value, path, "metric", {"metric", "op", "value", "reference", "tolerance", "relative_tolerance"});
  check.kind = CheckKind::Metric;
  check.metric = text_or(value, path, "metric", "");
  if (check.metric.empty()) reader_.fail(path, "a metric check needs \"metric\" (e.g. \"system.turnaround.mean\")");
  check.op = comparison(value, path);
  if (const json* v = JsonReader::member(value, "value")) check.value = reader_.number(*v, path / "value", -1e18, 1e18);
  check.value_from_policy = text_or(value, path, "reference", "");
  if (check.value.has_value() == !check.value_from_policy.empty()) {
    reader_.fail(path, "a metric check needs exactly one of \"value\" and \"reference\" (a policy name)");
  }
  check.tolerance = number_or(value, path, "tolerance", 0, 0, 1e18);
  check.relative_tolerance = number_or(value, path, "relative_tolerance", 0, 0, 1e6);
}

void TestReader::trace_check(const json& value, const JsonPath& path, const std::string& kind, Check& check) const {
  if (kind == "order") {
    expect_keys(value, path, kind, {"first", "before"});
    check.kind = CheckKind::Order;
    const json* first = JsonReader::member(value, "first");
    const json* before = JsonReader::member(value, "before");
    if (!first || !before) reader_.fail(path, "an order check needs \"first\" and \"before\" (event patterns)");
    check.first = pattern(*first, path / "first");
    check.second = pattern(*before, path / "before");
  } else if (kind == "max_wait") {
    expect_keys(value, path, kind, {"ticks", "process"});
    check.kind = CheckKind::MaxWait;
    const json* ticks = JsonReader::member(value, "ticks");
    if (!ticks) reader_.fail(path, "a max_wait check needs \"ticks\"");
    check.max_ticks = reader_.integer(*ticks, path / "ticks", 0);
    check.event.process = text_or(value, path, "process", "");
  } else {
    expect_keys(value, path, kind, {"event", "op", "value", "reference", "tolerance", "relative_tolerance"});
    check.kind = CheckKind::Count;
    const json* event = JsonReader::member(value, "event");
    const json* count = JsonReader::member(value, "value");
    check.value_from_policy = text_or(value, path, "reference", "");
    if (!event || (count == nullptr) == check.value_from_policy.empty()) {
      reader_.fail(path,
                   "a count check needs \"event\" (a pattern) and exactly one of \"value\" and \"reference\" "
                   "(a policy whose run gives the expected count)");
    }
    check.event = pattern(*event, path / "event");
    check.op = comparison(value, path);
    if (count != nullptr) check.value = static_cast<double>(reader_.integer(*count, path / "value", 0));
    check.tolerance = number_or(value, path, "tolerance", 0, 0, 1e18);
    check.relative_tolerance = number_or(value, path, "relative_tolerance", 0, 0, 1e6);
  }
}

void TestReader::run_check(const json& value, const JsonPath& path, const std::string& kind, Check& check) const {
  if (kind == "reference") {
    expect_keys(value, path, kind, {"policy", "events"});
    check.kind = CheckKind::Reference;
    check.reference_policy = text_or(value, path, "policy", "");
    if (check.reference_policy.empty()) reader_.fail(path, "a reference check needs \"policy\" (e.g. \"mlfq\")");
    if (const json* events = JsonReader::member(value, "events")) {
      reader_.expect_array(*events, path / "events");
      for (std::size_t i = 0; i < events->size(); ++i)
        check.kinds.push_back(event_kind((*events)[i], path / "events" / i));
    }
  } else if (kind == "invariant") {
    expect_keys(value, path, kind, {"name"});
    check.kind = CheckKind::Invariant;
    check.invariant = text_or(value, path, "name", "");
    if (check.invariant != "all_complete" && check.invariant != "work_conserving") {
      reader_.fail(path / "name", "must be \"all_complete\" or \"work_conserving\", got \"" + check.invariant + "\"");
    }
  } else {
    expect_keys(value, path, kind, {"pattern", "expect"});
    check.kind = CheckKind::Output;
    check.pattern = text_or(value, path, "pattern", "");
    if (const json* expect = JsonReader::member(value, "expect"))
      check.expect_match = reader_.boolean(*expect, path / "expect");
  }
}

Check TestReader::check(const json& value, const JsonPath& path) const {
  if (!value.is_object()) reader_.fail(path, "each check must be an object");
  const std::string kind = text_or(value, path, "kind", "");
  Check check;
  if (kind == "metric") metric_check(value, path, check);
  else if (kind == "order" || kind == "max_wait" || kind == "count") trace_check(value, path, kind, check);
  else if (kind == "reference" || kind == "invariant" || kind == "output") run_check(value, path, kind, check);
  else
    reader_.fail(path / "kind",
                 "must be one of metric, order, max_wait, count, reference, invariant, output, got \"" + kind + "\"");
  check.label = text_or(value, path, "label", "");
  check.points = number_or(value, path, "points", -1, 0, 1e6);
  return check;
}

void read_params(const TestReader& in, const json& params, const JsonPath& path, TestSpec& test) {
  if (!params.is_object()) in.reader().fail(path, "must be an object of policy parameters");
  for (auto it = params.begin(); it != params.end(); ++it) {
    const json& value = it.value();
    if (value.is_string()) test.params.push_back(it.key() + "=" + value.get<std::string>());
    else if (value.is_number() || value.is_boolean()) test.params.push_back(it.key() + "=" + value.dump());
    else in.reader().fail(path / it.key(), "must be a number, a string or true/false");
  }
}

void read_scenario(const TestReader& in, const json& scenario, const JsonPath& path, TestSpec& test) {
  if (scenario.is_object()) {
    test.scenario_text = scenario.dump(2);
  } else if (scenario.is_string()) {
    const fs::path file = fs::path(test.file).parent_path() / scenario.get<std::string>();
    test.scenario_file = file.lexically_normal().generic_string();
    if (!fs::exists(file)) in.reader().fail(path, "no such scenario file: " + test.scenario_file);
    test.scenario_text = read_input_file(test.scenario_file);
  } else {
    in.reader().fail(path, "must be a scenario object or the path of a scenario file (relative to the test)");
  }
}

// Gives every check its points: as given (they must add up to the test's), or shared equally.
void share_points(const TestReader& in, TestSpec& test) {
  const bool any_given =
      std::any_of(test.checks.begin(), test.checks.end(), [](const Check& c) { return c.points >= 0; });
  if (!any_given) {
    for (Check& check : test.checks) check.points = test.points / static_cast<double>(test.checks.size());
    return;
  }
  double sum = 0;
  for (std::size_t i = 0; i < test.checks.size(); ++i) {
    if (test.checks[i].points < 0)
      in.reader().fail(JsonPath() / "checks" / i, "give \"points\" to every check or to none");
    sum += test.checks[i].points;
  }
  if (std::abs(sum - test.points) > 1e-9) {
    in.reader().fail(JsonPath() / "points",
                     "the checks' points add up to " + std::to_string(sum) + ", not to the test's points");
  }
}

}  // namespace

TestSpec parse_test(const std::string& text, const std::string& file, Visibility visibility) {
  TestReader in(file, text);
  const json& root = in.reader().root();
  const JsonPath top;
  in.reader().expect_object(root, top,
                            {"name", "description", "points", "visibility", "time_limit", "tags", "policy", "params",
                             "scenario", "seed", "until", "handout", "checks"});
  TestSpec test;
  test.file = file;
  test.visibility = visibility;
  test.name = in.text_or(root, top, "name", fs::path(file).stem().string());
  test.description = in.text_or(root, top, "description", "");
  test.points = in.number_or(root, top, "points", 1, 0, 1e6);
  test.time_limit = in.number_or(root, top, "time_limit", 5, 0.1, 3600);
  const std::string shown = in.text_or(root, top, "visibility", std::string(to_string(visibility)));
  if (shown == "visible") test.visibility = Visibility::Visible;
  else if (shown == "hidden") test.visibility = Visibility::Hidden;
  else if (shown == "after_due_date") test.visibility = Visibility::AfterDueDate;
  else in.reader().fail(top / "visibility", "must be visible, hidden or after_due_date, got \"" + shown + "\"");
  if (const json* tags = JsonReader::member(root, "tags")) {
    in.reader().expect_array(*tags, top / "tags");
    for (std::size_t i = 0; i < tags->size(); ++i) test.tags.push_back(in.reader().text((*tags)[i], top / "tags" / i));
  }
  test.policy = in.text_or(root, top, "policy", "");
  if (test.policy.empty())
    in.reader().fail(top, "a test needs \"policy\": the policy under test (e.g. \"student_mlfq\")");
  if (const json* params = JsonReader::member(root, "params")) read_params(in, *params, top / "params", test);
  const json* scenario = JsonReader::member(root, "scenario");
  if (!scenario) in.reader().fail(top, "a test needs \"scenario\" (an object, or a file relative to the test)");
  read_scenario(in, *scenario, top / "scenario", test);
  if (const json* seed = JsonReader::member(root, "seed"))
    test.seed = static_cast<std::uint64_t>(in.reader().integer(*seed, top / "seed", 0));
  if (const json* until = JsonReader::member(root, "until")) test.until = in.reader().integer(*until, top / "until", 1);
  const std::string handout = in.text_or(root, top, "handout", "fail");
  if (handout != "pass" && handout != "fail") in.reader().fail(top / "handout", "must be \"pass\" or \"fail\"");
  test.handout_passes = handout == "pass";
  const json* checks = JsonReader::member(root, "checks");
  if (!checks) in.reader().fail(top, "a test needs \"checks\" (a non-empty array)");
  in.reader().expect_array(*checks, top / "checks");
  if (checks->empty()) in.reader().fail(top / "checks", "must not be empty");
  for (std::size_t i = 0; i < checks->size(); ++i) test.checks.push_back(in.check((*checks)[i], top / "checks" / i));
  share_points(in, test);
  return test;
}

TestSpec load_test(const std::string& file, Visibility visibility) {
  return parse_test(read_input_file(file), file, visibility);
}

}  // namespace ks::grade
