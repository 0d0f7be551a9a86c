// malloc: a free-list allocator (OSTEP chapter 17, "Free-Space Management").
//
// The heap is one free chunk at first. An allocation rounds its size up to the alignment (-a),
// adds the header (-H) and searches the free list with the policy (-p: BEST, WORST or FIRST fit),
// splitting the chunk it picks; a free puts the chunk back where the list order says (-l:
// ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK) and, with -C, merges neighbours in
// one pass over the list in its current order (so only chunks that are adjacent in the list and
// in memory merge, as the script does). Operations are drawn from the seed (-n of them, -P percent
// allocations of 1..-r bytes, frees of a random live pointer) or listed with -A (+SIZE allocates,
// -INDEX frees ptr[INDEX]). As in the script, a drawn allocation reports ptr + header size and a
// listed one reports the chunk's address.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "ostep/memory/common.h"
#include "ostep/memory/index.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"

namespace ks::ostep::memory {
namespace {

enum class Fit { Best, Worst, First };
enum class ListOrder { AddressSorted, SizeAscending, SizeDescending, InsertFront, InsertBack };

struct Chunk {
  std::int64_t address;
  std::int64_t size;
};

class FreeListAllocator {
 public:
  FreeListAllocator(std::int64_t size, std::int64_t start, std::int64_t header, Fit fit, ListOrder order, bool coalesce,
                    std::int64_t align)
      : size_(size), header_(header), fit_(fit), order_(order), coalesce_(coalesce), align_(align) {
    free_list_.push_back({start, size});
  }

  struct Result {
    std::int64_t address;  // -1: no chunk was large enough
    std::int64_t searched;
  };

  Result allocate(std::int64_t size) {
    if (align_ != -1) {
      const std::int64_t left = py_mod(size, align_);
      if (left != 0) size += align_ - left;
    }
    size += header_;
    std::int64_t best_index = -1;
    std::int64_t best_size = fit_ == Fit::Best ? size_ + 1 : -1;
    std::int64_t best_address = 0;
    std::int64_t searched = 0;
    for (std::size_t i = 0; i < free_list_.size(); ++i) {
      const Chunk chunk = free_list_[i];
      ++searched;
      const bool better = (fit_ == Fit::Best && chunk.size < best_size) ||
                          (fit_ == Fit::Worst && chunk.size > best_size) || fit_ == Fit::First;
      if (chunk.size >= size && better) {
        best_address = chunk.address;
        best_size = chunk.size;
        best_index = static_cast<std::int64_t>(i);
        if (fit_ == Fit::First) break;
      }
    }
    if (best_index == -1) return {-1, searched};
    const auto at = free_list_.begin() + best_index;
    if (best_size > size) {
      *at = {best_address + size, best_size - size};
    } else {
      free_list_.erase(at);
    }
    // The script asserts here: only a size of zero or less can hand out an address twice.
    if (!allocated_.emplace(best_address, size).second) {
      throw InputError("address " + std::to_string(best_address) +
                       " was handed out twice (an allocation of zero or fewer bytes)");
    }
    return {best_address, searched};
  }

  // Returns 0, or -1 when ADDRESS is not allocated.
  int release(std::int64_t address) {
    const auto found = allocated_.find(address);
    if (found == allocated_.end()) return -1;
    const Chunk chunk{address, found->second};
    if (order_ == ListOrder::InsertFront) {
      free_list_.insert(free_list_.begin(), chunk);
    } else {
      free_list_.push_back(chunk);
    }
    const auto by_address = [](const Chunk& a, const Chunk& b) { return a.address < b.address; };
    const auto by_size = [](const Chunk& a, const Chunk& b) { return a.size < b.size; };
    const auto by_size_down = [](const Chunk& a, const Chunk& b) { return a.size > b.size; };
    // Python's sorted() is stable, also with reverse=True.
    if (order_ == ListOrder::AddressSorted) std::stable_sort(free_list_.begin(), free_list_.end(), by_address);
    if (order_ == ListOrder::SizeAscending) std::stable_sort(free_list_.begin(), free_list_.end(), by_size);
    if (order_ == ListOrder::SizeDescending) std::stable_sort(free_list_.begin(), free_list_.end(), by_size_down);
    if (coalesce_) merge_neighbours();
    allocated_.erase(found);
    return 0;
  }

  const std::vector<Chunk>& free_list() const { return free_list_; }

 private:
  void merge_neighbours() {
    std::vector<Chunk> merged;
    Chunk current = free_list_.front();
    for (std::size_t i = 1; i < free_list_.size(); ++i) {
      if (free_list_[i].address == current.address + current.size) {
        current.size += free_list_[i].size;
      } else {
        merged.push_back(current);
        current = free_list_[i];
      }
    }
    merged.push_back(current);
    free_list_ = std::move(merged);
  }

  std::int64_t size_;
  std::int64_t header_;
  Fit fit_;
  ListOrder order_;
  bool coalesce_;
  std::int64_t align_;
  std::vector<Chunk> free_list_;
  std::map<std::int64_t, std::int64_t> allocated_;  // address -> size, header included
};

void declare(OptionParser& parser) {
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_int("-S", "--size", "heapSize", 100, "size of the heap")
      .add_int("-b", "--baseAddr", "baseAddr", 1000, "base address of heap")
      .add_int("-H", "--headerSize", "headerSize", 0, "size of the header")
      .add_int("-a", "--alignment", "alignment", -1, "align allocated units to size; -1->no align")
      .add_string("-p", "--policy", "policy", "BEST", "list search (BEST, WORST, FIRST)")
      .add_string("-l", "--listOrder", "order", "ADDRSORT",
                  "list order (ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK)")
      .add_flag("-C", "--coalesce", "coalesce", "coalesce the free list?")
      .add_int("-n", "--numOps", "opsNum", 10, "number of random ops to generate")
      .add_int("-r", "--range", "opsRange", 10, "max alloc size")
      .add_int("-P", "--percentAlloc", "opsPAlloc", 50, "percent of ops that are allocs")
      .add_string("-A", "--allocList", "opsList", "", "instead of random, list of ops (+10,-0,etc)")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
}

Fit parse_fit(const std::string& name) {
  if (name == "BEST") return Fit::Best;
  if (name == "WORST") return Fit::Worst;
  if (name == "FIRST") return Fit::First;
  throw InputError("-p (--policy): '" + name + "' is not a policy (BEST, WORST or FIRST)");
}

ListOrder parse_order(const std::string& name) {
  if (name == "ADDRSORT") return ListOrder::AddressSorted;
  if (name == "SIZESORT+") return ListOrder::SizeAscending;
  if (name == "SIZESORT-") return ListOrder::SizeDescending;
  if (name == "INSERT-FRONT") return ListOrder::InsertFront;
  if (name == "INSERT-BACK") return ListOrder::InsertBack;
  throw InputError("-l (--listOrder): '" + name +
                   "' is not a list order (ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT or INSERT-BACK)");
}

std::string dump(const FreeListAllocator& heap) {
  std::string line = py_percent("Free List [ Size %d ]: ", static_cast<std::int64_t>(heap.free_list().size()));
  for (const Chunk& chunk : heap.free_list()) line += py_percent("[ addr:%d sz:%d ]", chunk.address, chunk.size);
  return line + "\n";
}

nlohmann::json free_list_data(const FreeListAllocator& heap) {
  nlohmann::json list = nlohmann::json::array();
  for (const Chunk& chunk : heap.free_list()) list.push_back({{"address", chunk.address}, {"size", chunk.size}});
  return list;
}

struct Run {
  FreeListAllocator& heap;
  std::ostream& out;
  nlohmann::json& operations;
  bool solve;

  // After each operation: the free list (or the question about it), then a blank line.
  void finish(nlohmann::json op, const char* question) {
    out << (solve ? dump(heap) : std::string(question) + "\n") << "\n";
    if (solve) op["free_list"] = free_list_data(heap);
    operations.push_back(std::move(op));
  }
};

// Operations drawn from the seed. A free picks one of the live pointers (in allocation order).
void run_drawn(const OptionParser& options, Run& run, PyRandom& random, double percent) {
  std::map<std::int64_t, std::int64_t> pointers;  // ptr index -> address
  std::vector<std::int64_t> live;                 // ptr indexes, in allocation order
  const std::int64_t header = options.get_int("headerSize");
  std::int64_t next = 0;
  for (std::int64_t done = 0; done < options.get_int("opsNum");) {
    if (random.random() < percent) {
      const std::int64_t size =
          static_cast<std::int64_t>(random.random() * static_cast<double>(options.get_int("opsRange"))) + 1;
      const auto result = run.heap.allocate(size);
      if (result.address != -1) {
        pointers[next] = result.address;
        live.push_back(next);
      }
      run.out << py_percent("ptr[%d] = Alloc(%d)", next, size)
              << (run.solve
                      ? py_percent(" returned %d (searched %d elements)\n", result.address + header, result.searched)
                      : std::string(" returned ?\n"));
      nlohmann::json op = {{"op", "alloc"}, {"ptr", next}, {"size", size}};
      if (run.solve) {
        op["returned"] = result.address + header;
        op["searched"] = result.searched;
      }
      run.finish(std::move(op), "List? ");
      ++next;
      ++done;
    } else if (!pointers.empty()) {
      const auto pick = static_cast<std::size_t>(random.random() * static_cast<double>(live.size()));
      const std::int64_t index = live[pick];
      const int rc = run.heap.release(pointers[index]);
      run.out << py_percent("Free(ptr[%d])\n", index) << (run.solve ? py_percent("returned %d\n", rc) : "returned ?\n");
      nlohmann::json op = {{"op", "free"}, {"ptr", index}};
      if (run.solve) op["returned"] = rc;
      pointers.erase(index);
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(pick));
      run.finish(std::move(op), "List? ");
      ++done;
    }
  }
}

// The text of OP between its first and second occurrence of SIGN (Python's op.split(SIGN)[1]).
std::string second_field(const std::string& op, char sign) {
  const std::size_t first = op.find(sign);
  const std::size_t second = op.find(sign, first + 1);
  return op.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
}

// Operations listed with -A. A free of an index beyond the number of successful allocations is
// skipped; a second free of a pointer returns -1.
void run_listed(const std::string& list, Run& run) {
  std::map<std::int64_t, std::int64_t> pointers;
  std::int64_t next = 0;
  for (const std::string& op : split_commas(list)) {
    if (!op.empty() && op[0] == '+') {
      const std::int64_t size = python_int_or_error(second_field(op, '+'), "-A (--allocList) allocation size");
      const auto result = run.heap.allocate(size);
      if (result.address != -1) pointers[next] = result.address;
      run.out << py_percent("ptr[%d] = Alloc(%d)", next, size)
              << (run.solve ? py_percent(" returned %d (searched %d elements)\n", result.address, result.searched)
                            : std::string(" returned ?\n"));
      nlohmann::json op_data = {{"op", "alloc"}, {"ptr", next}, {"size", size}};
      if (run.solve) {
        op_data["returned"] = result.address;
        op_data["searched"] = result.searched;
      }
      run.finish(std::move(op_data), "List?");
      ++next;
    } else if (!op.empty() && op[0] == '-') {
      const std::int64_t index = python_int_or_error(second_field(op, '-'), "-A (--allocList) pointer index");
      if (index >= static_cast<std::int64_t>(pointers.size())) {
        run.out << "Invalid Free: Skipping\n";
        continue;
      }
      run.out << py_percent("Free(ptr[%d])\n", index);
      const auto found = pointers.find(index);
      if (found == pointers.end()) {
        throw InputError("-A (--allocList): '" + op + "' frees ptr[" + std::to_string(index) +
                         "], whose allocation failed or never happened");
      }
      const int rc = run.heap.release(found->second);
      run.out << (run.solve ? py_percent("returned %d\n", rc) : "returned ?\n");
      nlohmann::json op_data = {{"op", "free"}, {"ptr", index}};
      if (run.solve) op_data["returned"] = rc;
      run.finish(std::move(op_data), "List?");
    } else {
      throw InputError("-A (--allocList): '" + op + "' is not an operation (+SIZE allocates, -INDEX frees)");
    }
  }
}

void simulate(const OptionParser& options, Report& report) {
  const Fit fit = parse_fit(options.get_string("policy"));
  const ListOrder order = parse_order(options.get_string("order"));
  const std::int64_t align = options.get_int("alignment");
  if (align != -1 && align <= 0) {
    throw InputError("-a (--alignment): " + std::to_string(align) + " is not a positive alignment (or -1 for none)");
  }
  FreeListAllocator heap(options.get_int("heapSize"), options.get_int("baseAddr"), options.get_int("headerSize"), fit,
                         order, options.get_flag("coalesce"), align);
  std::ostream& out = report.text;
  const bool solve = options.get_flag("solve");
  const char* names[] = {"seed",     "heapSize", "baseAddr", "headerSize", "alignment", "policy", "order",
                         "coalesce", "opsNum",   "opsRange", "opsPAlloc",  "opsList",   "solve"};
  const char* labels[] = {"seed",     "size",   "baseAddr", "headerSize",   "alignment", "policy", "listOrder",
                          "coalesce", "numOps", "range",    "percentAlloc", "allocList", "compute"};
  for (std::size_t i = 0; i < std::size(names); ++i) {
    print_words(out, {labels[i], option_text(options.value(names[i]))});
    report.data["options"][labels[i]] = option_json(options.value(names[i]));
  }
  out << "\n";

  const double percent = static_cast<double>(options.get_int("opsPAlloc")) / 100.0;
  PyRandom random(options.get_int("seed"));
  if (!(percent > 0)) {
    throw InputError("-P (--percentAlloc): " + std::to_string(options.get_int("opsPAlloc")) +
                     " must be above 0 (percent of operations that allocate)");
  }
  auto& operations = report.data["operations"] = nlohmann::json::array();
  Run run{heap, out, operations, solve};
  const std::string& list = options.get_string("opsList");
  if (list.empty()) {
    run_drawn(options, run, random, percent);
  } else {
    run_listed(list, run);
  }
}

}  // namespace

int run_malloc(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_memory_simulator("malloc", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::memory
