// grader/references.h — the reference runs a test's checks compare with, and where they come from.
//
// In the instructor's tree kgrade computes them in its own process, with the reference
// implementation that the tree contains (the runner, which runs the student's code, has none:
// grader/runner_kit.h). A student's tree has no reference implementation (labs/tools/make-handout
// removed it), so there the references of the visible tests are precomputed, when the handout
// is made, by the instructor's kgrade (`kgrade references LAB DIR`) and shipped in
// LAB/tests/references/: one JSON Lines trace per test and policy, and index.json, which maps
// each to a digest of what it was computed from (scenario, policy, parameters, seed, until).
// When index.json exists, references come only from there: a stale or missing one is an error
// of the handout (a test error), never a reference computed from the student's own code.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "grader/test_spec.h"

namespace ks::grade {

// The policies whose runs TEST's checks compare with.
std::set<std::string> reference_policies(const TestSpec& test);
// A digest (16 hex digits) of everything a reference run of TEST under POLICY depends on.
std::string reference_digest(const TestSpec& test, const std::string& policy);
// Whether LAB's references must be precomputed (LAB/tests/references/index.json exists).
bool references_precomputed(const LabSpec& lab);
// The precomputed trace of TEST under POLICY, as JSON Lines text; nullopt with PROBLEM set when
// it is missing or stale.
std::optional<std::string> precomputed_reference(const LabSpec& lab, const TestSpec& test, const std::string& policy,
                                                 std::string& problem);
// Computes the references of every test of LAB into OUT_DIR (trace files and index.json), in
// this process. Returns the number of traces written. Throws InputError (a test is wrong).
std::size_t write_references(const LabSpec& lab, const std::string& out_dir);

}  // namespace ks::grade
