// grader/references.cpp — reference runs, precomputed or not (where each comes from:
// references.h). A precomputed reference is used only when index.json gives it the digest of
// what the test says now (FNV-1a of its scenario, policy, parameters, seed and until); any other
// case is a problem of the handout, reported as such. write_references makes the traces and
// index.json for `kgrade references`.
#include "grader/references.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grader/run_scenario.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace fs = std::filesystem;

namespace {

fs::path references_dir(const LabSpec& lab) { return fs::path(lab.dir) / "tests" / "references"; }

std::string trace_name(const TestSpec& test, const std::string& policy) { return test.name + "." + policy + ".jsonl"; }

// FNV-1a, 64 bits: a stable digest (not a security measure: index.json is the instructor's file).
std::uint64_t fnv1a(const std::string& text, std::uint64_t hash = 14695981039346656037ULL) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::set<std::string> reference_policies(const TestSpec& test) {
  std::set<std::string> policies;
  for (const Check& check : test.checks) {
    if (!check.reference_policy.empty()) policies.insert(check.reference_policy);
    if (!check.value_from_policy.empty()) policies.insert(check.value_from_policy);
  }
  return policies;
}

std::string reference_digest(const TestSpec& test, const std::string& policy) {
  std::string key = test.scenario_text + '\0' + policy + '\0';
  for (const std::string& param : test.params) key += param + '\0';
  key += (test.seed ? std::to_string(*test.seed) : "-") + '\0' + (test.until ? std::to_string(*test.until) : "-");
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
  return hex;
}

bool references_precomputed(const LabSpec& lab) {
  std::error_code error;
  return fs::is_regular_file(references_dir(lab) / "index.json", error);
}

std::optional<std::string> precomputed_reference(const LabSpec& lab, const TestSpec& test, const std::string& policy,
                                                 std::string& problem) {
  const fs::path index_file = references_dir(lab) / "index.json";
  nlohmann::json index;
  try {
    std::ifstream in(index_file, std::ios::binary);
    index = nlohmann::json::parse(in);
  } catch (const std::exception& error) {
    problem = index_file.generic_string() + ": unreadable (" + error.what() + ")";
    return std::nullopt;
  }
  const std::string name = trace_name(test, policy);
  const auto entry = index.find(name);
  if (entry == index.end() || !entry->is_string()) {
    problem = "no precomputed reference " + name + " in " + index_file.generic_string() + " (remake the handout)";
    return std::nullopt;
  }
  if (entry->get<std::string>() != reference_digest(test, policy)) {
    problem = "the precomputed reference " + name + " was made for another version of this test (remake the handout)";
    return std::nullopt;
  }
  std::ifstream in(references_dir(lab) / name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    problem = "cannot read " + (references_dir(lab) / name).generic_string();
    return std::nullopt;
  }
  return text.str();
}

std::size_t write_references(const LabSpec& lab, const std::string& out_dir) {
  fs::create_directories(out_dir);
  nlohmann::json index = nlohmann::json::object();
  std::size_t written = 0;
  for (const TestSpec& test : lab.tests) {
    for (const std::string& policy : reference_policies(test)) {
      ScenarioRunRequest request{test.scenario_text,
                                 test.scenario_file.empty() ? test.file : test.scenario_file,
                                 policy,
                                 test.params,
                                 test.seed,
                                 test.until};
      std::ofstream trace(fs::path(out_dir) / trace_name(test, policy), std::ios::binary);
      run_scenario_to_trace(request, trace);
      if (!trace) throw InputError({out_dir, 0, 0, {}}, "cannot write " + trace_name(test, policy));
      index[trace_name(test, policy)] = reference_digest(test, policy);
      ++written;
    }
  }
  std::ofstream(fs::path(out_dir) / "index.json", std::ios::binary) << index.dump(2) << "\n";
  return written;
}

}  // namespace ks::grade
