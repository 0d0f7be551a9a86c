// kernel/mm/replace/ref_strings.h — reference strings: written out, read from a file, or generated.
//
// A reference string is the sequence of pages a program touches, each a read or a write: what
// the paging exercise replays (replay.h). It can be
//   - written out: "1,2,3,1,4", a "w" after a page number making that reference a write ("3w");
//     an "r" may be written for a read. Spaces around a reference are allowed;
//   - read from a file: the same references, one a line or comma-separated, blank lines and
//     "#" comments ignored (the caller reads the file; the kernel never opens host files);
//   - generated from a seed, by one of the generators below, the patterns lectures use:
//       loop       pages 0 .. pages-1 in order, again and again (LRU's worst case)
//       uniform    every page equally likely
//       zipf       page k (from 0) with probability proportional to 1/(k+1)^skew
//       80-20      hot_share % of references to the first hot_percent % of the pages
//       phased     phases of equal length, each uniform over its own set of `set` pages
//       scan-hot   a hot set of `hot` pages, mixed with a sequential scan over the others that
//                  never comes back to a page before it has passed all of them (the workload
//                  that flushes LRU and that Linux's MGLRU is built to survive)
//     Each takes `length` (references), `pages` and `write_percent`, plus its own parameters,
//     declared as policies' are (kernel/policy/params.h). The draws come from the streams
//     "references" and "reference-writes" (sim-core/random.h), so a seed gives the same string on
//     every machine, and changing write_percent never changes which pages are referenced.
// Bad input is an InputError that names where it came from and the position of the problem.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/mm/replacement.h"
#include "kernel/policy/params.h"

namespace ks {

struct ReferenceString {
  std::vector<PageKey> pages;        // the policy's future, for opt
  std::vector<std::uint8_t> writes;  // 1 where the reference writes its page
  void add(PageKey page, bool write) {
    pages.push_back(page);
    writes.push_back(write ? 1 : 0);
  }
  std::size_t size() const { return pages.size(); }
};

// TEXT as written on the command line ("1,2,3w"); errors name OPTION and the character position.
ReferenceString parse_reference_list(std::string_view text, const std::string& option);
// TEXT, the contents of FILE: references one a line or comma-separated; errors name FILE, line
// and column.
ReferenceString parse_reference_file(std::string_view text, const std::string& file);

struct ReferenceGenerator {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;  // length, pages and write_percent first, then its own
};

// Every generator, in the order above.
const std::vector<ReferenceGenerator>& reference_generators();
const ReferenceGenerator* find_reference_generator(std::string_view name);
// A string from GENERATOR with PARAMS (every declared one present, each checked) and SEED. Throws
// InputError, whose key path is the parameter's name, for values wrong together (a phase's set
// larger than the pages).
ReferenceString generate_references(const ReferenceGenerator& generator, const PolicyParams& params,
                                    std::uint64_t seed);

}  // namespace ks
