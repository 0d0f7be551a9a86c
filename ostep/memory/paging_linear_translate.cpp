// paging-linear-translate: a linear page table (OSTEP chapter 18, "Paging: Introduction").
//
// The seed fills the page table, one entry per virtual page from 0 up: with probability -u
// percent the page is valid and gets a physical frame drawn until a free one comes up, otherwise
// it is invalid. Then it draws -n virtual addresses (or -A lists them). An entry prints as the
// valid bit (bit 31) OR'd with the frame number; the answer splits each address into VPN and
// offset and looks the VPN up. Sizes must be powers of two, physical memory larger than the
// address space and both multiples of the page size, checked as the script checks them (in
// Python 3's true division; under Python 2 the multiple-of checks never fired).
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
  parser
      .add_string("-A", "--addresses", "addresses", "-1",
                  "a set of comma-separated pages to access; -1 means randomly generate")
      .add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_string("-a", "--asize", "asize", "16k", "address space size (e.g., 16, 64k, 32m, 1g)")
      .add_string("-p", "--physmem", "psize", "64k", "physical memory size (e.g., 16, 64k, 32m, 1g)")
      .add_string("-P", "--pagesize", "pagesize", "4k", "page size (e.g., 4k, 8k, whatever)")
      .add_int("-n", "--numaddrs", "num", 5, "number of virtual addresses to generate")
      .add_int("-u", "--used", "used", 50, "percent of virtual address space that is used")
      .add_flag("-v", "", "verbose", "verbose mode")
      .add_flag("-c", "", "solve", "compute answers for me");
}

std::int64_t truncate(double x) { return static_cast<std::int64_t>(x); }

void argument_error(const char* message) { throw ScriptStop{std::string("Error in argument: ") + message + "\n"}; }

// The script's int(float(BIG) / float(NUM)) != BIG / NUM: whether the quotient is not whole.
void must_be_multiple(std::int64_t big, std::int64_t num, const char* message) {
  if (num == 0) throw InputError("-P (--pagesize): the page size must not be 0");
  const double quotient = static_cast<double>(big) / static_cast<double>(num);
  if (static_cast<double>(truncate(quotient)) != quotient) argument_error(message);
}

// log2 of SIZE when SIZE is a power of two (the script's int(log(SIZE)/log(2)) is exact for
// them, and any other size fails its power-of-two check whatever that gives).
int log2_or_stop(std::int64_t size, const char* message) {
  if (size <= 0) throw InputError(std::string(message) + " (the size must be positive)");
  if ((size & (size - 1)) != 0) argument_error(message);
  int bits = 0;
  while ((std::int64_t{1} << bits) < size) ++bits;
  return bits;
}

// The machine's shape from the flags, checked in the script's order.
struct Geometry {
  std::int64_t asize, psize, pagesize;
  std::int64_t pages, vpages;  // physical frames, virtual pages
  int pagebits;
};

Geometry check_geometry(const OptionParser& options) {
  Geometry g{};
  g.asize = convert_size(options.get_string("asize"), "-a (--asize)");
  g.psize = convert_size(options.get_string("psize"), "-p (--physmem)");
  g.pagesize = convert_size(options.get_string("pagesize"), "-P (--pagesize)");
  if (g.psize <= 1) throw ScriptStop{"Error: must specify a non-zero physical memory size.\n"};
  if (g.asize < 1) throw ScriptStop{"Error: must specify a non-zero address-space size.\n"};
  if (g.psize <= g.asize) {
    throw ScriptStop{"Error: physical memory size must be GREATER than address space size (for this simulation)\n"};
  }
  const std::int64_t gigabyte = std::int64_t{1} << 30;
  if (g.psize >= gigabyte || g.asize >= gigabyte) {
    throw ScriptStop{"Error: must use smaller sizes (less than 1 GB) for this simulation.\n"};
  }
  must_be_multiple(g.asize, g.pagesize, "address space must be a multiple of the pagesize");
  must_be_multiple(g.psize, g.pagesize, "physical memory must be a multiple of the pagesize");
  g.pages = truncate(static_cast<double>(g.psize) / static_cast<double>(g.pagesize));
  g.vpages = truncate(static_cast<double>(g.asize) / static_cast<double>(g.pagesize));
  log2_or_stop(g.asize, "address space must be a power of 2");
  g.pagebits = log2_or_stop(g.pagesize, "page size must be a power of 2");
  return g;
}

// Draws and prints the page table: the frame of each virtual page, -1 when it is invalid.
// Physical memory is larger than the address space, so a free frame always exists.
std::vector<std::int64_t> make_page_table(const Geometry& g, double used, bool verbose, PyRandom& random,
                                          std::ostream& out) {
  std::vector<bool> frame_used(static_cast<std::size_t>(g.pages), false);
  std::vector<std::int64_t> page_table;
  for (std::int64_t v = 0; v < g.vpages; ++v) {
    std::int64_t frame = -1;
    for (;;) {
      if (random.random() * 100.0 > 100.0 - used) {
        const std::int64_t u = truncate(static_cast<double>(g.pages) * random.random());
        if (frame_used[static_cast<std::size_t>(u)]) continue;
        frame_used[static_cast<std::size_t>(u)] = true;
        frame = u;
      }
      break;
    }
    out << (verbose ? py_percent("  [%8d]  ", v) : std::string("  "))
        << py_percent("0x%08x\n", frame == -1 ? 0 : (0x80000000 | frame));
    page_table.push_back(frame);
  }
  return page_table;
}

// The answer for VADDR: its VPN looked up in PAGE_TABLE.
void translate(const Geometry& g, const std::vector<std::int64_t>& page_table, std::int64_t vaddr, std::ostream& out,
               nlohmann::json& entry) {
  const std::int64_t pagemask = (std::int64_t{1} << g.pagebits) - 1;
  const std::int64_t vpnmask = 0xFFFFFFFF & ~pagemask;
  const std::int64_t vpn = (vaddr & vpnmask) >> g.pagebits;
  if (vpn >= g.vpages) {
    throw InputError("-A (--addresses): virtual address " + std::to_string(vaddr) +
                     " is outside the address space of " + std::to_string(g.asize) + " bytes");
  }
  const std::int64_t frame = page_table[static_cast<std::size_t>(vpn)];
  entry["vpn"] = vpn;
  entry["valid"] = frame >= 0;
  if (frame < 0) {
    out << py_percent("  VA 0x%08x (decimal: %8d) -->  Invalid (VPN %d not valid)\n", vaddr, vaddr, vpn);
    return;
  }
  const std::int64_t paddr = (frame << g.pagebits) | (vaddr & pagemask);
  out << py_percent("  VA 0x%08x (decimal: %8d) --> %08x (decimal %8d) [VPN %d]\n", vaddr, vaddr, paddr, paddr, vpn);
  entry["physical"] = paddr;
}

void simulate(const OptionParser& options, Report& report) {
  std::ostream& out = report.text;
  const std::int64_t seed = options.get_int("seed");
  const bool solve = options.get_flag("solve");
  const std::string& listed = options.get_string("addresses");
  out << "ARG seed " << seed << "\nARG address space size " << options.get_string("asize") << "\nARG phys mem size "
      << options.get_string("psize") << "\nARG page size " << options.get_string("pagesize") << "\nARG verbose "
      << py_str(options.get_flag("verbose")) << "\nARG addresses " << listed << "\n\n";

  PyRandom random(seed);
  const Geometry g = check_geometry(options);
  out << "\nThe format of the page table is simple:\n"
         "The high-order (left-most) bit is the VALID bit.\n"
         "  If the bit is 1, the rest of the entry is the PFN.\n"
         "  If the bit is 0, the page is not valid.\n"
         "Use verbose mode (-v) if you want to print the VPN # by\n"
         "each entry of the page table.\n\n"
         "Page Table (from entry 0 down to the max size)\n";
  const std::vector<std::int64_t> page_table =
      make_page_table(g, static_cast<double>(options.get_int("used")), options.get_flag("verbose"), random, out);
  out << "\n";
  report.data["seed"] = seed;
  report.data["address_space_size"] = g.asize;
  report.data["physical_memory_size"] = g.psize;
  report.data["page_size"] = g.pagesize;
  report.data["page_table"] = page_table;

  std::vector<std::string> words;
  if (listed == "-1") {
    for (std::int64_t i = 0; i < options.get_int("num"); ++i) {
      words.push_back(std::to_string(truncate(static_cast<double>(g.asize) * random.random())));
    }
  } else {
    words = split_commas(listed);
  }
  auto& addresses = report.data["addresses"] = nlohmann::json::array();
  out << "Virtual Address Trace\n";
  for (const std::string& word : words) {
    const std::int64_t vaddr = python_int_or_error(word, "-A (--addresses)");
    nlohmann::json entry = {{"virtual", vaddr}};
    if (solve) {
      translate(g, page_table, vaddr, out, entry);
    } else {
      out << py_percent("  VA 0x%08x (decimal: %8d) --> PA or invalid address?\n", vaddr, vaddr);
    }
    addresses.push_back(entry);
  }
  out << "\n";
  if (!solve) {
    out << "For each virtual address, write down the physical address it translates to\n"
           "OR write down that it is an out-of-bounds address (e.g., segfault).\n\n";
  }
}

}  // namespace

int run_paging_linear_translate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_memory_simulator("paging-linear-translate", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::memory
