// kernel/policy/registry.h — one registry pattern for every pluggable kind of policy.
//
// A kind of policy is an interface the kernel calls (Scheduler now; a page-replacement policy, a
// disk scheduler, a file system next) and the context the kernel offers an implementation when it
// builds one. Registry<Interface, Context> lists the implementations of one kind by name; each
// entry gives
//   name      what a scenario, `--policy` and the tools call it ("rr")
//   summary   one line for `--list`
//   params    the parameters it accepts, declared and checked in kernel/policy/params.h
//   make      the factory: the parameters (every declared one present, each checked) and the
//             context in, a new instance out; it throws InputError for values that are wrong
//             together (mlfq's per-level lists against its number of levels)
//   in_force  optional: the parameters with the values in force written in where a default
//             depends on other parameters, so that a report prints what ran
// Each kind has one instance of the template, in the kind's folder (kernel/sched/registry.h for
// the schedulers), and its names for a student (`find_policy`, `policy_names`).
//
// Adding a policy is adding one file. The file defines the entry function and marks it, on the
// line before, with the kind and an order key:
//     // registry: scheduler 20
//     PolicyInfo rr_policy() {
// The build (cmake/KsRegistry.cmake) reads these markers from the kernel's sources and generates
// the kind's list of entry functions, sorted by the key (the order of `--list`); a marker that is
// not followed by an entry function, a key used twice or an unknown kind stops the build with the
// file and line. The list is generated rather than filled by static initialisers in each file
// because a linker takes an object file from a static archive only when something refers to it:
// a file that only registered itself from a static initialiser would be dropped from ks-kernel,
// and from the grader's runner kit, where each lab file is its own library (cmake/KsLabs.cmake).
// The generated list refers to every entry function by name, so each policy file is linked in,
// the kernel's or a submission's in its place alike.
//
// Entries may also be added at run time (add), after the generated ones: the grader's own test
// submissions register their policies so (kernel/sched/extra_policies.h).
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kernel/policy/params.h"
#include "sim-core/error.h"

namespace ks {

template <class Interface, class Context>
struct RegistryEntry {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  std::function<std::unique_ptr<Interface>(const PolicyParams&, const Context&)> make;
  std::function<PolicyParams(const PolicyParams&)> in_force;
};

// The defaults of every parameter ENTRY declares.
template <class Interface, class Context>
PolicyParams default_params(const RegistryEntry<Interface, Context>& entry) {
  return default_params(entry.params);
}

template <class Interface, class Context>
class Registry {
 public:
  using Entry = RegistryEntry<Interface, Context>;

  // NOUN is what messages call an entry ("policy"); BUILT_IN the generated list, in its order.
  Registry(std::string noun, std::vector<Entry> built_in) : noun_(std::move(noun)) {
    for (Entry& entry : built_in) {
      KS_ASSERT(find(entry.name) == nullptr, "every built-in entry of a registry has its own name");
      entries_.push_back(std::move(entry));
    }
  }

  // Every entry, the built-in ones first; an entry's address never changes.
  const std::deque<Entry>& entries() const { return entries_; }

  const Entry* find(std::string_view name) const {
    for (const Entry& entry : entries_) {
      if (entry.name == name) return &entry;
    }
    return nullptr;
  }

  // "fifo, rr, ...": every name, in order, for messages.
  std::string names() const {
    std::string list;
    for (const Entry& entry : entries_) list += (list.empty() ? "" : ", ") + entry.name;
    return list;
  }

  const std::string& noun() const { return noun_; }

  // Adds ENTRY after the others; false (and nothing added) when its name is taken or empty.
  bool add(Entry entry) {
    if (entry.name.empty() || find(entry.name) != nullptr) return false;
    entries_.push_back(std::move(entry));
    return true;
  }

 private:
  std::string noun_;
  std::deque<Entry> entries_;  // a deque: adding never moves an entry a caller points to
};

}  // namespace ks
