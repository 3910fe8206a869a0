#include "results/workbook_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "pbflow/errors.h"

namespace pbflow::results {

namespace {

void check(lxw_error e) {
  if (e != LXW_NO_ERROR) throw RuntimeFailure(std::string("cannot write a workbook cell: ") + lxw_strerror(e));
}

// A cell holds at most 32,767 characters: longer text is cut, on a
// character boundary, and says so, rather than being left out.
std::string fit_cell(const std::string& s) {
  constexpr std::size_t kMax = 32767;
  if (s.size() <= kMax) return s;
  const std::string note = " [cut: the full text has " + std::to_string(s.size()) + " bytes]";
  std::size_t end = kMax - note.size();
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // not inside a UTF-8 character
  return s.substr(0, end) + note;
}

// 12 significant digits: what a double's last bits add is not shown as data.
double clean(double v) {
  if (!std::isfinite(v) || v == 0.0) return v;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return std::strtod(buf, nullptr);
}

double default_width(const ColumnSpec& c) {
  const double header = static_cast<double>(c.header.size()) * 0.9 + 2;
  switch (c.kind) {
    case CellKind::text: return std::max(14.0, header);
    case CellKind::month: return std::max(10.0, header);
    default: return std::clamp(header, 11.0, 30.0);
  }
}

}  // namespace

Workbook::Workbook(const std::string& path) : path_(path), book_(workbook_new(path.c_str())) {
  if (!book_) throw RuntimeFailure("cannot create " + path);
  auto make = [&](const char* number_format, bool bold = false, bool wrap = false) {
    lxw_format* f = workbook_add_format(book_);
    if (number_format) format_set_num_format(f, number_format);
    if (bold) format_set_bold(f);
    if (wrap) {
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
  };
  title_ = make(nullptr, true);
  format_set_font_size(title_, 14);
  bold_ = make(nullptr, true);
  header_ = make(nullptr, true, true);
  format_set_bottom(header_, LXW_BORDER_THIN);
  money_ = make("#,##0.0");
  number_ = make("#,##0.00");
  share_ = make("0.0%");
  whole_ = make("#,##0");
  month_ = make("yyyy-mm");
  months_ = make("#,##0.0");
}

Workbook::~Workbook() {
  if (book_) workbook_close(book_);
}

lxw_worksheet* Workbook::sheet(const std::string& name) { return workbook_add_worksheet(book_, name.c_str()); }

lxw_format* Workbook::format(CellKind kind) const {
  switch (kind) {
    case CellKind::text: return nullptr;
    case CellKind::money: return money_;
    case CellKind::number: return number_;
    case CellKind::share: return share_;
    case CellKind::whole: return whole_;
    case CellKind::month: return month_;
    case CellKind::months: return months_;
  }
  return nullptr;
}

void Workbook::close() {
  lxw_workbook* book = book_;
  book_ = nullptr;
  if (const lxw_error e = workbook_close(book); e != LXW_NO_ERROR)
    throw RuntimeFailure("cannot write " + path_ + ": " + lxw_strerror(e));
}

void write_text(lxw_worksheet* sheet, int row, int col, const std::string& text, lxw_format* format) {
  check(worksheet_write_string(sheet, row, col, fit_cell(text).c_str(), format));
}

void write_number(lxw_worksheet* sheet, int row, int col, double value, lxw_format* format) {
  if (!std::isfinite(value)) return write_text(sheet, row, col, "n/a");
  check(worksheet_write_number(sheet, row, col, clean(value), format));
}

int write_facts(Workbook& book, lxw_worksheet* sheet, const std::string& title,
                const std::vector<std::pair<std::string, std::string>>& facts, double label_width, double value_width) {
  worksheet_set_column(sheet, 0, 0, label_width, nullptr);
  worksheet_set_column(sheet, 1, 1, value_width, nullptr);
  write_text(sheet, 0, 0, title, book.title());
  int row = 2;
  for (const auto& [label, value] : facts) {
    if (value.empty()) continue;
    write_text(sheet, row, 0, label, book.bold());
    write_text(sheet, row++, 1, value);
  }
  return row + 1;
}

TableWriter::TableWriter(Workbook& book, lxw_worksheet* sheet, std::vector<ColumnSpec> columns, int first_row)
    : book_(book), sheet_(sheet), columns_(std::move(columns)), first_row_(first_row), row_(first_row + 1) {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const ColumnSpec& spec = columns_[c];
    write_text(sheet_, first_row_, static_cast<int>(c), spec.header, book_.header());
    worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         spec.width > 0 ? spec.width : default_width(spec), nullptr);
  }
}

lxw_format* TableWriter::next_format() { return book_.format(columns_[col_].kind); }

TableWriter& TableWriter::text(const std::string& value) {
  write_text(sheet_, row_, col_++, value);
  return *this;
}

TableWriter& TableWriter::number(double value) {
  const bool millions = columns_[col_].kind == CellKind::money;
  write_number(sheet_, row_, col_, millions ? value / 1e6 : value, next_format());
  ++col_;
  return *this;
}

TableWriter& TableWriter::month(YearMonth m) {
  lxw_datetime date{m.year(), static_cast<uint8_t>(m.month()), 1, 0, 0, 0.0};
  check(worksheet_write_datetime(sheet_, row_, col_++, &date, next_format()));
  return *this;
}

TableWriter& TableWriter::empty() {
  ++col_;
  return *this;
}

void TableWriter::end_row() {
  ++row_;
  col_ = 0;
}

int TableWriter::finish() {
  const int last = std::max(row_ - 1, first_row_);
  worksheet_autofilter(sheet_, first_row_, 0, last, static_cast<lxw_col_t>(columns_.size() - 1));
  worksheet_freeze_panes(sheet_, first_row_ + 1, 0);
  return row_ + 1;
}

}  // namespace pbflow::results
