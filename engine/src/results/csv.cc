#include "results/csv.h"

#include <cmath>
#include <cstdlib>
#include <iomanip>

namespace pbflow::results {

std::string neutralise_formula(const std::string& s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    return "'" + s;
  return s;
}

std::string csv_text(const std::string& raw) {
  const std::string s = neutralise_formula(raw);
  if (s.find_first_of(",\"\n\r") == std::string::npos && s == raw) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

CsvWriter::CsvWriter(std::ostream& out) : out_(out) { out_ << std::setprecision(17); }

std::ostream& CsvWriter::cell() {
  if (!first_) out_ << ',';
  first_ = false;
  return out_;
}

CsvWriter& CsvWriter::text(const std::string& s) {
  cell() << csv_text(s);
  return *this;
}

CsvWriter& CsvWriter::number(double v) {
  cell() << v;
  return *this;
}

CsvWriter& CsvWriter::integer(long long v) {
  cell() << v;
  return *this;
}

CsvWriter& CsvWriter::empty() {
  cell();
  return *this;
}

namespace {

// A plain decimal number: [-+]digits[.digits][e[-+]digits]. Nothing a
// spreadsheet could read as anything else (no hex, inf or nan).
bool is_plain_number(const std::string& s) {
  std::size_t i = 0, n = s.size();
  auto digits = [&] {
    const std::size_t from = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t mantissa = digits();
  if (i < n && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == n && std::isfinite(std::strtod(s.c_str(), nullptr));
}

}  // namespace

CsvWriter& CsvWriter::value(const std::string& s) {
  if (is_plain_number(s)) cell() << s;  // the user's own digits, unchanged
  else text(s);
  return *this;
}

void CsvWriter::end_row() {
  out_ << '\n';
  first_ = true;
}

}  // namespace pbflow::results
