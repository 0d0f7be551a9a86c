// Open files through their operations, without a kernel: files and directories of the VFS (offsets,
// O_APPEND, seeking, getdents with "." and ".."), pipes (blocking, waking, end of file, EPIPE, a
// long write that goes on after waiting), the console, the descriptor table, and release_file
// letting go only with the last reference.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernel/errno.h"
#include "kernel/fs/memfs.h"
#include "kernel/fs/pipe.h"
#include "kernel/fs/vfs.h"

namespace ks {
namespace {

std::vector<std::uint8_t> bytes(const std::string& text) { return {text.begin(), text.end()}; }

// A FileIo whose console output and wake-ups are recorded.
struct Recorder {
  Console console;
  std::string output;
  std::vector<WaitQueue*> woken;
  std::uint32_t progress = 0;
  std::function<void(int, std::string_view)> write = [this](int stream, std::string_view text) {
    output += std::to_string(stream) + ":" + std::string(text) + ";";
  };
  Wake wake = [this](WaitQueue& queue) { woken.push_back(&queue); };
  FileIo io() { return {console, write, wake, &progress}; }
};

std::vector<std::string> names_from(const OpenFile& file) {
  std::vector<std::string> names;
  file.ops->getdents(file, [&](const DirectoryEntry& entry) {
    names.emplace_back(entry.name);
    return true;
  });
  return names;
}

TEST(OpenFile, AFileReadsAndWritesAtItsOffset) {
  Vfs vfs;
  Recorder r;
  ASSERT_TRUE(vfs.install_file("/f", bytes("hello")));
  const Vnode vnode = vfs.lookup(vfs.root(), "/f").vnode;
  const FileRef file = vfs.open(vnode, 2);
  std::vector<std::uint8_t> out(3);
  EXPECT_EQ(file->ops->read(*file, r.io(), out).value, 3);
  EXPECT_EQ(file->offset, 3u);
  EXPECT_EQ(file->ops->write(*file, r.io(), bytes("P!")).value, 2);
  EXPECT_EQ(file->ops->seek(*file, 0, 0), 0);
  std::vector<std::uint8_t> all(16);
  EXPECT_EQ(file->ops->read(*file, r.io(), all).value, 5);
  EXPECT_EQ(std::string(all.begin(), all.begin() + 5), "helP!");
  EXPECT_EQ(file->ops->seek(*file, -1, 2), 4);
  EXPECT_EQ(file->ops->seek(*file, 2, 1), 6) << "past the end is allowed";
  EXPECT_EQ(file->ops->seek(*file, -7, 1), -err::kInvalid);
  EXPECT_EQ(file->ops->seek(*file, 0, 3), -err::kInvalid);
  EXPECT_EQ(file->offset, 6u) << "a refused seek leaves the offset";
  const FileStat stat = file->ops->stat(*file);
  EXPECT_EQ(stat.type, FileType::File);
  EXPECT_EQ(stat.size, 5u);
  EXPECT_EQ(stat.ino, vnode.ino);
  EXPECT_EQ(stat.links, 1u);
  EXPECT_EQ(file->ops->getdents(*file, [](const DirectoryEntry&) { return true; }), -err::kNotDirectory);
  ASSERT_TRUE(file->ops->vnode().has_value());
  EXPECT_EQ(*file->ops->vnode(), vnode);

  const FileRef append = vfs.open(vnode, 1 | kOpenAppend);
  EXPECT_EQ(append->ops->write(*append, r.io(), bytes("+")).value, 1);
  EXPECT_EQ(append->offset, 6u) << "O_APPEND writes at the end";
  EXPECT_EQ(vfs.stat(vnode).size, 6u);
}

TEST(OpenFile, ReleasingTheLastReferenceClosesTheInode) {
  Vfs vfs;
  Recorder r;
  ASSERT_TRUE(vfs.install_file("/f", bytes("x")));
  const Vnode vnode = vfs.lookup(vfs.root(), "/f").vnode;
  auto& memfs = static_cast<MemFs&>(*vnode.fs);
  FileRef file = vfs.open(vnode, 0);
  FileRef dup = file;
  EXPECT_EQ(memfs.open_count(vnode.ino), 1u) << "one open file, two references";
  EXPECT_EQ(vfs.unlink(vfs.root(), "f"), 0);
  release_file(std::move(dup), r.wake);
  EXPECT_EQ(memfs.open_count(vnode.ino), 1u);
  EXPECT_EQ(vfs.stat(vnode).type, FileType::File) << "still open: still there";
  release_file(std::move(file), r.wake);
  EXPECT_EQ(vfs.stat(vnode).type, FileType::None) << "unlinked and closed: freed";
}

TEST(OpenFile, ADirectoryListsDotsThenNamesAndResumes) {
  Vfs vfs;
  Recorder r;
  ASSERT_TRUE(vfs.install_file("/d/b", bytes("")));
  ASSERT_TRUE(vfs.install_directory("/d/a"));
  const Vnode d = vfs.lookup(vfs.root(), "/d").vnode;
  const FileRef dir = vfs.open(d, 0);
  EXPECT_EQ(names_from(*dir), (std::vector<std::string>{".", "..", "a", "b"}));
  std::vector<DirectoryEntry> entries;
  std::vector<std::string> kept;  // the names, beyond the listing
  dir->ops->getdents(*dir, [&](const DirectoryEntry& entry) {
    kept.emplace_back(entry.name);
    entries.push_back(entry);
    return true;
  });
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].ino, d.ino);
  EXPECT_EQ(entries[1].ino, vfs.root().ino);
  EXPECT_EQ(entries[2].type, FileType::Directory);
  EXPECT_EQ(entries[3].type, FileType::File);
  for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].next, i + 1) << "positions count entries";
  dir->offset = entries[2].next;  // as getdents64 does once the entries are the caller's
  EXPECT_EQ(names_from(*dir), (std::vector<std::string>{"b"}));
  dir->offset = 1;
  EXPECT_EQ(names_from(*dir), (std::vector<std::string>{"..", "a", "b"}));
  EXPECT_EQ(dir->ops->seek(*dir, 1, 0), -err::kInvalid) << "a directory is only rewound";
  EXPECT_EQ(dir->ops->seek(*dir, -1, 1), 0);
  EXPECT_EQ(dir->offset, 0u);
  std::vector<std::uint8_t> out(4);
  EXPECT_EQ(dir->ops->read(*dir, r.io(), out).value, -err::kIsDirectory);
  EXPECT_EQ(dir->ops->stat(*dir).type, FileType::Directory);
  EXPECT_EQ(dir->ops->stat(*dir).size, 2u);
}

TEST(OpenFile, AMountedRootListsItsParentAcrossTheMount) {
  Vfs vfs;
  ASSERT_TRUE(vfs.install_directory("/top/mnt"));
  ASSERT_EQ(vfs.mount("/top/mnt", std::make_unique<MemFs>()), 0);
  const FileRef dir = vfs.open(vfs.lookup(vfs.root(), "/top/mnt").vnode, 0);
  std::vector<Ino> inos;
  dir->ops->getdents(*dir, [&](const DirectoryEntry& entry) {
    inos.push_back(entry.ino);
    return true;
  });
  ASSERT_EQ(inos.size(), 2u);
  EXPECT_EQ(inos[1], vfs.lookup(vfs.root(), "/top").vnode.ino);
}

TEST(OpenFile, APipeBlocksWakesAndEnds) {
  Recorder r;
  auto [reader, writer] = make_pipe();
  EXPECT_FALSE(reader->writable());
  EXPECT_FALSE(writer->readable());
  std::vector<std::uint8_t> out(8);
  const IoOutcome empty = reader->ops->read(*reader, r.io(), out);
  ASSERT_TRUE(empty.blocked()) << "empty with a writer: wait";
  EXPECT_EQ(empty.reason, BlockReason::Pipe);
  EXPECT_EQ(reader->ops->read(*reader, r.io(), std::span<std::uint8_t>()).value, 0) << "a read of nothing never waits";
  EXPECT_EQ(writer->ops->write(*writer, r.io(), bytes("abc")).value, 3);
  ASSERT_EQ(r.woken.size(), 1u);
  EXPECT_EQ(r.woken[0], empty.wait) << "a write wakes the readers";
  EXPECT_EQ(reader->ops->stat(*reader).type, FileType::Pipe);
  EXPECT_EQ(reader->ops->stat(*reader).size, 3u);
  EXPECT_EQ(reader->ops->read(*reader, r.io(), out).value, 3);
  EXPECT_EQ(reader->ops->seek(*reader, 0, 0), -err::kIllegalSeek);
  EXPECT_EQ(reader->ops->write(*reader, r.io(), bytes("x")).value, -err::kBadFile);
  release_file(std::move(writer), r.wake);
  EXPECT_EQ(r.woken.back(), empty.wait) << "the last writer's close wakes the readers";
  EXPECT_EQ(reader->ops->read(*reader, r.io(), out).value, 0) << "no writer left: end of file";
}

TEST(OpenFile, APipeWriteBlocksForRoomAndFailsWithoutReaders) {
  Recorder r;
  auto [reader, writer] = make_pipe();
  const std::vector<std::uint8_t> full(Pipe::kCapacity - 2, 'x');
  EXPECT_EQ(writer->ops->write(*writer, r.io(), full).value, static_cast<std::int64_t>(full.size()));
  r.progress = 0;  // the kernel resets it whenever a call returns
  EXPECT_TRUE(writer->ops->write(*writer, r.io(), bytes("abc")).blocked()) << "up to 4096 bytes are written whole";
  EXPECT_EQ(r.progress, 0u) << "nothing moved before blocking";
  // A write longer than the pipe moves what fits, remembers it, and goes on when woken.
  const std::vector<std::uint8_t> long_write(Pipe::kCapacity + 10, 'y');
  EXPECT_TRUE(writer->ops->write(*writer, r.io(), long_write).blocked());
  EXPECT_EQ(r.progress, 2u);
  std::vector<std::uint8_t> out(Pipe::kCapacity);
  EXPECT_EQ(reader->ops->read(*reader, r.io(), out).value, static_cast<std::int64_t>(Pipe::kCapacity));
  EXPECT_TRUE(writer->ops->write(*writer, r.io(), long_write).blocked());
  EXPECT_EQ(r.progress, 2u + Pipe::kCapacity);
  release_file(std::move(reader), r.wake);
  EXPECT_EQ(writer->ops->write(*writer, r.io(), long_write).value, static_cast<std::int64_t>(r.progress))
      << "the reader went: the count already written";
  r.progress = 0;
  EXPECT_EQ(writer->ops->write(*writer, r.io(), bytes("z")).value, -err::kBrokenPipe);
}

TEST(OpenFile, TheConsoleReadsTypedInputAndWritesToItsStream) {
  Recorder r;
  r.console.input_closed = false;
  const FileRef in = console_file(0);
  const FileRef err = console_file(2);
  EXPECT_TRUE(in->readable() && in->writable());
  std::vector<std::uint8_t> out(4);
  const IoOutcome waiting = in->ops->read(*in, r.io(), out);
  ASSERT_TRUE(waiting.blocked());
  EXPECT_EQ(waiting.wait, &r.console.readers);
  r.console.input = "typed";
  EXPECT_EQ(in->ops->read(*in, r.io(), out).value, 4);
  EXPECT_EQ(r.console.input, "d");
  r.console.input.clear();
  r.console.input_closed = true;
  EXPECT_EQ(in->ops->read(*in, r.io(), out).value, 0) << "closed and used up: end of file";
  EXPECT_EQ(in->ops->write(*in, r.io(), bytes("a")).value, 1);
  EXPECT_EQ(err->ops->write(*err, r.io(), bytes("b")).value, 1);
  EXPECT_EQ(r.output, "1:a;2:b;") << "stdin's output shows as stdout";
  EXPECT_EQ(in->ops->stat(*in).type, FileType::Console);
  EXPECT_EQ(in->ops->seek(*in, 0, 0), -err::kIllegalSeek);
  EXPECT_FALSE(in->ops->vnode().has_value());
}

TEST(FdTable, LowestFreeDescriptorsAndTheLimit) {
  FdTable fds;
  const FileRef console = console_file(1);
  EXPECT_EQ(fds.add(console), 0);
  EXPECT_EQ(fds.add(console), 1);
  EXPECT_EQ(fds.add(console, 5), 5);
  EXPECT_EQ(fds.remove(0), console);
  EXPECT_EQ(fds.get(0), nullptr);
  EXPECT_EQ(fds.get(-1), nullptr);
  EXPECT_EQ(fds.get(FdTable::kMaxFds), nullptr);
  EXPECT_EQ(fds.add(console), 0) << "the lowest free one";
  EXPECT_EQ(fds.replace(1, nullptr), console);
  for (int i = 0; i < FdTable::kMaxFds - 2; ++i) EXPECT_GE(fds.add(console), 0);
  EXPECT_EQ(fds.add(console), -err::kTooManyFiles);
  EXPECT_EQ(fds.take_all().size(), static_cast<std::size_t>(FdTable::kMaxFds));
  EXPECT_EQ(fds.get(0), nullptr);
}

}  // namespace
}  // namespace ks
