// Reference strings (kernel/mm/replace/ref_strings.h): written out, from a file, generated; bad
// input refused with where it is and what is wrong.
#include "kernel/mm/replace/ref_strings.h"

#include <gtest/gtest.h>

#include <set>

#include "sim-core/error.h"

namespace ks {
namespace {

std::string list_error(const std::string& text) {
  try {
    parse_reference_list(text, "--refs");
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "\"" << text << "\" was accepted";
  return {};
}

std::string file_error(const std::string& text) {
  try {
    parse_reference_file(text, "refs.txt");
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "\"" << text << "\" was accepted";
  return {};
}

TEST(ReferenceStrings, ListWithWrites) {
  const ReferenceString refs = parse_reference_list("1, 2,3w ,4r,4294967295W", "--refs");
  ASSERT_EQ(refs.size(), 5U);
  EXPECT_EQ(refs.pages[1].vpn, 2U);
  EXPECT_EQ(refs.pages[4].vpn, 4294967295U);
  EXPECT_EQ(refs.writes, (std::vector<std::uint8_t>{0, 0, 1, 0, 1}));
}

TEST(ReferenceStrings, ListErrorsNameTheCharacter) {
  EXPECT_EQ(list_error("1,2,x"),
            "--refs (at character 5): expected a page number, optionally followed by w (a write) "
            "or r (a read), got \"x\"");
  EXPECT_EQ(list_error("1,,2"),
            "--refs (at character 3): a reference is missing (two commas in a row, or one at an end?)");
  EXPECT_EQ(list_error("1,2,"),
            "--refs (at character 5): a reference is missing (two commas in a row, or one at an end?)");
  EXPECT_EQ(list_error("4294967296"), "--refs (at character 1): page 4294967296 is too large (at most 4294967295)");
  EXPECT_EQ(list_error("99999999999999999999999"),
            "--refs (at character 1): page 99999999999999999999999 is too large (at most 4294967295)");
  EXPECT_NE(list_error("-1").find("got \"-1\""), std::string::npos);
  EXPECT_NE(list_error("3x").find("got \"3x\""), std::string::npos);
  EXPECT_NE(list_error("w").find("got \"w\""), std::string::npos);
  EXPECT_EQ(list_error(" "), "--refs: there are no references");
}

TEST(ReferenceStrings, FileOneALineOrCommaSeparated) {
  const ReferenceString refs = parse_reference_file("# a loop\n1\n2w\r\n\n3,4, 5  # the end\n", "refs.txt");
  ASSERT_EQ(refs.size(), 5U);
  EXPECT_EQ(refs.pages[4].vpn, 5U);
  EXPECT_EQ(refs.writes[1], 1);
}

TEST(ReferenceStrings, FileErrorsNameLineAndColumn) {
  EXPECT_EQ(file_error("1\n2\n 3,y\n"),
            "refs.txt:3:4: expected a page number, optionally followed by w (a write) or "
            "r (a read), got \"y\"");
  EXPECT_EQ(file_error(""), "refs.txt: there are no references (one page number a line, or comma-separated)");
  EXPECT_EQ(file_error("\n\n# nothing\n"),
            "refs.txt: there are no references (one page number a line, or comma-separated)");
  EXPECT_EQ(file_error(std::string("1\n2\0\n", 5)), "refs.txt:2:2: a NUL byte: this is not a text file");
}

PolicyParams generator_params(const ReferenceGenerator& generator,
                              const std::vector<std::pair<std::string, ParamValue>>& values) {
  PolicyParams params = default_params(generator.params);
  for (const auto& [key, value] : values) params.set(key, value);
  return params;
}

ReferenceString generated(const std::string& kind, const std::vector<std::pair<std::string, ParamValue>>& values,
                          std::uint64_t seed = 1) {
  const ReferenceGenerator* generator = find_reference_generator(kind);
  EXPECT_NE(generator, nullptr) << kind;
  return generate_references(*generator, generator_params(*generator, values), seed);
}

TEST(ReferenceGenerators, LoopGoesRoundThePages) {
  const ReferenceString refs = generated("loop", {{"length", std::int64_t{7}}, {"pages", std::int64_t{3}}});
  std::vector<std::uint32_t> pages;
  for (const PageKey& page : refs.pages) pages.push_back(page.vpn);
  EXPECT_EQ(pages, (std::vector<std::uint32_t>{0, 1, 2, 0, 1, 2, 0}));
}

TEST(ReferenceGenerators, EveryKindStaysInItsPagesAndIsReproducible) {
  for (const ReferenceGenerator& generator : reference_generators()) {
    const ReferenceString a = generated(generator.name, {{"length", std::int64_t{2000}}, {"pages", std::int64_t{50}}});
    const ReferenceString b = generated(generator.name, {{"length", std::int64_t{2000}}, {"pages", std::int64_t{50}}});
    ASSERT_EQ(a.size(), 2000U) << generator.name;
    EXPECT_EQ(a.pages, b.pages) << generator.name;
    for (const PageKey& page : a.pages) ASSERT_LT(page.vpn, 50U) << generator.name;
    const ReferenceString other =
        generated(generator.name, {{"length", std::int64_t{2000}}, {"pages", std::int64_t{50}}}, 2);
    if (generator.name != "loop") {
      EXPECT_NE(a.pages, other.pages) << generator.name << ": the seed changes nothing";
    }
  }
}

TEST(ReferenceGenerators, WritesDoNotChangeThePages) {
  const ReferenceString reads = generated("zipf", {{"write_percent", std::int64_t{0}}});
  const ReferenceString writes = generated("zipf", {{"write_percent", std::int64_t{40}}});
  EXPECT_EQ(reads.pages, writes.pages);
  std::size_t written = 0;
  for (const std::uint8_t write : writes.writes) written += write;
  EXPECT_GT(written, 300U);
  EXPECT_LT(written, 500U);
}

TEST(ReferenceGenerators, EightyTwentyAndZipfFavourTheFirstPages) {
  const ReferenceString hot = generated("80-20", {{"length", std::int64_t{10000}}});
  std::size_t first_fifth = 0;
  for (const PageKey& page : hot.pages) first_fifth += page.vpn < 20 ? 1 : 0;
  EXPECT_GT(first_fifth, 7600U);
  EXPECT_LT(first_fifth, 8400U);
  const ReferenceString zipf = generated("zipf", {{"length", std::int64_t{10000}}, {"skew", 1.0}});
  std::size_t page_zero = 0, page_nine = 0;
  for (const PageKey& page : zipf.pages) {
    page_zero += page.vpn == 0 ? 1 : 0;
    page_nine += page.vpn == 9 ? 1 : 0;
  }
  // 1/1 against 1/10 of the weight: about ten times as many references.
  EXPECT_GT(page_zero, 6 * page_nine);
}

TEST(ReferenceGenerators, PhasesUseTheirOwnSets) {
  const ReferenceString refs = generated("phased", {{"length", std::int64_t{400}},
                                                    {"pages", std::int64_t{40}},
                                                    {"phases", std::int64_t{4}},
                                                    {"set", std::int64_t{10}}});
  for (std::size_t t = 0; t < refs.size(); ++t) {
    EXPECT_EQ(refs.pages[t].vpn / 10, t / 100) << "reference " << t;
  }
}

TEST(ReferenceGenerators, ScanHotScansInOrderAndNeverRepeatsTooSoon) {
  const ReferenceString refs = generated("scan-hot", {{"length", std::int64_t{3000}},
                                                      {"pages", std::int64_t{100}},
                                                      {"hot", std::int64_t{10}},
                                                      {"scan_percent", std::int64_t{50}}});
  std::uint32_t expected = 10;
  std::size_t scanned = 0;
  for (const PageKey& page : refs.pages) {
    if (page.vpn < 10) continue;
    EXPECT_EQ(page.vpn, expected);
    expected = expected == 99 ? 10 : expected + 1;
    ++scanned;
  }
  EXPECT_GT(scanned, 1300U);
  EXPECT_LT(scanned, 1700U);
}

TEST(ReferenceGenerators, ValuesWrongTogetherAreRefused) {
  try {
    generated("phased", {{"pages", std::int64_t{5}}, {"set", std::int64_t{6}}});
    FAIL() << "a set larger than the pages was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "set");
    EXPECT_EQ(error.problem(), "must not be above pages (5), got 6");
  }
  EXPECT_THROW(generated("scan-hot", {{"pages", std::int64_t{10}}, {"hot", std::int64_t{10}}}), InputError);
}

}  // namespace
}  // namespace ks
