// The system calls that make, replace, end, wait for and list processes: fork, execve, wait4,
// kill, process_list: members of Processes (kernel/proc/processes.h). exit and exit_group only
// say how the caller ends (syscalls.cpp) and the trap path ends it (kernel/trap/trap.cpp); the
// ends of threads and processes are in processes.cpp.
//
// INIT IS PROTECTED. Pid 1 is the first program (the shell of `kernsim boot`), the process that
// inherits orphans and reaps them. As Linux does for an init that has no signal handlers (and
// kernsim has no handlers), kill() from a program cannot end it: kill(1, SIGNAL) fails with
// -EPERM (signal 0, the existence test, still succeeds). A fault in pid 1, or its own exit,
// still ends it; then nobody reaps orphans any more and they are reaped as they end.
#include "kernel/exec/user_executor.h"
#include "kernel/kernel.h"
#include "kernel/proc/elf_loader.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/proc/resources.h"
#include "kernel/sync/wait.h"
#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::size_t kMaxUserProcesses = 256;
constexpr std::size_t kMaxArguments = 256;
constexpr std::size_t kMaxArgumentBytes = 64u << 10;
constexpr std::uint32_t kWaitNoHang = 1;  // WNOHANG
constexpr std::int32_t kMaxSignal = 64;
constexpr Pid kInit = 1;                      // protected from kill()
constexpr std::uint32_t kMaxListed = 4096;    // process_list: records per call
constexpr std::size_t kListRecordBytes = 32;  // struct ks_process_info (docs/syscalls.md)
constexpr std::size_t kListNameBytes = 16;

// Reads execve's NULL-terminated ARGV array at user address ARRAY (0: no arguments).
std::int64_t copy_in_argv(AddressSpace& space, std::uint32_t array, std::vector<std::string>& argv) {
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
SyscallOutcome Processes::sys_fork(Thread& caller, const SyscallContext& /*call*/) {
  ProcessTable& table = *kernel_.table_;
  UserExecutor& user = kernel_.user();
  const Pid parent = caller.pid;
  // Without a pager a full memory cannot give the child its first table; with one, it can (by evicting).
  if (live_user_processes_ >= kMaxUserProcesses ||
      (user.frames().free_count() == 0 && user.frames().pager() == nullptr))
    return syscall_error(err::kAgain);
  const std::optional<std::uint16_t> asid = user.take_asid();
  if (!asid) return syscall_error(err::kAgain);
  ProcessResources& source = *table.process(parent).resources;
  std::unique_ptr<AddressSpace> space = AddressSpace::create(user.memory(), user.frames(), source.space->mode());
  if (!space || !space->copy_from(*source.space)) {
    user.free_asid(*asid);
    return syscall_error(err::kAgain);  // SPACE's destructor gives its frames back
  }
  const Pid child = new_process(parent, table.process(parent).name_id);
  Process& process = table.process(child);
  process.resources = std::make_unique<ProcessResources>();
  ++live_user_processes_;
  ProcessResources& copy = *process.resources;
  copy.asid = *asid;
  user.attach(*space, *asid, child);
  copy.fds = source.fds;
  copy.cwd = source.cwd;
  kernel_.fs_->open_inode(copy.cwd);
  const ContextId context = user.harts().clone_context(caller.context);
  user.harts().set_address_space(context, MmuMode::Sv32, space->root_frame() << kPageShift, *asid);
  user.harts().finish_syscall(context, 0);
  copy.space = std::move(space);
  add_user_thread(child, context, caller);
  return syscall_result(child);
}

// wait4: reaps the lowest-numbered dead child (of those PID selects), or blocks until one dies.
SyscallOutcome Processes::sys_wait4(Thread& caller, const SyscallContext& call) {
  ProcessTable& table = *kernel_.table_;
  const Pid self = caller.pid;
  const std::int32_t target = call.arg_int(0);
  const std::uint32_t status_address = call.args[1];
  const std::uint32_t options = call.args[2];
  if ((options & ~kWaitNoHang) != 0) return syscall_error(err::kInvalid);
  if (status_address != 0 && !call.space().can_access(status_address, 4, true)) return syscall_error(err::kFault);
  bool any = false;
  Pid found = kNoPid;
  for (Pid pid = 1; pid < table.process_end() && found == kNoPid; ++pid) {
    const Process& child = table.process(pid);
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
  Process& child = table.process(found);
  child.reaped = true;
  const std::uint32_t status = child.signal != 0 ? static_cast<std::uint32_t>(child.signal)
                                                 : (static_cast<std::uint32_t>(child.exit_status) & 0xffu) << 8;
  if (status_address != 0) {
    const std::array<std::uint8_t, 4> bytes = {
        static_cast<std::uint8_t>(status), static_cast<std::uint8_t>(status >> 8),
        static_cast<std::uint8_t>(status >> 16), static_cast<std::uint8_t>(status >> 24)};
    const bool copied = call.space().copy_out(status_address, bytes);
    KS_ASSERT(copied, "a status word checked writable takes the status");
  }
  return syscall_result(found);
}

// execve: builds the new image completely before touching the old one, so that every failure
// (no such file, not an ELF executable, no memory, bad arguments) returns to the old image.
SyscallOutcome Processes::sys_execve(Thread& caller, const SyscallContext& call) {
  Vfs& fs = *kernel_.fs_;
  UserExecutor& user = kernel_.user();
  std::string path;
  if (const std::int64_t r = copy_in_string(call.space(), call.args[0], Vfs::kMaxPath, path); r < 0)
    return syscall_result(r);
  std::vector<std::string> argv;
  if (const std::int64_t r = copy_in_argv(call.space(), call.args[1], argv); r < 0) return syscall_result(r);
  ProcessResources& process = *call.process;
  const VnodeResult found = fs.lookup(process.cwd, path);
  if (!found.ok()) return syscall_result(found.error);
  if (fs.is_directory(found.vnode)) return syscall_error(err::kIsDirectory);
  std::vector<std::uint8_t> file;
  if (const std::int64_t r = fs.read_whole(found.vnode, file); r < 0) return syscall_result(r);
  ElfImage image;
  try {
    image = elf_parse(file, path);
  } catch (const InputError&) {
    return syscall_error(err::kNotExecutable);
  }
  if (user.frames().free_count() == 0 && user.frames().pager() == nullptr) return syscall_error(err::kNoMemory);
  std::unique_ptr<AddressSpace> space = AddressSpace::create(user.memory(), user.frames(), kernel_.config_.paging);
  if (!space) return syscall_error(err::kNoMemory);
  const std::optional<std::uint32_t> sp = space->load(image, argv);
  if (!sp) return syscall_error(err::kNoMemory);

  // The point of no return: the old image goes, and the other threads with it.
  user.flush_asid(process.asid);
  user.attach(*space, process.asid, caller.pid);
  process.space = std::move(space);
  Rv32imaModel& harts = user.harts();
  const ContextId context = caller.context;
  for (unsigned n = 1; n < 32; ++n) harts.set_reg(context, n, 0);
  harts.set_reg(context, rv32::kSp, *sp);
  harts.set_pc(context, image.entry);
  harts.set_address_space(context, MmuMode::Sv32, process.space->root_frame() << kPageShift, process.asid);
  // From here on the process goes by its new program's name (metrics and the visualizer too).
  Process& record = kernel_.table_->process(caller.pid);
  record.name_id = kernel_.machine_.trace().add_name(path.substr(path.rfind('/') + 1));
  kernel_.emit(EventKind::ProcessExec, caller.cpu, &caller, 0, record.name_id);
  for (const Tid other : process.threads) {
    if (other == caller.tid) continue;
    kernel_.table_->thread(other).must_exit = true;
    kernel_.waits_->wake_soon(other);
  }
  return {SyscallOutcome::Kind::Continue, 0};
}

SyscallOutcome Processes::sys_kill(Thread& /*caller*/, const SyscallContext& call) {
  const ProcessTable& table = *kernel_.table_;
  const std::int32_t target = call.arg_int(0);
  const std::int32_t signal = call.arg_int(1);
  if (signal < 0 || signal > kMaxSignal) return syscall_error(err::kInvalid);
  if (target <= 0 || static_cast<Pid>(target) >= table.process_end() ||
      !table.process(static_cast<Pid>(target)).live_user_process()) {
    return syscall_error(err::kNoProcess);
  }
  if (signal == 0) return syscall_result(0);
  if (static_cast<Pid>(target) == kInit) return syscall_error(err::kPermission);
  kill_process(static_cast<Pid>(target), 128 + signal, signal);
  return syscall_result(0);
}

// process_list(records, count): the user programs' processes that have not been reaped, by pid,
// as 32-byte records (pid, parent, state, threads, name[16]); writes at most COUNT of them and
// returns how many there are, so a caller with too small a buffer learns what it needs.
SyscallOutcome Processes::sys_process_list(Thread& /*caller*/, const SyscallContext& call) {
  const ProcessTable& table = *kernel_.table_;
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
  for (Pid pid = 1; pid < table.process_end(); ++pid) {
    const Process& process = table.process(pid);
    if (process.reaped || process.main_thread == kNoTid) continue;
    const Thread& first = table.thread(process.main_thread);
    if (!first.user_code || first.state == ProcessState::New) continue;
    if (listed++ >= count) continue;
    char state = 'Z';
    std::uint32_t threads = 0;
    if (!process.exited) {
      state = 'S';
      for (const Tid tid : process.resources->threads) {
        ++threads;
        const ProcessState thread_state = table.thread(tid).state;
        if (thread_state == ProcessState::Running || thread_state == ProcessState::Ready) state = 'R';
      }
    }
    put32(pid);
    put32(process.parent == kNoPid ? 0 : process.parent);
    put32(static_cast<std::uint8_t>(state));
    put32(threads);
    std::string name(kernel_.machine_.trace().name(process.name_id).substr(0, kListNameBytes - 1));
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
