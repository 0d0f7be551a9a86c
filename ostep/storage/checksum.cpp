// checksum: OSTEP chapter 45's data-integrity homework (the textbook's checksum.py).
//
// A few data bytes (random ones from the seed, -d of them, or the list given with -D) are shown
// in decimal, hex and binary; the question is their checksums: the additive one (sum mod 256),
// XOR, and Fletcher's (a = a + byte mod 255, b = b + a mod 255). -c shows them.
// Values given with -D are used as they are, even outside 0..255, as the script does (its hex
// and binary columns then show Python's texts for such numbers).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ostep/options.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"
#include "ostep/storage/script_run.h"
#include "ostep/storage/storage.h"

namespace ks::ostep::storage {
namespace {

constexpr std::int64_t kMaxValues = 1'000'000;
constexpr std::int64_t kMaxMagnitude = std::int64_t{1} << 60;

std::string hex_text(std::int64_t value) { return py_percent(value < 16 ? "0x0%x" : "0x%x", value); }

// The script's print_bin: Python's bin(VALUE) after "0b" and zero padding to a width of 10.
std::string binary_text(std::int64_t value) {
  std::string digits;
  auto magnitude = static_cast<std::uint64_t>(value < 0 ? -value : value);
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + (magnitude & 1)));
    magnitude >>= 1;
  } while (magnitude != 0);
  const std::string python_bin = (value < 0 ? "-0b" : "0b") + digits;
  const std::size_t pad = python_bin.size() < 10 ? 10 - python_bin.size() : 0;
  return "0b" + std::string(pad, '0') + python_bin.substr(2);
}

std::optional<int> checksum_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("checksum"));
  parser.add_int("-s", "--seed", "seed", 0, "Random seed")
      .add_int("-d", "--data_size", "data_size", 4, "Number of bytes in data word")
      .add_string("-D", "--data", "data", "", "Data in comma separated form")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  std::ostream& text = run.text;
  const std::string& data = parser.get_string("data");
  const std::int64_t size = parser.get_int("data_size");
  text << "\nOPTIONS seed " << parser.get_int("seed") << "\nOPTIONS data_size " << size << "\nOPTIONS data " << data
       << "\n\n";

  PyRandom random(parser.get_int("seed"));
  std::vector<std::int64_t> values;
  if (!data.empty()) {
    for (const std::string& piece : python_split(data, ',')) {
      const std::int64_t value = int_piece("-D", piece);
      if (value > kMaxMagnitude || value < -kMaxMagnitude) {
        throw StorageError::input(py_percent("option -D: value %d is too large (at most 2**60 in magnitude)", value));
      }
      values.push_back(value);
    }
  } else {
    if (size > kMaxValues)
      throw StorageError::input(py_percent("option -d: at most %d bytes, not %d", kMaxValues, size));
    for (std::int64_t i = 0; i < size; ++i) values.push_back(static_cast<std::int64_t>(random.random() * 256));
  }

  std::int64_t add = 0, exclusive_or = 0, fletcher_a = 0, fletcher_b = 0;
  for (const std::int64_t value : values) {
    add = py_mod(add + value, 256);
    exclusive_or ^= value;
    fletcher_a = py_mod(fletcher_a + value, 255);
    fletcher_b = py_mod(fletcher_b + fletcher_a, 255);
  }
  text << "Decimal:   ";
  for (const std::int64_t value : values) text << py_percent("%10s", py_str(value)) << ' ';
  text << "\nHex:       ";
  for (const std::int64_t value : values) text << "      " << hex_text(value) << ' ';
  text << "\nBin:       ";
  for (const std::int64_t value : values) text << binary_text(value) << ' ';
  text << "\n\n";
  if (parser.get_flag("solve")) {
    text << "Add:            " << py_percent("%3d      ", add) << " (" << binary_text(add) << ")\n"
         << "Xor:            " << py_percent("%3d      ", exclusive_or) << " (" << binary_text(exclusive_or) << ")\n"
         << "Fletcher(a,b):  " << py_percent("%3d,%3d  ", fletcher_a, fletcher_b) << " (" << binary_text(fletcher_a)
         << "," << binary_text(fletcher_b) << ")\n";
  } else {
    text << "Add:      ?\nXor:      ?\nFletcher: ?\n";
  }
  text << "\n";
  run.data["values"] = values;
  run.data["compute"] = parser.get_flag("solve");
  if (!parser.get_flag("solve")) return std::nullopt;  // the answers, as the text, only with -c
  run.data["add"] = add;
  run.data["xor"] = exclusive_or;
  run.data["fletcher"] = {fletcher_a, fletcher_b};
  return std::nullopt;
}

}  // namespace

int run_checksum(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("checksum", args, out, err, checksum_body);
}

}  // namespace ks::ostep::storage
