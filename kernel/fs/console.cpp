// The console's open files. Reading takes what was typed, waiting (on Console::readers) while
// nothing is there and more may come; once input is closed and used up a read returns 0, the end
// of file. Writing hands the bytes to the kernel, which adds them to the console text and the
// trace: stream 2 shows as stderr, anything else (even a write to stdin, which a terminal opened
// for reading and writing allows) as stdout. A console cannot seek.
#include <algorithm>

#include "kernel/fs/file.h"

namespace ks {
namespace {

class ConsoleFile final : public FileOps {
 public:
  explicit ConsoleFile(int stream) : stream_(stream) {}

  IoOutcome read(OpenFile&, const FileIo& io, std::span<std::uint8_t> out) override {
    Console& console = io.console;
    if (!out.empty() && console.input.empty() && !console.input_closed)
      return IoOutcome::block(console.readers, BlockReason::Io);
    const std::size_t got = std::min(out.size(), console.input.size());
    std::copy_n(console.input.begin(), got, out.begin());
    console.input.erase(0, got);
    return IoOutcome::done(static_cast<std::int64_t>(got));
  }

  IoOutcome write(OpenFile&, const FileIo& io, std::span<const std::uint8_t> bytes) override {
    io.console_write(stream_ == 2 ? 2 : 1, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    return IoOutcome::done(static_cast<std::int64_t>(bytes.size()));
  }

  FileStat stat(const OpenFile&) const override { return {FileType::Console, 0, 0, 1}; }
  void close(const Wake&) override {}

 private:
  int stream_;
};

}  // namespace

FileRef console_file(int stream) {
  // A terminal is opened for reading and writing.
  return std::make_shared<OpenFile>(std::make_unique<ConsoleFile>(stream), 2);
}

}  // namespace ks
