// report.html of `pbflow sweep`: each output against each parameter, and
// the points themselves. From a sweep's folder (sweep.json, sweep.csv) or
// from its store.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "results/report_parts.h"
#include "results/svg_chart.h"

namespace pbflow {

namespace {

// A parameter value as a number, if the whole text is one.
bool as_number(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(value);
}

}  // namespace

std::string sweep_report_html(const SweepResult& r, const SensitivityResult* sensitivity) {
  using namespace results;
  std::string body = "<h1>" + escape_html(r.scenario) + ": " + escape_html(r.design) + " sweep</h1>\n";
  body += "<p class=\"note\">" + std::to_string(r.points.size()) + " points over " + std::to_string(r.parameters.size()) +
          " parameters, " + thousands(r.replicas, 0) +
          " replicas at every point (the same futures at every point). Each chart: one output against one parameter, a "
          "dot per point.</p>\n";
  Provenance p;
  p.engine = r.engine.empty() ? "(not recorded)" : r.engine;
  p.scenario = r.scenario;
  p.scenario_sha256 = r.scenario_sha256;
  p.seed = std::to_string(r.seed);
  p.replicas = thousands(r.replicas, 0) + " per point";
  p.command = r.command;
  p.created = r.created;
  body += p.html();
  if (sensitivity && !sensitivity->indices.empty()) {
    const bool morris = sensitivity->method == "morris";
    body += "<h2>Which parameters matter</h2>\n<p class=\"note\">" +
            std::string(morris ? "Morris's mean absolute elementary effect (mu*)" : "Total Sobol' indices (ST)") +
            " per output, with 95% bootstrap intervals; the longer the bar, the more the output depends on the "
            "parameter. sensitivity.csv holds every index.</p>\n";
    std::vector<std::string> outputs;
    for (const auto& i : sensitivity->indices)
      if (std::find(outputs.begin(), outputs.end(), i.output) == outputs.end()) outputs.push_back(i.output);
    for (const std::string& o : outputs) {
      std::vector<IntervalRow> rows;
      for (const auto& i : sensitivity->indices)
        if (i.output == o && i.measure == (morris ? "mu_star" : "ST"))
          rows.push_back({i.parameter, i.value, i.low, i.high, i.low > 0, palette::kBlue});
      std::stable_sort(rows.begin(), rows.end(), [](const IntervalRow& a, const IntervalRow& b) { return a.mean > b.mean; });
      body += interval_chart(o, morris ? "mu* (output units per unit of the range)" : "total index", rows, 1.0);
    }
    for (const auto& w : sensitivity->warnings) body += "<p class=\"warn\">" + escape_html(w) + "</p>\n";
  }
  const std::size_t max_outputs = 6, max_parameters = 8;
  body += "<h2>Each output against each parameter</h2>\n";
  if (r.outputs.size() > max_outputs || r.parameters.size() > max_parameters)
    body += "<p class=\"note\">The first " + std::to_string(std::min(max_outputs, r.outputs.size())) + " outputs and " +
            std::to_string(std::min(max_parameters, r.parameters.size())) + " parameters; sweep.csv holds all.</p>\n";
  for (std::size_t o = 0; o < r.outputs.size() && o < max_outputs; ++o) {
    double largest = 0;
    for (const SweepPoint& point : r.points) largest = std::max(largest, std::abs(point.outputs[o]));
    const double scale = largest >= 1e6 ? 1e6 : 1.0;
    body += "<h3>" + escape_html(r.outputs[o]) + (scale > 1 ? " (millions)" : "") + "</h3><div class=\"grid2\">";
    for (std::size_t k = 0; k < r.parameters.size() && k < max_parameters; ++k) {
      std::vector<ScatterPoint> points;
      for (const SweepPoint& point : r.points) {
        double x = 0;
        if (k < point.assignments.size() && as_number(point.assignments[k].second, x)) points.push_back({x, point.outputs[o]});
      }
      if (points.empty()) {
        body += "<p class=\"note\">" + escape_html(r.parameters[k]) + " takes values that are not numbers.</p>";
        continue;
      }
      body += scatter_chart(r.outputs[o] + " against " + r.parameters[k], r.parameters[k],
                            scale > 1 ? "millions" : "", points, scale);
    }
    body += "</div>\n";
  }
  HtmlTable t;
  t.header = {"point"};
  for (const auto& name : r.parameters) t.header.push_back(name);
  for (const auto& name : r.outputs) t.header.push_back(name);
  const std::size_t shown = std::min<std::size_t>(r.points.size(), 50);
  for (std::size_t i = 0; i < shown; ++i) {
    const SweepPoint& point = r.points[i];
    std::vector<std::string> row = {std::to_string(point.index)};
    for (const auto& [path, value] : point.assignments) row.push_back(escape_html(value));
    for (double v : point.outputs) row.push_back(thousands(v, std::abs(v) >= 100 ? 0 : 4));
    t.rows.push_back(row);
  }
  body += "<h2>Points</h2>\n<p class=\"note\">" +
          (shown < r.points.size() ? "The first " + std::to_string(shown) + " of " + std::to_string(r.points.size()) +
                                         " points; sweep.csv holds them all."
                                   : std::string("Every point.")) +
          "</p>\n" + t.html();
  return html_page("pbflow sweep: " + r.scenario, body);
}

// sweep.json and sweep.csv, back into a SweepResult.
SweepResult read_sweep_folder(const std::string& dir) {
  using namespace results;
  const JsonFile j = JsonFile::read(dir + "/sweep.json");
  const CsvTable csv = CsvTable::read(dir + "/sweep.csv");
  SweepResult r;
  r.scenario = j.text_or({"scenario"}, "");
  r.scenario_sha256 = j.text_or({"scenario_sha256"}, "");
  r.engine = j.text_or({"engine"}, "");
  r.design = j.text_or({"design"}, "");
  r.samples = static_cast<int>(j.number_or({"samples"}, 0));
  r.levels = static_cast<int>(j.number_or({"levels"}, 0));
  r.replicas = static_cast<int>(j.number_or({"replicas"}, 0));
  r.seed = static_cast<std::uint64_t>(j.number_or({"seed"}, 0));
  r.command = j.has({"run", "command"}) ? j.text({"run", "command"}) : "";
  r.created = j.has({"run", "created"}) ? j.text({"run", "created"}) : "";
  for (const auto& p : j.at({"parameters"})) r.parameters.push_back(p.is_string() ? p.get<std::string>() : "");
  for (const auto& o : j.at({"outputs"})) r.outputs.push_back(o.is_string() ? o.get<std::string>() : "");
  const int point_c = csv.require_column("point");
  std::vector<int> parameter_c, output_c;
  for (const auto& p : r.parameters) parameter_c.push_back(csv.require_column(p));
  for (const auto& o : r.outputs) output_c.push_back(csv.require_column(o));
  for (std::size_t row = 0; row < csv.rows(); ++row) {
    SweepPoint point;
    point.index = csv.integer(row, point_c);
    for (std::size_t k = 0; k < parameter_c.size(); ++k) point.assignments.push_back({r.parameters[k], csv.cell(row, parameter_c[k])});
    for (int c : output_c) point.outputs.push_back(csv.number(row, c));
    r.points.push_back(point);
  }
  return r;
}

}  // namespace pbflow
