// ssd: OSTEP chapter 44's flash-based SSD simulator (the textbook's ssd.py).
//
// The flash has -B blocks of -p pages; a page is invalid (never erased), erased, or valid. A
// block is erased as a whole (costing -E), a page programmed once after that (-W) and read any
// number of times (-R). The flash translation layer (FTL) maps -l logical pages to physical ones:
// - ideal: logical page N is physical page N, programmed in place without erasing (impossible in
//   real flash: the lower bound);
// - direct: also in place, but each write reads the block's other valid pages, erases the block
//   and programs them back with the new page;
// - log: writes go to the next erased page of the current log block; the FTL remembers where each
//   logical page went. When the blocks in use reach the high-water mark (-G), the garbage
//   collector goes round the blocks (from where it last stopped), copies each block's live pages
//   to the log and erases the block, until the blocks in use are at the low-water mark (-g).
// Commands are r10 (read), w10:a (write 'a') and t10 (trim); they come from -L or are drawn at
// random (-n of them, -P percentages of reads/writes/trims, -K hot/cold skew after -k writes,
// -r percent of reads that may go to unwritten pages). -C shows the commands, -F the state after
// each, -J the garbage collector, -S the operation counts and times; -q asks for the commands and
// -c answers them.
//
// Differences from the script: where it crashes (a command it cannot parse; a direct or ideal
// write beyond the physical pages; a flash of fewer than 7 pages, whose FTL display divides by
// zero) or loops forever (random commands that can never be generated, e.g. only reads with
// fewer than two pages written), kernsim says what is wrong and exits 2.
#include <algorithm>
#include <cstdint>
#include <functional>
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

constexpr std::int64_t kMaxPages = 1'000'000;
constexpr std::int64_t kMaxCommands = 1'000'000;
constexpr int kMaxIdleDraws = 1'000'000;

enum class FtlType { Direct, Log, Ideal };
enum class PageState { Invalid, Erased, Valid };

struct SsdConfig {
  FtlType type = FtlType::Direct;
  std::int64_t logical_pages = 50;
  std::int64_t blocks = 7;
  std::int64_t pages_per_block = 10;
  double erase_time = 1000, program_time = 40, read_time = 10;
  std::int64_t high_water = 10, low_water = 8;
  bool trace_gc = false;
  bool show_state = false;
};

class Ssd {
 public:
  Ssd(const SsdConfig& config, std::ostream& text)
      : c_(config), text_(text), pages_(static_cast<std::size_t>(config.blocks * config.pages_per_block)) {
    state_.assign(pages_, PageState::Invalid);
    data_.assign(pages_, " ");
    reverse_.assign(pages_, -1);
    forward_.assign(static_cast<std::size_t>(c_.logical_pages), -1);
    const auto blocks = static_cast<std::size_t>(c_.blocks);
    in_use_.assign(blocks, 0);
    erases_.assign(blocks, 0);
    reads_.assign(blocks, 0);
    writes_.assign(blocks, 0);
  }

  std::string read(std::int64_t address) {
    ++logical_reads_;
    if (address < 0 || address >= c_.logical_pages) {
      ++failed_reads_;
      return "fail: illegal read address";
    }
    if (forward_[static_cast<std::size_t>(address)] == -1) {
      ++failed_reads_;
      return "fail: uninitialized read";
    }
    return physical_read(forward_[static_cast<std::size_t>(address)]);
  }

  std::string write(std::int64_t address, const std::string& data) {
    ++logical_writes_;
    if (address < 0 || address >= c_.logical_pages) {
      ++failed_writes_;
      return "fail: illegal write address";
    }
    if (c_.type != FtlType::Log && address >= static_cast<std::int64_t>(pages_)) {
      throw StorageError::input(py_percent("logical page %d has no physical page in place (the flash has %d pages)",
                                           address, static_cast<std::int64_t>(pages_)));
    }
    if (c_.type == FtlType::Direct) return write_direct(address, data);
    if (c_.type == FtlType::Ideal) {
      program(address, data);
      map(address, address);
      return "success";
    }
    return write_log(address, data);
  }

  std::string trim(std::int64_t address) {
    ++logical_trims_;
    if (address < 0 || address >= c_.logical_pages) {
      ++failed_trims_;
      return "fail: illegal trim address";
    }
    if (forward_[static_cast<std::size_t>(address)] == -1) {
      ++failed_trims_;
      return "fail: uninitialized trim";
    }
    forward_[static_cast<std::size_t>(address)] = -1;
    return "success";
  }

  // After each command: garbage collection when the blocks in use reach the high-water mark.
  void upkeep() {
    if (blocks_in_use() >= c_.high_water) collect_garbage();
  }

  void dump() const;
  void stats() const;
  nlohmann::json state_json() const;
  nlohmann::json stats_json() const;

 private:
  std::size_t block_of(std::int64_t page) const { return static_cast<std::size_t>(page / c_.pages_per_block); }

  std::int64_t blocks_in_use() const {
    std::int64_t used = 0;
    for (const int flag : in_use_) used += flag;
    return used;
  }

  bool live(std::size_t page) const {
    const std::int64_t logical = reverse_[page];
    return logical != -1 && forward_[static_cast<std::size_t>(logical)] == static_cast<std::int64_t>(page);
  }

  void erase(std::int64_t block) {
    const std::int64_t first = block * c_.pages_per_block;
    for (std::int64_t page = first; page < first + c_.pages_per_block; ++page) {
      data_[static_cast<std::size_t>(page)] = " ";
      state_[static_cast<std::size_t>(page)] = PageState::Erased;
    }
    in_use_[static_cast<std::size_t>(block)] = 0;
    ++erases_[static_cast<std::size_t>(block)];
    ++erase_sum_;
  }

  void program(std::int64_t page, const std::string& data) {
    data_[static_cast<std::size_t>(page)] = data;
    state_[static_cast<std::size_t>(page)] = PageState::Valid;
    ++writes_[block_of(page)];
    ++write_sum_;
  }

  std::string physical_read(std::int64_t page) {
    ++reads_[block_of(page)];
    ++read_sum_;
    return data_[static_cast<std::size_t>(page)];
  }

  void map(std::int64_t logical, std::int64_t physical) {
    forward_[static_cast<std::size_t>(logical)] = physical;
    reverse_[static_cast<std::size_t>(physical)] = logical;
  }

  std::string write_direct(std::int64_t page, const std::string& data) {
    const std::int64_t first = static_cast<std::int64_t>(block_of(page)) * c_.pages_per_block;
    std::vector<std::pair<std::int64_t, std::string>> kept;
    for (std::int64_t old = first; old < first + c_.pages_per_block; ++old) {
      if (state_[static_cast<std::size_t>(old)] == PageState::Valid) kept.emplace_back(old, physical_read(old));
    }
    erase(static_cast<std::int64_t>(block_of(page)));
    for (const auto& [old, old_data] : kept) {
      if (old != page) program(old, old_data);
    }
    program(page, data);
    map(page, page);
    return "success";
  }

  // Makes BLOCK the log block if it is erased (or never was: then it is erased first).
  bool take_if_free(std::int64_t block) {
    const std::int64_t first = block * c_.pages_per_block;
    const PageState state = state_[static_cast<std::size_t>(first)];
    if (state != PageState::Invalid && state != PageState::Erased) return false;
    if (state == PageState::Invalid) erase(block);
    current_block_ = block;
    current_page_ = first;
    in_use_[static_cast<std::size_t>(block)] = 1;
    return true;
  }

  bool find_log_page() {
    if (current_page_ != -1) return true;
    for (std::int64_t block = current_block_; block < c_.blocks; ++block) {
      if (take_if_free(block)) return true;
    }
    for (std::int64_t block = 0; block < current_block_; ++block) {
      if (take_if_free(block)) return true;
    }
    return false;
  }

  std::string write_log(std::int64_t address, const std::string& data) {
    if (!find_log_page()) {
      ++failed_writes_;
      return "failure: device full";
    }
    program(current_page_, data);
    map(address, current_page_);
    ++current_page_;
    if (current_page_ % c_.pages_per_block == 0) current_page_ = -1;
    return "success";
  }

  void collect_garbage() {
    std::vector<std::int64_t> order;
    for (std::int64_t block = gc_block_; block < c_.blocks; ++block) order.push_back(block);
    for (std::int64_t block = 0; block < gc_block_; ++block) order.push_back(block);
    for (const std::int64_t block : order) {
      if (block == current_block_) continue;
      const std::int64_t first = block * c_.pages_per_block;
      if (state_[static_cast<std::size_t>(first)] == PageState::Erased) continue;
      std::vector<std::int64_t> live_pages;
      for (std::int64_t page = first; page < first + c_.pages_per_block; ++page) {
        if (live(static_cast<std::size_t>(page))) live_pages.push_back(page);
      }
      if (static_cast<std::int64_t>(live_pages.size()) == c_.pages_per_block) continue;
      for (const std::int64_t page : live_pages) {
        if (c_.trace_gc) {
          text_ << py_percent("gc %d:: read(physical_page=%d)", gc_count_, page) << "\n"
                << py_percent("gc %d:: write()", gc_count_) << "\n";
        }
        const std::string data = physical_read(page);
        write(reverse_[static_cast<std::size_t>(page)], data);
      }
      erase(block);
      if (c_.trace_gc) {
        text_ << py_percent("gc %d:: erase(block=%d)", gc_count_, block) << "\n";
        if (c_.show_state) {
          text_ << "\n";
          dump();
          text_ << "\n";
        }
      }
      if (blocks_in_use() <= c_.low_water) {
        gc_block_ = block;
        ++gc_count_;
        return;
      }
    }
  }

  void page_row(const char* label, const std::function<char(std::size_t)>& cell) const;

  SsdConfig c_;
  std::ostream& text_;
  std::size_t pages_;
  std::vector<PageState> state_;
  std::vector<std::string> data_;
  std::vector<std::int64_t> forward_, reverse_;
  std::vector<int> in_use_;
  std::vector<std::int64_t> erases_, reads_, writes_;
  std::int64_t erase_sum_ = 0, write_sum_ = 0, read_sum_ = 0;
  std::int64_t logical_reads_ = 0, logical_writes_ = 0, logical_trims_ = 0;
  std::int64_t failed_reads_ = 0, failed_writes_ = 0, failed_trims_ = 0;
  std::int64_t current_page_ = -1, current_block_ = 0;
  std::int64_t gc_count_ = 0, gc_block_ = 0;
};

void Ssd::page_row(const char* label, const std::function<char(std::size_t)>& cell) const {
  text_ << label;
  for (std::size_t i = 0; i < pages_; ++i) {
    text_ << cell(i);
    if (i > 0 && (i + 1) % 10 == 0) text_ << ' ';
  }
  text_ << "\n";
}

void Ssd::dump() const {
  text_ << "FTL   ";
  const std::int64_t columns = c_.pages_per_block * c_.blocks / 7;
  std::int64_t count = 0;
  for (std::size_t i = 0; i < forward_.size(); ++i) {
    if (forward_[i] == -1) continue;
    ++count;
    text_ << py_percent("%3d:%3d ", static_cast<std::int64_t>(i), forward_[i]);
    if (columns == 0) throw StorageError::input("the FTL display needs a flash of at least 7 pages (-B times -p)");
    if (count % columns == 0) text_ << "\n      ";
  }
  if (count == 0) text_ << "(empty)";
  text_ << "\nBlock ";
  for (std::int64_t i = 0; i < c_.blocks; ++i) {
    const std::string number = std::to_string(i);
    const std::int64_t pad = c_.pages_per_block - static_cast<std::int64_t>(number.size()) + 1;
    text_ << number << std::string(static_cast<std::size_t>(std::max<std::int64_t>(pad, 0)), ' ');
  }
  text_ << "\n";
  const std::size_t width = std::to_string(pages_).size();
  for (std::size_t n = width; n > 0; --n) {
    page_row(n == width ? "Page  " : "      ", [&](std::size_t i) {
      std::string digits = std::to_string(i);
      digits.insert(0, width > digits.size() ? width - digits.size() : 0, '0');
      return digits[width - n];
    });
  }
  page_row("State ", [&](std::size_t i) {
    return state_[i] == PageState::Invalid ? 'i' : state_[i] == PageState::Erased ? 'E' : 'v';
  });
  text_ << "Data  ";
  for (std::size_t i = 0; i < pages_; ++i) {
    text_ << (state_[i] == PageState::Valid ? data_[i] : std::string(" "));
    if (i > 0 && (i + 1) % 10 == 0) text_ << ' ';
  }
  text_ << "\n";
  page_row("Live  ", [&](std::size_t i) { return state_[i] == PageState::Valid && live(i) ? '+' : ' '; });
}

void Ssd::stats() const {
  const auto row = [&](const char* label, const std::vector<std::int64_t>& counts, std::int64_t sum) {
    text_ << label;
    for (const std::int64_t count : counts) text_ << py_percent("%3d        ", count);
    text_ << "  Sum: " << sum << "\n";
  };
  text_ << "Physical Operations Per Block\n";
  row("Erases ", erases_, erase_sum_);
  row("Writes ", writes_, write_sum_);
  row("Reads  ", reads_, read_sum_);
  const double erase = static_cast<double>(erase_sum_) * c_.erase_time;
  const double write = static_cast<double>(write_sum_) * c_.program_time;
  const double read = static_cast<double>(read_sum_) * c_.read_time;
  text_ << "\nLogical Operation Sums\n"
        << py_percent("  Write count %d (%d failed)\n", logical_writes_, failed_writes_)
        << py_percent("  Read count  %d (%d failed)\n", logical_reads_, failed_reads_)
        << py_percent("  Trim count  %d (%d failed)\n", logical_trims_, failed_trims_) << "\nTimes\n"
        << py_percent("  Erase time %.2f\n", erase) << py_percent("  Write time %.2f\n", write)
        << py_percent("  Read time  %.2f\n", read) << py_percent("  Total time %.2f\n", erase + write + read);
}

nlohmann::json Ssd::state_json() const {
  nlohmann::json ftl = nlohmann::json::object();
  for (std::size_t i = 0; i < forward_.size(); ++i) {
    if (forward_[i] != -1) ftl[std::to_string(i)] = forward_[i];
  }
  std::string states, live_pages;
  nlohmann::json data = nlohmann::json::array();
  for (std::size_t i = 0; i < pages_; ++i) {
    states += state_[i] == PageState::Invalid ? 'i' : state_[i] == PageState::Erased ? 'E' : 'v';
    live_pages += state_[i] == PageState::Valid && live(i) ? '+' : ' ';
    data.push_back(state_[i] == PageState::Valid ? data_[i] : std::string());
  }
  return {{"ftl", ftl}, {"states", states}, {"data", data}, {"live", live_pages}};
}

nlohmann::json Ssd::stats_json() const {
  return {{"erases", erases_},
          {"writes", writes_},
          {"reads", reads_},
          {"logical",
           {{"writes", logical_writes_},
            {"failed_writes", failed_writes_},
            {"reads", logical_reads_},
            {"failed_reads", failed_reads_},
            {"trims", logical_trims_},
            {"failed_trims", failed_trims_}}},
          {"erase_time", static_cast<double>(erase_sum_) * c_.erase_time},
          {"write_time", static_cast<double>(write_sum_) * c_.program_time},
          {"read_time", static_cast<double>(read_sum_) * c_.read_time}};
}

// The script's random_randint(LOW, HIGH): int(LOW + random() * (HIGH - LOW + 1)).
std::int64_t script_randint(PyRandom& random, std::int64_t low, std::int64_t high) {
  return static_cast<std::int64_t>(static_cast<double>(low) + random.random() * static_cast<double>(high - low + 1));
}

struct Workload {
  std::int64_t commands = 10;
  std::int64_t reads = 40, writes = 50;
  std::int64_t read_fail = 0;
  std::int64_t max_page = 50;
  bool hot_cold = false;
  double hot_percent = 0, hot_target = 0;
  std::int64_t skew_start = 0;
};

std::vector<std::string> random_commands(const Workload& w, PyRandom& random) {
  static constexpr std::string_view kPrintable = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::vector<std::string> commands;
  std::vector<std::int64_t> valid;
  std::int64_t skew_start = w.skew_start;
  int idle = 0;
  while (static_cast<std::int64_t>(commands.size()) < w.commands) {
    if (++idle > kMaxIdleDraws) {
      throw StorageError::input(
          "the random commands cannot be generated (e.g. only reads, with fewer than two pages written); change -P or "
          "-r");
    }
    const auto which = static_cast<std::int64_t>(random.random() * 100.0);
    if (which < w.reads) {
      std::int64_t address = 0;
      if (script_randint(random, 0, 99) < w.read_fail) {
        address = script_randint(random, 0, w.max_page - 1);
      } else {
        if (valid.size() < 2) continue;
        address =
            valid[static_cast<std::size_t>(script_randint(random, 0, static_cast<std::int64_t>(valid.size()) - 1))];
      }
      commands.push_back(py_percent("r%d", address));
    } else if (which < w.reads + w.writes) {
      std::int64_t address = 0;
      if (skew_start == 0 && w.hot_cold && random.random() < w.hot_percent) {
        address =
            script_randint(random, 0, static_cast<std::int64_t>(w.hot_target * static_cast<double>(w.max_page - 1)));
      } else {
        address = script_randint(random, 0, w.max_page - 1);
      }
      if (std::find(valid.begin(), valid.end(), address) == valid.end()) valid.push_back(address);
      const char data = kPrintable[static_cast<std::size_t>(
          script_randint(random, 0, static_cast<std::int64_t>(kPrintable.size()) - 1))];
      commands.push_back(py_percent("w%d:%s", address, std::string(1, data)));
      if (skew_start > 0) --skew_start;
    } else {
      if (valid.empty()) continue;
      const std::int64_t address =
          valid[static_cast<std::size_t>(script_randint(random, 0, static_cast<std::int64_t>(valid.size()) - 1))];
      commands.push_back(py_percent("t%d", address));
      valid.erase(std::find(valid.begin(), valid.end(), address));
    }
    idle = 0;
  }
  return commands;
}

// The address of command CMD after its letter, as int(CMD.split(LETTER)[1]).
std::int64_t command_address(const std::string& command, char letter, const std::string& address_part) {
  const std::vector<std::string> pieces = python_split(address_part, letter);
  if (pieces.size() < 2) throw StorageError::input(py_percent("command '%s' has no address", command));
  const std::optional<std::int64_t> address = parse_python_decimal(pieces[1]);
  if (!address) throw StorageError::input(py_percent("command '%s': '%s' is not a page number", command, pieces[1]));
  return *address;
}

void print_args(const OptionParser& parser, std::ostream& text) {
  const std::vector<std::pair<const char*, const char*>> shown{{"seed", "seed"},
                                                               {"num_cmds", "num_cmds"},
                                                               {"op_percentages", "op_percentages"},
                                                               {"skew", "skew"},
                                                               {"skew_start", "skew_start"},
                                                               {"read_fail", "read_fail"},
                                                               {"cmd_list", "cmd_list"},
                                                               {"ssd_type", "ssd_type"},
                                                               {"num_logical_pages", "num_logical_pages"},
                                                               {"num_blocks", "num_blocks"},
                                                               {"pages_per_block", "pages_per_block"},
                                                               {"high_water_mark", "high_water_mark"},
                                                               {"low_water_mark", "low_water_mark"},
                                                               {"erase_time", "erase_time"},
                                                               {"program_time", "program_time"},
                                                               {"read_time", "read_time"},
                                                               {"show_gc", "show_gc"},
                                                               {"show_state", "show_state"},
                                                               {"show_cmds", "show_cmds"},
                                                               {"quiz_cmds", "quiz_cmds"},
                                                               {"show_stats", "show_stats"},
                                                               {"compute", "solve"}};
  for (const auto& [label, dest] : shown) {
    const OptionValue& value = parser.value(dest);
    std::string printed;
    if (const auto* number = std::get_if<std::int64_t>(&value)) printed = py_str(*number);
    if (const auto* word = std::get_if<std::string>(&value)) printed = *word;
    if (const auto* flag = std::get_if<bool>(&value)) printed = py_str(*flag);
    text << "ARG " << label << " " << printed << "\n";
  }
  text << "\n";
}

void add_options(OptionParser& parser) {
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_int("-n", "--num_cmds", "num_cmds", 10, "number of commands to randomly generate")
      .add_string("-P", "--op_percentages", "op_percentages", "40/50/10", "if rand, percent of reads/writes/trims")
      .add_string("-K", "--skew", "skew", "", "if non-empty, skew, e.g., 80/20: 80% of ops to 20% of blocks")
      .add_int("-k", "--skew_start", "skew_start", 0, "if --skew, skew after this many writes")
      .add_int("-r", "--read_fails", "read_fail", 0, "if rand, percent of reads that can fail")
      .add_string("-L", "--cmd_list", "cmd_list", "", "comma-separated list of commands (e.g., r10,w20:a)")
      .add_string("-T", "--ssd_type", "ssd_type", "direct", "SSD type: ideal, direct, log")
      .add_int("-l", "--logical_pages", "num_logical_pages", 50, "number of logical pages in interface")
      .add_int("-B", "--num_blocks", "num_blocks", 7, "number of physical blocks in SSD")
      .add_int("-p", "--pages_per_block", "pages_per_block", 10, "pages per physical block")
      .add_int("-G", "--high_water_mark", "high_water_mark", 10, "blocks used before gc trigger")
      .add_int("-g", "--low_water_mark", "low_water_mark", 8, "gc target before stopping gc")
      .add_int("-R", "--read_time", "read_time", 10, "page read time (usecs)")
      .add_int("-W", "--program_time", "program_time", 40, "page program time (usecs)")
      .add_int("-E", "--erase_time", "erase_time", 1000, "page erase time (usecs)")
      .add_flag("-J", "--show_gc", "show_gc", "show garbage collector behavior")
      .add_flag("-F", "--show_state", "show_state", "show flash state")
      .add_flag("-C", "--show_cmds", "show_cmds", "show commands")
      .add_flag("-q", "--quiz_cmds", "quiz_cmds", "quiz commands")
      .add_flag("-S", "--show_stats", "show_stats", "show statistics")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
}

SsdConfig read_config(const OptionParser& parser) {
  SsdConfig config;
  const std::string& type = parser.get_string("ssd_type");
  if (type == "direct") {
    config.type = FtlType::Direct;
  } else if (type == "log") {
    config.type = FtlType::Log;
  } else if (type == "ideal") {
    config.type = FtlType::Ideal;
  } else {
    throw StorageError::script(py_percent("bad SSD type (%s)", type));
  }
  config.logical_pages = parser.get_int("num_logical_pages");
  config.blocks = parser.get_int("num_blocks");
  config.pages_per_block = parser.get_int("pages_per_block");
  if (config.blocks < 1 || config.pages_per_block < 1 || config.blocks > kMaxPages / config.pages_per_block) {
    throw StorageError::input(py_percent("options -B and -p: %d blocks of %d pages; the flash needs 1 to %d pages",
                                         config.blocks, config.pages_per_block, kMaxPages));
  }
  if (config.logical_pages < 0 || config.logical_pages > kMaxPages) {
    throw StorageError::input(
        py_percent("option -l: %d logical pages; 0 to %d can be simulated", config.logical_pages, kMaxPages));
  }
  config.erase_time = static_cast<double>(parser.get_int("erase_time"));
  config.program_time = static_cast<double>(parser.get_int("program_time"));
  config.read_time = static_cast<double>(parser.get_int("read_time"));
  config.high_water = parser.get_int("high_water_mark");
  config.low_water = parser.get_int("low_water_mark");
  config.trace_gc = parser.get_flag("show_gc");
  config.show_state = parser.get_flag("show_state");
  return config;
}

// The -K and -P flags, checked as the script checks them.
Workload read_workload(const OptionParser& parser, const SsdConfig& config) {
  Workload w;
  w.skew_start = parser.get_int("skew_start");
  const std::string& skew = parser.get_string("skew");
  if (!skew.empty()) {
    w.hot_cold = true;
    const std::vector<std::string> parts = python_split(skew, '/');
    if (parts.size() != 2) throw StorageError::script("bad skew specification; should be 80/20 or something like that");
    w.hot_percent = static_cast<double>(int_piece("-K", parts[0])) / 100.0;
    w.hot_target = static_cast<double>(int_piece("-K", parts[1])) / 100.0;
  }
  if (!parser.get_string("cmd_list").empty()) return w;
  w.max_page = config.logical_pages;
  w.commands = parser.get_int("num_cmds");
  if (w.commands > kMaxCommands) {
    throw StorageError::input(
        py_percent("option -n: at most %d commands can be simulated, not %d", kMaxCommands, w.commands));
  }
  const std::vector<std::string> percentages = python_split(parser.get_string("op_percentages"), '/');
  if (percentages.size() != 3)
    throw StorageError::input("option -P: give three percentages, reads/writes/trims, e.g. 40/50/10");
  w.reads = int_piece("-P", percentages[0]);
  w.writes = int_piece("-P", percentages[1]);
  int_piece("-P", percentages[2]);
  if (w.writes <= 0) throw StorageError::script("must have some writes, otherwise nothing in the SSD!");
  w.read_fail = parser.get_int("read_fail");
  return w;
}

std::optional<int> ssd_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("ssd"));
  add_options(parser);
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  std::ostream& text = run.text;
  PyRandom random(parser.get_int("seed"));
  print_args(parser, text);
  const SsdConfig config = read_config(parser);
  Ssd ssd(config, text);
  const Workload workload = read_workload(parser, config);
  const std::string& listed = parser.get_string("cmd_list");
  const std::vector<std::string> commands =
      listed.empty() ? random_commands(workload, random) : python_split(listed, ',');

  ssd.dump();
  text << "\n";
  const bool solve = parser.get_flag("solve");
  const bool show_cmds = parser.get_flag("show_cmds");
  const bool quiz = parser.get_flag("quiz_cmds");
  const bool show_state = config.show_state || quiz;
  const bool answer = show_cmds || (quiz && solve);
  nlohmann::json done = nlohmann::json::array();
  const auto record = [&](const std::string& command, const std::string& result) {
    // As the text: a quiz (-q) without -c hides the results, and the commands but reads.
    if (quiz && !solve) {
      done.push_back(command[0] == 'r' ? nlohmann::json{{"command", command}} : nlohmann::json(nullptr));
    } else {
      done.push_back({{"command", command}, {"result", result}});
    }
  };
  std::int64_t op = 0;
  for (const std::string& command : commands) {
    if (command.empty()) break;
    std::string shown;
    if (command[0] == 'r') {
      const std::int64_t address = command_address(command, 'r', command);
      const std::string result = ssd.read(address);
      shown = answer ? py_percent("cmd %3d:: read(%d) -> %s", op, address, result)
                     : py_percent("cmd %3d:: read(%d) -> ?\?", op, address);
      record(command, result);
    } else if (command[0] == 'w') {
      const std::vector<std::string> parts = python_split(command, ':');
      if (parts.size() < 2)
        throw StorageError::input(py_percent("command '%s' has no data (write commands are wPAGE:DATA)", command));
      const std::int64_t address = command_address(command, 'w', parts[0]);
      const std::string result = ssd.write(address, parts[1]);
      shown = answer ? py_percent("cmd %3d:: write(%d, %s) -> %s", op, address, parts[1], result)
                     : py_percent("cmd %3d:: command(?\?) -> ?\?", op);
      record(command, result);
    } else if (command[0] == 't') {
      const std::int64_t address = command_address(command, 't', command);
      const std::string result = ssd.trim(address);
      shown = answer ? py_percent("cmd %3d:: trim(%d) -> %s", op, address, result)
                     : py_percent("cmd %d:: command(?\?) -> ?\?", op);
      record(command, result);
    }
    if (!shown.empty()) {
      if (answer || quiz) text << shown << "\n";
      ++op;
    }
    if (show_state) {
      text << "\n";
      ssd.dump();
      text << "\n";
    }
    ssd.upkeep();
  }
  if (!show_state) {
    text << "\n";
    ssd.dump();
  }
  text << "\n";
  if (parser.get_flag("show_stats")) {
    ssd.stats();
    text << "\n";
  }
  run.data["compute"] = solve;
  run.data["commands"] = done;
  run.data["final_state"] = ssd.state_json();
  if (parser.get_flag("show_stats")) run.data["stats"] = ssd.stats_json();
  return std::nullopt;
}

}  // namespace

int run_ssd(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("ssd", args, out, err, ssd_body);
}

}  // namespace ks::ostep::storage
