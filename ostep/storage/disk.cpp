// disk: OSTEP chapter 37's hard-disk simulator (the textbook's disk.py), without its animation.
//
// The disk has three tracks (outer 0, middle 1, inner 2), 40 units apart; each track holds
// 360/Z blocks for its zone angle Z (-z, default 30 degrees), numbered on from the track outside
// it, and the middle and inner tracks are turned by SKEW and 2*SKEW blocks (-o). The platter turns
// ROTATE degrees per time unit (-R) and the arm moves SEEK units per time unit (-S). The head
// starts on the outer track at angle 0, which is half-way through block 6 of the default layout.
//
// Time is the script's animation clock: each tick the platter turns, then the request in service
// advances through seek (the arm moves until it reaches the target track), rotation (until the
// head is within one tick's turn of the start of the block, half a zone before its centre) and
// transfer (until the end of the block); a stage that ends lets the next one start in the same
// tick. A request that is the next block on the same track starts its transfer at once.
// Policies pick the next request: FIFO in order; SSTF the nearest track, then the shortest
// estimated positioning time among its blocks; SATF the shortest estimated seek + rotation +
// transfer; BSATF is SATF within fixed windows of -w requests (the next window opens only when
// the current one is done). With -w and SSTF/SATF the window slides by one as requests complete.
// Late requests (-l/-L) arrive one each time a request is dispatched.
//
// Differences from the script: -G (its Tk animation) says that no view exists yet and exits 2;
// an explicit late list (-l 3,4), on which the script always crashes (it keeps the blocks as
// strings), is served as the numbers it names; requests for blocks that are not on the disk,
// non-positive or non-finite speeds and zones below 2 degrees, on which the script crashes or
// loops forever, are reported as errors.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
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

constexpr int kMaxTracks = 1000;  // SSTF's "no track found yet" distance
constexpr double kTrackWidth = 40.0;
constexpr double kSpindleX = 250.0;
constexpr std::int64_t kMaxRequests = 1'000'000;
constexpr double kMaxTicks = 2e8;  // beyond this the run would take minutes: refused

enum class Stage { Null, Seek, Rotate, Transfer, Done };

struct BlockPlace {
  int track = 0;
  std::int64_t angle = 0;  // centre of the block at time 0, in degrees (0..359)
};

struct Request {
  std::int64_t block = 0;
  Stage stage = Stage::Null;
};

struct Access {
  std::int64_t block, seek, rotate, transfer, total;
};

struct DiskParams {
  std::string policy;
  double seek_speed = 1.0;
  double rotate_speed = 1.0;
  std::int64_t skew = 0;
  std::int64_t window = -1;
  bool compute = false;
};

class DiskSimulation {
 public:
  DiskSimulation(DiskParams params, std::vector<std::int64_t> zone_half_angles,
                 std::map<std::int64_t, BlockPlace> places,
                 std::map<int, std::pair<std::int64_t, std::int64_t>> track_ends, std::vector<std::int64_t> requests,
                 std::vector<std::int64_t> late, std::ostream& text)
      : p_(std::move(params)),
        half_zone_(std::move(zone_half_angles)),
        places_(std::move(places)),
        track_ends_(std::move(track_ends)),
        late_(std::move(late)),
        text_(text) {
    for (const std::int64_t block : requests) queue_.push_back({block, Stage::Null});
    current_window_ = p_.window;
    fair_window_ = (p_.policy == "BSATF" && p_.window != -1) ? p_.window : -1;
    arm_x1_ = kSpindleX - track_radius(0) - kTrackWidth / 2.0;
  }

  void run() {
    next_request();
    while (!done_) tick();
  }

  const std::vector<Access>& accesses() const { return accesses_; }
  std::int64_t time() const { return timer_; }
  double seek_total() const { return seek_total_; }
  double rotate_total() const { return rotate_total_; }
  double transfer_total() const { return transfer_total_; }

 private:
  static double track_radius(int track) { return 140.0 - kTrackWidth * track; }
  int track_of(std::int64_t block) const { return places_.at(block).track; }

  void set_stage(Stage stage) {
    stage_ = stage;
    queue_[current_index_].stage = stage;
  }

  bool radially_close(double a1, double a2) const {
    const double v = a1 > a2 ? a1 - a2 : a2 - a1;
    return v < p_.rotate_speed;
  }

  // SATF's estimate of seek + rotation + transfer for each request of CANDIDATES (indexes into
  // the queue); the first of the smallest wins.
  std::size_t shortest_access(const std::vector<std::size_t>& candidates) const {
    std::optional<std::size_t> best;
    double best_estimate = 0;
    for (const std::size_t index : candidates) {
      if (queue_[index].stage == Stage::Done) continue;
      const BlockPlace& place = places_.at(queue_[index].block);
      const auto distance = static_cast<double>(std::abs(arm_track_ - place.track));
      const double seek = (kTrackWidth / p_.seek_speed) * distance;
      const auto half_zone = static_cast<double>(half_zone_[static_cast<std::size_t>(place.track)]);
      double arrival_angle = angle_ + seek * p_.rotate_speed;
      while (arrival_angle > 360.0) arrival_angle -= 360.0;
      double rotate_distance = (static_cast<double>(place.angle) - half_zone) - arrival_angle;
      while (rotate_distance > 360.0) rotate_distance -= 360.0;
      while (rotate_distance < 0.0) rotate_distance += 360.0;
      const double estimate = seek + rotate_distance / p_.rotate_speed + (half_zone * 2.0) / p_.rotate_speed;
      if (!best || estimate < best_estimate) {
        best_estimate = estimate;
        best = index;
      }
    }
    if (!best) throw StorageError::input("internal: no pending request inside the scheduling window");
    return *best;
  }

  // SSTF's first step: the pending requests of CANDIDATES on the track nearest the arm.
  std::vector<std::size_t> nearest_track(const std::vector<std::size_t>& candidates) const {
    int best_distance = kMaxTracks;
    std::vector<std::size_t> on_track;
    for (const std::size_t index : candidates) {
      if (queue_[index].stage == Stage::Done) continue;
      const int distance = std::abs(arm_track_ - track_of(queue_[index].block));
      if (distance < best_distance) {
        on_track = {index};
        best_distance = distance;
      } else if (distance == best_distance) {
        on_track.push_back(index);
      }
    }
    if (on_track.empty()) throw StorageError::input("internal: no pending request inside the scheduling window");
    return on_track;
  }

  void slide_window() {
    if (fair_window_ == -1 && current_window_ > 0 && current_window_ < static_cast<std::int64_t>(queue_.size())) {
      ++current_window_;
    }
  }

  // The end of the window (the script's GetWindow, which also opens BSATF's next window).
  std::int64_t window_end() {
    if (current_window_ <= -1) return static_cast<std::int64_t>(queue_.size());
    if (fair_window_ != -1 && completed_ > 0 && completed_ % fair_window_ == 0) current_window_ += fair_window_;
    return current_window_;
  }

  std::vector<std::size_t> first_requests(std::int64_t end) const {
    std::vector<std::size_t> indexes;
    const auto limit =
        static_cast<std::size_t>(std::clamp<std::int64_t>(end, 0, static_cast<std::int64_t>(queue_.size())));
    for (std::size_t i = 0; i < limit; ++i) indexes.push_back(i);
    return indexes;
  }

  void next_request() {
    if (completed_ == static_cast<std::int64_t>(queue_.size())) {
      if (p_.compute) {
        text_ << py_percent("\nTOTALS      Seek:%3d  Rotate:%3d  Transfer:%3d  Total:%4d\n", seek_total_, rotate_total_,
                            transfer_total_, timer_)
              << "\n";
      }
      done_ = true;
      return;
    }
    if (p_.policy == "FIFO") {
      current_index_ = static_cast<std::size_t>(completed_);
    } else if (p_.policy == "SATF" || p_.policy == "BSATF") {
      current_index_ = shortest_access(first_requests(window_end()));
    } else if (p_.policy == "SSTF") {
      current_index_ = shortest_access(nearest_track(first_requests(window_end())));
    } else {
      throw StorageError::script(py_percent("policy (%s) not implemented", p_.policy));
    }
    current_block_ = queue_[current_index_].block;
    plan_seek(track_of(current_block_));
    if (late_count_ < late_.size()) {
      queue_.push_back({late_[late_count_], Stage::Null});
      ++late_count_;
    }
  }

  void plan_seek(int track) {
    seek_begin_ = timer_;
    set_stage(Stage::Seek);
    if (track == arm_track_) {
      rotate_begin_ = timer_;
      set_stage(Stage::Rotate);
      return;
    }
    arm_target_ = track;
    arm_target_x1_ = kSpindleX - track_radius(track) - kTrackWidth / 2.0;
    arm_speed_ = track >= arm_track_ ? p_.seek_speed : -p_.seek_speed;
  }

  bool seek_done() {
    arm_x1_ += arm_speed_;
    if ((arm_speed_ > 0.0 && arm_x1_ >= arm_target_x1_) || (arm_speed_ < 0.0 && arm_x1_ <= arm_target_x1_)) {
      arm_track_ = arm_target_;
      return true;
    }
    return false;
  }

  bool at_block_edge(std::int64_t direction) const {
    const std::int64_t half_zone = half_zone_[static_cast<std::size_t>(arm_track_)];
    const std::int64_t edge = py_mod(places_.at(current_block_).angle + direction * half_zone, 360);
    return radially_close(angle_, static_cast<double>(edge));
  }

  void tick() {
    ++timer_;
    angle_ += p_.rotate_speed;
    if (angle_ >= 360.0) angle_ = 0.0;
    if (stage_ == Stage::Seek && seek_done()) {
      rotate_begin_ = timer_;
      set_stage(Stage::Rotate);
    }
    if (stage_ == Stage::Rotate && at_block_edge(-1)) {
      set_stage(Stage::Transfer);
      transfer_begin_ = timer_;
    }
    if (stage_ == Stage::Transfer && at_block_edge(+1)) {
      set_stage(Stage::Done);
      ++completed_;
      record_access();
      slide_window();
      const std::int64_t finished = current_block_;
      next_request();
      const std::int64_t next = current_block_;
      if (track_of(finished) == track_of(next)) {
        const auto& ends = track_ends_.at(arm_track_);
        if ((finished == ends.second && next == ends.first) || finished + 1 == next) {
          rotate_begin_ = seek_begin_ = transfer_begin_ = timer_;
          set_stage(Stage::Transfer);
        }
      }
    }
  }

  void record_access() {
    const Access access{current_block_, rotate_begin_ - seek_begin_, transfer_begin_ - rotate_begin_,
                        timer_ - transfer_begin_, timer_ - seek_begin_};
    if (p_.compute) {
      text_ << py_percent("Block: %3d  Seek:%3d  Rotate:%3d  Transfer:%3d  Total:%4d", access.block, access.seek,
                          access.rotate, access.transfer, access.total)
            << "\n";
    }
    accesses_.push_back(access);
    seek_total_ += static_cast<double>(access.seek);
    rotate_total_ += static_cast<double>(access.rotate);
    transfer_total_ += static_cast<double>(access.transfer);
  }

  DiskParams p_;
  std::vector<std::int64_t> half_zone_;
  std::map<std::int64_t, BlockPlace> places_;
  std::map<int, std::pair<std::int64_t, std::int64_t>> track_ends_;
  std::vector<std::int64_t> late_;
  std::ostream& text_;

  std::vector<Request> queue_;
  std::size_t late_count_ = 0;
  std::int64_t current_window_ = -1;
  std::int64_t fair_window_ = -1;
  std::int64_t completed_ = 0;
  std::size_t current_index_ = 0;
  std::int64_t current_block_ = -1;
  Stage stage_ = Stage::Null;
  bool done_ = false;

  int arm_track_ = 0;
  int arm_target_ = 0;
  double arm_x1_ = 0;
  double arm_target_x1_ = 0;
  double arm_speed_ = 0;
  double angle_ = 0.0;
  std::int64_t timer_ = 0;
  std::int64_t seek_begin_ = 0, rotate_begin_ = 0, transfer_begin_ = 0;
  std::vector<Access> accesses_;
  double seek_total_ = 0.0, rotate_total_ = 0.0, transfer_total_ = 0.0;
};

// The layout of blocks on the three tracks, printing the script's layout dump as it goes.
struct Layout {
  std::vector<std::int64_t> half_zone;  // half the zone angle of each track
  std::map<std::int64_t, BlockPlace> places;
  std::map<int, std::pair<std::int64_t, std::int64_t>> track_ends;
  std::int64_t max_block = 0;  // the first block of the inner track: random requests stay below it
};

Layout make_layout(const std::string& zoning, std::int64_t skew, std::ostream& text) {
  const std::vector<std::string> zones = python_split(zoning, ',');
  if (zones.size() != 3) {
    throw StorageError::input(
        py_percent("option -z: '%s' must be three comma-separated angles, e.g. 30,30,30", zoning));
  }
  Layout layout;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    text << "z " << i << " " << zones[i] << "\n";
    const std::int64_t zone = int_piece("-z", zones[i]);
    if (zone < 2 || zone > 1'000'000) {
      throw StorageError::input(py_percent("option -z: zone angle %d must be between 2 and 1000000 degrees", zone));
    }
    layout.half_zone.push_back(py_floordiv(zone, 2));
  }
  std::int64_t first = 0;
  std::int64_t block = 0;
  for (int track = 0; track < 3; ++track) {
    const std::int64_t offset = 2 * layout.half_zone[static_cast<std::size_t>(track)];
    const std::int64_t track_skew = skew * track;
    for (std::int64_t angle = 0; angle < 360; angle += offset) {
      block = angle / offset + first;
      if (track == 0) {
        text << py_percent("%d %d %d", track, offset, block) << "\n";
      } else {
        text << py_percent("%d %d %d %d", track, track_skew, offset, block) << "\n";
      }
      layout.places[block] = BlockPlace{track, py_mod(angle + offset * track_skew + 180, 360)};
    }
    layout.track_ends[track] = {first, block};
    if (track < 2) first = block + 1;
  }
  layout.max_block = first;
  return layout;
}

[[noreturn]] void bad_description(const std::string& value) {
  throw StorageError::script("Bad address description (" + value +
                             ")\n"
                             "The address description must be a comma-separated list of length three, without spaces.\n"
                             "For example, \"10,100,0\" would indicate that 10 addresses should be generated, with\n"
                             "100 as the maximum value, and 0 as the minumum. A max of -1 means just use the highest\n"
                             "possible value as the max address to generate.");
}

// The script's MakeRequests: the blocks of LIST, or random ones drawn as DESCRIPTION says.
// SHOWN gets the list as the script prints it (strings for a given list, numbers for drawn ones).
std::vector<std::int64_t> make_requests(const std::string& list, const std::string& description, std::string_view flag,
                                        std::string_view description_flag, std::int64_t max_block, PyRandom& random,
                                        std::string& shown) {
  std::vector<std::int64_t> blocks;
  if (list != "-1") {
    const std::vector<std::string> pieces = python_split(list, ',');
    shown = py_list(pieces);
    for (const auto& piece : pieces) blocks.push_back(int_piece(flag, piece));
    return blocks;
  }
  const std::vector<std::string> desc = python_split(description, ',');
  if (desc.size() != 3) bad_description(description);
  const std::int64_t count = int_piece(description_flag, desc[0]);
  std::int64_t max_request = int_piece(description_flag, desc[1]);
  const std::int64_t min_request = int_piece(description_flag, desc[2]);
  if (count > kMaxRequests) {
    throw StorageError::input(
        py_percent("option %s: at most %d requests can be simulated, not %d", description_flag, kMaxRequests, count));
  }
  if (max_request == -1) max_request = max_block;
  for (std::int64_t i = 0; i < count; ++i) {
    const double value = random.random() * static_cast<double>(max_request);
    if (std::fabs(value) >= 9e18)
      throw StorageError::input(py_percent("option %s: maximum request out of range", description_flag));
    blocks.push_back(static_cast<std::int64_t>(value) + min_request);
  }
  shown = py_list(blocks);
  return blocks;
}

double speed_option(const OptionParser& parser, const char* dest, std::string_view flag) {
  const std::string& text = parser.get_string(dest);
  const std::optional<double> value = parse_python_float(text);
  if (!value) throw StorageError::input(py_percent("option %s: could not convert string to float: %r", flag, text));
  if (!std::isfinite(*value) || *value <= 0.0) {
    throw StorageError::input(py_percent("option %s: speed must be a positive number, not %s", flag, text));
  }
  return *value;
}

void print_options(const OptionParser& parser, std::ostream& text) {
  text << "OPTIONS seed " << parser.get_int("seed") << "\n"
       << "OPTIONS addr " << parser.get_string("addr") << "\n"
       << "OPTIONS addrDesc " << parser.get_string("addrDesc") << "\n"
       << "OPTIONS seekSpeed " << parser.get_string("seekSpeed") << "\n"
       << "OPTIONS rotateSpeed " << parser.get_string("rotateSpeed") << "\n"
       << "OPTIONS skew " << parser.get_int("skew") << "\n"
       << "OPTIONS window " << parser.get_int("window") << "\n"
       << "OPTIONS policy " << parser.get_string("policy") << "\n"
       << "OPTIONS compute " << py_str(parser.get_flag("compute")) << "\n"
       << "OPTIONS graphics " << py_str(parser.get_flag("graphics")) << "\n"
       << "OPTIONS zoning " << parser.get_string("zoning") << "\n"
       << "OPTIONS lateAddr " << parser.get_string("lateAddr") << "\n"
       << "OPTIONS lateAddrDesc " << parser.get_string("lateAddrDesc") << "\n\n";
}

std::optional<int> disk_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("disk"));
  parser.add_int("-s", "--seed", "seed", 0, "Random seed")
      .add_string("-a", "--addr", "addr", "-1", "Request list (comma-separated) [-1 -> use addrDesc]")
      .add_string("-A", "--addrDesc", "addrDesc", "5,-1,0", "Num requests, max request (-1->all), min request")
      .add_string("-S", "--seekSpeed", "seekSpeed", "1", "Speed of seek")
      .add_string("-R", "--rotSpeed", "rotateSpeed", "1", "Speed of rotation")
      .add_string("-p", "--policy", "policy", "FIFO", "Scheduling policy (FIFO, SSTF, SATF, BSATF)")
      .add_int("-w", "--schedWindow", "window", -1, "Size of scheduling window (-1 -> all)")
      .add_int("-o", "--skewOffset", "skew", 0, "Amount of skew (in blocks)")
      .add_string("-z", "--zoning", "zoning", "30,30,30", "Angles between blocks on outer,middle,inner tracks")
      .add_flag("-G", "--graphics", "graphics", "Turn on graphics")
      .add_string("-l", "--lateAddr", "lateAddr", "-1", "Late: request list (comma-separated) [-1 -> random]")
      .add_string("-L", "--lateAddrDesc", "lateAddrDesc", "0,-1,0", "Num requests, max request (-1->all), min request")
      .add_flag("-c", "--compute", "compute", "Compute the answers");
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  if (parser.get_flag("graphics")) {
    throw StorageError::input("-G: the disk animation has no view in kernsim yet; use -c to see the answers");
  }
  std::ostream& text = run.text;
  print_options(parser, text);

  DiskParams params;
  params.policy = parser.get_string("policy");
  params.window = parser.get_int("window");
  params.skew = parser.get_int("skew");
  params.compute = parser.get_flag("compute");
  if (params.window == 0) {
    throw StorageError::script(
        py_percent("Scheduling window (%d) must be positive or -1 (which means a full window)", params.window));
  }
  params.seek_speed = speed_option(parser, "seekSpeed", "-S");
  params.rotate_speed = speed_option(parser, "rotateSpeed", "-R");
  if (params.skew < -1'000'000 || params.skew > 1'000'000) {
    throw StorageError::input(
        py_percent("option -o: skew %d is out of range (-1000000 to 1000000 blocks)", params.skew));
  }

  Layout layout = make_layout(parser.get_string("zoning"), params.skew, text);
  PyRandom random(parser.get_int("seed"));
  std::string shown, late_shown;
  const std::vector<std::int64_t> requests = make_requests(parser.get_string("addr"), parser.get_string("addrDesc"),
                                                           "-a", "-A", layout.max_block, random, shown);
  const std::vector<std::int64_t> late = make_requests(parser.get_string("lateAddr"), parser.get_string("lateAddrDesc"),
                                                       "-l", "-L", layout.max_block, random, late_shown);
  text << "REQUESTS " << shown << "\n\n";
  if (!late.empty()) text << "LATE REQUESTS " << late_shown << "\n\n";
  if (!params.compute) {
    text << "\nFor the requests above, compute the seek, rotate, and transfer times.\n"
            "Use -c or the graphical mode (-G) to see the answers.\n\n";
  }
  if (params.seek_speed > 1 && std::fmod(kTrackWidth, params.seek_speed) != 0) {
    throw StorageError::script(
        py_percent("Seek speed (%d) must divide evenly into track width (%d)", params.seek_speed, 40));
  }
  if (params.seek_speed < 1) {
    const double x = kTrackWidth / params.seek_speed;
    if (x != std::trunc(x)) {
      throw StorageError::script(
          py_percent("Seek speed (%f) must divide evenly into track width (%d)", params.seek_speed, 40));
    }
  }
  for (const auto* list : {&requests, &late}) {
    for (const std::int64_t block : *list) {
      if (layout.places.count(block) == 0) {
        throw StorageError::input(py_percent("request for block %d, which is not on the disk (blocks 0 to %d)", block,
                                             layout.places.rbegin()->first));
      }
    }
  }
  const double ticks_per_request = 2 * kTrackWidth / params.seek_speed + 2 * 360.0 / params.rotate_speed + 8;
  if (ticks_per_request * static_cast<double>(requests.size() + late.size()) > kMaxTicks) {
    throw StorageError::input("the run would take more than 200000000 time steps; use fewer requests or faster speeds");
  }

  DiskSimulation disk(params, layout.half_zone, layout.places, layout.track_ends, requests, late, text);
  disk.run();

  nlohmann::json& data = run.data;
  data["policy"] = params.policy;
  data["seek_speed"] = params.seek_speed;
  data["rotate_speed"] = params.rotate_speed;
  data["requests"] = requests;
  data["late_requests"] = late;
  data["compute"] = params.compute;
  if (!params.compute) return std::nullopt;  // the answers below, as the text, only with -c
  nlohmann::json accesses = nlohmann::json::array();
  for (const Access& access : disk.accesses()) {
    accesses.push_back({{"block", access.block},
                        {"seek", access.seek},
                        {"rotate", access.rotate},
                        {"transfer", access.transfer},
                        {"total", access.total}});
  }
  data["accesses"] = accesses;
  data["totals"] = {{"seek", disk.seek_total()},
                    {"rotate", disk.rotate_total()},
                    {"transfer", disk.transfer_total()},
                    {"total", disk.time()}};
  return std::nullopt;
}

}  // namespace

int run_disk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("disk", args, out, err, disk_body);
}

}  // namespace ks::ostep::storage
