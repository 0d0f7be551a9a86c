// grader/homework.h — the `homework` lab kind: per-student randomised OSTEP questions, checked by
// running the simulator in kgrade's own process.
//
// A homework lab (lab.json "kind": "homework", see docs/lab-authoring.md) lists QUESTIONS. Each
// is one `kernsim ostep SIM ARGS` run, whose ARGS may say {seed} (this student's seed for this
// question) and {lab} (the lab folder; a student runs the command from their handout folder, so
// the printed command leaves "{lab}/" out). A question has one or more ANSWERS, each a value read
// from the run's `-c` output by a regular expression (matched line by line, the first or the last
// line that matches; group 1, or the whole match) and worth some points: that is the partial
// credit within a question.
//
// The seed of question Q for student S is FNV-1a-64("ASSIGNMENT/Q/S") mod SEED_LIMIT: stable
// across machines and runs, different for each student and question, and changed for a whole
// class by renaming the assignment. Students hand in one answers file (answers.txt unless the lab
// says otherwise):
//
//     # comments and blank lines are ignored
//     student: alice
//     race.total: 5        one "QUESTION.ANSWER: VALUE" line per answer ("QUESTION: VALUE"
//     disk: 645             when the question has a single answer)
//
// A value is right when it equals the expected one: as numbers within the answer's tolerance when
// both are numbers, otherwise as text (case and blanks ignored: "192, 234" is "192,234"). A wrong answer's check
// says the expected value and the command that prints the worked solution (the same run with -c).
// grade_homework returns the GradeReport of grade_submission (one TestResult per question), so
// every report format, `kgrade batch` and the gradebook work unchanged.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "grader/grade.h"
#include "grader/test_spec.h"
#include "scenario/json_reader.h"

namespace ks::grade {

struct HomeworkAnswer {
  std::string name;    // "total"; the answers-file key is QUESTION.NAME
  std::string prompt;  // what to find, for the handout
  double points = 1;
  std::string pattern;   // ECMAScript regular expression, matched against each output line
  bool last = false;     // the last matching line (default: the first)
  double tolerance = 0;  // for numbers: |given - expected| <= tolerance
};

struct HomeworkQuestion {
  std::string name;
  std::string prompt;
  std::string simulator;          // a `kernsim ostep` simulator
  std::vector<std::string> args;  // may contain {seed} and {lab}
  std::vector<HomeworkAnswer> answers;
};

struct HomeworkSpec {
  std::string assignment;  // seeds derive from it (default: the lab's name)
  std::string answers_file = "answers.txt";
  std::int64_t seed_limit = 100000;        // seeds are in [0, seed_limit)
  std::vector<std::string> handout_files;  // lab files a student needs (programs), relative to the lab
  std::vector<HomeworkQuestion> questions;
};

// Reads lab.json's "homework" object (VALUE at PATH of IN) into LAB: lab.homework, and one
// TestSpec per question (its points the sum of its answers') for the reports. Throws InputError.
void read_homework(const JsonReader& in, const nlohmann::json& value, const JsonPath& path, LabSpec& lab);

// The seed of QUESTION for STUDENT.
std::int64_t homework_seed(const HomeworkSpec& homework, const std::string& question, const std::string& student);

// The `kernsim ostep` words of QUESTION for STUDENT (without -c). For a student's eyes
// (FOR_DISPLAY) {lab}/ is dropped; otherwise it becomes the lab folder.
std::vector<std::string> homework_arguments(const LabSpec& lab, const HomeworkQuestion& question,
                                            const std::string& student, bool for_display);
// "kernsim ostep x86 -p programs/race.s ... -s 4821" (with " -c" when WITH_ANSWERS).
std::string homework_command(const LabSpec& lab, const HomeworkQuestion& question, const std::string& student,
                             bool with_answers);

// The expected value of every answer of QUESTION for STUDENT, in the question's order. Throws
// InputError (naming the question) when the run fails or a pattern finds nothing: the lab is wrong.
std::vector<std::string> homework_expected(const LabSpec& lab, const HomeworkQuestion& question,
                                           const std::string& student);

// STUDENT's questions as a Markdown handout: each prompt, its command and its answer keys.
std::string homework_questions(const LabSpec& lab, const std::string& student);
// A correct answers file for STUDENT (for instructors, and to test a lab).
std::string homework_answer_key(const LabSpec& lab, const std::string& student);

// An answers file as read: who, what they answered, and the lines that could not be read.
struct AnswersFile {
  std::string student;
  std::map<std::string, std::string> answers;
  std::vector<std::string> problems;  // "answers.txt:4: ..." (such lines are ignored)
};
AnswersFile parse_answers(const std::string& text, const std::string& file);

// Whether GIVEN is right for EXPECTED under ANSWER's rules.
bool homework_answer_matches(const HomeworkAnswer& answer, const std::string& expected, const std::string& given);

// Grades the answers file in OPTIONS.submission_dir: every question (or OPTIONS.test_filter's)
// run for the submission's student: OPTIONS.student (kgrade test --student), else Gradescope's
// submission_metadata.json beside the folder (users[0].sid, else .email), else the folder's
// name. The file's own `student:` line is checked against it, never believed: a mismatch is
// reported and the line ignored (only the lab's own example answers are graded as it says).
// The file's problems (unknown or repeated answers, unreadable lines, that mismatch) are the
// report's notes, which every report format shows.
GradeReport grade_homework(const LabSpec& lab, const GradeOptions& options);

// `kgrade homework LAB (--student ID | --roster FILE --out DIR) [--key]`: prints a student's
// questions (or, with --key, a correct answers file); with a roster (one id a line) writes
// DIR/ID/questions.md, DIR/ID/answers.txt (to fill in, or the key with --key) and the lab's
// handout files. ARGS are the words after "homework"; SOURCE_DIR finds a lab by name.
// Returns 0, or 2 for bad input (message on ERR).
int run_homework_command(const std::vector<std::string>& args, const std::string& source_dir, std::ostream& out,
                         std::ostream& err);

}  // namespace ks::grade
