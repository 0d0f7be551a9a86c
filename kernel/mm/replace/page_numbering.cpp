// kernel/mm/replace/page_numbering.cpp — numbering the pages of a reference string (page_numbering.h).
#include "kernel/mm/replace/page_numbering.h"

#include <algorithm>

namespace ks {
namespace {

// Page numbers below this are their own ids (a table of this many entries is 64 MiB at most).
constexpr std::uint32_t kDirectPages = 1U << 24;

std::uint64_t packed(PageKey page) { return (std::uint64_t{page.space} << 32) | page.vpn; }

}  // namespace

PageNumbering number_pages(const std::vector<PageKey>& pages) {
  PageNumbering numbering;
  const std::uint32_t space = pages.empty() ? 0 : pages.front().space;
  std::uint32_t largest = 0;
  bool direct = true;
  for (const PageKey& page : pages) {
    direct = direct && page.space == space && page.vpn < kDirectPages;
    largest = std::max(largest, page.vpn);
  }
  if (direct) {
    numbering.direct = true;
    numbering.table_size = pages.empty() ? 0 : largest + 1;
    return numbering;
  }
  std::vector<std::uint64_t> distinct;
  distinct.reserve(pages.size());
  for (const PageKey& page : pages) distinct.push_back(packed(page));
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  numbering.ids.resize(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto at = std::lower_bound(distinct.begin(), distinct.end(), packed(pages[i]));
    numbering.ids[i] = static_cast<std::uint32_t>(at - distinct.begin());
  }
  numbering.table_size = static_cast<std::uint32_t>(distinct.size());
  return numbering;
}

}  // namespace ks
