// grader/zip_writer.h — writing a ZIP archive for the Gradescope package, with libzip.
// Entries keep their Unix permissions (run_autograder must be executable) and a fixed
// timestamp, so the same inputs give the same archive.
#pragma once

#include <string>
#include <vector>

namespace ks::grade {

struct ZipEntry {
  std::string name;  // path inside the archive, with '/'
  std::string data;
  bool executable = false;
};

// Writes ENTRIES to FILE (replacing it). Throws InputError when FILE cannot be written.
void write_zip(const std::string& file, const std::vector<ZipEntry>& entries);

}  // namespace ks::grade
