// The CPU simulators' run harness (see common.h).
#include "ostep/cpu/common.h"

#include <cmath>
#include <type_traits>
#include <variant>

#include "ostep/pyformat.h"
#include "ostep/simulator.h"

namespace ks::ostep::cpu {
namespace {

nlohmann::json option_values(const OptionParser& parser) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& entry : parser.values()) {
    const std::string& dest = entry.first;  // a plain name: clang 14 cannot capture structured bindings
    const OptionValue& value = entry.second;
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            values[dest] = nullptr;
          } else if constexpr (std::is_same_v<T, double>) {
            values[dest] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(py_str(v));
          } else {
            values[dest] = v;
          }
        },
        value);
  }
  return values;
}

}  // namespace

int run_cpu_simulator(std::string_view name, std::vector<std::string> args, std::ostream& out, std::ostream& err,
                      Declare declare, Simulate simulate) {
  const OutputMode mode = strip_output_flags(args);
  if (mode.viz) return no_view_yet(name, err);
  OptionParser parser(ostep_prog_name(name));
  declare(parser);
  if (const auto status = parser.parse(args, out, err)) return *status;
  Report report;
  report.data["simulator"] = std::string(name);
  report.data["options"] = option_values(parser);
  try {
    simulate(parser, report);
  } catch (const ScriptStop& stop) {
    if (!mode.json) out << report.text.str();
    (mode.json || stop.on_stderr ? err : out) << stop.message;
    return 2;
  } catch (const InputError& error) {
    if (!mode.json) out << report.text.str();
    err << ostep_prog_name(name) << ": " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {  // a bug in the simulator: say so rather than crash
    if (!mode.json) out << report.text.str();
    err << ostep_prog_name(name) << ": internal error: " << error.what() << "\n";
    return 1;
  }
  if (mode.json) {
    out << report.data.dump(2) << "\n";
  } else {
    out << report.text.str();
  }
  return 0;
}

std::int64_t within(std::int64_t value, std::string_view what, std::int64_t limit) {
  if (value < -limit || value > limit) {
    throw InputError(std::string(what) + ": " + std::to_string(value) + " is beyond what kernsim supports here (" +
                     (limit == kMaxCount ? "at most 1000000" : "magnitude at most 2^40") + ")");
  }
  return value;
}

void check_within(const OptionParser& options, std::initializer_list<std::pair<const char*, const char*>> dest_and_flag,
                  std::int64_t limit) {
  for (const auto& entry : dest_and_flag) within(options.get_int(entry.first), entry.second, limit);
}

std::int64_t int_or_error(std::string_view text, std::string_view what) {
  bool out_of_range = false;
  const auto value = parse_python_decimal(text, &out_of_range);
  if (value) return *value;
  throw InputError(std::string(what) + ": " + (out_of_range ? "integer out of range: " : "not an integer: ") +
                   py_repr(text));
}

double float_or_error(std::string_view text, std::string_view what) {
  const auto value = parse_python_float(text);
  if (value) return *value;
  throw InputError(std::string(what) + ": not a number: " + py_repr(text));
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      fields.emplace_back(text.substr(start));
      return fields;
    }
    fields.emplace_back(text.substr(start, at - start));
    start = at + 1;
  }
}

}  // namespace ks::ostep::cpu
