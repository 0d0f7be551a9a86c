// scenario/mounts.cpp — reading kernel.mounts and --mount (the rules: mounts.h).
#include "scenario/mounts.h"

#include <filesystem>

#include "sim-core/error.h"

namespace ks {
namespace {

// Why the host file IMAGE cannot be an image; empty when it is a regular file.
std::string image_file_problem(const std::string& image) {
  std::error_code error;
  const auto status = std::filesystem::status(image, error);
  if (error || !std::filesystem::exists(status)) return "\"" + image + "\": no such image file";
  if (!std::filesystem::is_regular_file(status)) return "\"" + image + "\": not a regular file";
  return {};
}

}  // namespace

std::string mount_path_problem(const std::string& path) {
  if (path.empty() || path.front() != '/') return "\"" + path + "\" is not an absolute path (it must start with /)";
  std::size_t at = 1;
  bool named = false;
  while (at <= path.size()) {
    const std::size_t slash = std::min(path.find('/', at), path.size());
    const std::string part = path.substr(at, slash - at);
    if (part == "." || part == "..") return "\"" + path + "\": \".\" and \"..\" are not allowed in a mount point";
    if (part.size() > 255) return "\"" + path + "\": a name has at most 255 characters";
    named = named || !part.empty();
    at = slash + 1;
  }
  if (!named) return "\"/\" is the root file system's (memfs); mount an image on a directory below it";
  return {};
}

void read_mounts(const JsonReader& in, const nlohmann::json& value, const JsonPath& path, const std::string& base,
                 const HostAccess& access, std::vector<MountSpec>& mounts) {
  in.expect_array(value, path);
  for (std::size_t i = 0; i < value.size(); ++i) {
    const JsonPath at = path / i;
    in.expect_object(value[i], at, {"image", "path", "read_only"});
    const nlohmann::json* image = JsonReader::member(value[i], "image");
    const nlohmann::json* where = JsonReader::member(value[i], "path");
    if (image == nullptr) in.fail(at, "a mount needs \"image\" (the image file, relative to the scenario)");
    if (where == nullptr) in.fail(at, "a mount needs \"path\" (the directory to mount it on, as \"/mnt\")");
    MountSpec mount;
    const std::string relative = in.text(*image, at / "image");
    if (const std::string problem = host_path_problem(base, relative, access); !problem.empty())
      in.fail(at / "image", problem);
    mount.image = host_path(base, relative);
    if (const std::string problem = image_file_problem(mount.image); !problem.empty()) in.fail(at / "image", problem);
    mount.path = in.text(*where, at / "path");
    if (const std::string problem = mount_path_problem(mount.path); !problem.empty()) in.fail(at / "path", problem);
    if (const nlohmann::json* ro = JsonReader::member(value[i], "read_only"))
      mount.read_only = in.boolean(*ro, at / "read_only");
    mounts.push_back(std::move(mount));
  }
}

MountSpec parse_mount_option(const std::string& text, const std::string& flag) {
  const auto fail = [&flag, &text](const std::string& problem) {
    throw InputError({"", 0, 0, flag}, "\"" + text + "\": " + problem);
  };
  // The simulated path starts with "/", so the image ends at the last ":/" (an image's own path
  // may hold colons, as C:\disk.img does).
  const std::size_t split = text.rfind(":/");
  if (split == std::string::npos) fail("expected IMAGE:PATH[:ro], with PATH absolute (disk.img:/mnt)");
  MountSpec mount;
  mount.image = text.substr(0, split);
  mount.path = text.substr(split + 1);
  if (mount.image.empty()) fail("the image file is missing before \":\"");
  if (const std::size_t colon = mount.path.find(':'); colon != std::string::npos) {
    const std::string option = mount.path.substr(colon + 1);
    mount.path.resize(colon);
    if (option == "ro") mount.read_only = true;
    else if (option != "rw") fail("unknown mount option \"" + option + "\" (known: ro, rw)");
  }
  if (const std::string problem = mount_path_problem(mount.path); !problem.empty()) fail(problem);
  if (const std::string problem = image_file_problem(mount.image); !problem.empty()) fail(problem);
  return mount;
}

}  // namespace ks
