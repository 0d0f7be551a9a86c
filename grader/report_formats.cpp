// The machine-read report formats: kgrade's JSON, Gradescope, PrairieLearn, JUnit XML.
#include <nlohmann/json.hpp>
#include <sstream>

#include "grader/report.h"

namespace ks::grade {

namespace {

nlohmann::json check_json(const CheckResult& check) {
  return {{"label", check.label},   {"kind", to_string(check.kind)}, {"passed", check.passed},
          {"points", check.points}, {"earned", check.earned},        {"expected", check.expected},
          {"actual", check.actual}, {"detail", check.detail}};
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters, even escaped: drop them.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
    }
  }
  return out;
}

}  // namespace

std::string student_replay(const GradeReport& report, const TestResult& result) {
  if (result.test->visibility != Visibility::Visible) {
    return "This test is hidden: its scenario is not in your tree. The visible tests of lab " + report.lab +
           " cover the same rules.\n";
  }
  return "Run it yourself, in your kernsim tree (the handout):\n    build/bin/kgrade test " + report.lab + " --test " +
         result.test->name + "\nIt prints the commands that replay the run and open it in the visualizer.\n";
}

std::string render_json(const GradeReport& report) {
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& result : report.tests) {
    nlohmann::json checks = nlohmann::json::array();
    for (const CheckResult& check : result.checks) checks.push_back(check_json(check));
    tests.push_back({{"name", result.test->name},
                     {"file", result.test->file},
                     {"status", to_string(result.status)},
                     {"points", result.test->points},
                     {"earned", result.earned},
                     {"reason", result.reason},
                     {"visibility", to_string(result.test->visibility)},
                     {"tags", result.test->tags},
                     {"seconds", result.seconds},
                     {"checks", checks},
                     {"replay", result.replay}});
  }
  const nlohmann::json document = {{"lab", report.lab},
                                   {"submission", report.submission},
                                   {"sandbox", report.sandbox},
                                   {"notes", report.notes},
                                   {"graded", report.graded()},
                                   {"grading_error", report.grading_error},
                                   {"build_ok", report.build_ok},
                                   {"complete", report.complete},
                                   {"score", report.earned()},
                                   {"max_score", report.possible()},
                                   {"tests", tests}};
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_gradescope(const GradeReport& report) {
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& result : report.tests) {
    nlohmann::json test = {{"name", result.test->name},
                           {"score", result.earned},
                           {"max_score", result.test->points},
                           {"status", result.status == TestStatus::Passed ? "passed" : "failed"},
                           {"output", explain_test(result, false) + student_replay(report, result)},
                           {"visibility", to_string(result.test->visibility)}};
    if (!result.test->tags.empty()) test["tags"] = result.test->tags;
    tests.push_back(std::move(test));
  }
  std::string output = "Sandbox: " + report.sandbox + "\n";
  if (!report.graded())
    output += "NOT GRADED (a fault of the grader, not of the submission): " + report.grading_error + "\n";
  if (!report.build_ok && report.complete) output += "Your submission did not build:\n" + report.build_log + "\n";
  if (!report.complete) output += "Grading did not finish; the tests so far are shown.\n";
  const nlohmann::json document = {{"score", report.earned()},
                                   {"output", output},
                                   {"stdout_visibility", "hidden"},
                                   {"tests", tests},
                                   {"extra_data", {{"lab", report.lab}, {"complete", report.complete}}}};
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_prairielearn(const GradeReport& report) {
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& result : report.tests) {
    tests.push_back({{"name", result.test->name},
                     {"description", result.test->description},
                     {"points", result.earned},
                     {"max_points", result.test->points},
                     {"message", std::string(to_string(result.status)) + ": " + result.reason},
                     {"output", explain_test(result, false) + student_replay(report, result)}});
  }
  if (!report.graded()) {
    // PrairieLearn's own "not gradable": no points awarded or lost, no attempt used.
    const std::string message = "Not graded: a fault of the grader, not of your submission (" + report.grading_error +
                                "). Your attempt does not count; submit again later or tell your instructor.";
    const nlohmann::json document = {{"gradable", false}, {"message", message}, {"format_errors", {message}}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  const double possible = report.possible();
  const double score = possible > 0 ? report.earned() / possible : 0.0;
  std::string message = report.build_ok ? "" : "Your submission did not build.";
  if (!report.complete) message += " Grading did not finish.";
  const nlohmann::json document = {{"gradable", true},  // a build error is a grade of 0, not "ungradable"
                                   {"score", score},
                                   {"message", message},
                                   {"output", report.build_ok ? std::string() : report.build_log},
                                   {"tests", tests}};
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_junit(const GradeReport& report) {
  std::size_t failures = 0, errors = 0;
  double seconds = 0;
  for (const TestResult& result : report.tests) {
    if (result.status == TestStatus::Partial || result.status == TestStatus::Failed) ++failures;
    else if (result.status != TestStatus::Passed) ++errors;
    seconds += result.seconds;
  }
  std::ostringstream out;
  if (!report.graded()) ++errors;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"" << xml_escape(report.lab)
      << "\" tests=\"" << report.tests.size() << "\" failures=\"" << failures << "\" errors=\"" << errors
      << "\" time=\"" << seconds << "\">\n";
  for (const TestResult& result : report.tests) {
    out << "    <testcase classname=\"" << xml_escape(report.lab) << "\" name=\"" << xml_escape(result.test->name)
        << "\" time=\"" << result.seconds << "\">\n";
    const std::string message = xml_escape(std::string(to_string(result.status)) + ": " + result.reason);
    if (result.status == TestStatus::Partial || result.status == TestStatus::Failed) {
      out << "      <failure message=\"" << message << "\">" << xml_escape(explain_test(result)) << "</failure>\n";
    } else if (result.status != TestStatus::Passed) {
      out << "      <error message=\"" << message << "\">" << xml_escape(explain_test(result)) << "</error>\n";
    }
    out << "      <properties><property name=\"points\" value=\"" << result.earned << "/" << result.test->points
        << "\"/></properties>\n    </testcase>\n";
  }
  if (!report.graded()) {
    out << "    <testcase classname=\"" << xml_escape(report.lab)
        << "\" name=\"grading\" time=\"0\">\n      <error message=\"not graded: " << xml_escape(report.grading_error)
        << "\">a fault of the grader, not of the submission</error>\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace ks::grade
