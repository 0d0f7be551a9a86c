// Host files named by a scenario ("programs" paths, "files" host files, "host_folder") and the
// shared reader under them: only regular files inside the scenario's folder, sizes capped, and
// a clear error (scenario file, line:column, key, host file) for everything else, without
// blocking on a FIFO or reading a device without end.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/host_file.h"
#include "scenario/scenario.h"
#include "sim-core/error.h"

namespace ks {
namespace {

namespace fs = std::filesystem;

// A fresh folder for one test, with a scenario in it.
class HostFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::path(KS_BINARY_DIR) / "host-files-test" / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_ / "lab");
    write("lab/data.txt", "hello\n");
    write("secret.txt", "outside the scenario's folder\n");
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& relative, const std::string& bytes) const {
    std::ofstream(root_ / relative, std::ios::binary) << bytes;
  }
  // The scenario lab/scenario.json with WORKLOAD_KEYS added to a one-process workload.
  std::string scenario(const std::string& workload_keys) const {
    const fs::path file = root_ / "lab" / "scenario.json";
    std::ofstream(file) << "{\"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 1}],\n  " << workload_keys
                        << "}}";
    return file.generic_string();
  }
  // Expects loading FILE to fail at KEY with FRAGMENT in the message, at a real position.
  static void expect_refused(const std::string& file, const std::string& key, const std::string& fragment,
                             const HostAccess& access = {}) {
    try {
      (void)load_scenario(file, access);
      ADD_FAILURE() << "accepted: " << key << " (" << fragment << ")";
    } catch (const InputError& error) {
      EXPECT_EQ(error.where().file, file);
      EXPECT_EQ(error.where().key_path, key) << error.what();
      EXPECT_GT(error.where().line, 0) << error.what();
      EXPECT_GT(error.where().column, 0) << error.what();
      EXPECT_NE(error.problem().find(fragment), std::string::npos) << error.what();
    }
  }
  bool make_symlink(const fs::path& target, const std::string& link) const {
    std::error_code error;
    fs::create_symlink(target, root_ / link, error);
    return !error;  // Windows without the privilege: the test is skipped
  }

  fs::path root_;
};

TEST_F(HostFiles, ARelativeFileInsideTheFolderIsRead) {
  const Scenario s = load_scenario(scenario(R"("files": {"/in.txt": {"host": "data.txt"}})"));
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_EQ(s.files[0].bytes, "hello\n");
}

TEST_F(HostFiles, AbsoluteAndUpwardPathsAreRefusedUnlessAllowed) {
  const std::string absolute = (root_ / "secret.txt").generic_string();
  expect_refused(scenario(R"("files": {"/s": {"host": ")" + absolute + "\"}}"), "workload.files./s.host",
                 "is an absolute path");
  expect_refused(scenario(R"("files": {"/s": {"host": "../secret.txt"}})"), "workload.files./s.host",
                 "goes up out of the scenario's folder");
  expect_refused(scenario(R"("host_folder": "..")"), "workload.host_folder", "goes up out");
  expect_refused(scenario(R"("programs": [{"path": "../../x.elf"}])"), "workload.programs[0].path", "goes up out");
  const Scenario allowed = load_scenario(scenario(R"("files": {"/s": {"host": "../secret.txt"}})"), HostAccess{true});
  EXPECT_EQ(allowed.files[0].bytes, "outside the scenario's folder\n");
}

TEST_F(HostFiles, ALinkOutOfTheFolderIsRefused) {
  if (!make_symlink(root_ / "secret.txt", "lab/link.txt")) GTEST_SKIP() << "cannot make symbolic links here";
  expect_refused(scenario(R"("files": {"/s": {"host": "link.txt"}})"), "workload.files./s.host", "symbolic link");
  fs::create_directories(root_ / "lab" / "folder");
  if (!make_symlink(root_ / "secret.txt", "lab/folder/escape")) GTEST_SKIP();
  expect_refused(scenario(R"("host_folder": "folder")"), "workload.host_folder", "symbolic link out of the folder");
  // A link that stays inside the folder is followed.
  fs::remove(root_ / "lab" / "folder" / "escape");
  write("lab/folder/real.txt", "real");
  ASSERT_TRUE(make_symlink("real.txt", "lab/folder/alias.txt"));
  const Scenario s = load_scenario(scenario(R"("host_folder": "folder")"));
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.files[0].path, "/alias.txt");
  EXPECT_EQ(s.files[0].bytes, "real");
}

TEST_F(HostFiles, DevicesAreRefusedEvenWhenHostPathsAreAllowed) {
  if (!fs::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero on this host";
  expect_refused(scenario(R"("files": {"/z": {"host": "/dev/zero"}})"), "workload.files./z.host", "absolute path");
  expect_refused(scenario(R"("files": {"/z": {"host": "/dev/zero"}})"), "workload.files./z.host", "not a regular file",
                 HostAccess{true});
  expect_refused(scenario(R"("programs": [{"path": "/dev/urandom"}])"), "workload.programs[0].path",
                 "not a regular file", HostAccess{true});
}

TEST_F(HostFiles, AFifoIsRefusedWithoutBlocking) {
  const std::string fifo = (root_ / "lab" / "folder" / "pipe").generic_string();
  fs::create_directories(root_ / "lab" / "folder");
  if (std::system(("mkfifo '" + fifo + "' 2>/dev/null").c_str()) != 0 || !fs::is_fifo(fifo))
    GTEST_SKIP() << "no mkfifo";
  expect_refused(scenario(R"("files": {"/p": {"host": "folder/pipe"}})"), "workload.files./p.host",
                 "not a regular file");
  expect_refused(scenario(R"("host_folder": "folder")"), "workload.host_folder", "not a regular file");
}

TEST_F(HostFiles, AFolderWhereAFileBelongsIsNamedAsSuch) {
  fs::create_directories(root_ / "lab" / "folder");
  expect_refused(scenario(R"("files": {"/f": {"host": "folder"}})"), "workload.files./f.host",
                 "is a folder, not a file");
  expect_refused(scenario(R"("programs": [{"path": "folder"}])"), "workload.programs[0].path",
                 "is a folder, not a file");
}

TEST_F(HostFiles, FilesAreCappedAtTheSimulatedFileSystemsLimits) {
  write("lab/big.bin", std::string((16u << 20) + 1, 'x'));
  expect_refused(scenario(R"("files": {"/big": {"host": "big.bin"}})"), "workload.files./big.host",
                 "larger than 16 MiB");
  fs::remove(root_ / "lab" / "big.bin");
  fs::create_directories(root_ / "lab" / "many");
  for (int i = 0; i < 5; ++i) write("lab/many/part" + std::to_string(i), std::string(13u << 20, 'y'));
  expect_refused(scenario(R"("host_folder": "many")"), "workload.host_folder",
                 "more than the simulated file system's 64 MiB");
}

TEST_F(HostFiles, AProgramPathErrorNamesTheScenarioTheKeyAndTheProgram) {
  write("lab/not-elf.elf", "this is text");
  const std::string file = scenario(R"("programs": [{"path": "not-elf.elf"}])");
  try {
    (void)load_scenario(file);
    FAIL() << "a text file was accepted as a program";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, file);
    EXPECT_EQ(error.where().key_path, "workload.programs[0].path");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_NE(error.problem().find("not-elf.elf"), std::string::npos) << error.what();
  }
  expect_refused(scenario(R"("programs": [{"path": "missing.elf"}])"), "workload.programs[0].path", "no such file");
}

TEST_F(HostFiles, APrebuiltProgramIsNamedWithoutAPath) {
  const Scenario s = load_scenario(scenario(R"("programs": [{"prebuilt": "crc32"}])"));
  ASSERT_EQ(s.programs.size(), 1u);
  EXPECT_EQ(s.programs[0].name, "crc32");
  EXPECT_FALSE(s.programs[0].image.empty());
  expect_refused(scenario(R"("programs": [{"prebuilt": "../crc32"}])"), "workload.programs[0].prebuilt",
                 "letters, digits");
  // A test program: "tests/NAME" is userland/prebuilt/tests/NAME.elf, named NAME; nothing deeper.
  const Scenario test_program = load_scenario(scenario(R"("programs": [{"prebuilt": "tests/thrashing"}])"));
  ASSERT_EQ(test_program.programs.size(), 1u);
  EXPECT_EQ(test_program.programs[0].name, "thrashing");
  EXPECT_NE(test_program.programs[0].file.find("prebuilt/tests/thrashing.elf"), std::string::npos);
  expect_refused(scenario(R"("programs": [{"prebuilt": "tests/../crc32"}])"), "workload.programs[0].prebuilt",
                 "letters, digits");
  expect_refused(scenario(R"("programs": [{"prebuilt": "tests/"}])"), "workload.programs[0].prebuilt",
                 "letters, digits");
  expect_refused(scenario(R"("programs": [{"prebuilt": "bench/crc32"}])"), "workload.programs[0].prebuilt",
                 "letters, digits");
  expect_refused(scenario(R"("programs": [{"prebuilt": "nope"}])"), "workload.programs[0].prebuilt", "no such file");
}

// The shared reader, for every other file (kernsim exec's ELF, grader files, the scenario).
TEST(ReadInputFile, RefusesFoldersDevicesAndOversizedFiles) {
  const auto problem = [](const std::string& file, std::size_t cap = kMaxInputFileBytes) {
    try {
      (void)read_input_file(file, cap);
    } catch (const InputError& error) {
      EXPECT_EQ(error.where().file, file);
      return error.problem();
    }
    return std::string("(read)");
  };
  EXPECT_EQ(problem(KS_SOURCE_DIR), "this is a folder, not a file");
  EXPECT_NE(problem("no-such-file.json").find("cannot open the file"), std::string::npos);
  EXPECT_NE(problem(std::string(KS_SOURCE_DIR) + "/README.md", 100).find("larger than 100 bytes"), std::string::npos);
  if (fs::exists("/dev/zero")) {
    EXPECT_NE(problem("/dev/zero").find("not a regular file"), std::string::npos);
  }
  EXPECT_EQ(read_input_file(std::string(KS_SOURCE_DIR) + "/tests/cli/data/empty.json"), "");
}

}  // namespace
}  // namespace ks
