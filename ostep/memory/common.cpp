// Python's int() with a message, the scripts' size parser and the run harness of the memory
// simulators (common.h says how a run stops on bad input).
#include "ostep/memory/common.h"

#include "ostep/pyformat.h"
#include "ostep/simulator.h"

namespace ks::ostep::memory {
namespace {

constexpr std::int64_t kLargestSize = std::int64_t{1} << 53;

}  // namespace

std::int64_t python_int_or_error(std::string_view text, std::string_view what) {
  if (const auto value = parse_python_decimal(text)) return *value;
  throw InputError(std::string(what) + ": '" + std::string(text) + "' is not an integer");
}

std::int64_t convert_size(std::string_view size, std::string_view what) {
  std::int64_t unit = 1;
  std::string_view number = size;
  if (!size.empty()) {
    switch (size.back()) {
      case 'k':
      case 'K': unit = std::int64_t{1} << 10; break;
      case 'm':
      case 'M': unit = std::int64_t{1} << 20; break;
      case 'g':
      case 'G': unit = std::int64_t{1} << 30; break;
      default: break;
    }
    if (unit != 1) number.remove_suffix(1);
  }
  const auto value = parse_python_decimal(number);
  if (!value) {
    throw InputError(std::string(what) + ": '" + std::string(size) +
                     "' is not a size (an integer, optionally followed by k, m or g)");
  }
  if (*value > kLargestSize / unit || *value < -kLargestSize / unit) {
    throw InputError(std::string(what) + ": '" + std::string(size) + "' is too large (at most 2^53)");
  }
  return *value * unit;
}

int run_memory_simulator(std::string_view name, const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err, void (*declare)(OptionParser& parser),
                         void (*simulate)(const OptionParser& options, Report& report)) {
  std::vector<std::string> words = args;
  const OutputMode mode = strip_output_flags(words);
  if (mode.viz) return no_view_yet(name, err);
  OptionParser parser(ostep_prog_name(name));
  declare(parser);
  if (const auto status = parser.parse(words, out, err)) return *status;
  Report report;
  report.json = mode.json;
  report.data["simulator"] = std::string(name);
  const auto flush_text = [&] {
    if (!report.json) out << report.text.str();
  };
  try {
    simulate(parser, report);
  } catch (const ScriptStop& stop) {
    flush_text();
    (report.json ? err : out) << stop.lines;
    return 2;
  } catch (const InputError& error) {
    flush_text();
    err << ostep_prog_name(name) << ": error: " << error.what() << "\n";
    return 2;
  }
  if (report.json) {
    out << report.data.dump(2) << "\n";
  } else {
    out << report.text.str();
  }
  return 0;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1) {
    words.push_back(text.substr(start, comma - start));
  }
  words.push_back(text.substr(start));
  return words;
}

std::string option_text(const OptionValue& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return py_str(*number);
  if (const auto* real = std::get_if<double>(&value)) return py_str(*real);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* flag = std::get_if<bool>(&value)) return py_str(*flag);
  return "None";
}

nlohmann::json option_json(const OptionValue& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* flag = std::get_if<bool>(&value)) return *flag;
  return nullptr;
}

void print_words(std::ostream& out, const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) out << (i == 0 ? "" : " ") << words[i];
  out << "\n";
}

}  // namespace ks::ostep::memory
