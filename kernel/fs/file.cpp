#include "kernel/fs/file.h"

#include "kernel/errno.h"
#include "sim-core/error.h"

namespace ks {

std::size_t Pipe::take(std::span<std::uint8_t> out) {
  const std::size_t n = std::min(out.size(), count);
  for (std::size_t i = 0; i < n; ++i) out[i] = buffer[(head + i) % kCapacity];
  head = (head + n) % kCapacity;
  count -= n;
  return n;
}

std::size_t Pipe::put(std::span<const std::uint8_t> bytes) {
  const std::size_t n = std::min(bytes.size(), kCapacity - count);
  for (std::size_t i = 0; i < n; ++i) buffer[(head + count + i) % kCapacity] = bytes[i];
  count += n;
  return n;
}

FileRef FdTable::get(std::int64_t fd) const {
  if (fd < 0 || fd >= kMaxFds) return nullptr;
  return fds_[static_cast<std::size_t>(fd)];
}

std::int64_t FdTable::add(FileRef file, int lowest) {
  KS_ASSERT(file != nullptr, "a descriptor refers to an open file");
  for (int fd = lowest; fd < kMaxFds; ++fd) {
    if (fds_[static_cast<std::size_t>(fd)] == nullptr) {
      fds_[static_cast<std::size_t>(fd)] = std::move(file);
      return fd;
    }
  }
  return -err::kTooManyFiles;
}

FileRef FdTable::replace(int fd, FileRef file) {
  KS_ASSERT(fd >= 0 && fd < kMaxFds, "a descriptor is replaced only within the table");
  FileRef old = std::move(fds_[static_cast<std::size_t>(fd)]);
  fds_[static_cast<std::size_t>(fd)] = std::move(file);
  return old;
}

FileRef FdTable::remove(std::int64_t fd) {
  if (fd < 0 || fd >= kMaxFds) return nullptr;
  return std::move(fds_[static_cast<std::size_t>(fd)]);
}

std::vector<FileRef> FdTable::take_all() {
  std::vector<FileRef> all;
  for (FileRef& file : fds_) {
    if (file != nullptr) all.push_back(std::move(file));
  }
  return all;
}

FileRef console_file(int stream) {
  auto file = std::make_shared<OpenFile>();
  file->kind = FileKind::Console;
  file->console_stream = stream;
  file->flags = 2;  // a terminal is opened for reading and writing; output to stdin shows as stdout
  return file;
}

void release_file(FileRef file, MemFs& fs, const std::function<void(WaitQueue&)>& wake) {
  if (file == nullptr || file.use_count() > 1) return;
  switch (file->kind) {
    case FileKind::Console: break;
    case FileKind::Inode: fs.close_inode(file->ino); break;
    case FileKind::PipeRead:
      KS_ASSERT(file->pipe->readers > 0, "a pipe's read end is released once");
      --file->pipe->readers;
      wake(file->pipe->writable);  // writers now get EPIPE
      break;
    case FileKind::PipeWrite:
      KS_ASSERT(file->pipe->writers > 0, "a pipe's write end is released once");
      --file->pipe->writers;
      wake(file->pipe->readable);  // readers now see the end of the data
      break;
  }
}

}  // namespace ks
