// The system calls across a mount point, as programs see it: the shell, ls, cat, mkdir, rm and pwd
// run on a kernel whose VFS has a second MemFs mounted at /mnt; what they do lands on the mounted
// file system, ".." climbs back out of it, and the covered directory's names stay hidden.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kernel/errno.h"
#include "kernel/fs/memfs.h"
#include "kernel/fs/vfs.h"
#include "scenario/scenario.h"
#include "scenario/simulation.h"

namespace ks {
namespace {

const std::string kPrebuilt = std::string(KS_SOURCE_DIR) + "/userland/prebuilt/";

std::vector<std::uint8_t> bytes(const std::string& text) { return {text.begin(), text.end()}; }

TEST(MountedFileSystem, ProgramsWorkAcrossTheMountPoint) {
  const std::string script =
      "ls /mnt; cat /mnt/data/f; mkdir /mnt/new; echo written > /mnt/new/g; cat /mnt/new/g; "
      "cd /mnt/new; pwd; cd ../..; pwd; cd /mnt/data/../..; ls; rm /mnt/data/f; ls /mnt/data; cat /mnt/old";
  const Scenario scenario =
      parse_scenario(R"({"workload": {"userland": true, "files": {"/mnt/old": {"text": "covered"}},
      "programs": [{"path": "sh.elf", "args": ["-c", ")" +
                         script + R"("]}]}})",
                     kPrebuilt + "scenario.json");
  Simulation simulation(scenario);
  auto second = std::make_unique<MemFs>();
  MemFs& disk = *second;
  const auto data = static_cast<Ino>(disk.mkdir(disk.root(), "data"));
  const auto f = static_cast<Ino>(disk.create(data, "f"));
  ASSERT_EQ(disk.write(f, 0, bytes("on the second fs\n")).value, 17);
  ASSERT_EQ(simulation.kernel().file_system().mount("/mnt", std::move(second)), 0);
  ASSERT_TRUE(simulation.run().all_exited) << simulation.kernel().console_output();
  const std::string out = simulation.kernel().console_output();
  EXPECT_NE(out.find("data\n"), std::string::npos) << out;
  EXPECT_NE(out.find("on the second fs\n"), std::string::npos) << out;
  EXPECT_NE(out.find("written\n"), std::string::npos) << out;
  EXPECT_NE(out.find("/mnt/new\n/\n"), std::string::npos) << "pwd through and out of the mount\n" << out;
  EXPECT_NE(out.find("bin\n"), std::string::npos) << "ls of / after .. out of the mount\n" << out;
  EXPECT_EQ(out.find("covered"), std::string::npos) << "/mnt/old is hidden under the mount\n" << out;
  // What the programs did is on the mounted file system, not on the root one.
  const std::int64_t made = disk.lookup(disk.root(), "new");
  ASSERT_GT(made, 0);
  EXPECT_GT(disk.lookup(static_cast<Ino>(made), "g"), 0);
  EXPECT_EQ(disk.lookup(data, "f"), -err::kNoEntry) << "rm removed the file from the mounted file system";
  Vfs& vfs = simulation.kernel().file_system();
  EXPECT_EQ(vfs.lookup(vfs.root(), "/mnt/new/g").vnode.fs, &disk);
}

}  // namespace
}  // namespace ks
