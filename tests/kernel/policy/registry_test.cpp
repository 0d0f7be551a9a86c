// The registry pattern (kernel/policy/registry.h): a second, toy kind of policy proves that the
// template serves any interface, and the scheduler registry keeps the order and the entries that
// `kernsim sched --list` shows.
#include "kernel/policy/registry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernel/sched/extra_policies.h"
#include "kernel/sched/registry.h"

namespace ks {
namespace {

// A toy kind, shaped like the page-replacement policies to come: it chooses a victim frame.
class VictimChooser {
 public:
  virtual ~VictimChooser() = default;
  virtual int choose_victim() = 0;
};

struct FrameContext {
  int frames = 0;
};

class LastFrame final : public VictimChooser {
 public:
  explicit LastFrame(int frames) : frames_(frames) {}
  int choose_victim() override { return frames_ - 1; }

 private:
  int frames_;
};

class FixedFrame final : public VictimChooser {
 public:
  explicit FixedFrame(std::int64_t frame) : frame_(static_cast<int>(frame)) {}
  int choose_victim() override { return frame_; }

 private:
  int frame_;
};

using ToyRegistry = Registry<VictimChooser, FrameContext>;

ToyRegistry toy_registry() {
  return ToyRegistry(
      "replacement policy",
      {{"last",
        "the highest-numbered frame",
        {},
        [](const PolicyParams&, const FrameContext& context) { return std::make_unique<LastFrame>(context.frames); }},
       {"fixed",
        "always the same frame",
        {{"frame", ParamType::Integer, "0", "the victim", 0, 1000}},
        [](const PolicyParams& params, const FrameContext&) {
          return std::make_unique<FixedFrame>(params.integer("frame"));
        }}});
}

TEST(Registry, ASecondKindFindsAndBuildsItsEntriesByName) {
  const ToyRegistry registry = toy_registry();
  EXPECT_EQ(registry.noun(), "replacement policy");
  EXPECT_EQ(registry.names(), "last, fixed");
  ASSERT_NE(registry.find("fixed"), nullptr);
  EXPECT_EQ(registry.find("LAST"), nullptr);
  EXPECT_EQ(registry.find(""), nullptr);

  FrameContext context;
  context.frames = 8;
  const auto& last = *registry.find("last");
  EXPECT_EQ(last.make(default_params(last), context)->choose_victim(), 7);
  const auto& fixed = *registry.find("fixed");
  PolicyParams params = default_params(fixed);
  EXPECT_EQ(fixed.make(params, context)->choose_victim(), 0);
  params.set("frame", std::int64_t{5});
  EXPECT_EQ(fixed.make(params, context)->choose_victim(), 5);
}

TEST(Registry, AddingAppendsAfterTheBuiltInEntriesAndRefusesTakenNames) {
  ToyRegistry registry = toy_registry();
  const auto* first = registry.find("last");
  EXPECT_FALSE(registry.add({"fixed", "a second fixed", {}, nullptr}));
  EXPECT_FALSE(registry.add({"", "no name", {}, nullptr}));
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(registry.add({"added" + std::to_string(i), "", {}, nullptr}));
  }
  EXPECT_EQ(registry.entries().size(), 102U);
  EXPECT_EQ(registry.entries()[2].name, "added0");
  EXPECT_EQ(registry.find("last"), first);  // entries do not move when others are added
}

TEST(SchedulerRegistry, ListsThePoliciesInTheOrderOfTheirFilesKeys) {
  std::vector<std::string> names;
  for (const PolicyInfo& policy : scheduler_entries()) names.push_back(policy.name);
  const std::vector<std::string> expected = {"fifo",   "rr",      "sjf", "stcf",  "priority", "hrrn", "mlfq",
                                             "stride", "lottery", "cfs", "eevdf", "edf",      "rms"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(policy_names(), "fifo, rr, sjf, stcf, priority, hrrn, mlfq, stride, lottery, cfs, eevdf, edf, rms");
  EXPECT_EQ(&policy_registry(), &scheduler_registry().entries());
  EXPECT_EQ(scheduler_registry().noun(), "policy");
}

TEST(SchedulerRegistry, EveryEntryIsComplete) {
  for (const PolicyInfo& policy : policy_registry()) {
    EXPECT_FALSE(policy.summary.empty()) << policy.name;
    EXPECT_TRUE(static_cast<bool>(policy.make)) << policy.name;
    EXPECT_EQ(find_policy(policy.name), &policy);
    for (const ParamSpec& spec : policy.params) {
      EXPECT_FALSE(spec.description.empty()) << policy.name << "." << spec.name;
      if (spec.type == ParamType::Integer) {
        EXPECT_NE(spec.max, INT64_MAX) << policy.name << "." << spec.name << " has no upper bound";
      }
    }
    EXPECT_EQ(default_params(policy).values().size(), policy.params.size()) << policy.name;
  }
}

TEST(SchedulerRegistry, ATakenNameCannotBeRegisteredAgain) {
  // Only refusals here: the test binary's registry must stay as kernsim's.
  EXPECT_FALSE(register_policy({"rr", "another round robin", {}, nullptr}));
  EXPECT_FALSE(register_policy({"", "nameless", {}, nullptr}));
  EXPECT_EQ(policy_registry().size(), scheduler_entries().size());
}

}  // namespace
}  // namespace ks
