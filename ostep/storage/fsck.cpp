// fsck: OSTEP chapter 42's crash-consistency homework (the textbook's fsck.py).
//
// A random workload (seed -s) builds a file system on the model of toy_fs.h (fsck flavor:
// random allocation), then one corruption, drawn with a second seed (-S) or chosen with -w,
// damages it; the question shows the final state and asks what was corrupted (-c shows the
// state before and names the corruption; -D skips it and asks which files exist instead).
// The corruptions, by number: 0 a data bitmap bit flipped; 1 an inode bitmap bit flipped; 2/8 a
// file's/directory's reference count one more or one less; 3/9 a free inode turned into an
// orphan file/directory; 4/10 a file/directory pointing at a free block; 5/11 a file turned into a
// directory / a directory into a file (both reported as "was type file, now dir", as the script
// words them); 6 a directory entry pointing at a free inode; 7 a directory entry renamed.
//
// Differences from the script: a corruption that needs something the file system does not have
// (a regular file, a free inode or block), on which the script fails an assertion, is an error,
// and so are sizes without room for the root (-i 0, -d 0).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ostep/options.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"
#include "ostep/storage/script_run.h"
#include "ostep/storage/storage.h"
#include "ostep/storage/toy_fs.h"

namespace ks::ostep::storage {
namespace {

void dump(const ToyFileSystem& fs, std::ostream& text) {
  text << "inode bitmap " << fs.inode_bitmap.text() << "\ninodes       ";
  for (const FsInode& inode : fs.inodes) text << inode_text(inode) << ' ';
  text << "\ndata bitmap  " << fs.block_bitmap.text() << "\ndata         ";
  for (const FsBlock& block : fs.blocks) text << block_text(block) << ' ';
  text << "\n";
}

// The script's random_randint(LOW, HIGH): int(LOW + random() * (HIGH - LOW + 1)).
std::int64_t randint_from_random(PyRandom& random, std::int64_t low, std::int64_t high) {
  return static_cast<std::int64_t>(static_cast<double>(low) + random.random() * static_cast<double>(high - low + 1));
}

class Corrupter {
 public:
  Corrupter(ToyFileSystem& fs, PyRandom& random) : fs_(fs), random_(random) {}

  // Applies corruption NUMBER; returns the script's description of it.
  std::string apply(std::int64_t number) {
    switch (number) {
      case 0: {
        const std::int64_t bit = randint_from_random(random_, 0, static_cast<std::int64_t>(fs_.blocks.size()) - 1);
        fs_.block_bitmap.flip(static_cast<std::size_t>(bit));
        return py_percent("DATA BITMAP corrupt bit %d", bit);
      }
      case 1: {
        const std::int64_t bit = randint_from_random(random_, 0, static_cast<std::int64_t>(fs_.inodes.size()) - 1);
        fs_.inode_bitmap.flip(static_cast<std::size_t>(bit));
        return py_percent("INODE BITMAP corrupt bit %d", bit);
      }
      case 2:
      case 8: {
        const std::size_t inum = pick_inode(number == 2 ? 'f' : 'd', number);
        const bool increase = randint_from_random(random_, 0, 1) == 0;
        fs_.inodes[inum].refs += increase ? 1 : -1;
        return py_percent(increase ? "INODE %d refcnt increased" : "INODE %d refcnt decreased", inum);
      }
      case 3:
      case 9: {
        const std::size_t inum = pick_inode(0, number);
        fs_.inodes[inum] = FsInode{number == 3 ? 'f' : 'd', -1, 1};
        return py_percent("INODE %d orphan", inum);
      }
      case 4:
      case 10: {
        const std::size_t inum = pick_inode(number == 4 ? 'f' : 'd', number);
        const std::size_t block = pick_free_block(number);
        fs_.inodes[inum].address = static_cast<std::int64_t>(block);
        return py_percent("INODE %d points to dead block %d", inum, block);
      }
      case 5:
      case 11: {
        const std::size_t inum = pick_inode(number == 5 ? 'f' : 'd', number);
        fs_.inodes[inum].type = number == 5 ? 'd' : 'f';
        return py_percent("INODE %d was type file, now dir", inum);
      }
      case 6:
      case 7: return corrupt_entry(number);
      default: throw StorageError::script(py_percent("No such corruption (%d)", number));
    }
  }

 private:
  // A random inode of TYPE (0: free), as the script's pickRandom.
  std::size_t pick_inode(char type, std::int64_t number) {
    std::vector<std::size_t> matching;
    for (std::size_t i = 0; i < fs_.inodes.size(); ++i) {
      if (fs_.inodes[i].type == type) matching.push_back(i);
    }
    if (matching.empty()) {
      const char* what = type == 'f' ? "regular file" : type == 'd' ? "directory" : "free inode";
      throw StorageError::input(
          py_percent("corruption %d needs a %s, and this file system has none; try another seed", number, what));
    }
    return choose(matching);
  }

  std::size_t pick_free_block(std::int64_t number) {
    std::vector<std::size_t> free_blocks;
    for (std::size_t i = 0; i < fs_.blocks.size(); ++i) {
      if (fs_.blocks[i].type == 0) free_blocks.push_back(i);
    }
    if (free_blocks.empty()) {
      throw StorageError::input(
          py_percent("corruption %d needs a free block, and this file system has none; try another seed", number));
    }
    return choose(free_blocks);
  }

  std::size_t choose(const std::vector<std::size_t>& items) {
    return items[static_cast<std::size_t>(
        randint_from_random(random_, 0, static_cast<std::int64_t>(items.size()) - 1))];
  }

  std::string corrupt_entry(std::int64_t number) {
    const std::size_t inum = pick_inode('d', number);
    auto& entries = fs_.blocks[static_cast<std::size_t>(fs_.inodes[inum].address)].entries;
    std::string listed;
    for (const auto& [name, entry_inum] : entries) {
      listed += (listed.empty() ? "(" : ", (") + py_repr(name) + ", " + py_str(entry_inum) + ")";
    }
    const auto index =
        static_cast<std::size_t>(randint_from_random(random_, 0, static_cast<std::int64_t>(entries.size()) - 1));
    const auto [name, entry_inum] = entries[index];
    const std::string head = py_percent("INODE %d with directory [%s]:\n  entry ('%s', %d) altered to refer to ", inum,
                                        listed, name, entry_inum);
    if (number == 6) {
      const std::int64_t free_inum = fs_.find_free_inode();
      entries[index].second = free_inum;
      return head + py_percent("unallocated inode (%d)", free_inum);
    }
    const std::string new_name = fs_.make_name();
    entries[index].first = new_name;
    return head + py_percent("different name (%s)", new_name);
  }

  ToyFileSystem& fs_;
  PyRandom& random_;
};

std::optional<int> fsck_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("fsck"));
  parser.add_int("-s", "--seed", "seed", 0, "first random seed (for a filesystem)")
      .add_int("-S", "--seedCorrupt", "seedCorrupt", 0, "second random seed (for corruptions)")
      .add_int("-i", "--numInodes", "numInodes", 16, "number of inodes in file system")
      .add_int("-d", "--numData", "numData", 16, "number of data blocks in file system")
      .add_int("-n", "--numRequests", "numRequests", 15, "number of requests to simulate")
      .add_flag("-p", "--printFinal", "printFinal", "print the final set of files/dirs")
      .add_int("-w", "--whichCorrupt", "whichCorrupt", -1, "do a specific corruption")
      .add_flag("-c", "--compute", "solve", "compute answers for me")
      .add_flag("-D", "--dontCorrupt", "dontCorrupt", "actually corrupt file system");
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  std::ostream& text = run.text;
  const std::int64_t inode_count = parser.get_int("numInodes");
  const std::int64_t block_count = parser.get_int("numData");
  const std::int64_t requests = parser.get_int("numRequests");
  const std::int64_t which = parser.get_int("whichCorrupt");
  const bool print_final = parser.get_flag("printFinal");
  const bool dont_corrupt = parser.get_flag("dontCorrupt");
  const bool solve = parser.get_flag("solve");
  text << "ARG seed " << parser.get_int("seed") << "\nARG seedCorrupt " << parser.get_int("seedCorrupt")
       << "\nARG numInodes " << inode_count << "\nARG numData " << block_count << "\nARG numRequests " << requests
       << "\nARG printFinal " << py_str(print_final) << "\nARG whichCorrupt " << which << "\nARG dontCorrupt "
       << py_str(dont_corrupt) << "\n\n";
  check_fs_size(inode_count, block_count, requests);

  PyRandom random(parser.get_int("seed"));
  ToyFileSystem fs(FsFlavor::Fsck, static_cast<std::size_t>(inode_count), static_cast<std::size_t>(block_count),
                   random);
  for (std::int64_t i = 0; i < requests; ++i) run_one_operation(fs, [](const std::string&) {});
  run.data["compute"] = solve;
  if (solve) run.data["initial_state"] = state_json(fs);  // as the text: the answers only with -c
  if (solve) {
    text << "Initial state of file system:\n\n";
    dump(fs, text);
    text << "\n";
  }
  if (!dont_corrupt) {
    random.seed(parser.get_int("seedCorrupt"));
    std::int64_t number = randint_from_random(random, 0, 11);
    if (which != -1) number = which;
    if (solve) text << "CORRUPTION::";
    const std::string corruption = Corrupter(fs, random).apply(number);
    if (solve) text << corruption << "\n";
    if (solve) run.data["corruption"] = {{"number", number}, {"description", corruption}};
  }
  if (solve) text << "\n";
  text << "Final state of file system:\n\n";
  dump(fs, text);
  text << "\n";
  if (!solve && !dont_corrupt) text << "Can you figure out how the file system was corrupted?\n\n";
  if (!solve && dont_corrupt) text << "Can you figure out which files and directories exist?\n\n";
  if (print_final) {
    text << "\nSummary of files, directories::\n  Files:       " << py_list(fs.files)
         << "\n  Directories: " << py_list(fs.dirs) << "\n\n";
  }
  run.data["final_state"] = state_json(fs);
  if (print_final) {
    run.data["files"] = fs.files;
    run.data["directories"] = fs.dirs;
  }
  return std::nullopt;
}

}  // namespace

int run_fsck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("fsck", args, out, err, fsck_body);
}

}  // namespace ks::ostep::storage
