// sim-core/trace/trace.cpp — the trace's name table: every name in one string, with the end of
// each, so that adding a name is an append and an event needs only the name's index.
#include "sim-core/trace/trace.h"

#include "sim-core/error.h"

namespace ks {

void Trace::finish() {
  for (TraceSink* sink : sinks_) sink->finish();
}

std::uint32_t Trace::add_name(std::string_view name) {
  KS_ASSERT(name_text_.size() + name.size() < UINT32_MAX, "the name table stays below 4 GiB");
  name_text_.append(name);
  name_ends_.push_back(static_cast<std::uint32_t>(name_text_.size()));
  return static_cast<std::uint32_t>(name_ends_.size() - 1);
}

std::string_view Trace::name(std::uint32_t id) const {
  KS_ASSERT(id < name_ends_.size(), "a name id refers to a name the trace holds");
  const std::uint32_t begin = id == 0 ? 0 : name_ends_[id - 1];
  return std::string_view(name_text_).substr(begin, name_ends_[id] - begin);
}

void Trace::reserve_names(std::size_t count, std::size_t average_length) {
  name_ends_.reserve(name_ends_.size() + count);
  name_text_.reserve(name_text_.size() + count * average_length);
}

}  // namespace ks
