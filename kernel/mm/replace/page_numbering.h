// kernel/mm/replace/page_numbering.h — the pages of a reference string numbered 0, 1, 2, ...
//
// A replay looks up, for every reference, which frame holds its page; OPT looks up when each page
// is used next. Both are array lookups once every page has a small number: one pass over the
// string gives each reference its page's number. The common case (one address space, page
// numbers below 2^24) needs no numbering at all: the number is the virtual page number itself,
// read from the string as it is replayed. Any other string is numbered through its sorted
// distinct pages.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/mm/replacement.h"

namespace ks {

struct PageNumbering {
  bool direct = false;             // each page's number is its vpn: IDS is left empty
  std::vector<std::uint32_t> ids;  // otherwise the number of each reference's page, in string order
  std::uint32_t table_size = 0;    // every number is below it (arrays indexed by it have this size)
  std::uint32_t id(const std::vector<PageKey>& pages, std::size_t t) const { return direct ? pages[t].vpn : ids[t]; }
};

PageNumbering number_pages(const std::vector<PageKey>& pages);

}  // namespace ks
