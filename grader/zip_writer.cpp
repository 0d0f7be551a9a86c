// grader/zip_writer.cpp — the ZIP archive through libzip (the contract: zip_writer.h): each entry
// with its Unix mode and the 1980-01-01 timestamp, and every libzip failure an InputError naming
// the file. A kgrade built without libzip refuses to write a zip and says how to get one.
#include "grader/zip_writer.h"

#if !defined(KS_NO_LIBZIP)
#include <zip.h>
#endif

#include <ctime>
#include <filesystem>

#include "sim-core/error.h"

namespace ks::grade {
namespace {

[[noreturn]] void fail(const std::string& file, const std::string& problem) {
  throw InputError({file, 0, 0, {}}, problem);
}

}  // namespace

#if defined(KS_NO_LIBZIP)
void write_zip(const std::string& file, const std::vector<ZipEntry>& /*entries*/) {
  fail(file, "this kgrade was built without libzip, so it cannot write a zip (install libzip and rebuild)");
}
#else
void write_zip(const std::string& file, const std::vector<ZipEntry>& entries) {
  namespace fs = std::filesystem;
  constexpr std::time_t kFixedTime = 315532800;  // 1980-01-01, the earliest time ZIP can store
  std::error_code error;
  const fs::path target(file);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), error);
  int code = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == nullptr) {
    zip_error_t problem;
    zip_error_init_with_code(&problem, code);
    const std::string text = zip_error_strerror(&problem);
    zip_error_fini(&problem);
    fail(file, "cannot write this file: " + text);
  }
  for (const ZipEntry& entry : entries) {
    // libzip reads the buffer when the archive is closed; the entries outlive zip_close below.
    zip_source_t* source = zip_source_buffer(archive, entry.data.data(), entry.data.size(), 0);
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      const std::string text = zip_strerror(archive);
      zip_discard(archive);
      fail(file, "cannot add " + entry.name + ": " + text);
    }
    const auto entry_index = static_cast<zip_uint64_t>(index);
    const zip_uint32_t mode = entry.executable ? 0100755 : 0100644;
    zip_file_set_external_attributes(archive, entry_index, 0, ZIP_OPSYS_UNIX, mode << 16);
    zip_file_set_mtime(archive, entry_index, kFixedTime, 0);
  }
  if (zip_close(archive) != 0) {
    const std::string text = zip_strerror(archive);
    zip_discard(archive);
    fail(file, "cannot write this file: " + text);
  }
}
#endif

}  // namespace ks::grade
