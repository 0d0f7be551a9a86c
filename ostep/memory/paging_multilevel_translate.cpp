// paging-multilevel-translate: a two-level page table (OSTEP chapter 20, "Paging: Smaller Tables").
//
// The machine is fixed: 32-byte pages, 128 physical pages (4 KiB), a 32 KiB virtual address
// space of 1024 pages, one-byte entries (a valid bit and a 7-bit frame number). A 15-bit virtual
// address splits into a 5-bit page-directory index, a 5-bit page-table index and a 5-bit offset.
// From the seed, one process gets a page directory in a random free page, then -a virtual pages
// at random, each with a random free frame filled with random bytes (0..30); a page of the page
// table is allocated, filled with 0x7f (invalid), the first time one of its pages is mapped.
// Then -n addresses are drawn, about half of them inside the first mapped pages. The answer
// walks the directory and the table for each, and reads the byte it reaches.
#include <cstdint>
#include <string>
#include <vector>

#include "ostep/memory/common.h"
#include "ostep/memory/index.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"

namespace ks::ostep::memory {
namespace {

constexpr int kPageSize = 32;
constexpr int kPageBits = 5;
constexpr int kPhysicalPages = 128;
constexpr int kVirtualPages = 1024;
constexpr std::uint8_t kInvalidEntry = 0x7f;

// Physical memory and the page allocator, drawing from the shared generator as the script does.
class Machine {
 public:
  explicit Machine(PyRandom& random) : random_(random), memory_(kPageSize * kPhysicalPages, 0) {}

  int find_free_page() {
    if (used_count_ >= kPhysicalPages) {
      throw InputError(
          "-a (--allocated): physical memory (128 pages) is full before every virtual page is "
          "mapped (allocate fewer pages)");
    }
    int look = draw(kPhysicalPages);
    while (used_[static_cast<std::size_t>(look)]) look = draw(kPhysicalPages);
    used_[static_cast<std::size_t>(look)] = true;
    ++used_count_;
    return look;
  }

  void fill_invalid(int page) {
    for (int i = 0; i < kPageSize; ++i) byte(page * kPageSize + i) = kInvalidEntry;
  }

  void fill_random(int page) {
    for (int i = 0; i < kPageSize; ++i) byte(page * kPageSize + i) = static_cast<std::uint8_t>(draw(31));
  }

  // Maps VIRTUAL_PAGE to PHYSICAL_PAGE under DIRECTORY, allocating a page of the table if needed.
  void map(int directory, int virtual_page, int physical_page) {
    std::uint8_t& pde = byte((directory << kPageBits) | (virtual_page >> 5));
    if ((pde & 0x80) == 0) {
      const int table = find_free_page();
      pde = static_cast<std::uint8_t>(0x80 | table);
      fill_invalid(table);
    }
    byte(((pde & 0x7f) << kPageBits) | (virtual_page & 0x1f)) = static_cast<std::uint8_t>(0x80 | physical_page);
  }

  std::uint8_t& byte(int address) { return memory_[static_cast<std::size_t>(address)]; }
  int draw(int n) { return static_cast<int>(random_.random() * n); }

 private:
  PyRandom& random_;
  std::vector<std::uint8_t> memory_;
  std::vector<bool> used_ = std::vector<bool>(kPhysicalPages, false);
  int used_count_ = 0;
};

void declare(OptionParser& parser) {
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_int("-a", "--allocated", "allocated", 64, "number of virtual pages allocated")
      .add_int("-n", "--addresses", "num", 10, "number of virtual addresses to generate")
      .add_flag("-c", "--solve", "solve", "compute answers for me");
}

// Walks the two levels for VADDR, printing each entry; returns the physical address or -1/-2
// for a directory/table fault.
int translate(Machine& machine, int directory, int vaddr, std::ostream& out, nlohmann::json& entry) {
  const int pde_index = (vaddr & 0x7c00) >> 10;
  const int pde = machine.byte((directory << kPageBits) | pde_index);
  out << py_percent("  --> pde index:0x%x [decimal %d] pde contents:0x%x (valid %d, pfn 0x%02x [decimal %d])\n",
                    pde_index, pde_index, pde, pde >> 7, pde & 0x7f, pde & 0x7f);
  entry["pde"] = {{"index", pde_index}, {"contents", pde}};
  if ((pde & 0x80) == 0) return -1;
  const int pte_index = (vaddr & 0x03e0) >> 5;
  const int pte = machine.byte(((pde & 0x7f) << kPageBits) | pte_index);
  out << py_percent("    --> pte index:0x%x [decimal %d] pte contents:0x%x (valid %d, pfn 0x%02x [decimal %d])\n",
                    pte_index, pte_index, pte, pte >> 7, pte & 0x7f, pte & 0x7f);
  entry["pte"] = {{"index", pte_index}, {"contents", pte}};
  if ((pte & 0x80) == 0) return -2;
  return ((pte & 0x7f) << kPageBits) | (vaddr & 0x1f);
}

// Gives the process a page directory in page DIRECTORY and COUNT random virtual pages, each in
// a random free frame filled with random bytes. Returns the virtual pages in the order mapped.
std::vector<int> allocate_process(Machine& machine, int directory, std::int64_t count) {
  machine.fill_invalid(directory);
  // find_free_page() fails long before every virtual page is mapped (128 < 1024 pages).
  std::vector<bool> mapped(kVirtualPages, false);
  std::vector<int> allocated;
  for (std::int64_t i = 0; i < count; ++i) {
    int page = machine.draw(kVirtualPages);
    while (mapped[static_cast<std::size_t>(page)]) page = machine.draw(kVirtualPages);
    mapped[static_cast<std::size_t>(page)] = true;
    allocated.push_back(page);
    const int frame = machine.find_free_page();
    machine.map(directory, page, frame);
    machine.fill_random(frame);
  }
  return allocated;
}

void simulate(const OptionParser& options, Report& report) {
  std::ostream& out = report.text;
  const std::int64_t seed = options.get_int("seed");
  const bool solve = options.get_flag("solve");
  out << "ARG seed " << seed << "\nARG allocated " << options.get_int("allocated") << "\nARG num "
      << options.get_int("num") << "\n\n";

  PyRandom random(seed);
  Machine machine(random);
  const int directory = machine.find_free_page();
  const std::vector<int> allocated = allocate_process(machine, directory, options.get_int("allocated"));

  std::vector<std::string> pages;
  for (int page = 0; page < kPhysicalPages; ++page) {
    std::string line = py_percent("page %3d:", page);
    for (int i = 0; i < kPageSize; ++i) line += py_percent("%02x", machine.byte(page * kPageSize + i));
    out << line << "\n";
    pages.push_back(line.substr(9));
  }
  out << "\nPDBR: " << directory << "  (decimal) [This means the page directory is held in this page]\n\n";
  report.data["seed"] = seed;
  report.data["pdbr"] = directory;
  report.data["memory"] = pages;
  report.data["allocated_virtual_pages"] = allocated;

  auto& addresses = report.data["addresses"] = nlohmann::json::array();
  for (std::int64_t i = 0; i < options.get_int("num"); ++i) {
    int vaddr = 0;
    if (random.random() * 100 > 50.0 || i >= static_cast<std::int64_t>(allocated.size())) {
      vaddr = static_cast<int>(random.random() * 1024 * 32);
    } else {
      vaddr = (allocated[static_cast<std::size_t>(i)] << 5) | machine.draw(32);
    }
    nlohmann::json entry = {{"virtual", vaddr}};
    if (!solve) {
      out << py_percent(
          "Virtual Address %04x: Translates To What Physical Address (And Fetches what Value)? Or Fault?\n", vaddr);
      addresses.push_back(entry);
      continue;
    }
    out << py_percent("Virtual Address 0x%04x:\n", vaddr);
    const int paddr = translate(machine, directory, vaddr, out, entry);
    if (paddr > -1) {
      const int value = machine.byte(paddr);
      out << py_percent("      --> Translates to Physical Address 0x%03x --> Value: 0x%02x\n", paddr, value);
      entry["physical"] = paddr;
      entry["value"] = value;
    } else if (paddr == -1) {
      out << "      --> Fault (page directory entry not valid)\n";
      entry["fault"] = "page directory entry not valid";
    } else {
      out << "      --> Fault (page table entry not valid)\n";
      entry["fault"] = "page table entry not valid";
    }
    addresses.push_back(entry);
  }
  out << "\n";
}

}  // namespace

int run_paging_multilevel_translate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_memory_simulator("paging-multilevel-translate", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::memory
