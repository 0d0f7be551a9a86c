// The system calls that make, replace, end, wait for and list processes: fork, execve, wait4,
// kill, process_list. (exit and exit_group are handled in Kernel::handle_syscall; the ends of
// threads and processes in user_process.cpp.)
//
// INIT IS PROTECTED. Pid 1 is the first program (the shell of `kernsim boot`), the process that
// inherits orphans and reaps them. As Linux does for an init that has no signal handlers (and
// kernsim has no handlers), kill() from a program cannot end it: kill(1, SIGNAL) fails with
// -EPERM (signal 0, the existence test, still succeeds). A fault in pid 1, or its own exit,
// still ends it; then nobody reaps orphans any more and they are reaped as they end.
#include "kernel/kernel.h"
#include "kernel/proc/elf_loader.h"
#include "kernel/proc/user_machine.h"
#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::size_t kMaxUserProcesses = 256;
constexpr std::size_t kMaxArguments = 256;
constexpr std::size_t kMaxArgumentBytes = 64u << 10;
constexpr std::uint32_t kWaitNoHang = 1;  // WNOHANG
constexpr std::int32_t kMaxSignal = 64;
constexpr Pid kInit = 1;
constexpr std::uint32_t kMaxListed = 4096;      // process_list: records per call
constexpr std::size_t kListRecordBytes = 32;    // struct ks_process_info (docs/syscalls.md)
constexpr std::size_t kListNameBytes = 16;

// Reads execve's NULL-terminated ARGV array at user address ARRAY (0: no arguments).
std::int64_t copy_in_argv(const AddressSpace& space, std::uint32_t array, std::vector<std::string>& argv) {
  std::size_t bytes = 0;
  for (std::uint32_t at = array; array != 0; at += 4) {
    std::array<std::uint8_t, 4> word{};
    if (at < array || !space.copy_in(at, word)) return -err::kFault;
    const std::uint32_t pointer = word[0] | (word[1] << 8) | (word[2] << 16) | (std::uint32_t{word[3]} << 24);
    if (pointer == 0) break;
    if (argv.size() == kMaxArguments) return -err::kTooBig;
    std::string arg;
    const std::int64_t r = copy_in_string(space, pointer, kMaxArgumentBytes, arg);
    if (r == -err::kNameTooLong) return -err::kTooBig;
    if (r < 0) return r;
    bytes += arg.size() + 1 + 4;
    if (bytes > kMaxArgumentBytes) return -err::kTooBig;
    argv.push_back(std::move(arg));
  }
  return 0;
}

}  // namespace

// fork: the child gets an eager copy of the caller's memory, a copy of its descriptor table
// (sharing the open files, so parent and child share offsets as in Unix), its working
// directory, and one thread: a copy of the caller's registers, returning 0 from the ecall.
SyscallOutcome Kernel::sys_fork(Tid tid) {
  const Thread caller = threads_[tid];  // a copy: adding the child's thread moves the table
  const Pid parent = caller.pid;
  if (user_->processes.size() >= kMaxUserProcesses || user_->allocator.free_count() == 0) return syscall_error(err::kAgain);
  const std::optional<std::uint16_t> asid = user_->take_asid();
  if (!asid) return syscall_error(err::kAgain);
  UserProcess& source = user_->processes.at(parent);
  auto space = std::make_unique<AddressSpace>(user_->memory, user_->allocator);
  if (!space->copy_from(*source.space)) {
    user_->free_asid(*asid);
    return syscall_error(err::kAgain);  // SPACE's destructor gives its frames back
  }
  const Pid child = new_process(parent, processes_[parent].name_id);
  UserProcess& copy = user_->processes[child];  // std::map: SOURCE stays valid
  copy.asid = *asid;
  copy.fds = source.fds;
  copy.cwd = source.cwd;
  fs_.open_inode(copy.cwd);
  const ContextId context = user_->cpu.clone_context(caller.context);
  user_->cpu.set_address_space(context, MmuMode::Sv32, space->root_frame() << kPageShift, *asid);
  user_->cpu.finish_syscall(context, 0);
  copy.space = std::move(space);
  add_user_thread(child, context, caller);
  return syscall_result(child);
}

// wait4: reaps the lowest-numbered dead child (of those PID selects), or blocks until one dies.
SyscallOutcome Kernel::sys_wait4(Tid tid, const SyscallContext& call) {
  const Pid self = threads_[tid].pid;
  const std::int32_t target = call.arg_int(0);
  const std::uint32_t status_address = call.args[1];
  const std::uint32_t options = call.args[2];
  if ((options & ~kWaitNoHang) != 0) return syscall_error(err::kInvalid);
  if (status_address != 0 && !call.space().can_access(status_address, 4, true)) return syscall_error(err::kFault);
  bool any = false;
  Pid found = kNoPid;
  for (Pid pid = 1; pid < processes_.size() && found == kNoPid; ++pid) {
    const Process& child = processes_[pid];
    if (child.parent != self || child.reaped) continue;
    if (target > 0 && pid != static_cast<Pid>(target)) continue;  // 0 and < -1 (groups) mean any child
    any = true;
    if (child.exited) found = pid;
  }
  if (!any) return syscall_error(err::kNoChild);
  if (found == kNoPid) {
    if (options & kWaitNoHang) return syscall_result(0);
    return syscall_block(call.process->child_exited, BlockReason::Wait);
  }
  Process& child = processes_[found];
  child.reaped = true;
  const std::uint32_t status = child.signal != 0 ? static_cast<std::uint32_t>(child.signal)
                                                 : (static_cast<std::uint32_t>(child.exit_status) & 0xffu) << 8;
  if (status_address != 0) {
    const std::array<std::uint8_t, 4> bytes = {static_cast<std::uint8_t>(status), static_cast<std::uint8_t>(status >> 8),
                                               static_cast<std::uint8_t>(status >> 16), static_cast<std::uint8_t>(status >> 24)};
    const bool copied = call.space().copy_out(status_address, bytes);
    KS_ASSERT(copied, "a status word checked writable takes the status");
  }
  return syscall_result(found);
}

// execve: builds the new image completely before touching the old one, so that every failure
// (no such file, not an ELF executable, no memory, bad arguments) returns to the old image.
SyscallOutcome Kernel::sys_execve(Tid tid, const SyscallContext& call) {
  std::string path;
  if (const std::int64_t r = copy_in_string(call.space(), call.args[0], MemFs::kMaxPath, path); r < 0) return syscall_result(r);
  std::vector<std::string> argv;
  if (const std::int64_t r = copy_in_argv(call.space(), call.args[1], argv); r < 0) return syscall_result(r);
  UserProcess& process = *call.process;
  const std::int64_t ino = fs_.lookup(process.cwd, path);
  if (ino < 0) return syscall_result(ino);
  if (fs_.is_directory(static_cast<Ino>(ino))) return syscall_error(err::kIsDirectory);
  const std::vector<std::uint8_t>& file = fs_.inode(static_cast<Ino>(ino)).data;
  ElfImage image;
  try {
    image = elf_parse(file, path);
  } catch (const InputError&) {
    return syscall_error(err::kNotExecutable);
  }
  if (user_->allocator.free_count() == 0) return syscall_error(err::kNoMemory);
  auto space = std::make_unique<AddressSpace>(user_->memory, user_->allocator);
  const std::optional<std::uint32_t> sp = space->load(image, argv);
  if (!sp) return syscall_error(err::kNoMemory);

  // The point of no return: the old image goes, and the other threads with it.
  user_->flush_asid(process.asid);
  process.space = std::move(space);
  const ContextId context = threads_[tid].context;
  for (unsigned n = 1; n < 32; ++n) user_->cpu.set_reg(context, n, 0);
  user_->cpu.set_reg(context, rv32::kSp, *sp);
  user_->cpu.set_pc(context, image.entry);
  user_->cpu.set_address_space(context, MmuMode::Sv32, process.space->root_frame() << kPageShift, process.asid);
  // From here on the process goes by its new program's name (metrics and the visualizer too).
  const Pid pid = threads_[tid].pid;
  processes_[pid].name_id = machine_.trace().add_name(path.substr(path.rfind('/') + 1));
  emit(EventKind::ProcessExec, threads_[tid].cpu, &threads_[tid], 0, processes_[pid].name_id);
  for (const Tid other : process.threads) {
    if (other == tid) continue;
    UserThread& thread = user_->threads.at(other);
    thread.must_exit = true;
    wake_soon(other);
  }
  return {SyscallOutcome::Kind::Continue, 0};
}

SyscallOutcome Kernel::sys_kill(Tid /*tid*/, const SyscallContext& call) {
  const std::int32_t target = call.arg_int(0);
  const std::int32_t signal = call.arg_int(1);
  if (signal < 0 || signal > kMaxSignal) return syscall_error(err::kInvalid);
  if (target <= 0 || !user_->processes.contains(static_cast<Pid>(target))) return syscall_error(err::kNoProcess);
  if (signal == 0) return syscall_result(0);
  if (static_cast<Pid>(target) == kInit) return syscall_error(err::kPermission);
  kill_process(static_cast<Pid>(target), 128 + signal, signal);
  return syscall_result(0);
}

// process_list(records, count): the user programs' processes that have not been reaped, by pid,
// as 32-byte records (pid, parent, state, threads, name[16]); writes at most COUNT of them and
// returns how many there are, so a caller with too small a buffer learns what it needs.
SyscallOutcome Kernel::sys_process_list(const SyscallContext& call) {
  const std::uint32_t address = call.args[0], count = call.args[1];
  if (count > kMaxListed) return syscall_error(err::kInvalid);
  if (count > 0 && !call.space().can_access(address, static_cast<std::uint32_t>(count * kListRecordBytes), true)) {
    return syscall_error(err::kFault);
  }
  std::vector<std::uint8_t> out;
  std::uint32_t listed = 0;
  const auto put32 = [&out](std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  };
  for (Pid pid = 1; pid < processes_.size(); ++pid) {
    const Process& process = processes_[pid];
    if (process.reaped || process.main_thread == kNoTid) continue;
    const Thread& first = threads_[process.main_thread];
    if (!first.user_code || first.state == ProcessState::New) continue;
    if (listed++ >= count) continue;
    char state = 'Z';
    std::uint32_t threads = 0;
    if (!process.exited) {
      state = 'S';
      for (const Tid tid : user_->processes.at(pid).threads) {
        ++threads;
        if (threads_[tid].state == ProcessState::Running || threads_[tid].state == ProcessState::Ready) state = 'R';
      }
    }
    put32(pid);
    put32(process.parent == kNoPid ? 0 : process.parent);
    put32(static_cast<std::uint8_t>(state));
    put32(threads);
    std::string name(machine_.trace().name(process.name_id).substr(0, kListNameBytes - 1));
    name.resize(kListNameBytes, '\0');
    out.insert(out.end(), name.begin(), name.end());
  }
  if (!out.empty()) {
    const bool copied = call.space().copy_out(address, out);
    KS_ASSERT(copied, "a buffer checked writable takes the records");
  }
  return syscall_result(listed);
}

}  // namespace ks
