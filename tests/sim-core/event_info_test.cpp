#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>

#include "sim-core/trace/event_info.h"

namespace ks {
namespace {

std::int64_t word(auto value) { return static_cast<std::int64_t>(value); }

TEST(EventInfo, DescribesEveryKindInTheOrderOfTheEnum) {
  ASSERT_EQ(event_kinds().size(), static_cast<std::size_t>(kEventKindCount));
  std::set<std::string_view> names;
  for (int i = 0; i < kEventKindCount; ++i) {
    const EventKindInfo& info = event_kinds()[static_cast<std::size_t>(i)];
    EXPECT_EQ(static_cast<int>(info.kind), i) << info.name;
    EXPECT_EQ(&event_kind_info(info.kind), &info);
    EXPECT_FALSE(info.phrase.empty()) << info.name;
    EXPECT_FALSE(info.summary.empty()) << info.name;
    EXPECT_TRUE(names.insert(info.name).second) << "two kinds are named " << info.name;
    EXPECT_EQ(to_string(info.kind), info.name);
    EXPECT_EQ(event_kind_from_string(info.name), info.kind);
    for (const PayloadWord* payload : {&info.a, &info.b}) {
      EXPECT_EQ(payload->field == nullptr, payload->encoding == PayloadEncoding::None) << info.name;
      EXPECT_EQ(payload->field == nullptr, payload->meaning.empty()) << info.name;
    }
  }
  EXPECT_EQ(to_string(static_cast<EventKind>(kEventKindCount)), "unknown");
  EXPECT_FALSE(event_kind_from_string("unknown").has_value());
}

const EventNames kNames{[](Pid pid) { return pid == 1 ? std::string("A") : std::string(); },
                        [](std::int64_t id) {
                          return id == 0 ? std::string("A") : id == 1 ? std::string("hi\n") : std::string();
                        }};

struct Described {
  TraceEvent event;
  std::string payload;
  std::string line;
};

// One event of every kind, with what it must read as.
std::vector<Described> every_kind() {
  const std::int64_t none = word(kNoPid);
  return {
      {{0, EventKind::CpuOnline, 1, kNoPid, 0, 1500, 1}, "(speed 1.5, big core)", "CPU 1 online (speed 1.5, big core)"},
      {{0, EventKind::ProcessCreated, kNoCpu, 1, 1, none, 0}, "\"A\"", "A created \"A\""},
      {{0, EventKind::StateChanged, 0, 1, 1, word(ProcessState::Ready), word(ProcessState::Running)},
       "(ready -> running)",
       "A changed state on CPU 0 (ready -> running)"},
      {{0, EventKind::Dispatched, 0, 1, 1, 4, 0}, "(slice 4)", "A dispatched on CPU 0 (slice 4)"},
      {{0, EventKind::Preempted, 0, 1, 1, word(PreemptReason::QuantumExpired), 3},
       "(quantum_expired, ran 3)",
       "A preempted on CPU 0 (quantum_expired, ran 3)"},
      {{0, EventKind::Blocked, 0, 1, 1, word(BlockReason::Pipe), 2},
       "(pipe, ran 2)",
       "A blocked on CPU 0 (pipe, ran 2)"},
      {{0, EventKind::Woken, kNoCpu, 1, 1, word(BlockReason::Sleep), 0}, "(sleep)", "A woken (sleep)"},
      {{0, EventKind::Exited, 0, 1, 1, 0, 5}, "(ran 5)", "A exited on CPU 0 (ran 5)"},
      {{0, EventKind::TimerInterrupt, 2, kNoPid, 0, 0, 0}, "", "CPU 2 timer interrupt"},
      {{0, EventKind::IoRequest, kNoCpu, 1, 1, 3, 7}, "(device 3, 7 ticks)", "A I/O request (device 3, 7 ticks)"},
      {{0, EventKind::IoComplete, kNoCpu, 1, 1, 3, 7}, "(device 3, 7 ticks)", "A I/O complete (device 3, 7 ticks)"},
      {{0, EventKind::Migrated, kNoCpu, 1, 1, 0, 2}, "(CPU 0 -> 2)", "A migrated (CPU 0 -> 2)"},
      {{0, EventKind::DeadlineMiss, kNoCpu, 1, 1, 40, 3},
       "(deadline 40, job 3)",
       "A missed a deadline (deadline 40, job 3)"},
      {{0, EventKind::CpuIdle, 0, kNoPid, 0, 0, 0}, "", "CPU 0 idle"},
      {{0, EventKind::RunEnd, kNoCpu, kNoPid, 0, 0, 0}, "(time limit)", "run ended (time limit)"},
      {{0, EventKind::CpuEnergy, 0, kNoPid, 0, 3, 1},
       "(busy 3, idle 1 per tick)",
       "CPU 0 energy model (busy 3, idle 1 per tick)"},
      {{0, EventKind::Syscall, kNoCpu, 1, 1, 64, -9}, "(number 64, result -9)", "A system call (number 64, result -9)"},
      {{0, EventKind::ConsoleOutput, kNoCpu, 1, 1, 1, 1}, "(fd 1: \"hi\\n\")", "A console output (fd 1: \"hi\\n\")"},
      {{0, EventKind::UserFault, 0, 1, 1, 0x1000, 5},
       "(address 0x00001000, stop reason 5)",
       "A faulted on CPU 0 (address 0x00001000, stop reason 5)"},
      {{0, EventKind::ProcessExec, kNoCpu, 1, 1, 0, 0}, "(now \"A\")", "A exec (now \"A\")"},
      {{0, EventKind::TlbMiss, 0, 1, 1, 0x12, 3},
       "(page 0x00012, ASID 3)",
       "A TLB miss on CPU 0 (page 0x00012, ASID 3)"},
      {{0, EventKind::TlbFlush, 1, kNoPid, 0, 2, 0x4a}, "(page 0x0004a)", "CPU 1 TLB flush (page 0x0004a)"},
      {{0, EventKind::PageFault, 0, 1, 1, 0x12345, 2},
       "(copy-on-write, address 0x00012345)",
       "A page fault on CPU 0 (copy-on-write, address 0x00012345)"},
      {{0, EventKind::CowCopy, 0, 1, 1, 0x12000, 0},
       "(page 0x00012000)",
       "A copy-on-write copy on CPU 0 (page 0x00012000)"},
      {{0, EventKind::OomKill, 0, 1, 1, 0x400000, 250},
       "(address 0x00400000, held 250 frames)",
       "A killed: out of memory on CPU 0 (address 0x00400000, held 250 frames)"},
      {{0, EventKind::PageEvicted, 0, 1, 1, 0x12000, 5 * 2 + 1},
       "(page 0x00012000, frame 5, dirty)",
       "A page evicted on CPU 0 (page 0x00012000, frame 5, dirty)"},
      {{0, EventKind::SwapOut, 0, 1, 1, 0x12000, 3},
       "(page 0x00012000, slot 3)",
       "A page written to swap on CPU 0 (page 0x00012000, slot 3)"},
      {{0, EventKind::SwapIn, 0, 1, 1, 0x13000, 4},
       "(page 0x00013000, slot 4)",
       "A page read from swap on CPU 0 (page 0x00013000, slot 4)"},
  };
}

TEST(EventInfo, DescribesThePayloadOfEveryKindInWords) {
  std::set<EventKind> covered;
  for (const Described& d : every_kind()) {
    covered.insert(d.event.kind);
    EXPECT_EQ(describe_payload(d.event, kNames), d.payload) << to_string(d.event.kind);
    EXPECT_EQ(describe_event(d.event, kNames), d.line) << to_string(d.event.kind);
  }
  EXPECT_EQ(covered.size(), static_cast<std::size_t>(kEventKindCount)) << "a kind has no example here";
}

TEST(EventInfo, ShowsTheWordsThatAreNotTheDefault) {
  EXPECT_EQ(describe_payload({0, EventKind::Dispatched, 0, 1, 1, kNever, 2}, kNames),
            "(slice unlimited, switch cost 2)");
  EXPECT_EQ(describe_payload({0, EventKind::Exited, 0, 1, 1, 3, 1}, kNames), "(status 3, ran 1)");
  EXPECT_EQ(describe_payload({0, EventKind::ProcessCreated, kNoCpu, 2, 2, 1, 0}, kNames), "\"A\" (forked by pid 1)");
  EXPECT_EQ(describe_payload({0, EventKind::RunEnd, kNoCpu, kNoPid, 0, 1, 0}, kNames), "(every process exited)");
  EXPECT_EQ(describe_payload({0, EventKind::CpuOnline, 0, kNoPid, 0, 250, 0}, kNames), "(speed 0.25)");
  EXPECT_EQ(describe_payload({0, EventKind::TlbFlush, 0, kNoPid, 0, 0, 0}, kNames), "(everything)");
  EXPECT_EQ(describe_payload({0, EventKind::TlbFlush, 0, kNoPid, 0, 1, 9}, kNames), "(ASID 9)");
}

TEST(EventInfo, NamesAnUnknownProcessByItsPidAndCutsLongOutput) {
  const EventNames none;
  EXPECT_EQ(describe_event({0, EventKind::Dispatched, 0, 7, 7, 2, 0}, none), "pid 7 dispatched on CPU 0 (slice 2)");
  EXPECT_EQ(describe_payload({0, EventKind::ProcessCreated, kNoCpu, 7, 7, word(kNoPid), 5}, none), "");
  const EventNames long_text{{}, [](std::int64_t) { return std::string(100, 'x'); }};
  EXPECT_EQ(describe_payload({0, EventKind::ConsoleOutput, kNoCpu, 1, 1, 2, 0}, long_text),
            "(fd 2: \"" + std::string(60, 'x') + "\"...)");
  EXPECT_EQ(describe_payload({0, static_cast<EventKind>(kEventKindCount), kNoCpu, kNoPid, 0, 4, 5}, none), "(4, 5)");
}

// docs/trace-format.md's table has a row for every kind that names each of its JSON fields.
TEST(EventInfo, TheTraceFormatDocumentListsEveryKindAndItsFields) {
  std::ifstream in(std::string(KS_SOURCE_DIR) + "/docs/trace-format.md");
  ASSERT_TRUE(in) << "docs/trace-format.md";
  std::vector<std::string> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("| `")) rows.push_back(line);
  }
  for (const EventKindInfo& info : event_kinds()) {
    const std::string kind = "`" + std::string(info.name) + "`";
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const std::string& r) {
      return r.substr(0, r.find(" | ", 2)).find(kind) != std::string::npos;
    });
    ASSERT_NE(row, rows.end()) << "docs/trace-format.md has no row for " << kind;
    for (const PayloadWord* payload : {&info.a, &info.b}) {
      if (payload->field == nullptr) continue;
      EXPECT_NE(row->find("`" + std::string(payload->field) + "`"), std::string::npos)
          << "docs/trace-format.md: the row of " << kind << " does not name its field " << payload->field;
    }
  }
}

}  // namespace
}  // namespace ks
