// kgrade-gradebook: the instructors' gradebook (Qt 6) over a folder of kgrade JSON reports.
//
//   kgrade-gradebook [FOLDER]                       the window (File > Open to choose a folder)
//   kgrade-gradebook FOLDER --csv grades.csv        write the grades and exit, no window
//   kgrade-gradebook FOLDER --screenshot out.png [--select SUBMISSION,TEST]
//                                                   render off screen, save the window, exit
// FOLDER is a `kgrade batch --logs` folder (or the batch folder holding logs/). Exit status:
// 0, or 2 for a bad folder or report (the message names the file and the position).
#include <CLI/CLI.hpp>
#include <QApplication>
#include <QPixmap>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "grader/gradebook/gradebook_window.h"
#include "sim-core/error.h"

namespace {

// Makes the folder FILE goes into, so that an output may name a folder not yet made.
void make_parent_folder(const std::string& file) {
  const std::filesystem::path parent = std::filesystem::path(file).parent_path();
  std::error_code ignored;  // a failure shows when the file is written
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
}

// "NAME,TEST" -> the indexes of that submission and test in BOOK; false when either is absent.
bool find_cell(const ks::grade::Gradebook& book, const std::string& spec, std::size_t& row, std::size_t& column) {
  const std::size_t comma = spec.find(',');
  if (comma == std::string::npos) return false;
  const std::string name = spec.substr(0, comma), test = spec.substr(comma + 1);
  for (row = 0; row < book.rows.size() && book.rows[row].name != name; ++row) {
  }
  for (column = 0; column < book.columns.size() && book.columns[column].name != test; ++column) {
  }
  return row < book.rows.size() && column < book.columns.size();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli("kgrade-gradebook: the grades of a batch of submissions, from kgrade's JSON reports");
  std::string folder, csv, screenshot, select;
  cli.add_option("folder", folder, "A kgrade batch --logs folder (or the batch folder that holds logs/)");
  cli.add_option("--csv", csv, "Write the grades as CSV and exit (no window)");
  cli.add_option("--screenshot", screenshot, "Render the window off screen to this PNG file and exit");
  cli.add_option("--select", select, "With --screenshot: select the cell SUBMISSION,TEST first");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }
  try {
    ks::grade::Gradebook book;
    if (!folder.empty()) book = ks::grade::load_gradebook(folder);
    if (!csv.empty()) {
      make_parent_folder(csv);
      std::ofstream out(csv, std::ios::binary);
      out << book.to_csv();
      if (!out) throw ks::InputError({csv, 0, 0, {}}, "cannot write this file");
      std::printf("kgrade-gradebook: wrote %s (%zu submissions, %zu tests)\n", csv.c_str(), book.rows.size(),
                  book.columns.size());
      return 0;
    }
    if (!screenshot.empty()) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ks::grade::GradebookWindow window;
    if (!folder.empty()) window.show_gradebook(book, folder);
    if (screenshot.empty()) {
      window.show();
      return QApplication::exec();
    }
    if (!select.empty()) {
      std::size_t row = 0, column = 0;
      if (!find_cell(window.gradebook(), select, row, column))
        throw ks::InputError({}, "--select " + select + ": no such submission and test");
      window.select_cell(row, column);
    }
    window.show();
    QApplication::processEvents();
    make_parent_folder(screenshot);
    if (!window.grab().save(QString::fromStdString(screenshot), "PNG"))
      throw ks::InputError({screenshot, 0, 0, {}}, "cannot write this file");
    std::printf("kgrade-gradebook: wrote %s (%zu submissions, %zu tests)\n", screenshot.c_str(), book.rows.size(),
                book.columns.size());
    return 0;
  } catch (const ks::InputError& error) {
    std::fprintf(stderr, "kgrade-gradebook: %s\n", error.what());
    return 2;
  }
}
