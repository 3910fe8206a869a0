#include "results/html.h"

#include <cmath>
#include <cstdio>

namespace pbflow::results {

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string thousands(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(value));
  std::string digits = buf;
  const std::size_t point = digits.find('.');
  std::string whole = digits.substr(0, point), rest = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  // No "-0.0": a value that rounds to zero has no sign.
  bool zero = true;
  for (char c : whole + rest) zero = zero && (c == '0' || c == '.');
  return (value < 0 && !zero ? "-" : "") + grouped + rest;
}

std::string HtmlTable::html() const {
  std::string out = "<table" + (css_class.empty() ? std::string() : " class=\"" + css_class + "\"") + "><thead><tr>";
  for (const std::string& h : header) out += "<th>" + escape_html(h) + "</th>";
  out += "</tr></thead><tbody>";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const std::string cls = r < row_classes.size() ? row_classes[r] : "";
    out += cls.empty() ? "<tr>" : "<tr class=\"" + cls + "\">";
    for (const std::string& cell : row) out += "<td>" + cell + "</td>";
    out += "</tr>";
  }
  return out + "</tbody></table>\n";
}

std::string Provenance::html() const {
  auto item = [](const char* label, const std::string& value, bool code = false) {
    if (value.empty()) return std::string();
    return std::string("<dt>") + label + "</dt><dd>" + (code ? "<code>" : "") + escape_html(value) +
           (code ? "</code>" : "") + "</dd>";
  };
  return "<section class=\"provenance\"><h2>Provenance</h2><dl>" + item("engine", "pbflow " + engine) +
         item("scenario", scenario) + item("scenario SHA-256", scenario_sha256, true) + item("seed", seed) +
         item("replicas", replicas) + item("command", command, true) + item("run started (UTC)", created) +
         "</dl></section>\n";
}

namespace {

const char* kStyle =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:64rem;margin:1.5rem auto;padding:0 1rem;"
    "color:#1a1a1a;line-height:1.4}"
    "h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}"
    "h3{font-size:1rem;margin:1rem 0 .3rem}"
    "table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem;max-width:100%}"
    "th{font-weight:600;vertical-align:bottom;border-bottom:2px solid #888;overflow-wrap:break-word}"
    "td,th{padding:.2rem .6rem;text-align:right}td{border-bottom:1px solid #e3e3e3}.nw{white-space:nowrap}"
    ".halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}"
    "td:first-child,th:first-child{text-align:left}tr.clear td{font-weight:600}"
    "figure{margin:1rem 0;break-inside:avoid;min-width:0}figcaption{font-weight:600;margin-bottom:.2rem;overflow-wrap:anywhere}"
    "h3{overflow-wrap:anywhere}.grid2>*,.grid4>*{min-width:0}"
    "svg{width:100%;height:auto;display:block}"
    ".grid2{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}"
    ".grid4{display:grid;grid-template-columns:repeat(4,1fr);gap:.2rem .8rem}"
    ".axis{stroke:#444;stroke-width:1}.gridline{stroke:#e6e6e6;stroke-width:1}"
    ".tick{font-size:11px;fill:#333}.label{font-size:12px;fill:#1a1a1a}.small{font-size:10px;fill:#333}"
    ".note{color:#444;font-size:.9rem}.warn{color:#8a3b00;font-weight:600}"
    ".provenance dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.85rem}"
    ".provenance dt{color:#555}.provenance dd{margin:0;word-break:break-all}"
    "code{font-size:.85em}"
    "@media print{@page{size:A4;margin:14mm}body{max-width:none;margin:0;font-size:10pt}"
    "table{font-size:7.5pt}td,th{padding:.1rem .25rem}td,th{overflow-wrap:anywhere}.grid4{grid-template-columns:repeat(3,1fr)}"
    "h2{break-after:avoid}table,figure,section{break-inside:avoid}}";

}  // namespace

std::string html_page(const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         // Nothing on the page may fetch anything: no scripts, no fonts, no images from elsewhere.
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:\">"
         "<title>" + escape_html(title) + "</title><style>" + kStyle + "</style></head><body>\n" + body +
         "</body></html>\n";
}

}  // namespace pbflow::results
