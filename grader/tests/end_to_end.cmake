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
  # hard_rss_limit_mb stops it instead, and how ASan dies then varies between versions.
  set(_ks_allocate "allocate +0/1 +(memory limit|crashed|runner error)")
else()
  set(_ks_allocate "allocate +0/1 +memory limit")
endif()
ks_grader_test(hostile_submissions_get_their_verdicts 0
  "${_ks_allocate}@@fake_pass +0/1 +failed@@fork_bomb +0/1 +(timeout|cpu limit)@@huge_output +0/1 +file size limit@@loop +0/1 +(cpu limit|timeout)@@segfault +0/1 +crashed \\(killed by SIGSEGV@@write_files +0/1 +failed@@z_honest +1/1 +passed@@score: 1 / 8"
  REPORT ${_ks_e2e}/hostile/report.txt REPORT_EXPECT "z_honest +1/1 +passed@@score: 1 / 8"
  COMMAND $<TARGET_FILE:kgrade> test ${_ks_hostile}
    --submission ${_ks_hostile}/submissions/attacker --work ${_ks_e2e}/hostile --out ${_ks_e2e}/hostile/report.txt)
ks_grader_test(a_submission_that_does_not_build_scores_zero 0 "segfault +0/1 +build error@@score: 0 / 8@@this is not C"
  COMMAND $<TARGET_FILE:kgrade> test ${_ks_hostile} --submission ${_ks_hostile}/submissions/broken --work ${_ks_e2e}/broken)

ks_grader_test(a_malformed_test_is_refused_with_its_position 2 "bad\\.json:[0-9]+:[0-9]+: checks\\[0\\]\\.kind"
  COMMAND $<TARGET_FILE:kgrade> test ${PROJECT_SOURCE_DIR}/grader/tests/bad-lab)
ks_grader_test(a_missing_lab_is_refused 2 "no such lab" COMMAND $<TARGET_FILE:kgrade> test no-such-lab)
ks_grader_test(a_missing_submission_is_refused 2 "no-such-folder.*no such folder"
  COMMAND $<TARGET_FILE:kgrade> test scheduling --submission no-such-folder)

ks_grader_test(gradescope_results 0 "mlfq_mixed +15/15 +passed"
  REPORT ${_ks_e2e}/formats/results.json
  REPORT_EXPECT "\"max_score\": 15@@\"visibility\": \"visible\"@@\"score\": 15@@\"status\": \"passed\""
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

ks_grader_test(batch_grades_a_folder_of_submissions 0 "2 submissions graded"
  REPORT ${_ks_e2e}/batch/grades.csv REPORT_EXPECT "submission,score,max_score,status@@attacker,1,8,graded@@broken,0,8,build error"
  COMMAND $<TARGET_FILE:kgrade> batch ${_ks_hostile} ${_ks_hostile}/submissions
    -j 2 --csv ${_ks_e2e}/batch/grades.csv --logs ${_ks_e2e}/batch/logs --work ${_ks_e2e}/batch/work)

set_tests_properties(grader.batch_grades_a_folder_of_submissions PROPERTIES FIXTURES_SETUP ks_grader_batch)

# The gradebook over the batch's reports: the CSV it exports and the window, rendered off screen.
if(KS_GRADEBOOK_BUILT)
  ks_grader_test(gradebook_exports_the_batch 0 "2 submissions, 8 tests"
    REPORT ${_ks_e2e}/gradebook/grades.csv
    REPORT_EXPECT "submission,score,max_score,status,allocate,fake_pass@@attacker,1,8,graded,0,0,0,0,0,0,0,1@@broken,0,8,build error,0,0,0,0,0,0,0,0"
    COMMAND $<TARGET_FILE:kgrade-gradebook> ${_ks_e2e}/batch/logs --csv ${_ks_e2e}/gradebook/grades.csv)
  ks_grader_test(gradebook_window_renders_off_screen 0 "wrote .*gradebook\\.png \\(2 submissions, 8 tests\\)"
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
                   ${CMAKE_COMMAND} -DSTATUS=0 "-DEXPECT=handout scores 10 / 100@@make-handout: ok" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/expect.cmake --
                   ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/labs/tools/make-handout scheduling ${_ks_e2e}/handout)
  set_tests_properties(grader.handout_scores_only_what_needs_no_student_code PROPERTIES TIMEOUT 240)
endif()
