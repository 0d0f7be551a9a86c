// raid: OSTEP chapter 38's RAID simulator (the textbook's raid.py).
//
// A logical block address goes to a disk and an offset on it:
// - RAID-0 stripes chunks of -C bytes round-robin over the D disks.
// - RAID-1 stripes over D/2 mirrored pairs; a write goes to both disks of the pair, a read to the
//   first when the offset is even and to the second when it is odd.
// - RAID-4 stripes over D-1 data disks and keeps parity on the last disk.
// - RAID-5 rotates the parity disk, starting from the last, one stripe of chunks at a time; the
//   data disks follow it left-symmetric (LS, data starts just after parity) or left-asymmetric
//   (LA, data keeps its order and skips the parity disk).
// A RAID-4/5 write is processed one stripe at a time: when it writes at most half of a stripe it
// reads the old data and old parity (subtractive parity), otherwise it reads the rest of the
// stripe (additive parity); then it writes the data and the parity.
//
// Mapping mode prints each logical request (or, with -r, the physical I/Os to infer it from);
// -c shows both. Timing mode (-t) charges each disk a seek of 10 ms plus 0.1 ms transfer for a
// random I/O, or 0.1 ms per block skipped for one within a track of the last (100 blocks), and the
// workload takes as long as the busiest disk.
//
// Differences from the script: where it fails an assertion or divides by zero (a RAID level other
// than 0, 1, 4, 5; -w outside 0..100; no disks; a chunk or request size that is not positive; an
// offset beyond a disk's 10000 blocks) kernsim says what is wrong and exits 2.
#include <algorithm>
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

constexpr std::int64_t kBlockSize = 4096;
constexpr std::int64_t kMaxRequests = 1'000'000;

// One disk of the array, as timing mode models it.
class TimedDisk {
 public:
  static constexpr std::int64_t kTracks = 100;
  static constexpr std::int64_t kBlocksPerTrack = 100;
  static constexpr std::int64_t kBlocks = kTracks * kBlocksPerTrack;

  void enqueue(std::int64_t address) {
    if (address >= kBlocks) {
      throw StorageError::input(py_percent(
          "offset %d is beyond the end of a disk (%d blocks); use a smaller -R or more disks", address, kBlocks));
    }
    ++io_count_;
    const std::int64_t current_track = current_ / kTracks;
    const std::int64_t new_track = address / kTracks;
    const std::int64_t distance = address >= current_ ? address - current_ : current_ - address;
    if (current_track == new_track || distance < kBlocksPerTrack) {
      if (distance == 1) {
        ++sequential_;
      } else {
        ++nearly_;
      }
      busy_ += static_cast<double>(distance) * kTransferTime;
    } else {
      ++random_;
      busy_ += kSeekTime + kTransferTime;
    }
    current_ = address;
  }

  std::int64_t io_count() const { return io_count_; }
  std::int64_t sequential() const { return sequential_; }
  std::int64_t nearly() const { return nearly_; }
  std::int64_t random() const { return random_; }
  double busy() const { return busy_; }

 private:
  static constexpr double kSeekTime = 10;
  static constexpr double kTransferTime = 0.1;
  std::int64_t current_ = -10000;  // far away, so that the first I/O seeks
  std::int64_t io_count_ = 0, sequential_ = 0, nearly_ = 0, random_ = 0;
  double busy_ = 0;
};

struct Placement {
  std::int64_t disk;
  std::int64_t offset;
};

struct RaidConfig {
  int level = 0;
  std::int64_t disks = 4;
  std::int64_t chunk = 1;  // in blocks
  bool timing = false;
  bool reverse = false;
  bool solve = false;
  bool left_asymmetric = false;
};

class Raid {
 public:
  Raid(const RaidConfig& config, std::ostream& text)
      : c_(config), text_(text), disks_(static_cast<std::size_t>(config.disks)) {
    stripe_blocks_ = (c_.disks - 1) * c_.chunk;
    physical_ = nlohmann::json::array();
  }

  void enqueue(std::int64_t address, std::int64_t size, bool is_write) {
    if (!c_.timing) {
      if (c_.solve || !c_.reverse) {
        text_ << py_percent(is_write ? "LOGICAL WRITE to  addr:%d size:%d" : "LOGICAL READ from addr:%d size:%d",
                            address, size * kBlockSize)
              << "\n";
        if (!c_.solve) text_ << "  Physical reads/writes?\n\n";
      } else {
        text_ << "LOGICAL OPERATION is ?\n";
      }
    }
    print_physical_ = !c_.timing && (c_.solve || c_.reverse);
    physical_ = nlohmann::json::array();
    if (c_.level == 0) {
      for (std::int64_t b = address; b < address + size; ++b) io(is_write, striped(b), true);
    } else if (c_.level == 1) {
      enqueue_mirrored(address, size, is_write);
    } else {
      enqueue_parity(address, size, is_write);
    }
    if (print_physical_) text_ << "\n";
  }

  // The completion time of the workload: the busy time of the busiest disk (0 when all idle).
  std::optional<double> total_time() const {
    std::optional<double> most;
    for (const TimedDisk& disk : disks_) {
      if (disk.busy() > most.value_or(0)) most = disk.busy();
    }
    return most;
  }

  const std::vector<TimedDisk>& disks() const { return disks_; }
  const nlohmann::json& last_physical() const { return physical_; }

 private:
  void io(bool is_write, Placement at, bool newline) {
    if (print_physical_) {
      text_ << py_percent(is_write ? "  write [disk %d, offset %d]  " : "  read  [disk %d, offset %d]  ", at.disk,
                          at.offset);
      if (newline) text_ << "\n";
    }
    physical_.push_back({{"op", is_write ? "write" : "read"}, {"disk", at.disk}, {"offset", at.offset}});
    disks_[static_cast<std::size_t>(at.disk)].enqueue(at.offset);
  }

  Placement striped(std::int64_t block) const {
    const std::int64_t chunk = block / c_.chunk;
    return {chunk % c_.disks, (chunk / c_.disks) * c_.chunk + block % c_.chunk};
  }

  void enqueue_mirrored(std::int64_t address, std::int64_t size, bool is_write) {
    const std::int64_t pairs = c_.disks / 2;
    for (std::int64_t b = address; b < address + size; ++b) {
      const std::int64_t chunk = b / c_.chunk;
      const std::int64_t first = 2 * (chunk % pairs);
      const std::int64_t offset = (chunk / pairs) * c_.chunk + b % c_.chunk;
      if (is_write) {
        io(true, {first, offset}, false);
        io(true, {first + 1, offset}, true);
      } else {
        io(false, {offset % 2 == 0 ? first : first + 1, offset}, true);
      }
    }
  }

  // Where data block BLOCK of a RAID-4/5 lives, and the parity disk of its stripe.
  std::pair<Placement, std::int64_t> parity_layout(std::int64_t block) const {
    const std::int64_t chunk = block / c_.chunk;
    const std::int64_t row = chunk / (c_.disks - 1);
    const std::int64_t offset = row * c_.chunk + block % c_.chunk;
    std::int64_t disk = chunk % (c_.disks - 1);
    if (c_.level == 4) return {{disk, offset}, c_.disks - 1};
    const std::int64_t column = row % c_.disks;
    const std::int64_t parity = (c_.disks - 1) - column;
    if (c_.left_asymmetric) {
      if (disk >= parity) ++disk;
    } else {
      disk = py_mod(disk - column, c_.disks);
    }
    return {{disk, offset}, parity};
  }

  Placement data_place(std::int64_t block) const { return parity_layout(block).first; }
  std::int64_t parity_disk(std::int64_t stripe) const { return parity_layout(stripe * stripe_blocks_).second; }

  void enqueue_parity(std::int64_t address, std::int64_t size, bool is_write) {
    if (!is_write) {
      for (std::int64_t b = address; b < address + size; ++b) io(false, data_place(b), false);
      return;
    }
    const std::int64_t first_stripe = address / stripe_blocks_;
    const std::int64_t last_stripe = (address + size - 1) / stripe_blocks_;
    std::int64_t left = size;
    std::int64_t begin = address;
    for (std::int64_t stripe = first_stripe; stripe <= last_stripe; ++stripe) {
      const std::int64_t stripe_end = stripe * stripe_blocks_ + stripe_blocks_;
      std::int64_t end = left >= stripe_blocks_ ? begin + stripe_blocks_ : begin + left;
      if (end >= stripe_end) end = stripe_end;
      write_in_stripe(stripe, begin, end);
      left -= end - begin;
      begin = end;
    }
  }

  // Writes blocks [BEGIN, END) of STRIPE with their parity.
  void write_in_stripe(std::int64_t stripe, std::int64_t begin, std::int64_t end) {
    const std::int64_t writes = end - begin;
    const std::int64_t parity = parity_disk(stripe);
    if (writes + 1 <= stripe_blocks_ - writes) {
      const std::vector<std::int64_t> offsets = touch_blocks(false, begin, end);
      for (std::size_t i = 0; i < offsets.size(); ++i) io(false, {parity, offsets[i]}, i + 1 == offsets.size());
    } else {
      const std::int64_t stripe_begin = stripe * stripe_blocks_;
      const std::int64_t stripe_end = stripe_begin + stripe_blocks_;
      for (std::int64_t b = stripe_begin; b < begin; ++b) io(false, data_place(b), b == begin - 1 && end == stripe_end);
      for (std::int64_t b = end; b < stripe_end; ++b) io(false, data_place(b), b == stripe_end - 1);
    }
    const std::vector<std::int64_t> offsets = touch_blocks(true, begin, end);
    for (std::size_t i = 0; i < offsets.size(); ++i) io(true, {parity, offsets[i]}, i + 1 == offsets.size());
  }

  // Reads or writes data blocks [BEGIN, END); returns their distinct offsets, in order.
  std::vector<std::int64_t> touch_blocks(bool is_write, std::int64_t begin, std::int64_t end) {
    std::vector<std::int64_t> offsets;
    for (std::int64_t b = begin; b < end; ++b) {
      const Placement at = data_place(b);
      io(is_write, at, false);
      if (std::find(offsets.begin(), offsets.end(), at.offset) == offsets.end()) offsets.push_back(at.offset);
    }
    return offsets;
  }

  RaidConfig c_;
  std::ostream& text_;
  std::vector<TimedDisk> disks_;
  std::int64_t stripe_blocks_ = 0;
  bool print_physical_ = false;
  nlohmann::json physical_;
};

// The script's convert(): "4k", "1M", "2g" or a number of bytes.
std::int64_t parse_size(std::string_view flag, const std::string& size) {
  if (size.empty()) throw StorageError::input(py_percent("option %s: the size is empty", flag));
  std::int64_t unit = 1;
  std::string digits = size;
  switch (size.back()) {
    case 'k':
    case 'K': unit = 1024; break;
    case 'm':
    case 'M': unit = 1024 * 1024; break;
    case 'g':
    case 'G': unit = 1024 * 1024 * 1024; break;
    default: break;
  }
  if (unit != 1) digits.pop_back();
  const std::int64_t count = int_piece(flag, digits);
  if (count <= 0 || count > (std::int64_t{1} << 40) / unit) {
    throw StorageError::input(py_percent("option %s: size %s must be positive and at most 1024g", flag, size));
  }
  return count * unit;
}

void print_stats(const Raid& raid, double total, std::ostream& text) {
  for (std::size_t d = 0; d < raid.disks().size(); ++d) {
    const TimedDisk& disk = raid.disks()[d];
    const double busy = disk.busy();
    const double utilization = total > 0.0 ? 100.0 * busy / total : 0.0;
    const char* format = busy == total ? "disk:%d  busy: %.2f  I/Os: %5d (sequential:%d nearly:%d random:%d)"
                         : busy == 0   ? "disk:%d  busy:   %.2f  I/Os: %5d (sequential:%d nearly:%d random:%d)"
                                       : "disk:%d  busy:  %.2f  I/Os: %5d (sequential:%d nearly:%d random:%d)";
    text << py_percent(format, d, utilization, disk.io_count(), disk.sequential(), disk.nearly(), disk.random())
         << "\n";
  }
}

std::optional<int> finish_text(const RaidConfig& config, const Raid& raid, std::ostream& text);

std::optional<int> raid_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("raid"));
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_int("-D", "--numDisks", "numDisks", 4, "number of disks in RAID")
      .add_string("-C", "--chunkSize", "chunkSize", "4k", "chunk size of the RAID")
      .add_int("-n", "--numRequests", "numRequests", 10, "number of requests to simulate")
      .add_string("-S", "--reqSize", "size", "4k", "size of requests")
      .add_string("-W", "--workload", "workload", "rand", "either \"rand\" or \"seq\" workloads")
      .add_int("-w", "--writeFrac", "writeFrac", 0, "write fraction (100->all writes, 0->all reads)")
      .add_int("-R", "--randRange", "range", 10000, "range of requests (when using \"rand\" workload)")
      .add_int("-L", "--level", "level", 0, "RAID level (0, 1, 4, 5)")
      .add_string("-5", "--raid5", "raid5type", "LS", "RAID-5 left-symmetric \"LS\" or left-asym \"LA\"")
      .add_flag("-r", "--reverse", "reverse", "instead of showing logical ops, show physical")
      .add_flag("-t", "--timing", "timing", "use timing mode, instead of mapping mode")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  std::ostream& text = run.text;
  RaidConfig config;
  config.disks = parser.get_int("numDisks");
  const std::int64_t level = parser.get_int("level");
  const std::int64_t write_percent = parser.get_int("writeFrac");
  const std::int64_t range = parser.get_int("range");
  const std::int64_t count = parser.get_int("numRequests");
  const std::string& workload = parser.get_string("workload");
  const std::string& raid5 = parser.get_string("raid5type");
  config.reverse = parser.get_flag("reverse");
  config.timing = parser.get_flag("timing");
  config.solve = parser.get_flag("solve");
  text << "ARG blockSize " << kBlockSize << "\nARG seed " << parser.get_int("seed") << "\nARG numDisks " << config.disks
       << "\nARG chunkSize " << parser.get_string("chunkSize") << "\nARG numRequests " << count << "\nARG reqSize "
       << parser.get_string("size") << "\nARG workload " << workload << "\nARG writeFrac " << write_percent
       << "\nARG randRange " << range << "\nARG level " << level << "\nARG raid5 " << raid5 << "\nARG reverse "
       << py_str(config.reverse) << "\nARG timing " << py_str(config.timing) << "\n\n";

  if (write_percent < 0 || write_percent > 100) {
    throw StorageError::input(py_percent("option -w: write fraction %d must be between 0 and 100", write_percent));
  }
  const double write_fraction = static_cast<double>(write_percent) / 100.0;
  PyRandom random(parser.get_int("seed"));
  const std::int64_t size_bytes = parse_size("-S", parser.get_string("size"));
  if (size_bytes % kBlockSize != 0) {
    throw StorageError::script(
        py_percent("error: request size (%d) must be a multiple of BLOCKSIZE (%d)", size_bytes, kBlockSize));
  }
  const std::int64_t size = size_bytes / kBlockSize;
  bool sequential = false;
  if (workload == "seq" || workload == "s" || workload == "sequential") {
    sequential = true;
  } else if (workload != "rand" && workload != "r" && workload != "random") {
    throw StorageError::script("error: workload must be either r/rand/random or s/seq/sequential");
  }
  if (level != 0 && level != 1 && level != 4 && level != 5) {
    throw StorageError::input(py_percent("option -L: RAID level %d is not one of 0, 1, 4, 5", level));
  }
  config.level = static_cast<int>(level);
  if (level != 0 && config.disks < 2) throw StorageError::script("RAID-4 and RAID-5 need more than 1 disk");
  if (config.disks < 1 || config.disks > 1024) {
    throw StorageError::input(py_percent("option -D: %d disks; the array needs 1 to 1024", config.disks));
  }
  if (level == 5 && raid5 != "LA" && raid5 != "LS") {
    throw StorageError::script(py_percent(
        "Only two types of RAID-5 supported: left-asymmetric (LA) and left-symmetric (LS) (%s is not)", raid5));
  }
  config.left_asymmetric = raid5 == "LA";
  const std::int64_t chunk_bytes = parse_size("-C", parser.get_string("chunkSize"));
  config.chunk = chunk_bytes / kBlockSize;
  if (chunk_bytes % kBlockSize != 0) {
    throw StorageError::script(py_percent("chunksize (%d) must be multiple of blocksize (%d): %d", chunk_bytes,
                                          kBlockSize, config.chunk % kBlockSize));
  }
  if (level == 1 && config.disks % 2 != 0) {
    throw StorageError::script(py_percent("raid1: disks (%d) must be a multiple of two", config.disks));
  }
  if (range < 0) throw StorageError::input(py_percent("option -R: range %d must not be negative", range));
  if (count > kMaxRequests) {
    throw StorageError::input(
        py_percent("option -n: at most %d requests can be simulated, not %d", kMaxRequests, count));
  }

  Raid raid(config, text);
  nlohmann::json requests = nlohmann::json::array();
  std::int64_t next_sequential = 0;
  for (std::int64_t i = 0; i < count; ++i) {
    std::int64_t block = next_sequential;
    if (sequential) {
      next_sequential += size;
    } else {
      block = static_cast<std::int64_t>(random.random() * static_cast<double>(range));
    }
    const bool is_write = random.random() < write_fraction;
    text << block << " " << size << "\n";
    raid.enqueue(block, size, is_write);
    // As the text: the logical request unless -r hides it, its physical I/Os with -r or -c.
    nlohmann::json request = nlohmann::json::object();
    if (config.solve || config.timing || !config.reverse)
      request.update({{"address", block}, {"blocks", size}, {"write", is_write}});
    if (config.solve || (!config.timing && config.reverse)) request["physical"] = raid.last_physical();
    requests.push_back(request);
  }
  run.data["requests"] = requests;
  run.data["compute"] = config.solve;
  if (!config.solve) return finish_text(config, raid, text);
  if (config.timing) {
    nlohmann::json disks = nlohmann::json::array();
    for (const TimedDisk& disk : raid.disks()) {
      disks.push_back({{"busy", disk.busy()},
                       {"ios", disk.io_count()},
                       {"sequential", disk.sequential()},
                       {"nearly", disk.nearly()},
                       {"random", disk.random()}});
    }
    run.data["disks"] = disks;
    run.data["total_time"] = raid.total_time().value_or(0);
  }
  return finish_text(config, raid, text);
}

// The end of the script's output: the timing answers or question, or a blank line.
std::optional<int> finish_text(const RaidConfig& config, const Raid& raid, std::ostream& text) {
  const std::optional<double> total = raid.total_time();
  if (!config.timing) {
    text << "\n";
  } else if (config.solve) {
    text << "\n";
    print_stats(raid, total.value_or(0), text);
    text << "\nSTAT totalTime " << (total ? py_str(*total) : std::string("0")) << "\n\n";
  } else {
    text << "\nEstimate how long the workload should take to complete.\n"
            "- Roughly how many requests should each disk receive?\n"
            "- How many requests are random, how many sequential?\n\n";
  }
  return std::nullopt;
}

}  // namespace

int run_raid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("raid", args, out, err, raid_body);
}

}  // namespace ks::ostep::storage
