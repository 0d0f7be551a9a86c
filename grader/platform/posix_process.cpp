// grader/platform/posix_process.cpp — the sandbox on POSIX systems (Linux, macOS): fork, limits,
// optional bubblewrap, a wall-clock watchdog. The only file of the grader that calls POSIX.
//
// The child, between fork and exec, puts itself in its own process group, redirects its output
// to files, sets RLIMIT_CPU/AS/NPROC/FSIZE/CORE, drops to an unprivileged user id when the
// grader is root, and execs either the command or bubblewrap wrapping it. The parent polls
// wait4() and, past the wall-clock deadline, kills the child's whole process group (and with
// bubblewrap its whole pid namespace, which dies with its first process).
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "grader/sandbox.h"

extern "C" char** environ;

namespace ks::grade {
namespace fs = std::filesystem;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;  // ASan reserves terabytes of address space: no RLIMIT_AS
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

constexpr uid_t kSandboxUidBase = 200000;
constexpr int kChdirFailed = 100000;  // added to errno when the child cannot enter its folder

// Processes currently owned by UID (Linux: counted in /proc; elsewhere 0, so only the margin counts).
std::int64_t processes_of(uid_t uid) {
  std::int64_t count = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc", error)) {
    struct stat info {};
    if (std::isdigit(static_cast<unsigned char>(entry.path().filename().string()[0])) &&
        ::stat(entry.path().c_str(), &info) == 0 && info.st_uid == uid) {
      ++count;
    }
  }
  return count;
}

// Kills every process owned by UID (Linux: found in /proc), twice over, as a forking process
// may add one between the scan and the kill.
// Kills every process of UID and waits until none is left, zombies included (at most 5 s): a
// process killed a moment ago still counts against UID's process limit (RLIMIT_NPROC) until its
// parent reaps it, and the next test of the same submission runs as the same user, so starting
// it earlier fails at its first fork ("Resource temporarily unavailable") when the last one
// filled the limit (a fork bomb). The orphans of a killed pid namespace are reaped by init, which
// takes longer on a loaded machine.
void kill_processes_of(uid_t uid) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (true) {
    bool found = false;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/proc", error)) {
      const std::string name = entry.path().filename().string();
      struct stat info {};
      if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) &&
          ::stat(entry.path().c_str(), &info) == 0 && info.st_uid == uid) {
        ::kill(static_cast<pid_t>(std::stol(name)), SIGKILL);
        found = true;
      }
    }
    if (!found || std::chrono::steady_clock::now() > give_up) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// A user id for one sandboxed child of this grader process: unique among concurrent graders.
uid_t next_sandbox_uid() {
  static std::atomic<unsigned> counter{0};
  const auto pid = static_cast<unsigned>(::getpid());
  return kSandboxUidBase + static_cast<uid_t>((pid % 4096u) * 256u + (counter++ % 256u));
}

void chown_tree(const std::string& path, uid_t uid) {
  std::error_code error;
  if (::lchown(path.c_str(), uid, uid) != 0) return;
  if (!fs::is_directory(path, error)) return;
  for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    (void)::lchown(it->path().c_str(), uid, uid);
  }
}

void add_system_dirs(std::vector<std::string>& args) {
  for (const char* dir : {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/alternatives"}) {
    std::error_code error;
    if (fs::is_symlink(dir, error)) {
      args.insert(args.end(), {"--symlink", fs::read_symlink(dir, error).string(), dir});
    } else if (fs::exists(dir, error)) {
      args.insert(args.end(), {"--ro-bind", dir, dir});
    }
  }
  for (const char* file : {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/passwd", "/etc/group", "/etc/localtime"}) {
    args.insert(args.end(), {"--ro-bind-try", file, file});
  }
}

std::vector<std::string> bubblewrap_command(const SandboxRequest& request) {
  std::vector<std::string> args = {"bwrap", "--unshare-all", "--die-with-parent", "--new-session"};
  add_system_dirs(args);
  args.insert(args.end(), {"--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"});
  for (const SandboxPath& path : request.paths) {
    args.insert(args.end(), {path.writable ? "--bind" : "--ro-bind", path.path, path.path});
  }
  for (const std::string& hidden : request.hidden) args.insert(args.end(), {"--tmpfs", hidden});
  args.insert(args.end(), {"--bind", request.work_dir, request.work_dir, "--chdir", request.work_dir, "--"});
  args.insert(args.end(), request.argv.begin(), request.argv.end());
  return args;
}

void set_limit(int resource, rlim_t soft, rlim_t hard) {
  struct rlimit limit {
    soft, hard
  };
  (void)::setrlimit(resource, &limit);
}

// The argument and environment arrays for exec, prepared before fork (the child then only
// makes system calls, which is safe even when other threads of the parent hold locks).
struct ExecArrays {
  std::vector<std::string> strings;
  std::vector<char*> args, envp;
};

void prepare_exec(const SandboxRequest& request, const std::vector<std::string>& argv, ExecArrays& arrays) {
  std::vector<std::string> env = request.environment;
  env.push_back("PATH=/usr/local/bin:/usr/bin:/bin");
  env.push_back("HOME=" + request.work_dir);
  arrays.strings = argv;
  arrays.strings.insert(arrays.strings.end(), env.begin(), env.end());
  for (std::size_t i = 0; i < arrays.strings.size(); ++i) {
    (i < argv.size() ? arrays.args : arrays.envp).push_back(arrays.strings[i].data());
  }
  arrays.args.push_back(nullptr);
  arrays.envp.push_back(nullptr);
}

// Runs in the child between fork and exec; never returns. Reports a failure through ERROR_FD.
[[noreturn]] void start_child(const SandboxRequest& request, ExecArrays& exec, uid_t uid, rlim_t nproc, int error_fd) {
  const auto fail = [&](int code) {
    (void)!::write(error_fd, &code, sizeof code);
    ::_exit(127);
  };
  ::setpgid(0, 0);
  ::signal(SIGXFSZ, SIG_DFL);  // the grader ignores it (ignore_file_size_signal); the child must not
  const int null_fd = ::open("/dev/null", O_RDWR);
  ::dup2(null_fd, 0);
  const auto redirect = [&](const std::string& file, int target) {
    const int fd = file.empty() ? null_fd : ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) fail(errno);
    ::dup2(fd, target);
  };
  redirect(request.stdout_file, 1);
  redirect(request.stderr_file, 2);
  const SandboxLimits& limits = request.limits;
  const auto cpu = static_cast<rlim_t>(std::ceil(limits.cpu_seconds));
  set_limit(RLIMIT_CPU, cpu, cpu + 1);
  if (!kSanitized)
    set_limit(RLIMIT_AS, static_cast<rlim_t>(limits.memory_bytes), static_cast<rlim_t>(limits.memory_bytes));
  set_limit(RLIMIT_FSIZE, static_cast<rlim_t>(limits.file_bytes), static_cast<rlim_t>(limits.file_bytes));
  set_limit(RLIMIT_CORE, 0, 0);
  set_limit(RLIMIT_NPROC, nproc, nproc);
  if (uid != ::getuid() && ::getuid() == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(uid) != 0 || ::setuid(uid) != 0) fail(errno);
  }
  if (::chdir(request.work_dir.c_str()) != 0) fail(kChdirFailed + errno);
  environ = exec.envp.data();  // execvpe is not POSIX; execvp searches PATH with the new environment
  ::execvp(exec.args[0], exec.args.data());
  fail(errno);
  ::_exit(127);
}

double seconds(const struct timeval& time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

ChildOutcome run_child(const SandboxRequest& request, bool use_bubblewrap) {
  ChildOutcome outcome;
  outcome.isolated = use_bubblewrap;
  const bool drop = request.drop_privileges && ::getuid() == 0;
  const uid_t uid = !drop ? ::getuid() : request.uid != 0 ? static_cast<uid_t>(request.uid) : next_sandbox_uid();
  const auto nproc = static_cast<rlim_t>(request.limits.processes + (drop ? 0 : processes_of(uid)));
  if (drop) {
    chown_tree(request.work_dir, uid);
    (void)::chmod(request.work_dir.c_str(), 0700);  // its user's only: not another submission's
    for (const SandboxPath& path : request.paths) {
      if (path.writable) chown_tree(path.path, uid);
    }
  }
  ExecArrays exec;
  prepare_exec(request, use_bubblewrap ? bubblewrap_command(request) : request.argv, exec);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0 || ::fcntl(pipe_fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
      ::fcntl(pipe_fds[1], F_SETFD, FD_CLOEXEC) != 0) {
    outcome.problem = std::string("pipe: ") + std::strerror(errno);
    return outcome;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    outcome.problem = std::string("fork: ") + std::strerror(errno);
    return outcome;
  }
  if (pid == 0) start_child(request, exec, uid, nproc, pipe_fds[1]);
  ::close(pipe_fds[1]);
  int status = 0;
  struct rusage usage {};
  bool timed_out = false;
  while (true) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed.count() > request.limits.wall_seconds) {
      timed_out = true;
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(-pid, SIGKILL);  // whatever is left of its process group
  // A child may have left its process group (setsid) to outlive the watchdog: as root, every
  // process of the submission's user id dies with the child that ran it.
  if (drop && uid >= kSandboxUidBase) kill_processes_of(uid);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  outcome.wall_seconds = elapsed.count();
  outcome.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  outcome.max_rss_bytes = static_cast<std::int64_t>(usage.ru_maxrss) * 1024;
  int start_error = 0;
  if (::read(pipe_fds[0], &start_error, sizeof start_error) == static_cast<ssize_t>(sizeof start_error)) {
    outcome.end = ChildEnd::FailedToStart;
    outcome.problem =
        start_error >= kChdirFailed
            ? "the sandboxed child cannot enter " + request.work_dir + ": " +
                  std::strerror(start_error - kChdirFailed) +
                  (::getuid() == 0
                       ? " (it runs as an unprivileged user: every folder above it must be searchable, chmod o+x)"
                       : "")
            : "cannot start " + request.argv[0] + ": " + std::strerror(start_error);
  } else if (timed_out) {
    outcome.end = ChildEnd::WallTimeout;
  } else if (WIFSIGNALED(status)) {
    outcome.end = ChildEnd::Signaled;
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.end = ChildEnd::Exited;
    outcome.exit_code = WEXITSTATUS(status);
    // bubblewrap reports its child's death by signal N as exit status 128 + N.
    if (use_bubblewrap && outcome.exit_code > 128 && outcome.exit_code < 128 + 65) {
      outcome.end = ChildEnd::Signaled;
      outcome.signal = outcome.exit_code - 128;
    }
  }
  ::close(pipe_fds[0]);
  return outcome;
}

}  // namespace

bool bubblewrap_available() {
  static const bool available = [] {
    const char* off = std::getenv("KGRADE_NO_BWRAP");
    if (off != nullptr && *off != '\0' && std::string(off) != "0") return false;
    std::error_code error;
    const fs::path dir = fs::temp_directory_path(error) / ("kgrade-probe-" + std::to_string(::getpid()));
    fs::create_directories(dir, error);
    SandboxRequest probe;
    probe.argv = {"true"};
    probe.work_dir = dir.string();
    probe.limits.wall_seconds = 10;
    const ChildOutcome outcome = run_child(probe, true);
    fs::remove_all(dir, error);
    return outcome.end == ChildEnd::Exited && outcome.exit_code == 0;
  }();
  return available;
}

ChildOutcome run_sandboxed(const SandboxRequest& request) {
  return run_child(request, request.isolate && bubblewrap_available());
}

std::string sandbox_description(bool isolate) {
  std::string text = "resource limits (CPU, memory, processes, file size) and a wall-clock watchdog";
  if (::getuid() == 0) text += "; children run as an unprivileged user id";
  if (isolate && bubblewrap_available())
    return "bubblewrap (no network, read-only system, private /tmp, own pid namespace), " + text;
  return text + "; bubblewrap is " + (isolate ? "not available here" : "turned off") +
         ", so children see the whole file system";
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV (segmentation fault)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGABRT: return "SIGABRT (abort)";
    case SIGFPE: return "SIGFPE (arithmetic error)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGKILL: return "SIGKILL";
    case SIGXCPU: return "SIGXCPU (CPU time limit)";
    case SIGXFSZ: return "SIGXFSZ (file size limit)";
    default: return "signal " + std::to_string(signal);
  }
}

bool running_as_root() { return ::getuid() == 0; }

void ignore_file_size_signal() { ::signal(SIGXFSZ, SIG_IGN); }

std::uint32_t allocate_sandbox_uid() { return static_cast<std::uint32_t>(next_sandbox_uid()); }

std::string folder_blocking_others(const std::string& path) {
  std::error_code error;
  fs::path folder = fs::absolute(path, error);
  // The folder itself may not exist yet: what matters is every folder above it that does.
  while (!folder.empty() && !fs::exists(folder, error)) {
    if (folder == folder.parent_path()) break;
    folder = folder.parent_path();
  }
  std::vector<fs::path> chain;
  for (fs::path at = folder; !at.empty(); at = at.parent_path()) {
    chain.push_back(at);
    if (at == at.parent_path()) break;
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    struct stat info {};
    if (::stat(it->c_str(), &info) != 0) return it->string() + " (" + std::strerror(errno) + ")";
    if ((info.st_mode & S_IXOTH) == 0)
      return it->string() + " (mode " + std::to_string((info.st_mode >> 6) & 7) +
             std::to_string((info.st_mode >> 3) & 7) + std::to_string(info.st_mode & 7) + ")";
  }
  return {};
}

void open_folder_to_children(const std::string& folder) { (void)::chmod(folder.c_str(), 0711); }

void seal_folder(const std::string& folder) {
  if (::getuid() != 0) return;
  chown_tree(folder, 0);
  (void)::chmod(folder.c_str(), 0700);
}

std::string read_submitted_file(const std::string& file, std::size_t max_bytes, std::string& content) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ELOOP) return "it is a symbolic link; hand in the file itself";
    return std::string("cannot open it: ") + std::strerror(errno);
  }
  struct stat info {};
  std::string problem;
  if (::fstat(fd, &info) != 0) problem = std::string("cannot read it: ") + std::strerror(errno);
  else if (!S_ISREG(info.st_mode)) problem = "it is not a regular file (a folder, a device, a FIFO or a socket)";
  else if (info.st_nlink != 1) problem = "it is a hard link to another file; hand in a copy of the file itself";
  else if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
    problem = "it is " + std::to_string(info.st_size) + " bytes, more than the limit of " + std::to_string(max_bytes);
  }
  if (problem.empty()) {
    content.resize(max_bytes + 1);
    std::size_t used = 0;
    while (used < content.size()) {
      const ssize_t got = ::read(fd, content.data() + used, content.size() - used);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      used += static_cast<std::size_t>(got);
    }
    content.resize(used);
    if (used > max_bytes) problem = "it is larger than the limit of " + std::to_string(max_bytes) + " bytes";
  }
  ::close(fd);
  return problem;
}

std::string check_limits_settable(const SandboxLimits& limits) {
  if (::getuid() == 0) return {};  // root may raise its hard limits
  const auto check = [](int resource, const char* name, double wanted, const char* unit) -> std::string {
    struct rlimit limit {};
    if (::getrlimit(resource, &limit) != 0 || limit.rlim_max == RLIM_INFINITY) return {};
    if (static_cast<double>(limit.rlim_max) >= wanted) return {};
    return std::string("the machine's hard limit on ") + name + " is " + std::to_string(limit.rlim_max) + " " + unit +
           ", below the " + std::to_string(static_cast<long long>(wanted)) + " " + unit + " a test needs (ulimit -H)";
  };
  for (const std::string& problem :
       {check(RLIMIT_CPU, "CPU time", std::ceil(limits.cpu_seconds) + 1, "s"),
        kSanitized ? std::string()
                   : check(RLIMIT_AS, "address space", static_cast<double>(limits.memory_bytes), "bytes"),
        check(RLIMIT_FSIZE, "file size", static_cast<double>(limits.file_bytes), "bytes")}) {
    if (!problem.empty()) return problem;
  }
  return {};
}

bool is_cpu_limit_signal(int signal) { return signal == SIGXCPU; }
bool is_file_limit_signal(int signal) { return signal == SIGXFSZ; }
bool stderr_is_terminal() { return ::isatty(2) != 0; }
bool sanitized_build() { return kSanitized; }

}  // namespace ks::grade
