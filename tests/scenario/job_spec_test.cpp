#include "scenario/job_spec.h"

#include <gtest/gtest.h>

#include "sim-core/error.h"

namespace ks {
namespace {

TEST(JobSpec, PlainJobsAreNamedByPosition) {
  const auto jobs = parse_job_spec("0:8, 1:4,2:9");
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].name, "J0");
  EXPECT_EQ(jobs[2].name, "J2");
  EXPECT_EQ(jobs[1].arrival, 1);
  EXPECT_EQ(jobs[2].bursts, (std::vector<Burst>{{Burst::Kind::Cpu, 9}}));
}

TEST(JobSpec, NamedJobsCarryTheirBurstsAcrossCommas) {
  const auto jobs = parse_job_spec("A@0:c10,i5,c3,4:2,B@7:c1");
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].name, "A");
  EXPECT_EQ(jobs[0].bursts, (std::vector<Burst>{{Burst::Kind::Cpu, 10}, {Burst::Kind::Io, 5}, {Burst::Kind::Cpu, 3}}));
  EXPECT_EQ(jobs[1].name, "J1");
  EXPECT_EQ(jobs[1].arrival, 4);
  EXPECT_EQ(jobs[2].name, "B");
  EXPECT_EQ(jobs[2].arrival, 7);
}

void expect_bad(const std::string& spec, std::int64_t column, const std::string& fragment) {
  try {
    (void)parse_job_spec(spec);
    FAIL() << "accepted " << spec;
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "--jobs");
    EXPECT_EQ(error.where().column, column) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

TEST(JobSpec, BadJobsAreRejectedWithTheirPosition) {
  expect_bad("0:8,x", 5, "expected ARRIVAL:LENGTH");
  expect_bad("0:8,,1:2", 5, "empty job");
  expect_bad("0:0", 1, "the length must be at least 1");
  expect_bad("-1:3", 1, "the arrival");
  expect_bad("0:abc", 1, "not a whole number");
  expect_bad("A@0:c3,c4", 8, "alternate");
  expect_bad("A@0:c3,i4", 1, "last burst must be a CPU burst");
  expect_bad("A@0:c3,B@1:c2,A@2:c1", 15, "duplicate job name \"A\"");
  expect_bad("1:3,c4", 5, "bursts follow only a named job");
  expect_bad("0:99999999999999999999", 1, "must be between 1 and 4503599627370496, got 99999999999999999999");
  expect_bad("", 1, "empty job");
}

}  // namespace
}  // namespace ks
