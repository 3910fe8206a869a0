// Tables in an Excel workbook (libxlsxwriter), the way a planner expects
// them: one header row with the unit in every heading, frozen; an
// autofilter; widths that fit; money as "#,##0.0" in millions, shares as
// percentages, months as real dates. Numbers are stored rounded to 12
// significant digits, so no float noise (0.4950000000000004) shows in a cell.
#pragma once

#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow::results {

enum class CellKind { text, money, number, share, whole, month, months };

struct ColumnSpec {
  std::string header;  // with its unit: "spent, USD m"
  CellKind kind = CellKind::text;
  double width = 0;    // 0: from the header and kind
};

class Workbook {
 public:
  explicit Workbook(const std::string& path);
  ~Workbook();  // frees the workbook if close() was not reached
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  lxw_worksheet* sheet(const std::string& name);
  lxw_format* format(CellKind kind) const;
  lxw_format* title() const { return title_; }
  lxw_format* bold() const { return bold_; }
  lxw_format* header() const { return header_; }
  void close();  // writes the file; throws RuntimeFailure on failure

 private:
  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_format *title_, *bold_, *header_, *money_, *number_, *share_, *whole_, *month_, *months_;
};

// Writes a cell, checking the library's answer; text is cut to what a cell holds.
void write_text(lxw_worksheet* sheet, int row, int col, const std::string& text, lxw_format* format = nullptr);
void write_number(lxw_worksheet* sheet, int row, int col, double value, lxw_format* format = nullptr);

// A sheet's title and its labelled facts (empty ones left out), the
// labels' column `label_width` wide; returns the next free row.
int write_facts(Workbook& book, lxw_worksheet* sheet, const std::string& title,
                const std::vector<std::pair<std::string, std::string>>& facts, double label_width = 30,
                double value_width = 60);

// One table on a sheet, from `first_row`: header, then rows cell by cell.
class TableWriter {
 public:
  TableWriter(Workbook& book, lxw_worksheet* sheet, std::vector<ColumnSpec> columns, int first_row = 0);
  TableWriter& text(const std::string& value);
  TableWriter& number(double value);  // money columns take the amount in units and show millions
  TableWriter& month(YearMonth m);
  TableWriter& empty();
  void end_row();
  // The autofilter over the table and the frozen header; returns the next free row.
  int finish();

 private:
  lxw_format* next_format();
  Workbook& book_;
  lxw_worksheet* sheet_;
  std::vector<ColumnSpec> columns_;
  int first_row_, row_, col_ = 0;
};

}  // namespace pbflow::results
