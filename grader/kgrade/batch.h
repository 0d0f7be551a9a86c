// grader/kgrade/batch.h — `kgrade batch`: grade every submission in a folder, N at a time.
#pragma once

#include <CLI/CLI.hpp>

namespace ks::grade {

// Adds the batch subcommand; SELF is kgrade's own path (each submission is graded by a child
// `kgrade test`, so one submission's troubles cannot disturb another's).
void add_batch_command(CLI::App& app, int& status, const char* self);

}  // namespace ks::grade
