// The shared parameter checks (kernel/policy/params.h): what every pluggable kind's parameters go
// through, whether they come from a scenario, --param or the visualizer.
#include "kernel/policy/params.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

const ParamSpec kQuantum{"quantum", ParamType::Integer, "4", "ticks", 1, 100};
const ParamSpec kShare{"share", ParamType::Real, "0.5", "of the CPU", 0, 1};
const ParamSpec kPreempt{"preemptive", ParamType::Boolean, "false", "preempt on arrival"};
const ParamSpec kMode{"mode", ParamType::Text, "global", "which list", INT64_MIN, INT64_MAX, {"global", "local"}};
const std::vector<ParamSpec> kSpecs = {kQuantum, kShare, kPreempt, kMode};

ParamValue parsed(const ParamSpec& spec, const std::string& text) {
  std::string problem;
  const auto value = parse_param(spec, text, problem);
  EXPECT_TRUE(value.has_value()) << spec.name << "=" << text << ": " << problem;
  return value.value_or(ParamValue{});
}

std::string refusal(const ParamSpec& spec, const std::string& text) {
  std::string problem;
  EXPECT_FALSE(parse_param(spec, text, problem).has_value()) << spec.name << "=" << text << " was accepted";
  return problem;
}

TEST(PolicyParams, ParseEachTypeFromText) {
  EXPECT_EQ(parsed(kQuantum, "7"), ParamValue{std::int64_t{7}});
  EXPECT_EQ(parsed(kShare, "0.25"), ParamValue{0.25});
  EXPECT_EQ(parsed(kPreempt, "yes"), ParamValue{true});
  EXPECT_EQ(parsed(kPreempt, "0"), ParamValue{false});
  EXPECT_EQ(parsed(kMode, "local"), ParamValue{std::string("local")});
}

TEST(PolicyParams, RefuseWrongTypesAndOutOfRangeValuesSayingWhy) {
  EXPECT_EQ(refusal(kQuantum, "4x"), "expected an integer, got \"4x\"");
  EXPECT_EQ(refusal(kQuantum, ""), "expected an integer, got \"\"");
  EXPECT_EQ(refusal(kQuantum, "0"), "must be at least 1, got 0");
  EXPECT_EQ(refusal(kQuantum, "101"), "must be between 1 and 100, got 101");
  EXPECT_EQ(refusal(kQuantum, "99999999999999999999"), "must be between 1 and 100, got 99999999999999999999");
  EXPECT_EQ(refusal(kShare, "nan"), "expected a number, got \"nan\"");
  EXPECT_EQ(refusal(kShare, "2"), "must be between 0 and 1, got 2");
  EXPECT_EQ(refusal(kPreempt, "maybe"), "expected true or false, got \"maybe\"");
  EXPECT_EQ(refusal(kMode, "both"), "must be one of global, local, got \"both\"");
}

TEST(PolicyParams, CheckAppliesTheSameBoundsToValuesGivenAsValues) {
  EXPECT_EQ(check_param(kQuantum, std::int64_t{100}), "");
  EXPECT_EQ(check_param(kQuantum, std::int64_t{-3}), "must be at least 1, got -3");
  EXPECT_EQ(check_param(kMode, std::string("global")), "");
  EXPECT_NE(check_param(kMode, std::string("GLOBAL")), "");
}

TEST(PolicyParams, DefaultsFillInEveryDeclaredParameter) {
  const PolicyParams params = default_params(kSpecs);
  EXPECT_EQ(params.values().size(), kSpecs.size());
  EXPECT_EQ(params.integer("quantum"), 4);
  EXPECT_DOUBLE_EQ(params.real("share"), 0.5);
  EXPECT_FALSE(params.flag("preemptive"));
  EXPECT_EQ(params.text("mode"), "global");
  EXPECT_TRUE(default_params(std::vector<ParamSpec>{}).values().empty());
}

TEST(PolicyParams, FindAndNameDeclaredParameters) {
  ASSERT_NE(find_param(kSpecs, "share"), nullptr);
  EXPECT_EQ(find_param(kSpecs, "share")->type, ParamType::Real);
  EXPECT_EQ(find_param(kSpecs, "Share"), nullptr);
  EXPECT_EQ(param_names(kSpecs), "quantum, share, preemptive, mode");
  EXPECT_EQ(param_names({}), "");
}

TEST(PolicyParams, CarryOverKeepsOnlyValuesOfTheSameNameTypeAndRange) {
  PolicyParams from;
  from.set("quantum", std::int64_t{9});         // kept
  from.set("share", std::string("half"));       // another type: the default
  from.set("mode", std::string("everywhere"));  // not one of the choices: the default
  from.set("levels", std::int64_t{3});          // not declared: dropped
  const PolicyParams to = carry_over(kSpecs, from);
  EXPECT_EQ(to.values().size(), kSpecs.size());
  EXPECT_EQ(to.integer("quantum"), 9);
  EXPECT_DOUBLE_EQ(to.real("share"), 0.5);
  EXPECT_EQ(to.text("mode"), "global");
  EXPECT_FALSE(to.has("levels"));
  PolicyParams too_long;
  too_long.set("quantum", std::int64_t{1000});
  EXPECT_EQ(carry_over(kSpecs, too_long).integer("quantum"), 4);
}

TEST(PolicyParams, ValuesPrintAsTheUserWritesThem) {
  EXPECT_EQ(to_string(ParamValue{std::int64_t{-12}}), "-12");
  EXPECT_EQ(to_string(ParamValue{0.125}), "0.125");
  EXPECT_EQ(to_string(ParamValue{true}), "true");
  EXPECT_EQ(to_string(ParamValue{std::string("2,4,8")}), "2,4,8");
  EXPECT_EQ(to_string(ParamType::Real), "number");
}

}  // namespace
}  // namespace ks
