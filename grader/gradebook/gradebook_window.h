// grader/gradebook/gradebook_window.h — the Qt 6 gradebook window for instructors.
//
// One row per submission, one column per test; a cell shows the points and is coloured by its
// status (passed, partial credit, nothing, not run). Selecting a cell explains it: the status,
// every check with expected and actual values, and the commands that replay the run. Above the
// table: a filter by submission name, the score summary and a histogram of scores. File menu:
// open a batch folder, export grades.csv. The window only shows Gradebook (gradebook.h); it
// never regrades.
#pragma once

#include <QMainWindow>
#include <memory>
#include <string>

#include "grader/gradebook/gradebook.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace ks::grade {

class HistogramView;

class GradebookWindow : public QMainWindow {
 public:
  GradebookWindow();
  ~GradebookWindow() override;

  // Shows BOOK, read from FOLDER.
  void show_gradebook(Gradebook book, const std::string& folder);
  // Selects the cell of ROW (a submission's index in the book) and COLUMN (a test's index).
  void select_cell(std::size_t row, std::size_t column);
  const Gradebook& gradebook() const { return book_; }

 private:
  void build_menus();
  void fill_table();
  void apply_filter(const QString& text);
  void show_explanation(int table_row, int table_column);
  void open_folder();
  void export_csv();

  Gradebook book_;
  std::string folder_;
  QTableWidget* table_ = nullptr;
  QPlainTextEdit* explanation_ = nullptr;
  QLabel* summary_ = nullptr;
  QLineEdit* filter_ = nullptr;
  HistogramView* histogram_ = nullptr;
};

}  // namespace ks::grade
