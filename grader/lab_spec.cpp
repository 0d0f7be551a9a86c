// Reading a lab folder: lab.json and its tests (see grader/test_spec.h).
#include <algorithm>
#include <filesystem>

#include "grader/homework.h"
#include "grader/test_spec.h"
#include "scenario/json_reader.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<std::string> text_list(const JsonReader& in, const json* value, const JsonPath& path) {
  std::vector<std::string> list;
  if (!value) return list;
  in.expect_array(*value, path);
  for (std::size_t i = 0; i < value->size(); ++i) list.push_back(in.text((*value)[i], path / i));
  return list;
}

void read_limits(const JsonReader& in, const json& limits, const JsonPath& path, LabSpec& lab) {
  in.expect_object(limits, path, {"cpu_seconds", "wall_seconds", "memory_mb", "processes", "file_mb", "build_seconds"});
  if (const json* v = JsonReader::member(limits, "cpu_seconds"))
    lab.limits.cpu_seconds = in.number(*v, path / "cpu_seconds", 0.1, 3600);
  if (const json* v = JsonReader::member(limits, "wall_seconds"))
    lab.limits.wall_seconds = in.number(*v, path / "wall_seconds", 0.1, 3600);
  if (const json* v = JsonReader::member(limits, "memory_mb"))
    lab.limits.memory_bytes = in.integer(*v, path / "memory_mb", 16, 1 << 20) << 20;
  if (const json* v = JsonReader::member(limits, "processes"))
    lab.limits.processes = in.integer(*v, path / "processes", 1, 100000);
  if (const json* v = JsonReader::member(limits, "file_mb"))
    lab.limits.file_bytes = in.integer(*v, path / "file_mb", 1, 1 << 20) << 20;
  if (const json* v = JsonReader::member(limits, "build_seconds"))
    lab.build_seconds = in.number(*v, path / "build_seconds", 1, 7200);
}

void read_rubric(const JsonReader& in, const json& rubric, const JsonPath& path, LabSpec& lab) {
  in.expect_array(rubric, path);
  for (std::size_t i = 0; i < rubric.size(); ++i) {
    const json& entry = rubric[i];
    in.expect_object(entry, path / i, {"name", "tags", "manual_points", "description"});
    RubricItem item;
    const json* name = JsonReader::member(entry, "name");
    if (!name) in.fail(path / i, "a rubric item needs \"name\"");
    item.name = in.text(*name, path / i / "name");
    item.tags = text_list(in, JsonReader::member(entry, "tags"), path / i / "tags");
    if (const json* v = JsonReader::member(entry, "manual_points"))
      item.manual_points = in.number(*v, path / i / "manual_points", 0, 1e6);
    if (const json* v = JsonReader::member(entry, "description"))
      item.description = in.text(*v, path / i / "description");
    lab.rubric.push_back(std::move(item));
  }
}

// The tests in DIR/*.json, sorted by file name.
void add_tests(const fs::path& dir, Visibility visibility, LabSpec& lab) {
  if (!fs::is_directory(dir)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    TestSpec test = load_test(file.generic_string(), visibility);
    for (const TestSpec& other : lab.tests) {
      if (other.name == test.name) {
        throw InputError({file.generic_string(), 0, 0, "name"},
                         "test name \"" + test.name + "\" is also used by " + other.file);
      }
    }
    lab.tests.push_back(std::move(test));
  }
}

}  // namespace

std::string find_lab_dir(const std::string& lab, const std::string& source_dir) {
  if (fs::is_regular_file(fs::path(lab) / "lab.json")) return fs::path(lab).lexically_normal().generic_string();
  const fs::path named = fs::path(source_dir) / "labs" / lab;
  if (lab.find('/') == std::string::npos && fs::is_regular_file(named / "lab.json")) return named.generic_string();
  throw InputError({lab, 0, 0, {}}, "no such lab: expected a folder with lab.json, or a lab name under " +
                                        (fs::path(source_dir) / "labs").generic_string());
}

LabSpec load_lab(const std::string& dir, bool include_hidden) {
  const std::string file = (fs::path(dir) / "lab.json").generic_string();
  const JsonReader in(file, read_input_file(file));
  const json& root = in.root();
  const JsonPath top;
  in.expect_object(root, top,
                   {"name", "title", "kind", "student_files", "other_files", "limits", "rubric", "homework"});
  LabSpec lab;
  lab.dir = dir;
  const json* name = JsonReader::member(root, "name");
  lab.name = name ? in.text(*name, top / "name") : fs::path(dir).filename().string();
  if (const json* title = JsonReader::member(root, "title")) lab.title = in.text(*title, top / "title");
  const json* kind = JsonReader::member(root, "kind");
  if (kind && in.text(*kind, top / "kind") == "homework") {
    lab.kind = LabKind::Homework;
    const json* homework = JsonReader::member(root, "homework");
    if (!homework) in.fail(top, "a homework lab needs \"homework\": its questions (docs/lab-authoring.md)");
    read_homework(in, *homework, top / "homework", lab);
    if (const json* rubric = JsonReader::member(root, "rubric")) read_rubric(in, *rubric, top / "rubric", lab);
    return lab;
  }
  if (kind && in.text(*kind, top / "kind") != "code") in.fail(top / "kind", "a lab's kind is \"code\" or \"homework\"");
  lab.student_files = text_list(in, JsonReader::member(root, "student_files"), top / "student_files");
  if (lab.student_files.empty()) in.fail(top, "a lab needs \"student_files\": the sources students write");
  lab.other_files = text_list(in, JsonReader::member(root, "other_files"), top / "other_files");
  if (const json* limits = JsonReader::member(root, "limits")) read_limits(in, *limits, top / "limits", lab);
  if (const json* rubric = JsonReader::member(root, "rubric")) read_rubric(in, *rubric, top / "rubric", lab);
  add_tests(fs::path(dir) / "tests" / "visible", Visibility::Visible, lab);
  if (include_hidden) add_tests(fs::path(dir) / "tests" / "hidden", Visibility::Hidden, lab);
  return lab;
}

}  // namespace ks::grade
