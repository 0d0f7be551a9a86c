// vsfs: OSTEP chapter 40's file-system implementation homework (the textbook's vsfs.py).
//
// A random workload of mkdir, creat, link, unlink and one-block appends runs on the very simple
// file system of toy_fs.h (vsfs flavor: first-free allocation). By default the question shows
// the state of the inode bitmap, inodes, data bitmap and data blocks after each operation and
// asks which operation took place; with -r it shows the operations and asks for the states;
// -c shows both, -p the final lists of files and directories.
//
// Differences from the script: a file system without room for the root directory (-i 0 or
// -d 0), on which the script crashes, is an error; so is a workload in which no operation can
// succeed any more (the script would loop forever).
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
  text << "inode bitmap  " << fs.inode_bitmap.text() << "\ninodes       ";
  for (const FsInode& inode : fs.inodes) text << inode_text(inode);
  text << "\ndata bitmap   " << fs.block_bitmap.text() << "\ndata         ";
  for (const FsBlock& block : fs.blocks) text << block_text(block);
  text << "\n";
}

std::optional<int> vsfs_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("vsfs"));
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_int("-i", "--numInodes", "numInodes", 8, "number of inodes in file system")
      .add_int("-d", "--numData", "numData", 8, "number of data blocks in file system")
      .add_int("-n", "--numRequests", "numRequests", 10, "number of requests to simulate")
      .add_flag("-r", "--reverse", "reverse", "instead of printing state, print ops")
      .add_flag("-p", "--printFinal", "printFinal", "print the final set of files/dirs")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  std::ostream& text = run.text;
  const std::int64_t inode_count = parser.get_int("numInodes");
  const std::int64_t block_count = parser.get_int("numData");
  const std::int64_t requests = parser.get_int("numRequests");
  const bool reverse = parser.get_flag("reverse");
  const bool print_final = parser.get_flag("printFinal");
  text << "ARG seed " << parser.get_int("seed") << "\nARG numInodes " << inode_count << "\nARG numData " << block_count
       << "\nARG numRequests " << requests << "\nARG reverse " << py_str(reverse) << "\nARG printFinal "
       << py_str(print_final) << "\n\n";
  check_fs_size(inode_count, block_count, requests);
  const bool solve = parser.get_flag("solve");
  const bool print_ops = solve || reverse;
  const bool print_state = solve || !reverse;

  PyRandom random(parser.get_int("seed"));
  ToyFileSystem fs(FsFlavor::Vsfs, static_cast<std::size_t>(inode_count), static_cast<std::size_t>(block_count),
                   random);
  nlohmann::json steps = nlohmann::json::array();
  text << "Initial state\n\n";
  dump(fs, text);
  text << "\n";
  for (std::int64_t i = 0; i < requests; ++i) {
    if (!print_ops) text << "Which operation took place?\n";
    const std::string operation = run_one_operation(fs, [&](const std::string& op) {
      if (print_ops) text << op << "\n";
    });
    if (print_state) {
      text << "\n";
      dump(fs, text);
      text << "\n";
    } else {
      text << "\n  State of file system (inode bitmap, inodes, data bitmap, data)?\n\n";
    }
    nlohmann::json step = nlohmann::json::object();  // as the text: what it shows
    if (print_ops) step["operation"] = operation;
    if (print_state) step["state"] = state_json(fs);
    steps.push_back(step);
  }
  if (print_final) {
    text << "\nSummary of files, directories::\n\n  Files:       " << py_list(fs.files)
         << "\n  Directories: " << py_list(fs.dirs) << "\n\n";
  }
  run.data["compute"] = solve;
  run.data["steps"] = steps;
  if (print_final) {
    run.data["files"] = fs.files;
    run.data["directories"] = fs.dirs;
  }
  return std::nullopt;
}

}  // namespace

int run_vsfs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("vsfs", args, out, err, vsfs_body);
}

}  // namespace ks::ostep::storage
