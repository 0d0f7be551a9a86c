// segmentation: two segments, base and limit each (OSTEP chapter 16, "Segmentation").
//
// The top half of the virtual address space is segment 1, which grows down from its base; the
// bottom half is segment 0, which grows up. The seed draws each limit (a quarter to a half of the
// address space) and each base (segment 1 placed clear of segment 0) unless -l/-L and -b/-B give
// them, then -n addresses unless -A lists them. Segment 1's base is the address just above its
// highest byte, as the book draws it; internally the script keeps its lowest byte (base1 - len1).
// The segment test compares the address with asize / 2 as a real number (Python 3's division;
// Python 2 would floor it, which differs only for an odd address-space size).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "ostep/memory/common.h"
#include "ostep/memory/index.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"

namespace ks::ostep::memory {
namespace {

void declare(OptionParser& parser) {
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_string("-A", "--addresses", "addresses", "-1",
                  "a set of comma-separated pages to access; -1 means randomly generate")
      .add_string("-a", "--asize", "asize", "1k", "address space size (e.g., 16, 64k, 32m, 1g)")
      .add_string("-p", "--physmem", "psize", "16k", "physical memory size (e.g., 16, 64k, 32m, 1g)")
      .add_int("-n", "--numaddrs", "num", 5, "number of virtual addresses to generate")
      .add_string("-b", "--b0", "base0", "-1", "value of segment 0 base register")
      .add_string("-l", "--l0", "len0", "-1", "value of segment 0 limit register")
      .add_string("-B", "--b1", "base1", "-1", "value of segment 1 base register")
      .add_string("-L", "--l1", "len1", "-1", "value of segment 1 limit register")
      .add_flag("-c", "", "solve", "compute answers for me");
}

std::int64_t truncate(double x) { return static_cast<std::int64_t>(x); }

void abort_if(bool condition, const std::string& message) {
  if (condition) throw ScriptStop{"Error: " + message + "\n"};
}

// Whether some integer in [LOW, HIGH] exists: the script draws bases until one lands in range.
bool room(std::int64_t low, std::int64_t high) { return low <= high; }

struct Segments {
  std::int64_t base0, len0, base1, len1;  // base1: the lowest byte of segment 1
};

Segments place_segments(const OptionParser& options, std::int64_t asize, std::int64_t psize, PyRandom& random) {
  Segments s{};
  s.len0 = convert_size(options.get_string("len0"), "-l (--l0)");
  s.len1 = convert_size(options.get_string("len1"), "-L (--l1)");
  s.base0 = convert_size(options.get_string("base0"), "-b (--b0)");
  s.base1 = convert_size(options.get_string("base1"), "-B (--b1)");
  const double quarter = static_cast<double>(asize) / 4.0;
  if (s.len0 == -1) s.len0 = truncate(quarter + quarter * random.random());
  if (s.len1 == -1) s.len1 = truncate(quarter + quarter * random.random());
  if (s.base0 == -1 || s.base1 == -1) {
    abort_if(psize <= 2 * asize,
             "physical memory must be 2x GREATER than address space size (if randomly generating base registers)");
  }
  const auto no_room = [&](const char* segment) {
    return InputError(std::string("no room in physical memory of ") + std::to_string(psize) +
                      " bytes for a random base of " + segment + " (give smaller limits, the bases, or a larger -p)");
  };
  if (s.base0 == -1) {
    if (!room(0, std::min(psize - 1, psize - s.len0 - 1))) throw no_room("segment 0");
    do {
      s.base0 = truncate(static_cast<double>(psize) * random.random());
    } while (s.base0 + s.len0 >= psize);
  }
  if (s.base1 == -1) {
    const std::int64_t high = std::min(psize - 1, psize - s.len1 - 1);
    const bool above = room(std::max<std::int64_t>(0, s.base0 + s.len0 + 1), high);
    const bool below = room(0, std::min(high, s.base0 - s.len1 - 1));
    if (!above && !below) throw no_room("segment 1");
    for (;;) {
      s.base1 = truncate(static_cast<double>(psize) * random.random());
      if (s.base1 + s.len1 < psize && (s.base1 > s.base0 + s.len0 || s.base1 + s.len1 < s.base0)) break;
    }
  } else {
    s.base1 -= s.len1;
  }
  return s;
}

void translate(std::ostream& out, std::int64_t i, std::int64_t vaddr, std::int64_t asize, const Segments& s,
               nlohmann::json& entry) {
  if (static_cast<double>(vaddr) >= static_cast<double>(asize) / 2.0) {
    const std::int64_t paddr = s.base1 + s.len1 + (vaddr - asize);
    entry["segment"] = 1;
    entry["valid"] = paddr >= s.base1;
    if (paddr < s.base1) {
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> SEGMENTATION VIOLATION (SEG1)\n", i, vaddr, vaddr);
    } else {
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> VALID in SEG1: 0x%08x (decimal: %4d)\n", i, vaddr, vaddr,
                        paddr, paddr);
      entry["physical"] = paddr;
    }
  } else {
    entry["segment"] = 0;
    entry["valid"] = vaddr < s.len0;
    if (vaddr >= s.len0) {
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> SEGMENTATION VIOLATION (SEG0)\n", i, vaddr, vaddr);
    } else {
      const std::int64_t paddr = vaddr + s.base0;
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> VALID in SEG0: 0x%08x (decimal: %4d)\n", i, vaddr, vaddr,
                        paddr, paddr);
      entry["physical"] = paddr;
    }
  }
}

void simulate(const OptionParser& options, Report& report) {
  std::ostream& out = report.text;
  const std::int64_t seed = options.get_int("seed");
  const bool solve = options.get_flag("solve");
  out << "ARG seed " << seed << "\nARG address space size " << options.get_string("asize") << "\nARG phys mem size "
      << options.get_string("psize") << "\n\n";

  PyRandom random(seed);
  const std::int64_t asize = convert_size(options.get_string("asize"), "-a (--asize)");
  const std::int64_t psize = convert_size(options.get_string("psize"), "-p (--physmem)");
  abort_if(psize <= 4, "must specify a bigger physical memory size");
  abort_if(asize == 0, "must specify a non-zero address-space size");
  abort_if(psize <= asize, "physical memory size > address space size (for this simulation)");

  const Segments s = place_segments(options, asize, psize, random);
  abort_if(psize < s.base0 + s.len0 - 1, "seg0 is not in physical memory");
  abort_if(psize < s.base1, "seg1 is not in physical memory");
  abort_if(static_cast<double>(s.len0) > static_cast<double>(asize) / 2.0,
           "length0 register is too large for this address space");
  abort_if(static_cast<double>(s.len1) > static_cast<double>(asize) / 2.0,
           "length1 register is too large for this address space");

  const std::int64_t top1 = s.base1 + s.len1;
  out << "Segment register information:\n\n"
      << py_percent("  Segment 0 base  (grows positive) : 0x%08x (decimal %d)\n", s.base0, s.base0)
      << py_percent("  Segment 0 limit                  : %d\n", s.len0) << "\n"
      << py_percent("  Segment 1 base  (grows negative) : 0x%08x (decimal %d)\n", top1, top1)
      << py_percent("  Segment 1 limit                  : %d\n", s.len1) << "\n";
  abort_if(s.len0 + s.base0 > s.base1 && s.base1 > s.base0, "segments overlap in physical memory");

  report.data["seed"] = seed;
  report.data["address_space_size"] = asize;
  report.data["physical_memory_size"] = psize;
  report.data["segments"] = {{{"base", s.base0}, {"limit", s.len0}, {"grows", "positive"}},
                             {{"base", top1}, {"limit", s.len1}, {"grows", "negative"}}};
  std::vector<std::string> words;
  const std::string& listed = options.get_string("addresses");
  if (listed == "-1") {
    for (std::int64_t i = 0; i < options.get_int("num"); ++i) {
      words.push_back(std::to_string(truncate(static_cast<double>(asize) * random.random())));
    }
  } else {
    words = split_commas(listed);
  }

  auto& addresses = report.data["addresses"] = nlohmann::json::array();
  out << "Virtual Address Trace\n";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::int64_t vaddr = python_int_or_error(words[i], "-A (--addresses)");
    if (vaddr < 0 || vaddr >= asize) {
      throw ScriptStop{
          py_percent("Error: virtual address %d cannot be generated in an address space of size %d\n", vaddr, asize)};
    }
    nlohmann::json entry = {{"virtual", vaddr}};
    if (solve) {
      translate(out, static_cast<std::int64_t>(i), vaddr, asize, s, entry);
    } else {
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> PA or segmentation violation?\n", i, vaddr, vaddr);
    }
    addresses.push_back(entry);
  }
  out << "\n";
  if (!solve) {
    out << "For each virtual address, either write down the physical address it translates to\n"
           "OR write down that it is an out-of-bounds address (a segmentation violation). For\n"
           "this problem, you should assume a simple address space with two segments: the top\n"
           "bit of the virtual address can thus be used to check whether the virtual address\n"
           "is in segment 0 (topbit=0) or segment 1 (topbit=1). Note that the base/limit pairs\n"
           "given to you grow in different directions, depending on the segment, i.e., segment 0\n"
           "grows in the positive direction, whereas segment 1 in the negative. \n\n";
  }
}

}  // namespace

int run_segmentation(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_memory_simulator("segmentation", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::memory
