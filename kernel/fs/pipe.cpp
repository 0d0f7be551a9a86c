#include "kernel/fs/pipe.h"

#include "kernel/errno.h"
#include "sim-core/error.h"

namespace ks {
namespace {

class PipeReadEnd final : public FileOps {
 public:
  explicit PipeReadEnd(std::shared_ptr<Pipe> pipe) : pipe_(std::move(pipe)) {}

  IoOutcome read(OpenFile&, const FileIo& io, std::span<std::uint8_t> out) override {
    Pipe& pipe = *pipe_;
    if (!out.empty() && pipe.count == 0 && pipe.writers > 0) return IoOutcome::block(pipe.readable, BlockReason::Pipe);
    const std::size_t got = pipe.take(out);
    if (got > 0) io.wake(pipe.writable);
    return IoOutcome::done(static_cast<std::int64_t>(got));
  }

  FileStat stat(const OpenFile&) const override { return {FileType::Pipe, pipe_->count, 0, 1}; }

  void close(const Wake& wake) override {
    KS_ASSERT(pipe_->readers > 0, "a pipe's read end is released once");
    --pipe_->readers;
    wake(pipe_->writable);  // writers now get EPIPE
  }

 private:
  std::shared_ptr<Pipe> pipe_;
};

class PipeWriteEnd final : public FileOps {
 public:
  explicit PipeWriteEnd(std::shared_ptr<Pipe> pipe) : pipe_(std::move(pipe)) {}

  IoOutcome write(OpenFile&, const FileIo& io, std::span<const std::uint8_t> bytes) override {
    Pipe& pipe = *pipe_;
    std::uint32_t unused = 0;
    std::uint32_t& done = io.progress != nullptr ? *io.progress : unused;
    KS_ASSERT(done < bytes.size() || bytes.empty(), "a write resumes within its own bytes");
    if (pipe.readers == 0) return IoOutcome::done(done > 0 ? std::int64_t{done} : -std::int64_t{err::kBrokenPipe});
    const std::size_t room = Pipe::kCapacity - pipe.count;
    const bool atomic = bytes.size() <= Pipe::kCapacity;
    if (!bytes.empty() && (room == 0 || (atomic && room < bytes.size())))
      return IoOutcome::block(pipe.writable, BlockReason::Pipe);
    const std::size_t put = pipe.put(bytes.subspan(done));
    if (put > 0) io.wake(pipe.readable);
    done += static_cast<std::uint32_t>(put);
    if (done < bytes.size()) return IoOutcome::block(pipe.writable, BlockReason::Pipe);  // the rest when there is room
    return IoOutcome::done(static_cast<std::int64_t>(bytes.size()));
  }

  FileStat stat(const OpenFile&) const override { return {FileType::Pipe, pipe_->count, 0, 1}; }

  void close(const Wake& wake) override {
    KS_ASSERT(pipe_->writers > 0, "a pipe's write end is released once");
    --pipe_->writers;
    wake(pipe_->readable);  // readers now see the end of the data
  }

 private:
  std::shared_ptr<Pipe> pipe_;
};

}  // namespace

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

std::pair<FileRef, FileRef> make_pipe() {
  auto pipe = std::make_shared<Pipe>();
  pipe->readers = pipe->writers = 1;
  return {std::make_shared<OpenFile>(std::make_unique<PipeReadEnd>(pipe), 0),
          std::make_shared<OpenFile>(std::make_unique<PipeWriteEnd>(pipe), 1)};
}

}  // namespace ks
