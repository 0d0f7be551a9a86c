// relocation: base-and-bounds address translation (OSTEP chapter 15, "Address Translation").
//
// The seed draws the limit (a quarter to a half of the address space) unless -l gives it, then a
// base that fits the limit inside physical memory unless -b gives it, then -n virtual addresses
// spread over the whole address space. An address is valid when it is below the limit and then
// translates to base + address; the question is which addresses are valid and where they go.
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
      .add_string("-a", "--asize", "asize", "1k", "address space size (e.g., 16, 64k, 32m, 1g)")
      .add_string("-p", "--physmem", "psize", "16k", "physical memory size (e.g., 16, 64k, 32m, 1g)")
      .add_int("-n", "--addresses", "num", 5, "number of virtual addresses to generate")
      .add_string("-b", "--b", "base", "-1", "value of base register")
      .add_string("-l", "--l", "limit", "-1", "value of limit register")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
}

// Python's int(X) of a double: truncation toward zero.
std::int64_t truncate(double x) { return static_cast<std::int64_t>(x); }

void simulate(const OptionParser& options, Report& report) {
  std::ostream& out = report.text;
  const std::int64_t seed = options.get_int("seed");
  const bool solve = options.get_flag("solve");
  out << "\nARG seed " << seed << "\nARG address space size " << options.get_string("asize") << "\nARG phys mem size "
      << options.get_string("psize") << "\n\n";

  PyRandom random(seed);
  const std::int64_t asize = convert_size(options.get_string("asize"), "-a (--asize)");
  const std::int64_t psize = convert_size(options.get_string("psize"), "-p (--physmem)");
  if (psize <= 1) throw ScriptStop{"Error: must specify a non-zero physical memory size.\n"};
  if (asize == 0) throw ScriptStop{"Error: must specify a non-zero address-space size.\n"};
  if (psize <= asize) {
    throw ScriptStop{"Error: physical memory size must be GREATER than address space size (for this simulation)\n"};
  }

  std::int64_t limit = convert_size(options.get_string("limit"), "-l (--l)");
  std::int64_t base = convert_size(options.get_string("base"), "-b (--b)");
  const double quarter = static_cast<double>(asize) / 4.0;
  if (limit == -1) limit = truncate(quarter + quarter * random.random());
  if (base == -1) {
    // The script draws bases until one fits; with no room at all it would draw forever.
    if (limit >= psize) {
      throw InputError("a limit of " + std::to_string(limit) + " leaves no room for a base in physical memory of " +
                       std::to_string(psize) + " bytes (give a smaller -l or a larger -p)");
    }
    do {
      base = truncate(static_cast<double>(psize) * random.random());
    } while (base + limit >= psize);
  }

  out << "Base-and-Bounds register information:\n\n"
      << py_percent("  Base   : 0x%08x (decimal %d)\n", base, base) << py_percent("  Limit  : %d\n", limit) << "\n";
  if (base + limit > psize) {
    throw ScriptStop{"Error: address space does not fit into physical memory with those base/bounds values.\n" +
                     py_percent("Base + Limit: %d   Psize: %d\n", base + limit, psize)};
  }

  report.data["seed"] = seed;
  report.data["address_space_size"] = asize;
  report.data["physical_memory_size"] = psize;
  report.data["base"] = base;
  report.data["limit"] = limit;
  auto& addresses = report.data["addresses"] = nlohmann::json::array();
  out << "Virtual Address Trace\n";
  for (std::int64_t i = 0; i < options.get_int("num"); ++i) {
    const std::int64_t vaddr = truncate(static_cast<double>(asize) * random.random());
    nlohmann::json entry = {{"virtual", vaddr}};
    if (!solve) {
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> PA or segmentation violation?\n", i, vaddr, vaddr);
    } else if (vaddr >= limit) {
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> SEGMENTATION VIOLATION\n", i, vaddr, vaddr);
      entry["valid"] = false;
    } else {
      const std::int64_t paddr = vaddr + base;
      out << py_percent("  VA %2d: 0x%08x (decimal: %4d) --> VALID: 0x%08x (decimal: %4d)\n", i, vaddr, vaddr, paddr,
                        paddr);
      entry["valid"] = true;
      entry["physical"] = paddr;
    }
    addresses.push_back(entry);
  }
  out << "\n";
  if (!solve) {
    out << "For each virtual address, either write down the physical address it translates to\n"
           "OR write down that it is an out-of-bounds address (a segmentation violation). For\n"
           "this problem, you should assume a simple virtual address space of a given size.\n\n";
  }
}

}  // namespace

int run_relocation(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_memory_simulator("relocation", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::memory
