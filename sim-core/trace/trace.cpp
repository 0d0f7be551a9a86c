#include "sim-core/trace/trace.h"

#include "sim-core/error.h"

namespace ks {

void Trace::finish() {
  for (TraceSink* sink : sinks_) sink->finish();
}

std::uint32_t Trace::add_name(std::string_view name) {
  names_.emplace_back(name);
  return static_cast<std::uint32_t>(names_.size() - 1);
}

std::string_view Trace::name(std::uint32_t id) const {
  KS_ASSERT(id < names_.size(), "a name id refers to a name the trace holds");
  return names_[id];
}

}  // namespace ks
