// lfs: OSTEP chapter 43's log-structured file system homework (the textbook's lfs.py), run on
// the log of lfs_log.h.
//
// The file system starts with the root directory (inode 0) in blocks 0-3. Commands (from -L, or
// -n random ones drawn with the -p percentages) are c,PATH (create a file), d,PATH (create a
// directory), w,PATH,OFFSET,BLOCKS (write), r,PATH (delete), l,OLD,NEW (link) and s (sync). The
// question shows the final log and asks for the commands (-o shows them), the blocks each command
// appended (-i), its return code and errors (-e), and the live paths (-v); -c marks live blocks.
// -D looks inodes up through the CR on disk instead of the one in memory (with -N it may be old),
// and -a r allocates inode numbers at random instead of the lowest free one.
//
// Differences from the script: a path through a regular file (c,/file/x), or a link to a path
// whose directory does not exist, on which the script fails an assertion or a type check, fails
// with return code -1 and "invalid element of path [file] (not a dir)" / the lookup's error; an
// on-disk lookup (-D) that reaches no inode, on which the script fails an assertion, is an error,
// as are commands with the wrong number of arguments.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ostep/options.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"
#include "ostep/storage/lfs_log.h"
#include "ostep/storage/script_run.h"
#include "ostep/storage/storage.h"

namespace ks::ostep::storage {
namespace {

using lfs::Lfs;

constexpr std::int64_t kMaxCommands = 100'000;
constexpr std::int64_t kMaxWriteBlocks = 10'000'000;
constexpr int kMaxIdleDraws = 1'000'000;

// The script's process_percentages: "c30,w30,d10,r20,l10,s0" to a [low, high) range per command.
std::vector<std::pair<char, std::pair<double, double>>> percentages(const std::string& spec) {
  const std::vector<std::string> pieces = python_split(spec, ',');
  std::int64_t sum = 0;
  for (const std::string& piece : pieces) {
    if (piece.empty()) throw StorageError::input("option -p: an empty percentage (give e.g. c30,w30,d10,r20,l10,s0)");
    const std::int64_t value = int_piece("-p", piece.substr(1));
    if (value < 0) throw StorageError::script("percentages must be positive or zero");
    sum += value;
  }
  if (sum != 100) throw StorageError::script("percentages do not add to 100");
  std::vector<std::pair<char, std::pair<double, double>>> ranges;
  for (const char command : std::string("cwdrls")) ranges.push_back({command, {0.0, 0.0}});
  sum = 0;
  for (const std::string& piece : pieces) {
    const auto found = std::find_if(ranges.begin(), ranges.end(), [&](const auto& r) { return r.first == piece[0]; });
    if (found == ranges.end()) throw StorageError::script("bad command " + piece.substr(0, 1));
    const std::int64_t value = int_piece("-p", piece.substr(1));
    found->second = {static_cast<double>(sum), static_cast<double>(sum + value)};
    sum += value;
  }
  for (auto& range : ranges) range.second = {range.second.first / 100.0, range.second.second / 100.0};
  return ranges;
}

std::string random_file_name(PyRandom& random, const std::string& parent) {
  const char first = static_cast<char>('a' + static_cast<int>(random.random() * 26));
  const char second = static_cast<char>('a' + static_cast<int>(random.random() * 26));
  const std::string number = std::to_string(static_cast<int>(random.random() * 10));
  const std::string name = std::string(1, first) + second + number;
  return parent == "/" ? "/" + name : parent + "/" + name;
}

// The script's make_command_list: COUNT random commands joined by ':'.
std::string random_commands(std::int64_t count, const std::vector<std::pair<char, std::pair<double, double>>>& ranges,
                            PyRandom& random) {
  std::vector<std::string> files, dirs{"/"};
  std::string commands;
  int idle = 0;
  const auto pick = [&](const std::vector<std::string>& list) {
    return list[static_cast<std::size_t>(random.random() * static_cast<double>(list.size()))];
  };
  while (count > 0) {
    if (++idle > kMaxIdleDraws)
      throw StorageError::input(
          "option -p: no command can be drawn (writes, deletes or links need a file to be created first)");
    const double chance = random.random();
    const auto in = [&](char command) {
      const auto& range =
          std::find_if(ranges.begin(), ranges.end(), [&](const auto& r) { return r.first == command; })->second;
      return chance >= range.first && chance < range.second;
    };
    std::string command;
    if (in('c')) {
      const std::string name = random_file_name(random, pick(dirs));
      command = "c," + name;
      files.push_back(name);
    } else if (in('w')) {
      if (files.empty()) continue;
      const std::string file = pick(files);
      const auto offset = static_cast<std::int64_t>(random.random() * 8);
      const auto blocks = static_cast<std::int64_t>(random.random() * 8);
      command = py_percent("w,%s,%d,%d", file, offset, blocks);
    } else if (in('d')) {
      const std::string name = random_file_name(random, pick(dirs));
      command = "d," + name;
      dirs.push_back(name);
    } else if (in('r')) {
      if (files.empty()) continue;
      const auto index = static_cast<std::size_t>(random.random() * static_cast<double>(files.size()));
      command = "r," + files[index];
      files.erase(files.begin() + static_cast<std::ptrdiff_t>(index));
    } else if (in('l')) {
      if (files.empty()) continue;
      const auto index = static_cast<std::size_t>(random.random() * static_cast<double>(files.size()));
      const std::string name = random_file_name(random, pick(dirs));
      command = "l," + files[index] + "," + name;
      files.push_back(name);
    } else if (in('s')) {
      command = "s";
    } else {
      throw StorageError::script("abort: internal error with percent operations");
    }
    commands += (commands.empty() ? "" : ":") + command;
    --count;
    idle = 0;
  }
  return commands;
}

void expect_arguments(const std::vector<std::string>& parts, std::size_t count, const std::string& command) {
  if (parts.size() != count) {
    throw StorageError::input(
        py_percent("command '%s' takes %d arguments", command, static_cast<std::int64_t>(count) - 1));
  }
}

struct Shown {
  bool operations = false, intermediate = false, return_codes = false, solve = false;
};

// Runs COMMANDS ("c,/a:w,/a,0,2:..."), printing as the script does.
void run_commands(Lfs& lfs, const std::string& commands, const Shown& shown, std::vector<std::string>& files,
                  std::vector<std::string>& dirs, std::ostream& text, nlohmann::json& log) {
  std::optional<std::int64_t> rc;
  for (const std::string& command : python_split(commands, ':')) {
    const std::vector<std::string> parts = python_split(command, ',');
    const std::string& verb = parts[0];
    if (verb == "c" || verb == "d") {
      expect_arguments(parts, 2, command);
      if (shown.operations) text << (verb == "c" ? "create file " : "create dir  ") << parts[1] << ' ';
      rc = lfs.create(parts[1], verb == "c");
      if (*rc == 0) (verb == "c" ? files : dirs).push_back(parts[1]);
    } else if (verb == "r") {
      expect_arguments(parts, 2, command);
      if (shown.operations) text << "delete file " << parts[1] << ' ';
      rc = lfs.remove(parts[1]);
      if (*rc == 0) {
        const auto found = std::find(files.begin(), files.end(), parts[1]);
        if (found != files.end()) {
          files.erase(found);
        } else {
          text << "warning: cannot find file " << parts[1] << "\n";
        }
      }
    } else if (verb == "l") {
      expect_arguments(parts, 3, command);
      if (shown.operations) text << "link file   " << parts[1] << ' ' << parts[2] << ' ';
      rc = lfs.link(parts[1], parts[2]);
      if (*rc == 0) files.push_back(parts[2]);
    } else if (verb == "w") {
      expect_arguments(parts, 4, command);
      const std::int64_t offset = int_piece("-L", parts[2]);
      const std::int64_t blocks = int_piece("-L", parts[3]);
      if (blocks > kMaxWriteBlocks)
        throw StorageError::input(py_percent("command '%s': at most %d blocks per write", command, kMaxWriteBlocks));
      if (shown.operations) text << py_percent("write file  %s offset=%d size=%d", parts[1], offset, blocks) << ' ';
      rc = lfs.write(parts[1], offset, blocks);
    } else if (verb == "s") {
      if (shown.operations) text << "sync ";
      rc = lfs.sync();
    } else {
      text << py_percent("command not understood so skipping [%s]", verb) << "\n";
    }
    if (!shown.operations) text << "command? ";
    if (shown.intermediate) {
      text << "\n\n";
      lfs.dump_partial(verb == "s");
      text << "\n";
    }
    if (shown.return_codes) {
      if (!rc) throw StorageError::input("-e: the first command is not understood, so it has no return code");
      text << "-> " << *rc << "\n";
      for (const std::string& error : lfs.errors()) text << "  " << error << "\n";
    } else {
      text << "\n";
    }
    // As the text: the command with -o, its return code and errors with -e (or both with -c).
    nlohmann::json entry = nlohmann::json::object();
    if (shown.operations || shown.solve) entry["command"] = command;
    if (shown.return_codes || shown.solve) {
      entry["rc"] = rc ? nlohmann::json(*rc) : nlohmann::json(nullptr);
      entry["errors"] = lfs.errors();
    }
    log.push_back(entry);
  }
}

std::optional<int> lfs_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("lfs"));
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_flag("-N", "--no_force", "no_force_checkpoints", "Do not force checkpoint writes after updates")
      .add_flag("-F", "--no_final", "no_final", "Do not show the final state of the file system")
      .add_flag("-D", "--use_disk_cr", "use_disk_cr", "use disk (maybe old) version of checkpoint region")
      .add_flag("-c", "--compute", "solve", "compute answers for me")
      .add_flag("-o", "--show_operations", "show_operations", "print out operations as they occur")
      .add_flag("-i", "--show_intermediate", "show_intermediate", "print out state changes as they occur")
      .add_flag("-e", "--show_return_codes", "show_return_codes", "show error/return codes")
      .add_flag("-v", "--show_live_paths", "show_live_paths", "show live paths")
      .add_string("-n", "--num_commands", "num_commands", "3", "generate N random commands")
      .add_string(
          "-p", "--percentages", "percentages", "c30,w30,d10,r20,l10,s0",
          "percent chance of: createfile,writefile,createdir,rmfile,linkfile,sync (example is c30,w30,d10,r20,l10,s0)")
      .add_string("-a", "--allocation_policy", "inode_policy", "s",
                  "inode allocation policy: \"r\" for \"random\" or \"s\" for \"sequential\"")
      .add_string("-L", "--command_list", "command_list", "",
                  "command list in format: \"cmd1,arg1,...,argN:cmd2,arg1,...,argN:... where cmds are: c:createfile, "
                  "d:createdir, r:delete, w:write, l:link, s:sync format: c,filepath d,dirpath r,filepath "
                  "w,filepath,offset,numblks l,srcpath,dstpath s");
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  std::ostream& text = run.text;
  PyRandom random(parser.get_int("seed"));
  std::string commands = parser.get_string("command_list");
  const std::int64_t count = int_piece("-n", parser.get_string("num_commands"));
  const auto ranges = percentages(parser.get_string("percentages"));
  const std::string& policy = parser.get_string("inode_policy");
  if (policy != "s" && policy != "r") throw StorageError::script("bad policy " + policy);
  Lfs lfs(parser.get_flag("use_disk_cr"), parser.get_flag("no_force_checkpoints"), policy == "r",
          parser.get_flag("solve"), random, text);
  if (commands.empty()) {
    if (count < 0) throw StorageError::script(py_percent("num_commands must be greater than zero %d", count));
    if (count > kMaxCommands)
      throw StorageError::input(py_percent("option -n: at most %d commands, not %d", kMaxCommands, count));
    commands = random_commands(count, ranges, random);
  }
  text << "\nINITIAL file system contents:\n";
  lfs.dump(true);
  lfs.set_dump_last(4);
  text << "\n";
  Shown shown;
  shown.operations = parser.get_flag("show_operations");
  shown.intermediate = parser.get_flag("show_intermediate");
  shown.return_codes = parser.get_flag("show_return_codes");
  shown.solve = parser.get_flag("solve");
  std::vector<std::string> files, dirs;
  nlohmann::json log = nlohmann::json::array();
  if (!commands.empty()) run_commands(lfs, commands, shown, files, dirs, text, log);
  if (!parser.get_flag("no_final")) {
    text << "\nFINAL file system contents:\n";
    lfs.dump(false);
    text << "\n";
    if (parser.get_flag("show_live_paths")) {
      text << "Live directories:  " << py_list(dirs) << "\nLive files:  " << py_list(files) << "\n\n";
    }
  } else {
    text << "\n";
  }
  run.data["compute"] = shown.solve;
  run.data["commands"] = log;
  run.data["disk"] = lfs.disk_json(shown.solve);
  if (shown.solve || parser.get_flag("show_live_paths")) {
    run.data["live_directories"] = dirs;
    run.data["live_files"] = files;
  }
  return std::nullopt;
}

}  // namespace

int run_lfs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("lfs", args, out, err, lfs_body);
}

}  // namespace ks::ostep::storage
