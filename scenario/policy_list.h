// scenario/policy_list.h — a list of policies with their parameters, as one command-line value.
//
// `kernsim compare --policies` and `kernsim-viz --compare` take the same text:
//   LIST    = CHOICE { "," CHOICE }
//   CHOICE  = POLICY { ":" KEY "=" VALUE }          e.g.  fifo,rr:quantum=2,mlfq:levels=2:boost_interval=50
// A comma followed by a digit continues a value instead of starting a policy, so a per-level
// list needs no quoting: mlfq:quantum=2,4,8:allotment=8,rr. Values are checked against the
// policy's declared parameters when the choice is applied (override_policy in scenario.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ks {

struct PolicyChoice {
  std::string policy;               // a registry name (checked by the parser)
  std::vector<std::string> params;  // "key=value", as for --param
  std::int64_t column = 1;          // 1-based position of the choice in the list, for messages
};

// Parses TEXT, the value of the command-line option OPTION ("--policies"). Throws InputError
// with key path OPTION and the 1-based character position of the problem: an empty list or
// choice, an unknown policy, a parameter that is not KEY=VALUE or that the policy does not have.
std::vector<PolicyChoice> parse_policy_list(const std::string& text, const std::string& option);

}  // namespace ks
