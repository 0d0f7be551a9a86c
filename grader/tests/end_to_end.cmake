# End-to-end tests of kgrade (included from grader/CMakeLists.txt): the reference solution scores
# 100%, the handout scores only what needs no student code, every hostile submission gets its
# verdict while the grader survives, bad input is refused, every report format and batch mode.
set(_ks_e2e ${CMAKE_BINARY_DIR}/grader-e2e)
set(_ks_hostile ${PROJECT_SOURCE_DIR}/grader/tests/hostile)

# ks_grader_test(NAME STATUS EXPECT [REPORT file REPORT_EXPECT regexes] COMMAND args...)
function(ks_grader_test name status expect)
  cmake_parse_arguments(PARSE_ARGV 3 _t "" "REPORT;REPORT_EXPECT" "COMMAND")
  add_test(NAME grader.${name}
           COMMAND ${CMAKE_COMMAND} -DSTATUS=${status} "-DEXPECT=${expect}" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -DREPORT=${_t_REPORT} "-DREPORT_EXPECT=${_t_REPORT_EXPECT}"
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/expect.cmake -- ${_t_COMMAND})
  set_tests_properties(grader.${name} PROPERTIES TIMEOUT 240)
endfunction()

ks_grader_test(reference_solution_scores_everything 0 "score: 100 / 100@@mlfq_generated +10/10 +passed"
  COMMAND $<TARGET_FILE:kgrade> test scheduling --work ${_ks_e2e}/reference)

# The hostile submission: each attack gets its verdict, the report survives the attempt to
# overwrite it, and the honest test after the attacks is graded normally.
if(KS_SANITIZE)
  # Under AddressSanitizer there is no address-space limit (ASan reserves terabytes); the child's
  # hard_rss_limit_mb stops it instead, and how ASan dies then varies between versions. ASan's
  # allocator is slow enough that on a loaded machine the 2 s CPU limit may come first.
  set(_ks_allocate "allocate +0/1 +(memory limit|crashed|runner error|cpu limit)")
else()
  set(_ks_allocate "allocate +0/1 +memory limit")
endif()
set(_ks_hostile_verdicts "${_ks_allocate}@@escape +1/1 +passed@@fake_pass +0/1 +failed@@fork_bomb +0/1 +(timeout|cpu limit)@@huge_output +0/1 +file size limit@@kill_grader +0/1 +(failed|crashed|runner error|bad trace)@@loop +0/1 +(cpu limit|timeout)@@segfault +0/1 +crashed \\(killed by SIGSEGV@@write_files +0/1 +failed@@z_honest +1/1 +passed@@score: 2 / 10")
ks_grader_test(hostile_submissions_get_their_verdicts 0 "${_ks_hostile_verdicts}"
  REPORT ${_ks_e2e}/hostile/report.txt REPORT_EXPECT "z_honest +1/1 +passed@@score: 2 / 10"
  COMMAND $<TARGET_FILE:kgrade> test ${_ks_hostile}
    --submission ${_ks_hostile}/submissions/attacker --work ${_ks_e2e}/hostile --out ${_ks_e2e}/hostile/report.txt)
set_tests_properties(grader.hostile_submissions_get_their_verdicts PROPERTIES FIXTURES_SETUP ks_grader_hostile)
add_test(NAME grader.a_killed_test_leaves_its_events_for_the_visualizer
         COMMAND ${CMAKE_COMMAND} -DTRACE=${_ks_e2e}/hostile/tests/loop/trace.jsonl -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/killed_trace_test.cmake)
set_tests_properties(grader.a_killed_test_leaves_its_events_for_the_visualizer PROPERTIES FIXTURES_REQUIRED ks_grader_hostile)
ks_grader_test(a_submission_that_does_not_build_scores_zero 0 "segfault +0/1 +build error@@score: 0 / 10@@this is not C"
  COMMAND $<TARGET_FILE:kgrade> test ${_ks_hostile} --submission ${_ks_hostile}/submissions/broken --work ${_ks_e2e}/broken)

ks_grader_test(a_malformed_test_is_refused_with_its_position 2 "bad\\.json:[0-9]+:[0-9]+: checks\\[0\\]\\.kind"
  COMMAND $<TARGET_FILE:kgrade> test ${PROJECT_SOURCE_DIR}/grader/tests/bad-lab)
ks_grader_test(a_missing_lab_is_refused 2 "no such lab" COMMAND $<TARGET_FILE:kgrade> test no-such-lab)
ks_grader_test(a_missing_submission_is_refused 2 "no-such-folder.*no such folder"
  COMMAND $<TARGET_FILE:kgrade> test scheduling --submission no-such-folder)

ks_grader_test(gradescope_results 0 "mlfq_mixed +15/15 +passed"
  REPORT ${_ks_e2e}/formats/results.json
  REPORT_EXPECT "\"max_score\": 15@@\"visibility\": \"visible\"@@\"score\": 15@@\"status\": \"passed\"@@in your kernsim tree \\(the handout\\):\\\\n +build/bin/kgrade test scheduling --test mlfq_mixed"
  COMMAND $<TARGET_FILE:kgrade> test scheduling --test mlfq_mixed
    --format gradescope --out ${_ks_e2e}/formats/results.json --work ${_ks_e2e}/formats)
ks_grader_test(prairielearn_results 0 "\"gradable\": true@@\"score\": 1\\.0@@\"max_points\": 12"
  COMMAND $<TARGET_FILE:kgrade> test scheduling --test stride_shares --format prairielearn --work ${_ks_e2e}/formats-pl)
ks_grader_test(junit_results 0 "<testsuite name=\"scheduling\" tests=\"1\" failures=\"0\" errors=\"0\""
  COMMAND $<TARGET_FILE:kgrade> test scheduling --test stride_late_arrival --format junit --work ${_ks_e2e}/formats-junit)
ks_grader_test(gradescope_package 0 "wrote .*autograder\\.zip"
  COMMAND $<TARGET_FILE:kgrade> gradescope-package scheduling --out ${_ks_e2e}/autograder.zip)
set_tests_properties(grader.gradescope_package PROPERTIES FIXTURES_SETUP ks_grader_zip)
ks_grader_test(gradescope_package_lists 0 "setup\\.sh@@run_autograder@@labs/scheduling/tests/hidden/mlfq_generated\\.json"
  COMMAND ${CMAKE_COMMAND} -E tar tf ${_ks_e2e}/autograder.zip)
set_tests_properties(grader.gradescope_package_lists PROPERTIES FIXTURES_REQUIRED ks_grader_zip)
# The package's tree configures as setup.sh configures it (building it is what setup.sh does on
# Gradescope; here configuring proves that no folder the build needs was left out of the zip).
add_test(NAME grader.gradescope_package_configures
         COMMAND ${CMAKE_COMMAND} -DZIP=${_ks_e2e}/autograder.zip -DOUT=${_ks_e2e}/autograder-unpacked
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/package_configures_test.cmake)
set_tests_properties(grader.gradescope_package_configures PROPERTIES FIXTURES_REQUIRED ks_grader_zip TIMEOUT 240)

ks_grader_test(batch_grades_a_folder_of_submissions 0 "2 submissions graded"
  REPORT ${_ks_e2e}/batch/grades.csv REPORT_EXPECT "submission,score,max_score,status@@attacker,2,10,graded@@broken,0,10,build error"
  COMMAND $<TARGET_FILE:kgrade> batch ${_ks_hostile} ${_ks_hostile}/submissions
    -j 2 --csv ${_ks_e2e}/batch/grades.csv --logs ${_ks_e2e}/batch/logs --work ${_ks_e2e}/batch/work)

set_tests_properties(grader.batch_grades_a_folder_of_submissions PROPERTIES FIXTURES_SETUP ks_grader_batch)

# The gradebook over the batch's reports: the CSV it exports and the window, rendered off screen.
if(KS_GRADEBOOK_BUILT)
  ks_grader_test(gradebook_exports_the_batch 0 "2 submissions, 10 tests"
    REPORT ${_ks_e2e}/gradebook/grades.csv
    REPORT_EXPECT "submission,score,max_score,status,allocate,escape,fake_pass@@attacker,2,10,graded,0,1,0,0,0,0,0,0,0,1@@broken,0,10,build error,0,0,0,0,0,0,0,0,0,0"
    COMMAND $<TARGET_FILE:kgrade-gradebook> ${_ks_e2e}/batch/logs --csv ${_ks_e2e}/gradebook/grades.csv)
  ks_grader_test(gradebook_window_renders_off_screen 0 "wrote .*gradebook\\.png \\(2 submissions, 10 tests\\)"
    COMMAND $<TARGET_FILE:kgrade-gradebook> ${_ks_e2e}/batch --screenshot ${_ks_e2e}/gradebook/gradebook.png
      --select attacker,segfault)
  ks_grader_test(gradebook_refuses_a_folder_without_reports 2 "no kgrade JSON reports"
    COMMAND $<TARGET_FILE:kgrade-gradebook> ${PROJECT_SOURCE_DIR}/labs/tools --csv ${_ks_e2e}/gradebook/none.csv)
  set_tests_properties(grader.gradebook_exports_the_batch grader.gradebook_window_renders_off_screen
    PROPERTIES FIXTURES_REQUIRED ks_grader_batch)
  if(KS_SANITIZE)
    # Qt's offscreen platform and fontconfig keep caches to the end of the process (as SDL's
    # libraries do for the visualizer); memory errors are still checked.
    set_tests_properties(grader.gradebook_window_renders_off_screen PROPERTIES ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1")
  endif()
endif()

find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME grader.handout_scores_only_what_needs_no_student_code
           COMMAND ${CMAKE_COMMAND} -E env KGRADE=$<TARGET_FILE:kgrade>
                   ${CMAKE_COMMAND} -DSTATUS=0 "-DEXPECT=no file shares 12 lines with a hidden solution@@handout scores 10 / 100@@make-handout: ok" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/expect.cmake --
                   ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/labs/tools/make-handout scheduling ${_ks_e2e}/handout)
  set_tests_properties(grader.handout_scores_only_what_needs_no_student_code PROPERTIES TIMEOUT 240)
  add_test(NAME grader.make_handout_units COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/labs/make_handout_test.py)
endif()

# Attacks on staging and on the build by a submission to the scheduling lab (docs/grading.md,
# "Threat model"): each is refused with its reason and a score of 0, and nothing secret shows.
foreach(_ks_attack symlink_to_a_system_file symlink_to_a_hidden_test symlinked_folder hard_link_to_a_hidden_test fifo
                   huge_file include_the_reference include_a_hidden_test delegate_to_nothing)
  add_test(NAME grader.attack.${_ks_attack}
           COMMAND ${CMAKE_COMMAND} -DATTACK=${_ks_attack} -DKGRADE=$<TARGET_FILE:kgrade> -DSOURCE=${PROJECT_SOURCE_DIR}
                   -DWORK=${_ks_e2e}/attack-${_ks_attack} -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/attacks/attack_test.cmake)
  set_tests_properties(grader.attack.${_ks_attack} PROPERTIES TIMEOUT 300)
endforeach()

# Faults of the grader or of the machine are never a score (exit status 3, "NOT GRADED").
ks_grader_test(a_missing_compiler_is_not_graded 3 "NOT GRADED.*missing: the C\\+\\+ compiler /nonexistent/c\\+\\+"
  COMMAND ${CMAKE_COMMAND} -E env CXX=/nonexistent/c++ $<TARGET_FILE:kgrade> test scheduling --test mlfq_mixed --work ${_ks_e2e}/no-compiler)
ks_grader_test(a_file_size_limit_on_the_grader_is_not_graded 3 "NOT GRADED"
  COMMAND prlimit --fsize=65536 $<TARGET_FILE:kgrade> test scheduling --test mlfq_mixed --work ${_ks_e2e}/file-limit)
ks_grader_test(a_fault_removes_the_gradescope_results 3 "NOT GRADED"
  COMMAND ${CMAKE_COMMAND} -E env CXX=/nonexistent/c++ $<TARGET_FILE:kgrade> test scheduling --test mlfq_mixed --format gradescope
    --out ${_ks_e2e}/no-compiler-gs/results.json --work ${_ks_e2e}/no-compiler-gs/work)
ks_grader_test(prairielearn_says_not_gradable_on_a_fault 3 "\"gradable\": false@@Not graded: a fault of the grader"
  COMMAND ${CMAKE_COMMAND} -E env CXX=/nonexistent/c++ $<TARGET_FILE:kgrade> test scheduling --test mlfq_mixed --format prairielearn
    --work ${_ks_e2e}/no-compiler-pl)
# A work folder under a folder that only its owner may enter (as /root, or mktemp -d): the
# sandbox's user cannot reach it, so kgrade grades in a folder it can reach, and says so.
add_test(NAME grader.a_work_folder_the_sandbox_cannot_enter_is_moved
         COMMAND ${CMAKE_COMMAND} -DKGRADE=$<TARGET_FILE:kgrade> -DWORK=${_ks_e2e}/private-700
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/private_work_folder_test.cmake)
set_tests_properties(grader.a_work_folder_the_sandbox_cannot_enter_is_moved PROPERTIES TIMEOUT 300)
ks_grader_test(doctor_says_the_reference_gets_full_marks 0 "OK: the reference scores 100 / 100 here"
  COMMAND $<TARGET_FILE:kgrade> doctor scheduling --work ${_ks_e2e}/doctor)

# As an ordinary user too, when the suite runs as root (setpriv drops to nobody): the hostile
# submissions, and the file-size limit that an ordinary user cannot raise.
execute_process(COMMAND id -u OUTPUT_VARIABLE _ks_uid OUTPUT_STRIP_TRAILING_WHITESPACE)
find_program(KS_SETPRIV setpriv)
if(_ks_uid STREQUAL "0" AND KS_SETPRIV)
  set(_ks_as_nobody ${KS_SETPRIV} --reuid=65534 --regid=65534 --clear-groups ${CMAKE_COMMAND} -E env HOME=/tmp USER=nobody)
  add_test(NAME grader.as_a_user.hostile_submissions_get_their_verdicts
           COMMAND ${CMAKE_COMMAND} -DSTATUS=0 "-DEXPECT=${_ks_hostile_verdicts}" -DWORKDIR=/tmp
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/expect.cmake --
                   ${_ks_as_nobody} $<TARGET_FILE:kgrade> test ${_ks_hostile}
                   --submission ${_ks_hostile}/submissions/attacker --work /tmp/kgrade-ctest-nobody/hostile)
  set_tests_properties(grader.as_a_user.hostile_submissions_get_their_verdicts PROPERTIES TIMEOUT 240)
  ks_grader_test(as_a_user.a_missing_compiler_is_not_graded 3 "NOT GRADED.*missing: the C\\+\\+ compiler /nonexistent/c\\+\\+"
    COMMAND ${_ks_as_nobody} CXX=/nonexistent/c++ $<TARGET_FILE:kgrade> test scheduling --test mlfq_mixed
      --work /tmp/kgrade-ctest-nobody/no-compiler)
  add_test(NAME grader.as_a_user.a_work_folder_under_a_mode_700_folder
           COMMAND ${_ks_as_nobody} ${CMAKE_COMMAND} -DKGRADE=$<TARGET_FILE:kgrade> -DWORK=/tmp/kgrade-ctest-nobody/private-700
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/private_work_folder_test.cmake)
  set_tests_properties(grader.as_a_user.a_work_folder_under_a_mode_700_folder PROPERTIES TIMEOUT 300)
  ks_grader_test(as_a_user.a_file_size_limit_is_not_graded 3 "NOT GRADED.*hard limit on file size"
    COMMAND prlimit --fsize=65536 ${_ks_as_nobody} $<TARGET_FILE:kgrade> test scheduling --test mlfq_mixed
      --work /tmp/kgrade-ctest-nobody/file-limit)
endif()

# A homework lab (grader/homework.h): per-student questions, graded from an answers file.
ks_grader_test(homework_key_scores_everything 0 "score: 12 / 12"
  COMMAND $<TARGET_FILE:kgrade> test ostep-homework --work ${_ks_e2e}/homework)
ks_grader_test(homework_questions_for_a_student 0 "questions for alice@@student: alice@@kernsim ostep"
  COMMAND $<TARGET_FILE:kgrade> homework ostep-homework --student alice)

# The VM lab (labs/vm): the reference scores full marks, the handout only its invariants, and the
# hostile submissions a student would try earn nothing, each with a clear status.
ks_grader_test(vm.reference_solution_scores_everything 0 "score: 90 / 90@@clock_zipf +10/10 +passed@@cow_fork +15/15 +passed"
  COMMAND $<TARGET_FILE:kgrade> test vm --work ${_ks_e2e}/vm-reference)
if(Python3_Interpreter_FOUND)
  add_test(NAME grader.vm.handout_scores_only_what_needs_no_student_code
           COMMAND ${CMAKE_COMMAND} -E env KGRADE=$<TARGET_FILE:kgrade>
                   ${CMAKE_COMMAND} -DSTATUS=0 "-DEXPECT=no file shares 12 lines with a hidden solution@@handout scores 5 / 90@@make-handout: ok" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/expect.cmake --
                   ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/labs/tools/make-handout vm ${_ks_e2e}/vm-handout)
  set_tests_properties(grader.vm.handout_scores_only_what_needs_no_student_code PROPERTIES TIMEOUT 300)
endif()
foreach(_ks_attack fake_trace read_hidden_tests call_the_reference_by_name call_another_clock loop_forever)
  add_test(NAME grader.vm.attack.${_ks_attack}
           COMMAND ${CMAKE_COMMAND} -DATTACK=${_ks_attack} -DKGRADE=$<TARGET_FILE:kgrade> -DSOURCE=${PROJECT_SOURCE_DIR}
                   -DWORK=${_ks_e2e}/vm-attack-${_ks_attack} -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/attacks/vm_attack_test.cmake)
  set_tests_properties(grader.vm.attack.${_ks_attack} PROPERTIES TIMEOUT 300)
endforeach()
# The lab's copies of the test program are userland/prebuilt/tests/memory.elf (userland/tests/memory.c).
foreach(_ks_copy scenarios tests/hidden)
  string(REPLACE "/" "_" _ks_name ${_ks_copy})
  add_test(NAME grader.vm.program_copy_${_ks_name}_is_current
           COMMAND ${CMAKE_COMMAND} -E compare_files ${PROJECT_SOURCE_DIR}/userland/prebuilt/tests/memory.elf
                   ${PROJECT_SOURCE_DIR}/labs/vm/${_ks_copy}/memory.elf)
endforeach()
