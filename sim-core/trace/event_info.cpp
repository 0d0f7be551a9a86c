// sim-core/trace/event_info.cpp — the table of event kinds (one row per EventKind, in the enum's
// order) and the words for an event: "NAME PHRASE on CPU C (PAYLOAD)", with the payload read
// as its kind defines it. A kind this build does not know is described by its two numbers.
#include "sim-core/trace/event_info.h"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace ks {
namespace {

using E = PayloadEncoding;
constexpr PayloadWord kUnused{};

// One row per EventKind, in the order of the enum (a test checks the order).
constexpr std::array<EventKindInfo, kEventKindCount> kKinds = {{
    {EventKind::CpuOnline,
     "cpu_online",
     "online",
     "a CPU exists",
     {"speed", E::Integer, "speed in thousandths (1000 = 1.0)"},
     {"big", E::Boolean, "1 if it is a big core of a big.LITTLE machine"}},
    {EventKind::ProcessCreated,
     "process_created",
     "created",
     "a process arrived, or was forked",
     {"parent", E::OptionalPid, "the forking process (kNoPid when none)"},
     {"name", E::Name, "its name (a child has its parent's)"}},
    {EventKind::StateChanged,
     "state_changed",
     "changed state",
     "a thread's process state changed",
     {"from", E::State, "the state it left"},
     {"to", E::State, "the state it entered"}},
    {EventKind::Dispatched,
     "dispatched",
     "dispatched",
     "a CPU took the thread",
     {"slice", E::OptionalTick, "slice length in ticks (kNever: unlimited)"},
     {"switch_cost", E::Integer, "context-switch ticks before it runs"}},
    {EventKind::Preempted,
     "preempted",
     "preempted",
     "the thread left its CPU without blocking or exiting",
     {"reason", E::Preempt, "why (PreemptReason)"},
     {"ran", E::Integer, "ticks it ran in this dispatch"}},
    {EventKind::Blocked,
     "blocked",
     "blocked",
     "the thread waits for something",
     {"reason", E::Block, "what it waits for (BlockReason)"},
     {"ran", E::Integer, "ticks it ran in this dispatch"}},
    {EventKind::Woken,
     "woken",
     "woken",
     "the thread is ready again",
     {"reason", E::Block, "what it waited for (BlockReason)"},
     kUnused},
    {EventKind::Exited,
     "exited",
     "exited",
     "the thread finished",
     {"status", E::Integer, "its exit status"},
     {"ran", E::Integer, "ticks it ran in this dispatch"}},
    {EventKind::TimerInterrupt, "timer_interrupt", "timer interrupt", "the CPU's timer fired", kUnused, kUnused},
    {EventKind::IoRequest,
     "io_request",
     "I/O request",
     "the thread asked a device for I/O",
     {"device", E::Integer, "the device"},
     {"service", E::Integer, "requested service time in ticks"}},
    {EventKind::IoComplete,
     "io_complete",
     "I/O complete",
     "a device finished the thread's request",
     {"device", E::Integer, "the device"},
     {"service", E::Integer, "the request's service time in ticks"}},
    {EventKind::Migrated,
     "migrated",
     "migrated",
     "dispatched on another CPU than last time",
     {"from_cpu", E::Integer, "the CPU it ran on before"},
     {"to_cpu", E::Integer, "the CPU it runs on now"}},
    {EventKind::DeadlineMiss,
     "deadline_miss",
     "missed a deadline",
     "a real-time job missed its deadline",
     {"deadline", E::Integer, "the job's absolute deadline"},
     {"job", E::Integer, "job number within the task"}},
    {EventKind::CpuIdle, "cpu_idle", "idle", "the CPU found nothing to run", kUnused, kUnused},
    {EventKind::RunEnd,
     "run_end",
     "run ended",
     "the run stopped (the last event)",
     {"all_exited", E::Boolean, "1 if every process exited, 0 if it hit the time limit"},
     kUnused},
    {EventKind::CpuEnergy,
     "cpu_energy",
     "energy model",
     "the CPU's energy model",
     {"busy", E::Integer, "energy per busy tick"},
     {"idle", E::Integer, "energy per idle tick"}},
    {EventKind::Syscall,
     "syscall",
     "system call",
     "a user program's system call returned",
     {"number", E::Integer, "the call's number (docs/syscalls.md)"},
     {"result", E::Integer, "its result (a0)"}},
    {EventKind::ConsoleOutput,
     "console_output",
     "console output",
     "a program wrote to the console",
     {"fd", E::Integer, "the file descriptor it wrote to (1, 2)"},
     {"text", E::Name, "what it wrote"}},
    {EventKind::UserFault,
     "user_fault",
     "faulted",
     "a program faulted and its process is killed",
     {"address", E::Integer, "the faulting address (or pc)"},
     {"reason", E::Integer, "the StopReason code"}},
    {EventKind::ProcessExec,
     "process_exec",
     "exec",
     "the process replaced its program (execve)",
     kUnused,
     {"name", E::Name, "its new name"}},
    {EventKind::TlbMiss,
     "tlb_miss",
     "TLB miss",
     "the hart's modelled TLB missed for the thread running there",
     {"vpn", E::Integer, "virtual page number"},
     {"asid", E::Integer, "address space id"}},
    {EventKind::TlbFlush,
     "tlb_flush",
     "TLB flush",
     "the hart's TLB was flushed",
     {"scope", E::Integer, "TlbFlushScope: 0 everything, 1 one ASID, 2 one page"},
     {"target", E::Integer, "the ASID or the virtual page number (0 for everything)"}},
    {EventKind::PageFault,
     "page_fault",
     "page fault",
     "a page fault of a demand-paged address space",
     {"address", E::Integer, "the faulting virtual address"},
     {"fault", E::Integer,
      "0 minor (mapped without I/O), 1 major (read from swap), 2 copy-on-write, 3 protection (fatal)"}},
    {EventKind::CowCopy,
     "cow_copy",
     "copy-on-write copy",
     "a store to a shared page copied it into a frame of the process's own",
     {"address", E::Integer, "the page's virtual address"},
     kUnused},
    {EventKind::OomKill,
     "oom_kill",
     "killed: out of memory",
     "a frame was needed and none was free: the process is killed (status 137)",
     {"address", E::Integer, "the address that needed a frame"},
     {"frames", E::Integer, "the frames its address space held"}},
    {EventKind::PageEvicted,
     "page_evicted",
     "page evicted",
     "page replacement took the process's page out of memory (a dirty one goes to swap first)",
     {"address", E::Integer, "the page's virtual address"},
     {"frame_dirty", E::Integer, "the frame it left, times 2, plus 1 if the page was dirty"}},
    {EventKind::SwapOut,
     "swap_out",
     "page written to swap",
     "a dirty page's contents went to a swap slot",
     {"address", E::Integer, "the page's virtual address"},
     {"slot", E::Integer, "the swap slot"}},
    {EventKind::SwapIn,
     "swap_in",
     "page read from swap",
     "a major fault brought the page back from its swap slot",
     {"address", E::Integer, "the page's virtual address"},
     {"slot", E::Integer, "the swap slot"}},
}};

constexpr EventKindInfo kUnknown{EventKind::CpuOnline,
                                 "unknown",
                                 "unknown event",
                                 "not a kind of this trace version",
                                 {"a", E::Integer, "payload a"},
                                 {"b", E::Integer, "payload b"}};

std::string ticks(std::int64_t value) { return value == kNever ? std::string("unlimited") : std::to_string(value); }

// 1500 thousandths read "1.5".
std::string thousandths(std::int64_t value) {
  std::string text = std::to_string(value / 1000);
  if (std::int64_t fraction = value % 1000; fraction != 0) {
    std::string digits = std::to_string(fraction < 0 ? -fraction : fraction);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text;
}

std::string hex(std::int64_t value, int digits) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%0*llx", digits, static_cast<unsigned long long>(value));
  return text;
}

// "0x00012" for virtual page 0x12 (five hex digits: Sv32 has 20-bit page numbers).
std::string hex_page(std::int64_t page) { return hex(page, 5); }

std::string name_of(std::int64_t id, const EventNames& names) { return names.name ? names.name(id) : std::string(); }

// TEXT as a JSON string, cut after 60 bytes: one line whatever the program wrote.
std::string quoted_line(std::string text) {
  constexpr std::size_t kMost = 60;
  const bool cut = text.size() > kMost;
  if (cut) text.resize(kMost);
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + (cut ? "..." : "");
}

std::string reason_and_ran(std::string_view reason, std::int64_t ran) {
  return "(" + std::string(reason) + ", ran " + std::to_string(ran) + ")";
}

}  // namespace

std::span<const EventKindInfo> event_kinds() { return kKinds; }

const EventKindInfo& event_kind_info(EventKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return index < kKinds.size() ? kKinds[index] : kUnknown;
}

std::string process_label(Pid pid, const EventNames& names) {
  std::string label = names.process ? names.process(pid) : std::string();
  return label.empty() ? "pid " + std::to_string(pid) : label;
}

std::string describe_payload(const TraceEvent& event, const EventNames& names) {
  const std::int64_t a = event.a;
  const std::int64_t b = event.b;
  switch (event.kind) {
    case EventKind::CpuOnline: return "(speed " + thousandths(a) + (b != 0 ? ", big core)" : ")");
    case EventKind::ProcessCreated: {
      const std::string name = name_of(b, names);
      std::string text = name.empty() ? std::string() : "\"" + name + "\"";
      if (a != static_cast<std::int64_t>(kNoPid))
        text += (text.empty() ? "" : " ") + std::string("(forked by pid ") + std::to_string(a) + ")";
      return text;
    }
    case EventKind::StateChanged:
      return "(" + std::string(to_string(static_cast<ProcessState>(a))) + " -> " +
             std::string(to_string(static_cast<ProcessState>(b))) + ")";
    case EventKind::Dispatched:
      return "(slice " + ticks(a) + (b != 0 ? ", switch cost " + std::to_string(b) : std::string()) + ")";
    case EventKind::Preempted: return reason_and_ran(to_string(static_cast<PreemptReason>(a)), b);
    case EventKind::Blocked: return reason_and_ran(to_string(static_cast<BlockReason>(a)), b);
    case EventKind::Woken: return "(" + std::string(to_string(static_cast<BlockReason>(a))) + ")";
    case EventKind::Exited:
      return "(" + (a != 0 ? "status " + std::to_string(a) + ", " : std::string()) + "ran " + std::to_string(b) + ")";
    case EventKind::TimerInterrupt:
    case EventKind::CpuIdle: return {};
    case EventKind::IoRequest:
    case EventKind::IoComplete: return "(device " + std::to_string(a) + ", " + std::to_string(b) + " ticks)";
    case EventKind::Migrated: return "(CPU " + std::to_string(a) + " -> " + std::to_string(b) + ")";
    case EventKind::DeadlineMiss: return "(deadline " + std::to_string(a) + ", job " + std::to_string(b) + ")";
    case EventKind::RunEnd: return a != 0 ? "(every process exited)" : "(time limit)";
    case EventKind::CpuEnergy: return "(busy " + std::to_string(a) + ", idle " + std::to_string(b) + " per tick)";
    case EventKind::Syscall: return "(number " + std::to_string(a) + ", result " + std::to_string(b) + ")";
    case EventKind::ConsoleOutput: return "(fd " + std::to_string(a) + ": " + quoted_line(name_of(b, names)) + ")";
    case EventKind::UserFault: return "(address " + hex(a, 8) + ", stop reason " + std::to_string(b) + ")";
    case EventKind::ProcessExec: return "(now \"" + name_of(b, names) + "\")";
    case EventKind::TlbMiss: return "(page " + hex_page(a) + ", ASID " + std::to_string(b) + ")";
    case EventKind::TlbFlush:
      return a == 0   ? std::string("(everything)")
             : a == 1 ? "(ASID " + std::to_string(b) + ")"
                      : "(page " + hex_page(b) + ")";
    case EventKind::PageFault: {
      static constexpr std::array<const char*, 4> kFaults = {"minor", "major", "copy-on-write", "protection"};
      const char* fault = b >= 0 && b < 4 ? kFaults[static_cast<std::size_t>(b)] : "kind ?";
      return "(" + std::string(fault) + ", address " + hex(a, 8) + ")";
    }
    case EventKind::CowCopy: return "(page " + hex(a, 8) + ")";
    case EventKind::OomKill: return "(address " + hex(a, 8) + ", held " + std::to_string(b) + " frames)";
    case EventKind::PageEvicted:
      return "(page " + hex(a, 8) + ", frame " + std::to_string(b >> 1) + ((b & 1) != 0 ? ", dirty)" : ", clean)");
    case EventKind::SwapOut:
    case EventKind::SwapIn: return "(page " + hex(a, 8) + ", slot " + std::to_string(b) + ")";
  }
  return "(" + std::to_string(a) + ", " + std::to_string(b) + ")";  // a kind of a later trace version
}

std::string describe_event(const TraceEvent& event, const EventNames& names) {
  const std::string_view phrase = event_kind_info(event.kind).phrase;
  std::string line;
  if (event.pid != kNoPid) {
    line = process_label(event.pid, names) + " " + std::string(phrase);
    if (event.cpu != kNoCpu) line += " on CPU " + std::to_string(event.cpu);
  } else if (event.cpu != kNoCpu) {
    line = "CPU " + std::to_string(event.cpu) + " " + std::string(phrase);
  } else {
    line = phrase;
  }
  const std::string payload = describe_payload(event, names);
  if (!payload.empty()) line += " " + payload;
  return line;
}

}  // namespace ks
