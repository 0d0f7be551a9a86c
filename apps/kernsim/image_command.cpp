// kernsim mkfs, kernsim fsck, kernsim image: disk images from the host, as mtools does for FAT.
//
// `mkfs --type fat32 IMAGE --size SIZE` writes a fresh volume (kernel/fs/fat32/mkfs.h);
// `fsck IMAGE` lists every problem it finds (exit 0 clean, 1 problems, 2 not an image or
// unreadable); `image ls|cat|get` read an image and `image put|mkdir|rm|rmdir|mv` change it,
// writing it back atomically once the whole change is done (a failed command leaves the image
// as it was). The type of an existing image is read from its boot sector; only FAT32 is known so
// far (`--type ksfs` says "not yet"). Timestamps are fixed (1980-01-01 00:00) so the same
// commands make the same bytes: the simulator's virtual time stamps files made inside it.
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "apps/kernsim/commands.h"
#include "kernel/errno.h"
#include "kernel/fs/fat32/boot_sector.h"
#include "kernel/fs/fat32/fsck.h"
#include "kernel/fs/fat32/mkfs.h"
#include "kernel/fs/fat32/volume.h"
#include "scenario/disk_size.h"
#include "scenario/host_file.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

using fat32::Entry;
using fat32::Volume;

constexpr fat32::FatTime kStamp{};  // 1980-01-01 00:00:00

struct MkfsArgs {
  std::string type;
  std::string image;
  std::string size;
  std::string label;
};

struct FsckArgs {
  std::string image;
  bool repair = false;
};

struct ImageArgs {
  std::string image;
  std::vector<std::string> paths;
  bool read_only = false;
};

[[noreturn]] void fail(const std::string& image, const std::string& problem) {
  throw InputError({image, 0, 0, ""}, problem);
}

std::string error_text(std::int64_t error) {
  switch (-error) {
    case err::kNoEntry: return "no such file or directory";
    case err::kExists: return "already exists";
    case err::kNotDirectory: return "not a directory";
    case err::kIsDirectory: return "is a directory";
    case err::kNotEmpty: return "the directory is not empty";
    case err::kNoSpace: return "no space left on the volume (or the directory is full)";
    case err::kFileTooBig: return "a FAT file has at most 4 GiB - 1 bytes";
    case err::kInvalid: return "invalid name, or a directory moved into itself";
    case err::kNameTooLong: return "the name is too long (at most 255 characters)";
    default: return "error " + std::to_string(error);
  }
}

void check(std::int64_t result, const std::string& image, const std::string& path) {
  if (result < 0) fail(image, path + ": " + error_text(result));
}

// The volume in IMAGE, whose type is told from its boot sector.
Volume open_volume(const std::string& image, bool read_only) {
  fat32::DiskImage disk = fat32::DiskImage::open(image, read_only);
  if (!fat32::looks_like_fat32(disk.bytes())) {
    fail(image, "not a FAT32 image (the type is read from the boot sector; ksfs images are not yet supported)");
  }
  return Volume(std::move(disk));
}

// PATH split into its directory part and its last name ("/a/b" -> "/a", "b").
std::pair<std::string, std::string> split(const std::string& path) {
  std::string trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  const std::size_t slash = trimmed.rfind('/');
  if (slash == std::string::npos) return {"/", trimmed};
  return {slash == 0 ? "/" : trimmed.substr(0, slash), trimmed.substr(slash + 1)};
}

Entry resolve(const Volume& volume, const std::string& path) {
  std::int64_t error = 0;
  const std::optional<Entry> e = volume.resolve(path, error);
  if (!e) fail(volume.name(), path + ": " + error_text(error));
  return *e;
}

std::uint32_t directory_of(const Volume& volume, const std::string& path) {
  const Entry e = resolve(volume, path);
  if (!e.is_directory()) fail(volume.name(), path + ": " + error_text(-err::kNotDirectory));
  return volume.directory_cluster(e);
}

std::string date_text(const Entry& e) {
  std::ostringstream out;
  out << std::setfill('0') << std::setw(4) << 1980 + (e.write_date >> 9) << '-' << std::setw(2)
      << ((e.write_date >> 5) & 15) << '-' << std::setw(2) << (e.write_date & 31) << ' ' << std::setw(2)
      << (e.write_time >> 11) << ':' << std::setw(2) << ((e.write_time >> 5) & 63);
  return out.str();
}

int run_mkfs(const MkfsArgs& args) {
  if (args.type == "ksfs") throw InputError({"", 0, 0, "--type"}, "ksfs is not yet written; only fat32 is");
  if (args.type != "fat32") {
    throw InputError({"", 0, 0, "--type"},
                     "unknown file-system type \"" + args.type + "\" (known: fat32; ksfs not yet)");
  }
  std::string problem;
  const std::optional<std::uint64_t> bytes = parse_disk_size(args.size, problem);
  if (!bytes) throw InputError({"", 0, 0, "--size"}, problem);
  fat32::MkfsOptions options;
  options.bytes = *bytes;
  options.label = args.label;
  fat32::mkfs_file(args.image, options);
  const fat32::MkfsLayout layout = fat32::mkfs_layout(options);
  std::cout << printable_text(args.image) << ": FAT32, " << layout.total_sectors << " sectors of 512 bytes, "
            << layout.clusters << " clusters of " << layout.sectors_per_cluster * 512 << " bytes, 2 FATs of "
            << layout.fat_sectors << " sectors\n";
  return kExitOk;
}

int run_fsck(const FsckArgs& args) {
  if (args.repair) throw InputError({"", 0, 0, "--repair"}, "repairing is not yet written; fsck only checks");
  const fat32::DiskImage disk = fat32::DiskImage::open(args.image, true);
  const fat32::FsckReport report = fat32::fsck(disk);
  if (!report.is_fat32) {
    std::cerr << "error: " << printable_text(args.image) << ": " << report.problems.front().message << '\n';
    return kExitBadInput;
  }
  for (const fat32::FsckProblem& p : report.problems) {
    std::cout << printable_text(args.image) << ": " << printable_text(p.structure) << ": " << printable_text(p.message)
              << '\n';
  }
  if (!report.clean()) {
    std::cout << printable_text(args.image) << ": " << report.problems.size()
              << (report.problems.size() == 1 ? " problem" : " problems") << " found\n";
    return kExitSimulationError;  // 1: problems found
  }
  std::cout << printable_text(args.image) << ": clean, " << report.files << (report.files == 1 ? " file, " : " files, ")
            << report.directories << (report.directories == 1 ? " directory, " : " directories, ")
            << report.used_clusters << "/" << report.clusters << " clusters used\n";
  return kExitOk;
}

void need(const ImageArgs& args, std::size_t low, std::size_t high, const std::string& usage) {
  if (args.paths.size() < low || args.paths.size() > high) throw InputError({"", 0, 0, "image"}, "usage: " + usage);
}

int image_ls(const ImageArgs& args) {
  need(args, 0, 1, "kernsim image ls IMAGE [PATH]");
  const Volume volume = open_volume(args.image, true);
  const std::string path = args.paths.empty() ? "/" : args.paths[0];
  const Entry e = resolve(volume, path);
  const auto line = [](const Entry& item) {
    std::cout << (item.is_directory() ? "d " : "- ") << std::setw(10) << item.size << ' ' << date_text(item) << ' '
              << printable_text(item.name) << (item.is_directory() ? "/" : "") << '\n';
  };
  if (!e.is_directory()) {
    line(e);
    return kExitOk;
  }
  for (const Entry& item : volume.list(volume.directory_cluster(e), path)) line(item);
  return kExitOk;
}

int image_cat(const ImageArgs& args) {
  need(args, 1, 1, "kernsim image cat IMAGE PATH");
  const Volume volume = open_volume(args.image, true);
  const Entry e = resolve(volume, args.paths[0]);
  std::vector<std::uint8_t> bytes(e.size);
  check(volume.read(e, 0, bytes), args.image, args.paths[0]);
  std::cout.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return kExitOk;
}

int image_get(const ImageArgs& args) {
  need(args, 1, 2, "kernsim image get IMAGE PATH [HOST_FILE]");
  const Volume volume = open_volume(args.image, true);
  const Entry e = resolve(volume, args.paths[0]);
  std::vector<std::uint8_t> bytes(e.size);
  check(volume.read(e, 0, bytes), args.image, args.paths[0]);
  const std::string host = args.paths.size() == 2 ? args.paths[1] : split(args.paths[0]).second;
  std::ofstream out(host, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) fail(host, "cannot write this host file");
  return kExitOk;
}

int image_put(const ImageArgs& args) {
  need(args, 1, 2, "kernsim image put IMAGE HOST_FILE [PATH]");
  if (args.read_only) fail(args.image, "--read-only: put would change the image");
  Volume volume = open_volume(args.image, false);
  const std::string& host = args.paths[0];
  const std::string data = read_input_file(host, std::size_t{0xFFFFFFFF});
  std::string target = args.paths.size() == 2 ? args.paths[1] : "/";
  std::int64_t error = 0;
  const std::optional<Entry> existing = volume.resolve(target, error);
  if ((existing && existing->is_directory()) || target.back() == '/') {
    target += (target.back() == '/' ? "" : "/") + std::filesystem::path(host).filename().string();
  }
  const auto [dir_path, name] = split(target);
  const std::uint32_t dir = directory_of(volume, dir_path);
  std::optional<Entry> file = volume.find(dir, name);
  if (file && file->is_directory()) fail(args.image, target + ": " + error_text(-err::kIsDirectory));
  if (!file) {
    Entry made;
    check(volume.create(dir, name, false, kStamp, &made), args.image, target);
    file = made;
  }
  check(volume.truncate(*file, 0, kStamp), args.image, target);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  check(volume.write(*file, 0, std::span(bytes, data.size()), kStamp), args.image, target);
  volume.flush();
  return kExitOk;
}

int image_change(const ImageArgs& args, const std::string& what) {
  if (args.read_only) fail(args.image, "--read-only: " + what + " would change the image");
  Volume volume = open_volume(args.image, false);
  if (what == "mv") {
    need(args, 2, 2, "kernsim image mv IMAGE FROM TO");
    const auto [from_dir, from_name] = split(args.paths[0]);
    std::string to = args.paths[1];
    // As mv does: a target that is an existing directory (other than the source) receives it.
    const Entry source = resolve(volume, args.paths[0]);
    std::int64_t error = 0;
    const std::optional<Entry> existing = volume.resolve(to, error);
    const bool same = existing && existing->directory == source.directory && existing->slot == source.slot;
    if (existing && existing->is_directory() && !same) to = (existing->is_root() ? "" : to) + "/" + from_name;
    const auto [to_dir, to_name] = split(to);
    check(volume.rename(directory_of(volume, from_dir), from_name, directory_of(volume, to_dir), to_name, kStamp),
          args.image, args.paths[0] + " -> " + to);
  } else {
    need(args, 1, 1, "kernsim image " + what + " IMAGE PATH");
    const auto [dir_path, name] = split(args.paths[0]);
    if (name.empty() || name == "/") fail(args.image, args.paths[0] + ": the root cannot be " + what + "'d");
    const std::uint32_t dir = directory_of(volume, dir_path);
    if (what == "mkdir") check(volume.create(dir, name, true, kStamp), args.image, args.paths[0]);
    if (what == "rm") check(volume.remove(dir, name, false), args.image, args.paths[0]);
    if (what == "rmdir") check(volume.remove(dir, name, true), args.image, args.paths[0]);
  }
  volume.flush();
  return kExitOk;
}

}  // namespace

void add_mkfs_command(CLI::App& app, int& status) {
  auto args = std::make_shared<MkfsArgs>();
  CLI::App* mkfs = app.add_subcommand("mkfs", "Make a fresh file system in a disk image (a host file)");
  mkfs->add_option("--type,-t", args->type, "File-system type: fat32 (ksfs: not yet)")->required();
  mkfs->add_option("image", args->image, "The image file to write (replaced atomically)")->required();
  mkfs->add_option("--size,-s", args->size, "The volume's size: bytes, or with K, M or G (at least 33M for FAT32)")
      ->required();
  mkfs->add_option("--label", args->label, "Volume label (up to 11 of A-Z, 0-9, space, _ and -)");
  mkfs->footer("Example: kernsim mkfs --type fat32 disk.img --size 64M");
  mkfs->callback([args, &status] { status = run_mkfs(*args); });
}

void add_fsck_command(CLI::App& app, int& status) {
  auto args = std::make_shared<FsckArgs>();
  CLI::App* fsck = app.add_subcommand("fsck", "Check a disk image's file system and list every problem found");
  fsck->add_option("image", args->image, "The image file (read, never written)")->required();
  fsck->add_flag("--repair", args->repair, "Repair what is found (not yet written)");
  fsck->footer("Exit status: 0 clean, 1 problems found (each listed), 2 not an image or unreadable.");
  fsck->callback([args, &status] { status = run_fsck(*args); });
}

void add_image_command(CLI::App& app, int& status) {
  CLI::App* image = app.add_subcommand("image", "Use a disk image from the host, as mtools does for FAT");
  image->require_subcommand(1);
  const auto add = [&](const std::string& name, const std::string& what, const std::string& paths_help,
                       int (*run)(const ImageArgs&)) {
    auto args = std::make_shared<ImageArgs>();
    CLI::App* sub = image->add_subcommand(name, what);
    sub->add_option("image", args->image, "The image file")->required();
    sub->add_option("paths", args->paths, paths_help);
    sub->add_flag("--read-only", args->read_only, "Never write the image (a command that would change it is refused)");
    sub->callback([args, run, &status] { status = run(*args); });
  };
  add("ls", "List a directory of the image (the root by default)", "[PATH]", image_ls);
  add("cat", "Print a file of the image", "PATH", image_cat);
  add("get", "Copy a file of the image to the host", "PATH [HOST_FILE]", image_get);
  add("put", "Copy a host file into the image (into the root, or to PATH)", "HOST_FILE [PATH]", image_put);
  add("mkdir", "Make a directory", "PATH", [](const ImageArgs& a) { return image_change(a, "mkdir"); });
  add("rm", "Remove a file", "PATH", [](const ImageArgs& a) { return image_change(a, "rm"); });
  add("rmdir", "Remove an empty directory", "PATH", [](const ImageArgs& a) { return image_change(a, "rmdir"); });
  add("mv", "Rename or move a file or directory", "FROM TO", [](const ImageArgs& a) { return image_change(a, "mv"); });
  image->footer(
      "Examples: kernsim image put disk.img notes.txt /docs/\n"
      "          kernsim image ls disk.img /docs\n"
      "          kernsim image cat disk.img /docs/notes.txt");
}

}  // namespace ks::cli
