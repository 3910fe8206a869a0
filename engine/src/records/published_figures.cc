// Published figures: what a channel says it received from a donor (annual
// reports, press releases), as a planner copies them into a spreadsheet.
// Read with the results module's CSV splitter (RFC 4180 quoting; a BOM and
// CRLF line ends allowed), every cell checked, every error at its file,
// line and column.
#include <cmath>
#include <map>
#include <set>

#include "pbflow/records.h"
#include "records/record_files.h"
#include "results/read_files.h"

namespace pbflow {

namespace {

// The file's records, blank lines left out; CSV damage as an InputError at its place.
std::vector<results::CsvRecord> csv_rows(const std::string& file, const std::string& text) {
  std::vector<results::CsvRecord> rows;
  try {
    for (results::CsvRecord& r : results::split_csv(text))
      if (r.cells.size() > 1 || r.cells[0].find_first_not_of(" \t") != std::string::npos) rows.push_back(std::move(r));
  } catch (const results::CsvSyntaxError& e) {
    throw InputError({file, e.line, e.column}, "", e.what);
  }
  return rows;
}

std::string trimmed(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

// "1,234,567.5", as a spreadsheet writes a number formatted with thousands
// separators: the digits without them; anything else unchanged.
std::string without_thousands(const std::string& t) {
  const std::size_t point = t.find('.');
  const std::string whole = t.substr(0, point);
  if (whole.find(',') == std::string::npos || whole.find_first_not_of("0123456789,") != std::string::npos) return t;
  const std::size_t first = whole.find(',');
  if (first == 0 || first > 3) return t;
  for (std::size_t i = first; i < whole.size(); i += 4)
    if (whole[i] != ',' || i + 4 > whole.size() || whole.substr(i + 1, 3).find(',') != std::string::npos) return t;
  std::string digits;
  for (char c : whole)
    if (c != ',') digits += c;
  return digits + (point == std::string::npos ? "" : t.substr(point));
}

double money(const std::string& cell, const SourceLocation& at, const std::string& column) {
  const std::string shown = trimmed(cell);
  const std::string t = without_thousands(shown);
  std::size_t used = 0;
  double v = 0.0;
  try {
    v = std::stod(t, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (t.empty() || used != t.size() || !std::isfinite(v) || v < 0.0)
    throw InputError(at, column, "`" + shown + "` is not an amount in US dollars (a number at least 0, such as 150.8e6 or 150,800,000)");
  return v;
}

const std::set<std::string> kColumns = {"organisation", "country", "year", "low_usd", "high_usd", "amount_usd", "source"};

}  // namespace

std::vector<RecordedPayment> read_published_figures(const std::vector<std::string>& files) {
  std::vector<RecordedPayment> out;
  for (const std::string& file : files) {
    const std::string text = records::read_record_file(file);
    if (const std::size_t bad = records::first_bad_utf8(text); bad != std::string::npos)
      throw InputError(records::place_of(file, text, bad), "", "not UTF-8 text (save the sheet as CSV UTF-8)");
    const std::vector<results::CsvRecord> rows = csv_rows(file, text);
    if (rows.empty()) throw InputError({file, 0, 0}, "", "no header row and no figures");
    std::map<std::string, std::size_t> column;
    const SourceLocation header{file, rows[0].line, 1};
    for (std::size_t k = 0; k < rows[0].cells.size(); ++k) {
      const std::string name = trimmed(rows[0].cells[k]);
      const SourceLocation at{file, rows[0].line, rows[0].columns[k]};
      if (!kColumns.count(name))
        throw InputError(at, name,
                         "unknown column `" + name + "`; the columns are organisation, country, year, "
                         "low_usd and high_usd (or amount_usd), source");
      if (!column.emplace(name, k).second) throw InputError(at, name, "the column appears twice");
    }
    const bool ranged = column.count("low_usd") && column.count("high_usd");
    const bool single = column.count("amount_usd") && !column.count("low_usd") && !column.count("high_usd");
    if (ranged == single)
      throw InputError(header, "", "give either low_usd and high_usd, or amount_usd");
    if (!column.count("organisation") && !column.count("country"))
      throw InputError(header, "", "a figure needs an organisation or a country column");
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const results::CsvRecord& row = rows[i];
      const SourceLocation start{file, row.line, 1};
      if (row.cells.size() != rows[0].cells.size())
        throw InputError(start, "", std::to_string(row.cells.size()) + " cells where the header has " +
                                     std::to_string(rows[0].cells.size()));
      auto cell = [&](const char* name) {
        const auto it = column.find(name);
        return it == column.end() ? std::string() : trimmed(row.cells[it->second]);
      };
      auto at = [&](const char* name) {
        const auto it = column.find(name);
        return SourceLocation{file, row.line, it == column.end() ? 1 : row.columns[it->second]};
      };
      RecordedPayment p;
      p.org_name = cell("organisation");
      p.country = cell("country");
      p.source = cell("source");
      if (p.org_name.empty() && p.country.empty())
        throw InputError(start, "organisation", "a figure names an organisation, a country or both");
      if (!p.country.empty() && (p.country.size() != 3 || p.country.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos))
        throw InputError(at("country"), "country", "`" + p.country + "` is not an ISO 3166-1 alpha-3 code such as AFG");
      if (const std::string y = cell("year"); !y.empty()) {
        if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos || y < "1950" || y > "2200")
          throw InputError(at("year"), "year", "`" + y + "` is not a calendar year (leave it empty for a typical year)");
        p.year = std::stoi(y);
      }
      double low = 0.0, high = 0.0;
      if (ranged) {
        low = money(cell("low_usd"), at("low_usd"), "low_usd");
        high = money(cell("high_usd"), at("high_usd"), "high_usd");
        if (low > high) throw InputError(at("low_usd"), "low_usd", "the band's low end is above its high end");
      } else {
        low = high = money(cell("amount_usd"), at("amount_usd"), "amount_usd");
      }
      p.band = std::make_pair(low, high);
      p.amount_usd = 0.5 * (low + high);
      out.push_back(std::move(p));
    }
  }
  if (out.empty()) throw InputError({files.empty() ? std::string() : files.front(), 0, 0}, "", "no figures below the header");
  return out;
}

}  // namespace pbflow
