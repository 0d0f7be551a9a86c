// machine/disk/disk_drive.cpp — the data-holding disk (design: disk_drive.h): a FIFO of requests,
// one in service, its data moved by DMA (a write's at submission, a read's at completion).
// THIS IS THE MACHINE, NOT THE KERNEL.
#include "machine/disk/disk_drive.h"

#include <algorithm>

#include "sim-core/error.h"

namespace ks {

std::string_view to_string(DiskModel model) {
  switch (model) {
    case DiskModel::Ram: return "ram";
    case DiskModel::Ssd: return "ssd";
    case DiskModel::Hdd: return "hdd";
  }
  return "?";
}

std::optional<DiskModel> disk_model_from_string(std::string_view name) {
  if (name == "ram") return DiskModel::Ram;
  if (name == "ssd") return DiskModel::Ssd;
  if (name == "hdd") return DiskModel::Hdd;
  return std::nullopt;
}

std::uint64_t DiskDrive::capacity(DiskModel model) {
  switch (model) {
    case DiskModel::Ram: return std::uint64_t{1} << 32;  // 2 TiB: more than any swap asked for
    case DiskModel::Ssd: return SsdModel(SsdGeometry{}).sectors();
    case DiskModel::Hdd: return HddModel(HddGeometry{}).sectors();
  }
  return 0;
}

DiskDrive::DiskDrive(EventQueue& queue, InterruptController& irq, Trace& trace, PhysicalMemory& memory,
                     std::uint32_t device_id, DiskModel model, std::uint64_t sectors, std::uint8_t phase)
    : queue_(queue),
      irq_(irq),
      trace_(trace),
      memory_(memory),
      device_id_(device_id),
      model_(model),
      sectors_(sectors),
      phase_(phase) {
  KS_ASSERT(sectors >= 1 && sectors <= capacity(model), "a drive's size is inside its model's capacity");
  if (model == DiskModel::Ssd) ssd_.emplace(SsdGeometry{});
  if (model == DiskModel::Hdd) hdd_.emplace(HddGeometry{});
}

void DiskDrive::peek(std::uint64_t sector, std::span<std::uint8_t> out) const {
  KS_ASSERT(out.size() % kSectorSize == 0 && sector < sectors_ && out.size() / kSectorSize <= sectors_ - sector,
            "a peek lies inside the drive");
  const std::uint64_t from = sector * kSectorSize;
  std::fill(out.begin(), out.end(), std::uint8_t{0});
  if (from >= data_.size()) return;
  const std::size_t held = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), data_.size() - from));
  std::copy_n(data_.begin() + static_cast<std::ptrdiff_t>(from), held, out.begin());
}

void DiskDrive::poke(std::uint64_t sector, std::span<const std::uint8_t> bytes) {
  KS_ASSERT(bytes.size() % kSectorSize == 0 && sector < sectors_ && bytes.size() / kSectorSize <= sectors_ - sector,
            "a poke lies inside the drive");
  const std::uint64_t from = sector * kSectorSize;
  if (data_.size() < from + bytes.size()) data_.resize(static_cast<std::size_t>(from + bytes.size()), 0);
  std::copy(bytes.begin(), bytes.end(), data_.begin() + static_cast<std::ptrdiff_t>(from));
}

void DiskDrive::submit(const IoRequest& request) {
  KS_ASSERT(request.direction == IoDirection::Read || request.direction == IoDirection::Write,
            "a data disk is asked to read or to write");
  KS_ASSERT(request.count >= 1 && request.sector < sectors_ && request.count <= sectors_ - request.sector,
            "a disk request lies inside the drive");
  KS_ASSERT(memory_.contains(request.buffer, std::uint64_t{request.count} * kSectorSize),
            "a disk request's buffer lies in RAM");
  if (request.direction == IoDirection::Write) {  // DMA from RAM now: the drive's buffer holds the bytes
    std::vector<std::uint8_t> bytes(std::size_t{request.count} * kSectorSize);
    memory_.read_bytes(request.buffer, bytes);
    poke(request.sector, bytes);
  }
  if (current_) {
    waiting_.push_back(request);
    return;
  }
  start(request);
}

Tick DiskDrive::service_time(const IoRequest& request) {
  switch (model_) {
    case DiskModel::Ram: return ram_.service(request.sector, request.count);
    case DiskModel::Ssd:
      return request.direction == IoDirection::Write ? ssd_->write(request.sector, request.count)
                                                     : ssd_->read(request.sector, request.count);
    case DiskModel::Hdd: {
      const HddService service = hdd_->service(head_cylinder_, queue_.now(), request.sector, request.count);
      head_cylinder_ = service.cylinder;
      return service.total();
    }
  }
  return 1;
}

void DiskDrive::start(const IoRequest& request) {
  current_ = request;
  current_->service = std::max<Tick>(1, service_time(request));
  busy_time_ += current_->service;
  if (trace_.recording()) {
    trace_.emit({queue_.now(), EventKind::IoRequest, kNoCpu, request.pid, request.tid, device_id_, current_->service});
  }
  queue_.schedule(queue_.now() + current_->service, phase_, *this, 0, 0);
}

void DiskDrive::on_event(std::uint32_t /*kind*/, std::uint64_t /*arg*/) {
  KS_ASSERT(current_.has_value(), "a disk completion follows a request in service");
  const IoRequest done = *current_;
  current_.reset();
  if (done.direction == IoDirection::Read) {  // DMA into RAM at the end of the transfer
    std::vector<std::uint8_t> bytes(std::size_t{done.count} * kSectorSize);
    peek(done.sector, bytes);
    memory_.write_bytes(done.buffer, bytes);
    ++reads_;
  } else {
    ++writes_;
  }
  if (trace_.recording()) {
    trace_.emit({queue_.now(), EventKind::IoComplete, kNoCpu, done.pid, done.tid, device_id_, done.service});
  }
  if (!waiting_.empty()) {
    const IoRequest next = waiting_.front();
    waiting_.pop_front();
    start(next);
  }
  irq_.raise(InterruptLine::Disk, kNoCpu, done.tag);
}

}  // namespace ks
