"""Unit tests of labs/tools/make-handout: solution regions, released labs, and the check that no
file of a student tree shares a run of lines with a hidden solution (each check can fail)."""
import importlib.machinery
import importlib.util
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "labs", "tools", "make-handout")
loader = importlib.machinery.SourceFileLoader("make_handout", TOOL)
spec = importlib.util.spec_from_loader("make_handout", loader)
make_handout = importlib.util.module_from_spec(spec)
loader.exec_module(make_handout)

SOURCE = """int f() {
  // BEGIN SOLUTION: TODO return the answer
  // (it is 42)
  return 42;
  //> return 0;
  // END SOLUTION
}
"""


class StripSolutions(unittest.TestCase):
    def test_a_hidden_region_becomes_its_todo_and_starter_code(self):
        text, regions, hidden = make_handout.strip_solutions(SOURCE, "f.cpp", keep=False)
        self.assertEqual(text, "int f() {\n  // TODO return the answer\n  // (it is 42)\n  return 0;\n}\n")
        self.assertEqual(regions, 1)
        self.assertEqual(hidden, ["  return 42;"])

    def test_a_released_region_keeps_the_reference_without_markers(self):
        text, _, _ = make_handout.strip_solutions(SOURCE, "f.cpp", keep=True)
        self.assertEqual(text, "int f() {\n  return 42;\n}\n")

    def test_unbalanced_markers_are_refused(self):
        with self.assertRaises(SystemExit) as error:
            make_handout.strip_solutions("// BEGIN SOLUTION: x\nint a;\n", "g.cpp", keep=False)
        self.assertEqual(error.exception.code, 1)
        with self.assertRaises(SystemExit):
            make_handout.strip_solutions("int a;\n// END SOLUTION\n", "g.cpp", keep=False)

    def test_a_sentence_that_names_the_markers_is_not_a_marker(self):
        text = "// students write the BEGIN SOLUTION ... END SOLUTION regions of this file\nint a;\n"
        stripped, regions, _ = make_handout.strip_solutions(text, "h.cpp", keep=False)
        self.assertEqual((stripped, regions), (text, 0))


class SharedRuns(unittest.TestCase):
    SOLUTION = "\n".join(f"  step_{i}(state, {i});" for i in range(20))

    def tree_with(self, text):
        folder = tempfile.mkdtemp(prefix="make-handout-test-")
        with open(os.path.join(folder, "leak.md"), "w", encoding="utf-8") as f:
            f.write(text)
        return folder

    def test_twelve_lines_of_a_hidden_solution_anywhere_are_refused(self):
        leaked = "\n".join(self.SOLUTION.split("\n")[3:15])  # exactly 12 lines, re-indented
        folder = self.tree_with("# notes\n\n" + leaked.replace("  ", "    ") + "\n")
        with self.assertRaises(SystemExit) as error:
            make_handout.check_no_shared_runs(folder, ["leak.md"], [("kernel/x.cpp", self.SOLUTION)])
        self.assertEqual(error.exception.code, 1)

    def test_eleven_lines_and_blank_lines_do_not_count(self):
        lines = self.SOLUTION.split("\n")[3:14]  # 11 lines, with blank lines between them
        folder = self.tree_with("\n\n".join(lines) + "\n")
        make_handout.check_no_shared_runs(folder, ["leak.md"], [("kernel/x.cpp", self.SOLUTION)])  # no exit


class Ownership(unittest.TestCase):
    LABS = {"scheduling": {"student_files": ["kernel/sched/mlfq.cpp"], "other_files": ["labs/scheduling/answers.md"]}}

    def test_a_region_belongs_to_the_lab_that_lists_the_file_or_holds_it(self):
        self.assertEqual(make_handout.owner_of("kernel/sched/mlfq.cpp", self.LABS), "scheduling")
        self.assertEqual(make_handout.owner_of("labs/scheduling/handout.md", self.LABS), "scheduling")
        self.assertIsNone(make_handout.owner_of("kernel/sched/rr.cpp", self.LABS))

    def test_hidden_tests_rubric_and_solution_files_are_left_out(self):
        hidden = {"scheduling"}
        self.assertTrue(make_handout.left_out("labs/scheduling/tests/hidden/a.json", hidden))
        self.assertTrue(make_handout.left_out("labs/scheduling/rubric.md", hidden))
        self.assertTrue(make_handout.left_out("labs/x/SOLUTION.md", hidden))
        self.assertFalse(make_handout.left_out("labs/scheduling/tests/visible/a.json", hidden))
        self.assertFalse(make_handout.left_out("labs/scheduling/tests/hidden/a.json", set()))


if __name__ == "__main__":
    sys.exit(0 if unittest.main(exit=False).result.wasSuccessful() else 1)
