#include "kernel/fs/file.h"

#include "kernel/errno.h"
#include "sim-core/error.h"

namespace ks {

// What a kind of file that lacks an operation answers, as Unix does.
IoOutcome FileOps::read(OpenFile&, const FileIo&, std::span<std::uint8_t>) { return IoOutcome::done(-err::kBadFile); }
IoOutcome FileOps::write(OpenFile&, const FileIo&, std::span<const std::uint8_t>) {
  return IoOutcome::done(-err::kBadFile);
}
std::int64_t FileOps::seek(OpenFile&, std::int64_t, std::uint32_t) { return -err::kIllegalSeek; }
std::int64_t FileOps::getdents(const OpenFile&, const DirectorySink&) const { return -err::kNotDirectory; }

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

// FILE is the caller's reference, which it gives up (moves in): taken as a const&, the caller's
// copy would outlive the release and keep the open file from ever being the last reference.
// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink parameter, never copied
void release_file(FileRef file, const Wake& wake) {
  if (file == nullptr || file.use_count() > 1) return;
  file->ops->close(wake);
}

}  // namespace ks
