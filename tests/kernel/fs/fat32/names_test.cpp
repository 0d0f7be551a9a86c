// FAT names: the long-name checksum, exact 8.3 names and their case bits, generated short names,
// long-name entries written and read back, UTF-8 to UCS-2 and the names FAT refuses.
#include <gtest/gtest.h>

#include "kernel/fs/fat32/layout.h"
#include "kernel/fs/fat32/names.h"

namespace ks::fat32 {
namespace {

ShortName short_of(const std::string& eleven) {
  ShortName name;
  std::copy(eleven.begin(), eleven.end(), name.begin());
  return name;
}

TEST(Fat32Names, ChecksumRotatesAndAdds) {
  // "A" and ten spaces: sum = 0x41; then each step is (sum >> 1) + (sum & 1 ? 0x80 : 0) + 0x20:
  // 0xC0, 0x80, 0x60, 0x50, 0x48, 0x44, 0x42, 0x41, 0xC0, 0x80.
  EXPECT_EQ(short_name_checksum(short_of("A          ")), 0x80);
  // Eleven spaces: 0x20, then 0x10+0x20 = 0x30, 0x18+0x20 = 0x38, 0x1C+0x20 = 0x3C, 0x3E, 0x3F,
  // then 0x80+0x1F+0x20 = 0xBF, 0x80+0x5F+0x20 = 0xFF, 0x80+0x7F+0x20 = 0x11F -> 0x1F,
  // 0x80+0x0F+0x20 = 0xAF, 0x80+0x57+0x20 = 0xF7.
  EXPECT_EQ(short_name_checksum(short_of("           ")), 0xF7);
}

TEST(Fat32Names, ExactShortNamesKeepTheirCaseInNtBits) {
  const auto upper = exact_short_name("README.TXT");
  ASSERT_TRUE(upper);
  EXPECT_EQ(std::string(upper->name.begin(), upper->name.end()), "README  TXT");
  EXPECT_EQ(upper->nt_flags, 0);
  const auto lower = exact_short_name("readme.txt");
  ASSERT_TRUE(lower);
  EXPECT_EQ(std::string(lower->name.begin(), lower->name.end()), "README  TXT");
  EXPECT_EQ(lower->nt_flags, kNtLowerBase | kNtLowerExt);
  EXPECT_EQ(short_name_text(lower->name, lower->nt_flags), "readme.txt");
  EXPECT_FALSE(exact_short_name("ReadMe.txt"));      // mixed case needs a long name
  EXPECT_FALSE(exact_short_name("longername.txt"));  // 10 characters of base
  EXPECT_FALSE(exact_short_name("a.b.c"));
  EXPECT_FALSE(exact_short_name("with space"));
  EXPECT_FALSE(exact_short_name("x.html"));  // a 4-character extension
}

TEST(Fat32Names, GeneratedShortNamesHaveANumericTail) {
  const ShortName one = generated_short_name("A long file name.text", 1);
  EXPECT_EQ(std::string(one.begin(), one.end()), "ALONGF~1TEX");
  const ShortName twelve = generated_short_name("x+y", 12);
  EXPECT_EQ(std::string(twelve.begin(), twelve.end()), "X_Y~12     ");
  // One '_' per non-ASCII character (é is 2 bytes of UTF-8, € is 3), the space dropped.
  const ShortName accents = generated_short_name("café €.txt", 1);
  EXPECT_EQ(std::string(accents.begin(), accents.end()), "CAF__~1 TXT");
}

TEST(Fat32Names, LongNameEntriesReadBackInStoredOrder) {
  // 27 characters: three entries (13 + 13 + 1), the last part first with ordinal 0x43.
  const std::string name = "Quarterly report 2026 é.txt";
  const auto wide = utf8_to_ucs2(name);
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->size(), 27u);
  const ShortName short_name = generated_short_name(name, 1);
  const auto entries = long_name_entries(name, short_name);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0][0], 0x43);
  EXPECT_EQ(entries[1][0], 0x02);
  EXPECT_EQ(entries[2][0], 0x01);
  for (const auto& e : entries) {
    EXPECT_EQ(e[kDirAttr], kAttrLongName);
    EXPECT_EQ(e[13], short_name_checksum(short_name));
  }
  // The third part holds one character, then 0x0000, then 0xFFFF padding.
  EXPECT_EQ(get16(entries[0], 1), 't');
  EXPECT_EQ(get16(entries[0], 3), 0x0000);
  EXPECT_EQ(get16(entries[0], 5), 0xFFFF);
  LongNameReader reader;
  for (const auto& e : entries) reader.take(e);
  EXPECT_EQ(reader.finish(short_name), name);
  // A short name whose checksum does not match (a tool that knows no long names reused it).
  for (const auto& e : entries) reader.take(e);
  EXPECT_FALSE(reader.finish(short_of("OTHER   TXT")));
  // Entries out of order are not a name.
  reader.take(entries[1]);
  reader.take(entries[0]);
  reader.take(entries[2]);
  EXPECT_FALSE(reader.finish(short_name));
}

TEST(Fat32Names, Utf8AndUcs2) {
  EXPECT_EQ(ucs2_to_utf8(u"caf\u00e9 \u20ac"), "café €");
  EXPECT_EQ(utf8_to_ucs2("café €"), std::u16string(u"caf\u00e9 \u20ac"));
  EXPECT_FALSE(utf8_to_ucs2("\xF0\x9F\x98\x80"));                         // U+1F600 is outside the BMP
  EXPECT_FALSE(utf8_to_ucs2("\xC3"));                                     // cut short
  EXPECT_FALSE(utf8_to_ucs2("\xC0\xAF"));                                 // overlong '/'
  EXPECT_EQ(ucs2_to_utf8(std::u16string(1, u'\xD800')), "\xEF\xBF\xBD");  // a lone surrogate shows as U+FFFD
}

TEST(Fat32Names, NamesFatRefuses) {
  EXPECT_TRUE(name_problem("notes.txt").empty());
  EXPECT_TRUE(name_problem("A long name with spaces").empty());
  EXPECT_FALSE(name_problem("").empty());
  EXPECT_FALSE(name_problem("..").empty());
  EXPECT_FALSE(name_problem("a:b").empty());
  EXPECT_FALSE(name_problem("a*").empty());
  EXPECT_FALSE(name_problem("tab\there").empty());
  EXPECT_FALSE(name_problem("trailing.").empty());
  EXPECT_FALSE(name_problem(std::string(256, 'x')).empty());
  EXPECT_TRUE(name_problem(std::string(255, 'x')).empty());
  EXPECT_TRUE(same_name("README.txt", "readme.TXT"));
  EXPECT_FALSE(same_name("readme", "readme2"));
}

}  // namespace
}  // namespace ks::fat32
