// The pieces every report.html is made of: escaping, numbers as people
// read them (thousands separators), tables with units in their headers, the
// provenance box, and the page around them (self-contained, A4 when
// printed).
#pragma once

#include <string>
#include <vector>

namespace pbflow::results {

std::string escape_html(const std::string& text);
// 12345678.9 -> "12,345,678.9" with `decimals` digits after the point.
std::string thousands(double value, int decimals = 1);
// A money amount in millions: 12,384.1
inline std::string in_millions(double value) { return thousands(value / 1e6, 1); }

// Text kept on one line (a range such as "1,403.5-2,502.3").
inline std::string nowrap(const std::string& html) { return "<span class=\"nw\">" + html + "</span>"; }

struct HtmlTable {
  std::vector<std::string> header;               // with units: "spent, USD m"
  std::vector<std::vector<std::string>> rows;    // cells already escaped (they may hold markup)
  std::vector<std::string> row_classes;          // per row (may be shorter): "clear" sets it in bold
  std::string css_class;
  std::string html() const;
};

// Where a result came from, shown at the top of every report.
struct Provenance {
  std::string engine, scenario, scenario_sha256, command, created;
  std::string seed, replicas;
  std::string html() const;
};

// A whole page: title, body, and the style sheet (screen and A4 print).
std::string html_page(const std::string& title, const std::string& body);

}  // namespace pbflow::results
