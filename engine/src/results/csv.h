// The one way pbflow writes CSV. Text cells are quoted when they hold a
// comma, quote or line break (RFC 4180), and text that a spreadsheet would
// run as a formula (starting with =, +, -, @, tab or carriage return) is
// neutralised with a leading apostrophe, as OWASP's CSV-injection rules
// advise. Numbers are written in full precision and never altered, so a
// negative number stays a number.
#pragma once

#include <ostream>
#include <string>

namespace pbflow::results {

// A text cell as it goes into a CSV file.
std::string csv_text(const std::string& s);

// Text that begins like a formula gets a leading apostrophe (also used by the
// workbook, whose text cells follow the same rule).
std::string neutralise_formula(const std::string& s);

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out);
  CsvWriter& text(const std::string& s);
  CsvWriter& number(double v);
  CsvWriter& integer(long long v);
  CsvWriter& empty();
  // A value given as text by a user (a swept or uncertain parameter's
  // value): a number if the whole text is one, otherwise text.
  CsvWriter& value(const std::string& s);
  void end_row();

 private:
  std::ostream& cell();
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace pbflow::results
