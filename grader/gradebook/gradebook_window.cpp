// grader/gradebook/gradebook_window.cpp — the Qt widgets of the gradebook window (what it shows:
// gradebook_window.h). Everything shown comes from the Gradebook: the table is refilled from it,
// the filter hides rows, a selected cell shows Gradebook::explain. Widgets are owned by their Qt
// parents, as Qt arranges.
#include "grader/gradebook/gradebook_window.h"

#include <QApplication>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <fstream>

#include "sim-core/error.h"

namespace ks::grade {

namespace {

constexpr int kFirstTestColumn = 3;  // submission, score, status, then one column per test
constexpr int kRowRole = Qt::UserRole;

QString qt(const std::string& text) { return QString::fromStdString(text); }

// One colour per kind of result, distinct at a glance (and apart for the common colour
// blindnesses: green and red differ in lightness too); the legend above the table names them.
QColor kind_colour(CellKind kind) {
  switch (kind) {
    case CellKind::Passed: return {170, 220, 170};
    case CellKind::Partial: return {250, 225, 140};
    case CellKind::WrongResult: return {240, 150, 140};
    case CellKind::Crash: return {200, 160, 230};
    case CellKind::Timeout: return {150, 190, 240};
    case CellKind::BuildError: return {160, 160, 160};
    case CellKind::NotGraded: return {255, 255, 255};
    case CellKind::NotRun: return {225, 225, 225};
  }
  return {255, 255, 255};
}

QColor cell_colour(const std::optional<GradebookCell>& cell) {
  return kind_colour(cell ? cell->kind() : CellKind::NotRun);
}

QString legend_html() {
  QString html;
  for (const CellKind kind : {CellKind::Passed, CellKind::Partial, CellKind::WrongResult, CellKind::Crash,
                              CellKind::Timeout, CellKind::BuildError, CellKind::NotGraded, CellKind::NotRun}) {
    html += QString("<span style=\"background-color:%1; color:#141414\">&nbsp;%2&nbsp;</span> ")
                .arg(kind_colour(kind).name())
                .arg(QString::fromUtf8(std::string(to_string(kind)).c_str()));
  }
  return html;
}

// A number that sorts as a number.
QTableWidgetItem* number_item(double value, const QString& text) {
  auto* item = new QTableWidgetItem;  // owned by the table once set
  item->setData(Qt::DisplayRole, text);
  item->setData(Qt::UserRole + 1, value);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

// Ten bars: how many submissions scored 0-10 %, 10-20 %, ..., 90-100 % of the maximum.
class HistogramView : public QWidget {
 public:
  HistogramView() { setMinimumSize(520, 90); }
  void set_bins(std::vector<std::size_t> bins) {
    bins_ = std::move(bins);
    update();
  }

 protected:
  void paintEvent(QPaintEvent* /*event*/) override {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (bins_.empty()) return;
    const std::size_t most = std::max<std::size_t>(1, *std::max_element(bins_.begin(), bins_.end()));
    const int label_height = fontMetrics().height();
    const double bar_width = static_cast<double>(width()) / static_cast<double>(bins_.size());
    const int usable = height() - 2 * label_height - 4;  // a line for the counts above, one for the labels below
    for (std::size_t i = 0; i < bins_.size(); ++i) {
      const int bar =
          static_cast<int>(static_cast<double>(usable) * static_cast<double>(bins_[i]) / static_cast<double>(most));
      const QRectF box(static_cast<double>(i) * bar_width + 2, label_height + usable - bar + 2, bar_width - 4, bar);
      painter.fillRect(box, QColor(70, 130, 200));
      painter.drawText(QRectF(static_cast<double>(i) * bar_width, label_height + usable + 2, bar_width, label_height),
                       Qt::AlignCenter, QString::fromStdString(histogram_label(i)));
      if (bins_[i] > 0)
        painter.drawText(box.adjusted(0, -label_height, 0, 0), Qt::AlignHCenter | Qt::AlignTop,
                         QString::number(bins_[i]));
    }
  }

 private:
  std::vector<std::size_t> bins_;
};

GradebookWindow::GradebookWindow() {
  setWindowTitle("kgrade gradebook");
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  auto* top = new QHBoxLayout;
  filter_ = new QLineEdit;
  filter_->setPlaceholderText("filter submissions by name");
  filter_->setClearButtonEnabled(true);
  summary_ = new QLabel("open a folder of kgrade JSON reports (File > Open)");
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  histogram_ = new HistogramView;
  auto* left = new QVBoxLayout;
  left->addWidget(filter_);
  left->addWidget(summary_);
  auto* legend = new QLabel(legend_html());
  legend->setTextFormat(Qt::RichText);
  legend->setWordWrap(true);
  left->addWidget(legend);
  left->addStretch();
  top->addLayout(left, 3);
  top->addWidget(histogram_, 2);
  layout->addLayout(top);

  auto* splitter = new QSplitter(Qt::Vertical);
  table_ = new QTableWidget;
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setSelectionBehavior(QAbstractItemView::SelectItems);
  table_->verticalHeader()->setVisible(false);
  explanation_ = new QPlainTextEdit;
  explanation_->setReadOnly(true);
  explanation_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  explanation_->setPlaceholderText("select a cell to see why it scored what it did");
  splitter->addWidget(table_);
  splitter->addWidget(explanation_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter, 1);
  setCentralWidget(central);

  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) { apply_filter(text); });
  connect(
      table_, &QTableWidget::currentCellChanged, this,
      [this](int row, int column, int /*previous_row*/, int /*previous_column*/) { show_explanation(row, column); });
  build_menus();
  resize(1280, 800);
}

GradebookWindow::~GradebookWindow() = default;

void GradebookWindow::build_menus() {
  QMenu* file = menuBar()->addMenu("&File");
  file->addAction("&Open folder...", QKeySequence::Open, this, [this] { open_folder(); });
  file->addAction("&Export grades.csv...", QKeySequence::Save, this, [this] { export_csv(); });
  file->addSeparator();
  file->addAction("&Quit", QKeySequence::Quit, this, [this] { close(); });
}

void GradebookWindow::show_gradebook(Gradebook book, const std::string& folder) {
  book_ = std::move(book);
  folder_ = folder;
  setWindowTitle(qt("kgrade gradebook: " + (book_.lab.empty() ? folder_ : book_.lab + " (" + folder_ + ")")));
  fill_table();
  const ScoreSummary s = book_.summary();
  summary_->setText(QString("%1 submissions%8, %2 tests    mean %3, median %4, min %5, max %6 of %7")
                        .arg(s.submissions)
                        .arg(book_.columns.size())
                        .arg(s.mean, 0, 'f', 2)
                        .arg(s.median, 0, 'g', 4)
                        .arg(s.min, 0, 'g', 4)
                        .arg(s.max, 0, 'g', 4)
                        .arg(s.max_score, 0, 'g', 4)
                        .arg(s.not_graded ? QString(" (%1 NOT GRADED)").arg(s.not_graded) : QString()));
  histogram_->set_bins(s.histogram);
  apply_filter(filter_->text());
}

void GradebookWindow::fill_table() {
  table_->setSortingEnabled(false);
  table_->clear();
  table_->setRowCount(static_cast<int>(book_.rows.size()));
  table_->setColumnCount(kFirstTestColumn + static_cast<int>(book_.columns.size()));
  QStringList headers = {"submission", "score", "status"};
  for (const TestColumn& column : book_.columns) headers << qt(column.name);
  table_->setHorizontalHeaderLabels(headers);
  for (std::size_t c = 0; c < book_.columns.size(); ++c) {
    const QString tip = QString("%1: %2 points; passed by %3 of %4; mean %5")
                            .arg(qt(book_.columns[c].name))
                            .arg(book_.columns[c].points)
                            .arg(book_.passed_count(c))
                            .arg(book_.rows.size())
                            .arg(book_.mean_earned(c), 0, 'f', 2);
    table_->horizontalHeaderItem(kFirstTestColumn + static_cast<int>(c))->setToolTip(tip);
  }
  for (std::size_t r = 0; r < book_.rows.size(); ++r) {
    const GradebookRow& row = book_.rows[r];
    const int at = static_cast<int>(r);
    auto* name = new QTableWidgetItem(qt(row.name));
    name->setData(kRowRole, static_cast<qulonglong>(r));
    name->setToolTip(qt(row.report));
    table_->setItem(at, 0, name);
    table_->setItem(at, 1, number_item(row.score, QString("%1 / %2").arg(row.score).arg(row.max_score)));
    auto* status = new QTableWidgetItem(qt(row.status()));
    status->setBackground(kind_colour(row.kind()));
    status->setForeground(QColor(20, 20, 20));
    if (!row.graded) status->setToolTip(qt(row.grading_error));
    table_->setItem(at, 2, status);
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const std::optional<GradebookCell>& cell = row.cells[c];
      QTableWidgetItem* item = cell ? number_item(cell->earned, QString("%1/%2").arg(cell->earned).arg(cell->points))
                                    : new QTableWidgetItem("not run");
      item->setBackground(cell_colour(cell));
      item->setForeground(QColor(20, 20, 20));
      item->setToolTip(cell ? qt(cell->status + (cell->reason.empty() ? "" : ": " + cell->reason)) : "not run");
      table_->setItem(at, kFirstTestColumn + static_cast<int>(c), item);
    }
  }
  table_->setSortingEnabled(true);
  table_->resizeColumnsToContents();
}

void GradebookWindow::apply_filter(const QString& text) {
  for (int row = 0; row < table_->rowCount(); ++row) {
    const QTableWidgetItem* name = table_->item(row, 0);
    table_->setRowHidden(row, name == nullptr || !name->text().contains(text, Qt::CaseInsensitive));
  }
}

void GradebookWindow::show_explanation(int table_row, int table_column) {
  if (table_row < 0 || table_column < 0 || table_row >= table_->rowCount()) {
    explanation_->clear();
    return;
  }
  const auto row = static_cast<std::size_t>(table_->item(table_row, 0)->data(kRowRole).toULongLong());
  if (table_column < kFirstTestColumn) {
    const GradebookRow& r = book_.rows[row];
    std::string text =
        r.name + ": " + r.status() + ", " + std::to_string(r.score) + " of " + std::to_string(r.max_score) + "\n";
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
      if (r.cells[c] && !r.cells[c]->passed()) text += "  " + book_.columns[c].name + ": " + r.cells[c]->status + "\n";
    }
    if (!r.build_ok && !r.build_log.empty()) text += "\nbuild output:\n" + r.build_log;
    explanation_->setPlainText(qt(text));
    return;
  }
  explanation_->setPlainText(qt(book_.explain(row, static_cast<std::size_t>(table_column - kFirstTestColumn))));
}

void GradebookWindow::select_cell(std::size_t row, std::size_t column) {
  for (int r = 0; r < table_->rowCount(); ++r) {
    if (table_->item(r, 0)->data(kRowRole).toULongLong() == row) {
      table_->setCurrentCell(r, kFirstTestColumn + static_cast<int>(column));
      return;
    }
  }
}

void GradebookWindow::open_folder() {
  const QString folder = QFileDialog::getExistingDirectory(this, "Open a folder of kgrade reports", qt(folder_));
  if (folder.isEmpty()) return;
  try {
    show_gradebook(load_gradebook(folder.toStdString()), folder.toStdString());
  } catch (const InputError& error) {
    QMessageBox::warning(this, "kgrade gradebook", qt(error.what()));
  }
}

void GradebookWindow::export_csv() {
  const QString file = QFileDialog::getSaveFileName(this, "Export grades", "grades.csv", "CSV files (*.csv)");
  if (file.isEmpty()) return;
  std::ofstream out(file.toStdString(), std::ios::binary);
  out << book_.to_csv();
  if (!out) QMessageBox::warning(this, "kgrade gradebook", "cannot write " + file);
}

}  // namespace ks::grade
