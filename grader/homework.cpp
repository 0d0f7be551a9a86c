// The homework lab kind (see grader/homework.h): reading the questions, seeds, the handout and
// the key, reading an answers file, and grading it.
#include "grader/homework.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "ostep/simulator.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string trim(const std::string& text) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  return text.substr(start, text.find_last_not_of(" \t\r\n") - start + 1);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string quote(const std::string& word) {
  if (!word.empty() && word.find_first_of(" \"'$\\*?&|;<>()") == std::string::npos) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

bool is_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

HomeworkAnswer read_answer(const JsonReader& in, const json& value, const JsonPath& path) {
  in.expect_object(value, path, {"name", "prompt", "points", "pattern", "occurrence", "tolerance"});
  HomeworkAnswer answer;
  const json* name = JsonReader::member(value, "name");
  const json* pattern = JsonReader::member(value, "pattern");
  if (!name || !pattern) in.fail(path, "an answer needs \"name\" and \"pattern\"");
  answer.name = in.text(*name, path / "name");
  if (!is_name(answer.name)) in.fail(path / "name", "an answer's name is letters, digits, '-' and '_'");
  answer.pattern = in.text(*pattern, path / "pattern");
  try {
    std::regex check(answer.pattern);
  } catch (const std::regex_error& error) {
    in.fail(path / "pattern", std::string("not a regular expression: ") + error.what());
  }
  if (const json* v = JsonReader::member(value, "prompt")) answer.prompt = in.text(*v, path / "prompt");
  if (const json* v = JsonReader::member(value, "points")) answer.points = in.number(*v, path / "points", 0, 1e6);
  if (const json* v = JsonReader::member(value, "tolerance"))
    answer.tolerance = in.number(*v, path / "tolerance", 0, 1e300);
  if (const json* v = JsonReader::member(value, "occurrence")) {
    const std::string occurrence = in.text(*v, path / "occurrence");
    if (occurrence != "first" && occurrence != "last")
      in.fail(path / "occurrence", "\"first\" or \"last\" (the line that gives the answer)");
    answer.last = occurrence == "last";
  }
  return answer;
}

HomeworkQuestion read_question(const JsonReader& in, const json& value, const JsonPath& path) {
  in.expect_object(value, path, {"name", "prompt", "simulator", "args", "answers"});
  HomeworkQuestion question;
  const json* name = JsonReader::member(value, "name");
  const json* simulator = JsonReader::member(value, "simulator");
  const json* answers = JsonReader::member(value, "answers");
  if (!name || !simulator || !answers) in.fail(path, "a question needs \"name\", \"simulator\" and \"answers\"");
  question.name = in.text(*name, path / "name");
  if (!is_name(question.name)) in.fail(path / "name", "a question's name is letters, digits, '-' and '_'");
  question.simulator = in.text(*simulator, path / "simulator");
  if (!ostep::find_simulator(question.simulator))
    in.fail(path / "simulator", "no simulator \"" + question.simulator + "\" (kernsim ostep --list)");
  if (const json* v = JsonReader::member(value, "prompt")) question.prompt = in.text(*v, path / "prompt");
  if (const json* args = JsonReader::member(value, "args")) {
    in.expect_array(*args, path / "args");
    for (std::size_t i = 0; i < args->size(); ++i) question.args.push_back(in.text((*args)[i], path / "args" / i));
  }
  in.expect_array(*answers, path / "answers");
  if (answers->empty()) in.fail(path / "answers", "a question needs at least one answer");
  for (std::size_t i = 0; i < answers->size(); ++i) {
    HomeworkAnswer answer = read_answer(in, (*answers)[i], path / "answers" / i);
    for (const HomeworkAnswer& other : question.answers) {
      if (other.name == answer.name)
        in.fail(path / "answers" / i / "name", "two answers named \"" + answer.name + "\"");
    }
    question.answers.push_back(std::move(answer));
  }
  return question;
}

// The answers-file key of ANSWER.
std::string answer_key(const HomeworkQuestion& question, const HomeworkAnswer& answer) {
  return question.answers.size() == 1 ? question.name : question.name + "." + answer.name;
}

// Lines of TEXT.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::optional<double> as_number(const std::string& text) {
  const std::string trimmed = trim(text);
  if (trimmed.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(trimmed.c_str(), &end);
  if (end != trimmed.c_str() + trimmed.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// TEXT without blanks, in lower case: "192, 234" and "192,234" are the same answer.
std::string without_blanks(const std::string& text) {
  std::string squeezed;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0)
      squeezed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return squeezed;
}

std::string points_text(double points) {
  std::ostringstream out;
  out << points;
  return out.str();
}

// Who handed a submission in, and how kgrade knows it.
struct Identity {
  std::string student;
  std::string source;  // "--student", "Gradescope's submission_metadata.json", "the folder's name", ...
};

// The student of Gradescope's submission_metadata.json beside the submission folder (Gradescope
// keeps it at /autograder/submission_metadata.json next to /autograder/submission): the first
// user's "sid" (the roster's student id), or their "email" when the course gives no ids.
std::optional<Identity> gradescope_identity(const fs::path& folder, std::vector<std::string>& problems) {
  const fs::path file = folder.parent_path() / "submission_metadata.json";
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  const json metadata = json::parse(in, nullptr, false);
  const json* users = metadata.is_object() ? JsonReader::member(metadata, "users") : nullptr;
  if (users && users->is_array() && !users->empty() && (*users)[0].is_object()) {
    for (const char* key : {"sid", "email"}) {
      const json* value = JsonReader::member((*users)[0], key);
      if (value && value->is_string() && !trim(value->get<std::string>()).empty()) {
        return Identity{trim(value->get<std::string>()),
                        "Gradescope's submission_metadata.json (" + std::string(key) + ")"};
      }
    }
  }
  problems.push_back(file.generic_string() +
                     ": no student id (users[0].sid or users[0].email) in it; graded by the folder's name");
  return std::nullopt;
}

// The student a submission is graded as: the command line's --student, else Gradescope's
// metadata, else the submission folder's name (kgrade batch grades a class folder of folders
// named by student id; kgrade homework --roster writes them so). The answers file's own
// `student:` line never chooses: a student cannot claim another's questions. Where it names
// someone else the mismatch is one of the file's problems, and the line is ignored. Only the
// lab's own folder (its example key, graded by `kgrade test LAB` without --submission) is graded
// as the student its file names.
Identity submission_identity(const LabSpec& lab, const GradeOptions& options, AnswersFile& answers) {
  const fs::path folder = fs::absolute(options.submission_dir).lexically_normal();
  std::optional<Identity> identity;
  if (!options.student.empty()) identity = Identity{options.student, "--student"};
  if (!identity) identity = gradescope_identity(folder, answers.problems);
  std::error_code error;
  if (!identity && !answers.student.empty() && fs::equivalent(folder, fs::absolute(lab.dir), error)) {
    identity = Identity{answers.student, "the student line of the lab's own example answers"};
  }
  if (!identity) {
    fs::path name = folder;
    if (name.filename().empty()) name = name.parent_path();
    identity = Identity{name.filename().string(), "the submission folder's name"};
  }
  if (!answers.student.empty() && answers.student != identity->student) {
    answers.problems.push_back(lab.homework->answers_file + ": its student line says \"" + answers.student +
                               "\", but this submission is " + identity->student + "'s (from " + identity->source +
                               "): graded as " + identity->student +
                               " (a student's own check names itself with kgrade test --student ID)");
  }
  return *identity;
}

TestResult grade_question(const LabSpec& lab, const TestSpec& test, const HomeworkQuestion& question,
                          const std::string& student, const AnswersFile& submitted, const std::string& missing_note) {
  TestResult result;
  result.test = &test;
  const std::string solution = homework_command(lab, question, student, true);
  result.replay = {solution};
  std::vector<std::string> expected;
  try {
    expected = homework_expected(lab, question, student);
  } catch (const InputError& error) {
    result.status = TestStatus::TestError;
    result.reason = std::string("the question is wrong (tell your instructor): ") + error.what();
    return result;
  }
  std::size_t right = 0;
  for (std::size_t i = 0; i < question.answers.size(); ++i) {
    const HomeworkAnswer& answer = question.answers[i];
    CheckResult check;
    check.label = answer_key(question, answer) + (answer.prompt.empty() ? "" : ": " + answer.prompt);
    check.kind = CheckKind::Output;
    check.points = answer.points;
    check.expected = expected[i];
    const auto given = submitted.answers.find(answer_key(question, answer));
    if (given == submitted.answers.end()) {
      check.actual = "(no answer)";
      check.detail =
          "no line \"" + answer_key(question, answer) + ": VALUE\" in " + lab.homework->answers_file + missing_note;
    } else {
      check.actual = given->second;
      check.passed = homework_answer_matches(answer, expected[i], given->second);
      if (!check.passed) check.detail = "the worked solution: " + solution;
    }
    if (check.passed) {
      check.earned = check.points;
      ++right;
    }
    result.earned += check.earned;
    result.checks.push_back(std::move(check));
  }
  result.status = right == question.answers.size() ? TestStatus::Passed
                  : right > 0                      ? TestStatus::Partial
                                                   : TestStatus::Failed;
  result.reason = std::to_string(right) + " of " + std::to_string(question.answers.size()) +
                  (question.answers.size() == 1 ? " answer" : " answers") + " right";
  return result;
}

}  // namespace

void read_homework(const JsonReader& in, const json& value, const JsonPath& path, LabSpec& lab) {
  in.expect_object(value, path, {"assignment", "answers_file", "seed_limit", "handout_files", "questions"});
  auto homework = std::make_shared<HomeworkSpec>();
  homework->assignment = lab.name;
  if (const json* v = JsonReader::member(value, "assignment")) homework->assignment = in.text(*v, path / "assignment");
  if (const json* v = JsonReader::member(value, "answers_file"))
    homework->answers_file = in.text(*v, path / "answers_file");
  if (const json* v = JsonReader::member(value, "seed_limit"))
    homework->seed_limit = in.integer(*v, path / "seed_limit", 1, 1LL << 31);
  if (const json* files = JsonReader::member(value, "handout_files")) {
    in.expect_array(*files, path / "handout_files");
    for (std::size_t i = 0; i < files->size(); ++i) {
      const std::string file = in.text((*files)[i], path / "handout_files" / i);
      if (!fs::is_regular_file(fs::path(lab.dir) / file))
        in.fail(path / "handout_files" / i, "no file " + file + " in the lab folder");
      homework->handout_files.push_back(file);
    }
  }
  const json* questions = JsonReader::member(value, "questions");
  if (!questions) in.fail(path, "a homework lab needs \"questions\"");
  in.expect_array(*questions, path / "questions");
  if (questions->empty()) in.fail(path / "questions", "a homework lab needs at least one question");
  for (std::size_t i = 0; i < questions->size(); ++i) {
    HomeworkQuestion question = read_question(in, (*questions)[i], path / "questions" / i);
    for (const HomeworkQuestion& other : homework->questions) {
      if (other.name == question.name)
        in.fail(path / "questions" / i / "name", "two questions named \"" + question.name + "\"");
    }
    TestSpec test;
    test.name = question.name;
    test.description = question.prompt;
    test.file = in.file();
    test.tags = {"homework", question.simulator};
    for (const HomeworkAnswer& answer : question.answers) test.points += answer.points;
    lab.tests.push_back(std::move(test));
    homework->questions.push_back(std::move(question));
  }
  lab.homework = std::move(homework);
}

std::int64_t homework_seed(const HomeworkSpec& homework, const std::string& question, const std::string& student) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a, 64 bits
  for (const char c : homework.assignment + "/" + question + "/" + student) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>(hash % static_cast<std::uint64_t>(homework.seed_limit));
}

std::vector<std::string> homework_arguments(const LabSpec& lab, const HomeworkQuestion& question,
                                            const std::string& student, bool for_display) {
  const std::string seed = std::to_string(homework_seed(*lab.homework, question.name, student));
  const std::string lab_dir = fs::path(lab.dir).generic_string();
  std::vector<std::string> args;
  for (const std::string& arg : question.args) {
    std::string word = replace_all(arg, "{seed}", seed);
    word =
        for_display ? replace_all(replace_all(word, "{lab}/", ""), "{lab}", ".") : replace_all(word, "{lab}", lab_dir);
    args.push_back(word);
  }
  return args;
}

std::string homework_command(const LabSpec& lab, const HomeworkQuestion& question, const std::string& student,
                             bool with_answers) {
  std::string command = "kernsim ostep " + question.simulator;
  for (const std::string& arg : homework_arguments(lab, question, student, true)) command += " " + quote(arg);
  return with_answers ? command + " -c" : command;
}

std::vector<std::string> homework_expected(const LabSpec& lab, const HomeworkQuestion& question,
                                           const std::string& student) {
  const ostep::Simulator* simulator = ostep::find_simulator(question.simulator);
  const InputLocation where{lab.dir + "/lab.json", 0, 0, "homework.questions." + question.name};
  if (!simulator) throw InputError(where, "no simulator \"" + question.simulator + "\"");
  std::vector<std::string> args = homework_arguments(lab, question, student, false);
  args.emplace_back("-c");
  std::ostringstream out, err;
  const int status = simulator->run(args, out, err);
  if (status != 0) {
    throw InputError(where, homework_command(lab, question, student, true) + " failed (exit status " +
                                std::to_string(status) + "): " + trim(err.str()).substr(0, 300));
  }
  const std::vector<std::string> lines = lines_of(out.str());
  std::vector<std::string> expected;
  for (const HomeworkAnswer& answer : question.answers) {
    const std::regex pattern(answer.pattern);
    std::optional<std::string> found;
    for (const std::string& line : lines) {
      std::smatch match;
      if (!std::regex_search(line, match, pattern)) continue;
      found = trim(match.size() > 1 ? match[1].str() : match[0].str());
      if (!answer.last) break;
    }
    if (!found)
      throw InputError(where, "the pattern of answer \"" + answer.name + "\" matches no line of the output of " +
                                  homework_command(lab, question, student, true));
    expected.push_back(*found);
  }
  return expected;
}

std::string homework_questions(const LabSpec& lab, const std::string& student) {
  const HomeworkSpec& homework = *lab.homework;
  std::ostringstream out;
  out << "# " << (lab.title.empty() ? lab.name : lab.title) << ": questions for " << student << "\n\n"
      << "Run each command from this folder (kernsim ostep SIM -h lists a simulator's flags), work the\n"
      << "answers out, and write them in " << homework.answers_file << ", one line each:\n\n"
      << "    student: " << student << "\n";
  for (const HomeworkQuestion& question : homework.questions) {
    for (const HomeworkAnswer& answer : question.answers) out << "    " << answer_key(question, answer) << ": VALUE\n";
  }
  out << "\nCheck them with `kgrade test " << lab.name << " --submission FOLDER` before you hand them in.\n";
  int number = 0;
  for (std::size_t q = 0; q < homework.questions.size(); ++q) {
    const HomeworkQuestion& question = homework.questions[q];
    const TestSpec& test = lab.tests[q];
    out << "\n## " << ++number << ". " << question.name << " (" << points_text(test.points)
        << (test.points == 1 ? " point" : " points") << ")\n\n";
    if (!question.prompt.empty())
      out << replace_all(question.prompt, "{seed}", std::to_string(homework_seed(homework, question.name, student)))
          << "\n\n";
    out << "    " << homework_command(lab, question, student, false) << "\n\n";
    for (const HomeworkAnswer& answer : question.answers) {
      out << "- `" << answer_key(question, answer) << "`" << (answer.prompt.empty() ? "" : ": " + answer.prompt) << " ("
          << points_text(answer.points) << (answer.points == 1 ? " point" : " points") << ")\n";
    }
  }
  return out.str();
}

std::string homework_answer_key(const LabSpec& lab, const std::string& student) {
  std::ostringstream out;
  out << "# The answers of " << student << " for " << lab.name << " (kgrade homework --key)\nstudent: " << student
      << "\n";
  for (const HomeworkQuestion& question : lab.homework->questions) {
    const std::vector<std::string> expected = homework_expected(lab, question, student);
    for (std::size_t i = 0; i < question.answers.size(); ++i)
      out << answer_key(question, question.answers[i]) << ": " << expected[i] << "\n";
  }
  return out.str();
}

AnswersFile parse_answers(const std::string& text, const std::string& file) {
  AnswersFile answers;
  const std::vector<std::string> lines = lines_of(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string where = file + ":" + std::to_string(i + 1) + ": ";
    const std::string line = trim(lines[i].substr(0, lines[i].find('#')));
    if (line.empty()) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      answers.problems.push_back(where + "expected \"NAME: VALUE\", found \"" + line.substr(0, 80) +
                                 "\" (line ignored)");
      continue;
    }
    const std::string key = trim(line.substr(0, colon));
    const std::string value = trim(line.substr(colon + 1));
    if (value.empty()) {
      answers.problems.push_back(where + "no value after \"" + key + ":\" (line ignored)");
    } else if (key == "student") {
      if (!answers.student.empty() && answers.student != value)
        answers.problems.push_back(where + "a second student line (the first counts)");
      if (answers.student.empty()) answers.student = value;
    } else if (answers.answers.count(key) != 0) {
      answers.problems.push_back(where + "a second answer for " + key + " (the first counts)");
    } else {
      answers.answers[key] = value;
    }
  }
  return answers;
}

bool homework_answer_matches(const HomeworkAnswer& answer, const std::string& expected, const std::string& given) {
  const std::optional<double> want = as_number(expected);
  const std::optional<double> got = as_number(given);
  if (want && got) return std::fabs(*want - *got) <= answer.tolerance + 1e-9 * std::max(1.0, std::fabs(*want));
  return without_blanks(expected) == without_blanks(given);
}

GradeReport grade_homework(const LabSpec& lab, const GradeOptions& options) {
  if (!lab.homework) throw InputError({lab.dir + "/lab.json", 0, 0, "kind"}, "not a homework lab");
  GradeReport report;
  report.lab = lab.name;
  report.lab_title = lab.title;
  report.submission = options.submission_dir;
  report.sandbox = "none needed: the answers are checked by running the simulators in kgrade's own process";
  report.rubric = lab.rubric;
  report.build_ok = true;
  std::vector<std::size_t> selected;
  for (std::size_t i = 0; i < lab.tests.size(); ++i) {
    if (options.test_filter.empty() || lab.tests[i].name == options.test_filter) selected.push_back(i);
  }
  if (selected.empty())
    throw InputError({lab.dir, 0, 0, "--test"}, "no question named \"" + options.test_filter + "\" in this lab");
  for (const std::size_t i : selected) report.selected_points += lab.tests[i].points;
  const auto progress = [&] {
    if (options.on_progress) options.on_progress(report);
  };
  progress();
  const fs::path file = fs::path(options.submission_dir) / lab.homework->answers_file;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  AnswersFile answers = parse_answers(text.str(), lab.homework->answers_file);
  if (!in)
    answers.problems.push_back("the submission has no " + lab.homework->answers_file + " (looked in " +
                               options.submission_dir + ")");
  const Identity identity = submission_identity(lab, options, answers);
  const std::string& student = identity.student;
  std::string missing_note;
  for (const auto& [key, value] : answers.answers) {
    bool known = false;
    for (const HomeworkQuestion& question : lab.homework->questions) {
      for (const HomeworkAnswer& answer : question.answers) known = known || answer_key(question, answer) == key;
    }
    if (!known)
      answers.problems.push_back(lab.homework->answers_file + ": \"" + key +
                                 "\" is not an answer of this homework (ignored)");
  }
  // The problems of the answers file are notes: every report format shows them, the text one too.
  report.notes.push_back("graded as student " + student + " (from " + identity.source + ")");
  report.build_log = report.notes.back();
  for (const std::string& problem : answers.problems) {
    report.notes.push_back(problem);
    report.build_log += "\n" + problem;
    missing_note += "; " + problem;
  }
  for (const std::size_t i : selected) {
    report.tests.push_back(
        grade_question(lab, lab.tests[i], lab.homework->questions[i], student, answers, missing_note));
    progress();
  }
  report.complete = true;
  progress();
  return report;
}

int run_homework_command(const std::vector<std::string>& args, const std::string& source_dir, std::ostream& out,
                         std::ostream& err) {
  try {
    std::string lab_name, student, roster, out_dir;
    bool key = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& word = args[i];
      const auto value = [&](std::string& into) {
        if (i + 1 >= args.size()) throw InputError({"", 0, 0, word}, word + " needs a value");
        into = args[++i];
      };
      if (word == "--student") value(student);
      else if (word == "--roster") value(roster);
      else if (word == "--out") value(out_dir);
      else if (word == "--key") key = true;
      else if (!word.empty() && word[0] != '-' && lab_name.empty()) lab_name = word;
      else
        throw InputError(
            {"", 0, 0, word},
            "unexpected \"" + word + "\" (kgrade homework LAB (--student ID | --roster FILE --out DIR) [--key])");
    }
    if (lab_name.empty() || (student.empty() == roster.empty()) || (!roster.empty() && out_dir.empty())) {
      throw InputError({"", 0, 0, {}}, "usage: kgrade homework LAB (--student ID | --roster FILE --out DIR) [--key]");
    }
    const LabSpec lab = load_lab(find_lab_dir(lab_name, source_dir), false);
    if (!lab.homework)
      throw InputError({lab.dir + "/lab.json", 0, 0, "kind"}, "lab " + lab.name + " is not a homework lab");
    if (!student.empty()) {
      out << (key ? homework_answer_key(lab, student) : homework_questions(lab, student));
      return 0;
    }
    std::ifstream ids(roster);
    if (!ids) throw InputError({roster, 0, 0, {}}, "cannot read the roster");
    std::size_t written = 0;
    for (std::string line; std::getline(ids, line);) {
      const std::string id = trim(line);
      if (id.empty() || id[0] == '#') continue;
      if (!is_name(replace_all(replace_all(id, ".", "_"), "@", "_")))
        throw InputError({roster, 0, 0, {}}, "\"" + id + "\" is not a usable student id (letters, digits, . - _ @)");
      const fs::path dir = fs::path(out_dir) / id;
      fs::create_directories(dir);
      std::ofstream(dir / "questions.md", std::ios::binary) << homework_questions(lab, id);
      std::string answers = "# Your answers, one \"NAME: VALUE\" line each (see questions.md)\nstudent: " + id + "\n";
      if (key) answers = homework_answer_key(lab, id);
      std::ofstream(dir / lab.homework->answers_file, std::ios::binary) << answers;
      for (const std::string& file : lab.homework->handout_files) {
        fs::create_directories((dir / file).parent_path());
        fs::copy_file(fs::path(lab.dir) / file, dir / file, fs::copy_options::overwrite_existing);
      }
      ++written;
    }
    out << "wrote the questions of " << written << " students under " << out_dir << "\n";
    return 0;
  } catch (const InputError& error) {
    err << "kgrade homework: " << error.what() << "\n";
    return 2;
  } catch (const fs::filesystem_error& error) {
    err << "kgrade homework: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace ks::grade
