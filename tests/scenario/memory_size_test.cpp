// Memory sizes as a scenario (machine.memory) and `--memory` write them: every accepted form
// gives the exact frame count, every refused one a reason; and the scenario's errors name the key.
#include "scenario/memory_size.h"

#include <gtest/gtest.h>

#include "scenario/scenario.h"
#include "sim-core/error.h"

namespace ks {
namespace {

std::uint32_t frames_of(const std::string& text) {
  std::string problem;
  const std::optional<std::uint32_t> frames = parse_memory_size(text, problem);
  EXPECT_TRUE(frames.has_value()) << text << ": " << problem;
  return frames.value_or(0);
}

std::string problem_of(const std::string& text) {
  std::string problem;
  EXPECT_FALSE(parse_memory_size(text, problem).has_value()) << text << " was accepted";
  return problem;
}

TEST(MemorySize, ReadsBytesAndBinaryUnits) {
  EXPECT_EQ(frames_of("4096"), 1u);
  EXPECT_EQ(frames_of("8192"), 2u);
  EXPECT_EQ(frames_of("512K"), 512u / 4);
  EXPECT_EQ(frames_of("1M"), 256u);
  EXPECT_EQ(frames_of("64M"), 64u * 256);
  EXPECT_EQ(frames_of("1G"), 1024u * 256);
  EXPECT_EQ(frames_of("4G"), 4096u * 256);
  // The unit's other spellings, in either case.
  EXPECT_EQ(frames_of("64m"), frames_of("64M"));
  EXPECT_EQ(frames_of("64MiB"), frames_of("64M"));
  EXPECT_EQ(frames_of("64mb"), frames_of("64M"));
  EXPECT_EQ(frames_of("12KiB"), 3u);
}

TEST(MemorySize, RefusesWhatIsNoWholeFrameOrTooLarge) {
  EXPECT_NE(problem_of("").find("not a memory size"), std::string::npos);
  EXPECT_NE(problem_of("M").find("not a memory size"), std::string::npos);
  EXPECT_NE(problem_of("-1M").find("not a memory size"), std::string::npos);
  EXPECT_NE(problem_of("0").find("whole number of 4K frames"), std::string::npos);
  EXPECT_NE(problem_of("4097").find("whole number of 4K frames"), std::string::npos);
  EXPECT_NE(problem_of("2K").find("whole number of 4K frames"), std::string::npos);
  EXPECT_NE(problem_of("64X").find("unknown unit \"X\""), std::string::npos);
  EXPECT_NE(problem_of("64 M").find("unknown unit"), std::string::npos);
  EXPECT_NE(problem_of("64MBB").find("unknown unit"), std::string::npos);
  EXPECT_NE(problem_of("5G").find("more than the largest memory"), std::string::npos);
  EXPECT_NE(problem_of("4097M").find("more than the largest memory"), std::string::npos);
  // Digits enough to overflow 64 bits stop at the limit, not at a wrapped value.
  EXPECT_NE(problem_of("184467440737095516160000").find("more than the largest memory"), std::string::npos);
}

TEST(MemorySize, PrintsTheShortestExactText) {
  EXPECT_EQ(memory_size_text(16384), "64M");
  EXPECT_EQ(memory_size_text(1024 * 256), "1G");
  EXPECT_EQ(memory_size_text(3), "12K");
  EXPECT_EQ(memory_size_text(257), "1028K");
  for (const std::uint32_t frames : {1u, 3u, 256u, 257u, 16384u, 1048576u})
    EXPECT_EQ(frames_of(memory_size_text(frames)), frames);
}

const char* kWorkload = R"("workload": {"processes": [{"name": "A", "length": 1}]})";

TEST(MemorySize, TheScenarioReadsMachineMemory) {
  EXPECT_EQ(parse_scenario(std::string("{\"machine\": {\"memory\": \"1M\"}, ") + kWorkload + "}", "m.json")
                .machine.memory_frames,
            256u);
  EXPECT_EQ(parse_scenario(std::string("{\"machine\": {\"memory\": 65536}, ") + kWorkload + "}", "m.json")
                .machine.memory_frames,
            16u);
  EXPECT_EQ(parse_scenario(std::string("{\"machine\": {\"memory_mb\": 2}, ") + kWorkload + "}", "m.json")
                .machine.memory_frames,
            512u);
  EXPECT_EQ(parse_scenario(std::string("{") + kWorkload + "}", "m.json").machine.memory_frames,
            MachineConfig{}.memory_frames);
}

void expect_memory_error(const std::string& machine, const std::string& key_path, const std::string& fragment) {
  try {
    (void)parse_scenario("{\"machine\": " + machine + ", " + kWorkload + "}", "m.json");
    FAIL() << machine << " was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, "m.json");
    EXPECT_EQ(error.where().line, 1);
    EXPECT_EQ(error.where().key_path, key_path) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

TEST(MemorySize, TheScenarioNamesTheKeyOfABadMemory) {
  expect_memory_error(R"({"memory": "lots"})", "machine.memory", "not a memory size");
  expect_memory_error(R"({"memory": "3K"})", "machine.memory", "whole number of 4K frames");
  expect_memory_error(R"({"memory": 0})", "machine.memory", "");
  expect_memory_error(R"({"memory": 1.5})", "machine.memory", "");
  expect_memory_error(R"({"memory": [64]})", "machine.memory", "");
  expect_memory_error(R"({"memory": "64M", "memory_mb": 64})", "machine.memory_mb", "give the memory once");
}

}  // namespace
}  // namespace ks
