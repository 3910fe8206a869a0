// report.html: one self-contained page a planner can open and send (no
// scripts, no downloads): the money table, monthly charts drawn as inline
// SVG, and the country table. Built from the files a run writes, so
// `pbflow report DIR` can rebuild it from any results folder.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "results/output_folder.h"
#include "results/read_files.h"

namespace pbflow {

namespace {

using json = nlohmann::ordered_json;  // keeps the scenario's country order

struct Series {
  std::vector<std::string> months;
  std::map<std::string, std::vector<double>> columns;
};

// timeseries.csv, every cell checked: months as text, the rest numbers.
Series read_timeseries(const std::string& path) {
  const results::CsvTable table = results::CsvTable::read(path);
  const int month = table.require_column("month");
  Series s;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    s.months.push_back(table.cell(r, month));
    for (std::size_t k = 0; k < table.header().size(); ++k)
      if (static_cast<int>(k) != month) s.columns[table.header()[k]].push_back(table.number(r, static_cast<int>(k)));
  }
  return s;
}

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string millions(double v) { return fmt("%.1f", v / 1e6); }

// A line chart with optional 5-95% bands, as inline SVG.
struct Line {
  std::string label, colour;
  std::vector<double> mid, low, high;  // low/high may be empty
};

std::string chart(const std::string& title, const std::string& unit, const std::vector<std::string>& months,
                  const std::vector<Line>& lines, double scale) {
  const double W = 760, H = 240, left = 70, right = 20, top = 30, bottom = 40;
  double hi = 0;
  for (const auto& l : lines)
    for (const auto* v : {&l.mid, &l.high})
      for (double x : *v) hi = std::max(hi, x / scale);
  if (hi <= 0) hi = 1;
  const std::size_t n = months.size();
  auto X = [&](std::size_t i) { return left + (n > 1 ? (W - left - right) * i / (n - 1.0) : 0.0); };
  auto Y = [&](double v) { return top + (H - top - bottom) * (1 - v / scale / hi); };
  std::string svg = "<figure><figcaption>" + escape(title) + "</figcaption><svg viewBox=\"0 0 " + fmt("%.0f", W) + " " +
                    fmt("%.0f", H) + "\" role=\"img\" aria-label=\"" + escape(title) + "\">";
  svg += "<line class=\"axis\" x1=\"" + fmt("%.1f", left) + "\" y1=\"" + fmt("%.1f", H - bottom) + "\" x2=\"" +
         fmt("%.1f", W - right) + "\" y2=\"" + fmt("%.1f", H - bottom) + "\"/>";
  for (int k = 0; k <= 4; ++k) {
    const double v = hi * k / 4;
    svg += "<text class=\"tick\" x=\"" + fmt("%.1f", left - 6) + "\" y=\"" + fmt("%.1f", Y(v * scale) + 4) +
           "\" text-anchor=\"end\">" + fmt(hi >= 10 ? "%.0f" : "%.2g", v) + "</text>";
    svg += "<line class=\"grid\" x1=\"" + fmt("%.1f", left) + "\" y1=\"" + fmt("%.1f", Y(v * scale)) + "\" x2=\"" +
           fmt("%.1f", W - right) + "\" y2=\"" + fmt("%.1f", Y(v * scale)) + "\"/>";
  }
  for (std::size_t i = 0; i < n; i += 12)
    svg += "<text class=\"tick\" x=\"" + fmt("%.1f", X(i)) + "\" y=\"" + fmt("%.1f", H - bottom + 16) +
           "\" text-anchor=\"middle\">" + escape(months[i].substr(0, 4)) + "</text>";
  svg += "<text class=\"unit\" x=\"8\" y=\"16\">" + escape(unit) + "</text>";
  int legend = 0;
  for (const auto& l : lines) {
    if (!l.low.empty()) {
      std::string band;
      for (std::size_t i = 0; i < n; ++i) band += fmt("%.1f,", X(i)) + fmt("%.1f ", Y(l.high[i]));
      for (std::size_t i = n; i-- > 0;) band += fmt("%.1f,", X(i)) + fmt("%.1f ", Y(l.low[i]));
      svg += "<polygon fill=\"" + l.colour + "\" opacity=\"0.18\" points=\"" + band + "\"/>";
    }
    std::string path;
    for (std::size_t i = 0; i < n; ++i) path += fmt("%.1f,", X(i)) + fmt("%.1f ", Y(l.mid[i]));
    svg += "<polyline fill=\"none\" stroke=\"" + l.colour + "\" stroke-width=\"2\" points=\"" + path + "\"/>";
    svg += "<text class=\"legend\" fill=\"" + l.colour + "\" x=\"" + fmt("%.1f", left + 140 + 150 * legend++) +
           "\" y=\"20\">" + escape(l.label) + "</text>";
  }
  return svg + "</svg></figure>\n";
}

const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;margin:.5rem 0}"
    "td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}"
    "figure{margin:1rem 0}figcaption{font-weight:600}svg{width:100%;height:auto}.axis{stroke:#555}"
    ".grid{stroke:#eee}.tick,.unit{font-size:11px;fill:#555}.legend{font-size:12px;font-weight:600}"
    ".note{color:#555;font-size:.9rem}";

}  // namespace

std::string report_html(const std::string& dir) {
  if (!std::filesystem::is_directory(dir)) throw RuntimeFailure(dir + " is not a folder of pbflow results");
  const results::JsonFile summary = results::JsonFile::read(dir + "/summary.json");
  if (!summary.root().is_object() || !summary.has({"pbflow"}) || !summary.has({"totals"}))
    throw RuntimeFailure(summary.path() + " is not a pbflow summary (no `pbflow` and `totals` keys)");
  const Series ts = read_timeseries(dir + "/timeseries.csv");
  const std::string currency = summary.text_or({"currency"}, "USD");
  const std::string scenario = summary.text_or({"scenario"}, "");
  const json& t = summary.object({"totals"});

  std::string html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pbflow: " +
                     escape(scenario) + "</title><style>" + kStyle + "</style></head><body>\n";
  html += "<h1>" + escape(scenario) + "</h1>\n<p class=\"note\">" +
          fmt("%.0f", summary.number_or({"replicas"}, 0)) + " replicas, " + fmt("%.0f", summary.number_or({"months"}, 0)) +
          " months from " + escape(summary.text_or({"start"}, "")) + ", seed " + fmt("%.0f", summary.number_or({"seed"}, 0)) +
          ". Money in millions of " + escape(currency) + ", means over replicas.</p>\n";
  html += "<h2>Where the money went</h2><table>";
  for (const auto& [key, label] : std::vector<std::pair<std::string, std::string>>{
           {"appropriated", "appropriated"}, {"released", "released from budget lines"},
           {"overhead", "kept as overhead by intermediaries"}, {"spent", "spent by country programmes"},
           {"in_pipeline", "still in pipelines at the horizon"}, {"unreleased", "not yet released"},
           {"reserves", "held in reserves"}, {"lapsed", "lapsed"}})
    if (t.contains(key)) html += "<tr><td>" + label + "</td><td>" + millions(summary.number({"totals", key})) + "</td></tr>";
  if (summary.has({"delivery_lag_months"}))
    html += "<tr><td>months from release to spending (money-weighted)</td><td>" +
            fmt("%.1f", summary.number({"delivery_lag_months", "mean"})) + "</td></tr>";
  html += "<tr><td>largest relative conservation error</td><td>" +
          fmt("%.1e", summary.number_or({"conservation_error"}, 0.0)) + "</td></tr></table>\n";

  auto col = [&](const std::string& name) {
    auto it = ts.columns.find(name);
    if (it == ts.columns.end()) throw RuntimeFailure(dir + "/timeseries.csv: no column `" + name + "` in the header");
    return it->second;
  };
  html += chart("Spending by pillar each month", currency + " m", ts.months,
                {{"humanitarian", "#c0392b", col("spent_humanitarian_mean"), {}, {}},
                 {"development", "#2471a3", col("spent_development_mean"), {}, {}},
                 {"peace", "#239b56", col("spent_peace_mean"), {}, {}}},
                1e6);
  html += chart("Share of countries at war (median and 5-95% of replicas)", "share", ts.months,
                {{"at war", "#7d3c98", col("share_in_conflict_p50"), col("share_in_conflict_p05"),
                  col("share_in_conflict_p95")}},
                1.0);
  html += chart("People in need not reached (median and 5-95% of replicas)", "millions of people", ts.months,
                {{"unmet need", "#b9770e", col("unmet_need_p50"), col("unmet_need_p05"), col("unmet_need_p95")}}, 1e6);

  html += "<h2>Countries</h2><table><tr><th>country</th><th>humanitarian</th><th>development</th><th>peace</th>"
          "<th>conflict months (5-95%)</th><th>unmet need, m person-months</th><th>peace at end</th></tr>";
  for (const auto& entry : summary.object({"countries"}).items()) {
    const std::string iso3 = entry.key();
    auto number = [&](std::vector<std::string> keys) {
      keys.insert(keys.begin(), {"countries", iso3});
      return summary.number(keys);
    };
    html += "<tr><td>" + escape(iso3) + "</td><td>" + millions(number({"spent", "humanitarian"})) + "</td><td>" +
            millions(number({"spent", "development"})) + "</td><td>" + millions(number({"spent", "peace"})) +
            "</td><td>" + fmt("%.0f", number({"conflict_months", "mean"})) + " (" +
            fmt("%.0f", number({"conflict_months", "p05"})) + "-" + fmt("%.0f", number({"conflict_months", "p95"})) +
            ")</td><td>" + fmt("%.1f", number({"unmet_need_person_months", "mean"}) / 1e6) + "</td><td>" +
            fmt("%.2f", number({"peace_at_horizon"})) + "</td></tr>";
  }
  html += "</table>\n<p class=\"note\">Made by pbflow from summary.json and timeseries.csv in this folder; "
          "docs/outputs.md explains every number.</p>\n</body></html>\n";
  return html;
}

void write_report(const std::string& dir) {
  const std::string html = report_html(dir);
  results::replace_file(dir, "report.html", [&](std::ostream& out) { out << html; });
}

}  // namespace pbflow
