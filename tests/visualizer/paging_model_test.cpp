// The memory view's model: a reference string stepped through one or two replacement policies.
// Every expected value is worked out by hand in the comments (the textbook's way of drawing it).
#include <gtest/gtest.h>

#include <functional>

#include "sim-core/error.h"
#include "visualizer/model/paging_model.h"
#include "visualizer/model/paging_svg.h"

namespace ks::viz {
namespace {

PagingModel model(const std::string& policies, std::uint32_t frames, const std::string& refs) {
  return PagingModel(parse_paging_policies(policies, "--paging"), frames, parse_reference_list(refs, "--refs"));
}

// The page in each frame at a step, -1 for an empty frame.
std::vector<int> frames_of(const PagingStep& step) {
  std::vector<int> pages;
  for (const FrameCell& cell : step.frames) pages.push_back(cell.page ? static_cast<int>(cell.page->vpn) : -1);
  return pages;
}

// FIFO, 3 frames, 7 0 1 2 0 3 0 4:
//   7 miss [7 - -]   0 miss [7 0 -]   1 miss [7 0 1]
//   2 miss, the oldest (7, frame 0) leaves [2 0 1]
//   0 hit
//   3 miss, the oldest now is 0 (loaded second, frame 1) [2 3 1]
//   0 miss, oldest 1 (frame 2) [2 3 0]
//   4 miss, oldest 2 (frame 0) [4 3 0]
// 7 misses, 1 hit; the queue, oldest first: frame 1 (3), frame 2 (0), frame 0 (4).
TEST(VizPaging, FifoStepsByHand) {
  const PagingModel m = model("fifo", 3, "7,0,1,2,0,3,0,4");
  ASSERT_EQ(m.run_count(), 1u);
  const PagingRun& run = m.run(0);
  ASSERT_EQ(run.size(), 8u);
  EXPECT_EQ(frames_of(run.step(0)), (std::vector<int>{7, -1, -1}));
  EXPECT_EQ(frames_of(run.step(2)), (std::vector<int>{7, 0, 1}));
  EXPECT_FALSE(run.step(2).victim.has_value());
  EXPECT_EQ(frames_of(run.step(3)), (std::vector<int>{2, 0, 1}));
  ASSERT_TRUE(run.step(3).victim.has_value());
  EXPECT_EQ(run.step(3).victim->vpn, 7u);
  EXPECT_TRUE(run.step(3).frames[0].evicted);
  EXPECT_FALSE(run.step(3).frames[1].evicted);
  EXPECT_TRUE(run.step(4).hit);
  EXPECT_FALSE(run.step(4).frames[1].loaded);  // a hit loads nothing
  EXPECT_EQ(frames_of(run.step(5)), (std::vector<int>{2, 3, 1}));
  EXPECT_EQ(run.step(5).victim->vpn, 0u);
  EXPECT_EQ(frames_of(run.step(6)), (std::vector<int>{2, 3, 0}));
  EXPECT_EQ(frames_of(run.step(7)), (std::vector<int>{4, 3, 0}));
  EXPECT_EQ(run.hits(), 1u);
  EXPECT_EQ(run.misses(), 7u);
  EXPECT_EQ(run.step(7).view.order, (std::vector<Slot>{1, 2, 0}));
  // After 5 references: 4 misses of 5, 80 %.
  EXPECT_EQ(run.misses(5), 4u);
  EXPECT_DOUBLE_EQ(run.fault_rate(5), 80.0);
  EXPECT_DOUBLE_EQ(run.fault_rate(0), 0.0);
}

// LRU beside FIFO on the same string and frames:
//   7 0 1 miss [7 0 1]; 2 miss, least recent 7 (frame 0) [2 0 1]; 0 hit
//   3 miss, least recent now 1 (frame 2) [2 0 3]; 0 hit
//   4 miss, least recent 2 (frame 0) [4 0 3]
// 6 misses, 2 hits; least recent first: 3 (frame 2, used at step 6), 0 (frame 1, step 7),
// 4 (frame 0, step 8). At the 7th reference (0) the two differ: FIFO misses, LRU hits.
TEST(VizPaging, LruBesideFifoOnTheSameString) {
  PagingModel m = model("fifo,lru", 3, "7,0,1,2,0,3,0,4");
  ASSERT_EQ(m.run_count(), 2u);
  const PagingRun& lru = m.run(1);
  EXPECT_EQ(lru.label(), "lru");
  EXPECT_EQ(frames_of(lru.step(5)), (std::vector<int>{2, 0, 3}));
  EXPECT_EQ(lru.step(5).victim->vpn, 1u);
  EXPECT_EQ(frames_of(lru.step(7)), (std::vector<int>{4, 0, 3}));
  EXPECT_EQ(lru.hits(), 2u);
  EXPECT_EQ(lru.misses(), 6u);
  EXPECT_EQ(lru.step(7).view.order, (std::vector<Slot>{2, 1, 0}));
  m.jump_to(7);
  ASSERT_NE(m.current(0), nullptr);
  EXPECT_FALSE(m.current(0)->hit);
  EXPECT_TRUE(m.current(1)->hit);
  EXPECT_EQ(m.current(0)->page.vpn, 0u);
  EXPECT_EQ(m.policies_text(), "fifo,lru");
}

// Belady's anomaly, 1 2 3 4 1 2 5 1 2 3 4 5 under FIFO:
//   3 frames: 1 2 3 miss; 4 1 2 miss (each evicts the oldest); 5 miss; 1 2 hit; 3 4 miss; 5 hit:
//   9 faults.  4 frames: 1 2 3 4 miss; 1 2 hit; 5 1 2 3 4 5 all miss: 10 faults.
// OPT, 3 frames: 1 2 3 miss; 4 miss, evicting 3 (next used at the 10th reference, after 1 and
// 2); 1 2 hit; 5 miss, evicting 4 (next used 11th, after 1 and 2 at 8th and 9th); 1 2 hit;
// 3 miss, evicting 1 or 2 (never used again); 4 miss, evicting the other unused one; 5 hit:
// 7 faults. The lower bound needs the whole string as its future, which one replay gives it.
TEST(VizPaging, BeladysStringUnderFifoAndOpt) {
  const std::string belady = "1,2,3,4,1,2,5,1,2,3,4,5";
  EXPECT_EQ(model("fifo", 3, belady).run(0).misses(), 9u);
  EXPECT_EQ(model("fifo", 4, belady).run(0).misses(), 10u);
  EXPECT_EQ(model("opt", 3, belady).run(0).misses(), 7u);
}

// Clock, 3 frames, 1 2 3 4 2w:
//   1 2 3 go into frames 0 1 2, each with A set.
//   4 misses: the hand at frame 0 finds A set everywhere, clears 0, 1, 2 and comes back to
//   frame 0, whose A is now clear: 1 leaves, the hand stops at frame 1. Page 4 comes in with A
//   set; frames 1 and 2 keep A clear.
//   2w hits frame 1: A and D set there.
TEST(VizPaging, ClockHandAndBits) {
  PagingModel m = model("clock", 3, "1,2,3,4,2w");
  const PagingRun& run = m.run(0);
  const PagingStep& fourth = run.step(3);
  EXPECT_EQ(fourth.victim->vpn, 1u);
  EXPECT_TRUE(fourth.view.has_hand);
  EXPECT_EQ(fourth.view.hand, 1u);
  EXPECT_TRUE(fourth.frames[0].accessed);
  EXPECT_FALSE(fourth.frames[1].accessed);
  EXPECT_FALSE(fourth.frames[2].accessed);
  const PagingStep& fifth = run.step(4);
  EXPECT_TRUE(fifth.hit);
  EXPECT_TRUE(fifth.write);
  EXPECT_TRUE(fifth.frames[1].accessed);
  EXPECT_TRUE(fifth.frames[1].dirty);
  EXPECT_FALSE(fifth.frames[0].dirty);
  EXPECT_EQ(reference_label(m.refs(), 4), "2w");
}

// The replay records bits and views only when asked (kernsim paging's steps stay as they were).
// FIFO, 2 frames, 1w 2 1: page 1 in frame 0 written (A and D), 2 in frame 1 (A); the third
// reference hits frame 0. The queue, oldest first, is frame 0 then frame 1.
TEST(VizPaging, ReplayRecordsViewsOnlyWhenAsked) {
  const ReplacementInfo* fifo = replacement_registry().find("fifo");
  ASSERT_NE(fifo, nullptr);
  const ReferenceString refs = parse_reference_list("1w,2,1", "--refs");
  ReplayOptions options;
  options.record_steps = true;
  const ReplayResult plain = replay(*fifo, default_params(fifo->params), refs, 2, options);
  ASSERT_EQ(plain.steps.size(), 3u);
  EXPECT_TRUE(plain.steps[2].bits.empty());
  EXPECT_TRUE(plain.steps[2].view.order.empty());
  options.record_views = true;
  const ReplayResult viewed = replay(*fifo, default_params(fifo->params), refs, 2, options);
  EXPECT_EQ(viewed.steps[2].bits, (std::vector<std::uint8_t>{kStepAccessed | kStepDirty, kStepAccessed}));
  EXPECT_EQ(viewed.steps[0].view.order, (std::vector<Slot>{0}));
  EXPECT_EQ(viewed.steps[2].view.order, (std::vector<Slot>{0, 1}));
  EXPECT_EQ(viewed.hits, plain.hits);
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// FIFO, 3 frames, 7 0 1 2 0 3 0 4 with the cursor after 5 references: 7 0 1 2 miss, 0 hits
// (FifoStepsByHand), so 4 red reference cells and 1 green; one victim so far (7).
TEST(VizPaging, SvgColoursTheReferencesUpToTheCursor) {
  PagingModel m = model("fifo", 3, "7,0,1,2,0,3,0,4");
  m.jump_to(5);
  const std::string svg = paging_svg(m);
  const std::string miss = to_hex(paging_miss_colour(light_theme()));
  const std::string hit = to_hex(paging_hit_colour(light_theme()));
  EXPECT_EQ(count(svg, "height=\"24\" fill=\"" + miss + "\""), 4u);
  EXPECT_EQ(count(svg, "height=\"24\" fill=\"" + hit + "\""), 1u);
  EXPECT_EQ(count(svg, "fill=\"" + miss + "\" font-size=\"14\" text-anchor=\"middle\">7</text>"), 1u);  // victim
  EXPECT_NE(svg.find("after 5 of 8: hits 1, misses 4, fault rate 80.0%"), std::string::npos);
  EXPECT_EQ(svg.rfind("</svg>\n"), svg.size() - 7);
}

TEST(VizPaging, CursorStepsForwardAndBack) {
  PagingModel m = model("fifo", 2, "1,2,3");
  EXPECT_EQ(m.cursor(), 3u);  // opens at the end, as the scheduling view does
  EXPECT_FALSE(m.step_forward());
  m.home();
  EXPECT_EQ(m.current(0), nullptr);
  EXPECT_FALSE(m.step_back());
  EXPECT_TRUE(m.step_forward());
  ASSERT_NE(m.current(0), nullptr);
  EXPECT_EQ(m.current(0)->page.vpn, 1u);
  m.jump_to(99);
  EXPECT_EQ(m.cursor(), 3u);
  EXPECT_TRUE(m.step_back());
  EXPECT_EQ(m.current(0)->page.vpn, 2u);
  m.end();
  EXPECT_EQ(m.current(0)->page.vpn, 3u);
}

TEST(VizPaging, PolicyParametersAreReadAndShownInTheLabel) {
  const PagingModel m = model("aging:bits=4", 2, "1,2,1");
  EXPECT_NE(m.run(0).label().find("bits=4"), std::string::npos);
  EXPECT_EQ(m.policies_text(), "aging:bits=4");
}

// Bad input: an InputError that names the option, never a crash.
void expect_input_error(const std::function<void()>& make, const std::string& option, const std::string& words) {
  try {
    make();
    ADD_FAILURE() << "no error for " << option;
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, option);
    EXPECT_NE(error.problem().find(words), std::string::npos) << error.problem();
  }
}

TEST(VizPaging, BadInputNamesTheOption) {
  expect_input_error([] { model("belady", 3, "1,2"); }, "--paging", "unknown policy \"belady\"");
  expect_input_error([] { model("fifo", 0, "1,2"); }, "--frames", "1 to 64 frames, got 0");
  expect_input_error([] { model("fifo", 65, "1,2"); }, "--frames", "got 65");
  expect_input_error([] { model("fifo,lru,opt", 3, "1,2"); }, "--paging", "at most two");
  expect_input_error([] { model("fifo,fifo", 3, "1,2"); }, "--paging", "named twice");
  expect_input_error([] { model("fifo,", 3, "1,2"); }, "--paging", "missing");
  expect_input_error([] { model("fifo:depth=3", 3, "1,2"); }, "--paging", "no parameter \"depth\"");
  expect_input_error([] { model("aging:bits=x", 3, "1,2"); }, "--paging", "bits");
  expect_input_error([] { model("fifo", 3, "1,x,2"); }, "--refs", "");
  expect_input_error([] { read_reference_source({}); }, "--refs", "give the references");
  expect_input_error(
      [] {
        ReferenceSource source;
        source.generator = "wavy";
        read_reference_source(source);
      },
      "--refs-gen", "unknown generator");
  std::string long_string = "1";
  for (int i = 0; i < 2000; ++i) long_string += ",1";  // 2001 references
  expect_input_error([&] { model("fifo", 3, long_string); }, "--refs", "at most 2000 references, got 2001");
}

TEST(VizPaging, GeneratedReferencesAreTheSameForTheSameSeed) {
  ReferenceSource source;
  source.generator = "uniform";
  source.generator_params = {"length=50", "pages=6"};
  source.seed = 7;
  const ReferenceString a = read_reference_source(source);
  const ReferenceString b = read_reference_source(source);
  ASSERT_EQ(a.size(), 50u);
  EXPECT_EQ(a.pages, b.pages);
  for (const PageKey& page : a.pages) EXPECT_LT(page.vpn, 6u);
}

}  // namespace
}  // namespace ks::viz
