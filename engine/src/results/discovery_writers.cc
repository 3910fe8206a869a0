// `pbflow discover`: the table, discovery.json and discovery_trajectory.csv.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "pbflow/results_io.h"
#include "results/csv.h"
#include "results/html.h"
#include "results/read_files.h"
#include "results/output_folder.h"
#include "results/svg_chart.h"

namespace pbflow {

std::string discovery_table(const DiscoveryResult& r) {
  char line[400];
  std::string out = r.scenario + ": where " + r.output + (r.above ? " > " : " < ");
  std::snprintf(line, sizeof line, "%g", r.threshold);
  out += line;
  out += " (" + std::to_string(r.of_interest) + " of " + std::to_string(r.points) + " points), by PRIM\n\n";
  out += "Peeling trajectory (coverage: cases of interest inside / all of them; density: cases of interest inside / "
         "points inside)\n";
  std::snprintf(line, sizeof line, "  %5s %9s %9s %9s %11s\n", "step", "coverage", "density", "mass", "restricted");
  out += line;
  const std::size_t stride = r.trajectory.size() > 24 ? r.trajectory.size() / 12 : 1;
  for (std::size_t s = 0; s < r.trajectory.size(); ++s) {
    if (s % stride != 0 && static_cast<int>(s) != r.chosen && s + 1 != r.trajectory.size()) continue;
    const PeelStep& p = r.trajectory[s];
    std::snprintf(line, sizeof line, "  %5zu %9.3f %9.3f %9.3f %11d%s\n", s, p.coverage, p.density, p.mass, p.restricted,
                  static_cast<int>(s) == r.chosen ? "   <- chosen" : "");
    out += line;
  }
  const PeelStep& c = r.trajectory[r.chosen];
  std::snprintf(line, sizeof line, "\nThe box of step %d: coverage %.3f, density %.3f (%.3f among all points)\n", r.chosen,
                c.coverage, c.density, static_cast<double>(r.of_interest) / r.points);
  out += line;
  std::snprintf(line, sizeof line, "  %-44s %12s %12s   %-25s %s\n", "parameter", "from", "to", "of its range", "qp");
  out += line;
  for (const BoxLimit& b : r.box) {
    if (!b.restricted) continue;
    char range[64];
    std::snprintf(range, sizeof range, "[%g, %g]", b.full_low, b.full_high);
    std::snprintf(line, sizeof line, "  %-44s %12.5g %12.5g   %-25s %.2g\n", b.parameter.c_str(), b.low, b.high, range, b.qp);
    out += line;
  }
  out += "  (qp: the chance of a box this dense without the restriction; small means it matters)\n";
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  return out;
}

void write_discovery_json(const DiscoveryResult& r, std::ostream& out) {
  nlohmann::ordered_json j;
  j["scenario"] = r.scenario;
  j["output"] = r.output;
  j["threshold"] = r.threshold;
  j["cases_of_interest"] = r.above ? "above" : "below";
  j["points"] = r.points;
  j["of_interest"] = r.of_interest;
  j["chosen_step"] = r.chosen;
  j["coverage"] = r.trajectory[r.chosen].coverage;
  j["density"] = r.trajectory[r.chosen].density;
  j["box"] = nlohmann::ordered_json::array();
  for (const BoxLimit& b : r.box)
    j["box"].push_back({{"parameter", b.parameter}, {"restricted", b.restricted}, {"low", b.low}, {"high", b.high},
                        {"full_low", b.full_low}, {"full_high", b.full_high}, {"qp", b.qp}});
  j["notes"] = r.notes;
  out << j.dump(2) << "\n";
}

void write_discovery_csv(const DiscoveryResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"step", "coverage", "density", "mass", "restricted"}) csv.text(h);
  csv.end_row();
  for (std::size_t s = 0; s < r.trajectory.size(); ++s) {
    const PeelStep& p = r.trajectory[s];
    csv.integer(static_cast<long long>(s)).number(p.coverage).number(p.density).number(p.mass).integer(p.restricted).end_row();
  }
}

DiscoveryResult read_discovery_folder(const std::string& dir) {
  const results::JsonFile j = results::JsonFile::read(dir + "/discovery.json");
  const results::CsvTable t = results::CsvTable::read(dir + "/discovery_trajectory.csv");
  DiscoveryResult r;
  r.scenario = j.text_or({"scenario"}, "");
  r.output = j.text({"output"});
  r.threshold = j.number({"threshold"});
  r.above = j.text_or({"cases_of_interest"}, "above") == "above";
  r.points = j.integer({"points"});
  r.of_interest = j.integer({"of_interest"});
  r.chosen = j.integer({"chosen_step"});
  const int coverage = t.require_column("coverage"), density = t.require_column("density"), mass = t.require_column("mass"),
            restricted = t.require_column("restricted");
  for (std::size_t row = 0; row < t.rows(); ++row)
    r.trajectory.push_back({t.number(row, coverage), t.number(row, density), t.number(row, mass),
                            t.integer(row, restricted)});
  const auto& box = j.list({"box"});
  for (std::size_t i = 0; i < box.size(); ++i) {
    const auto& b = box[i];
    auto number = [&](const char* key) {
      if (!b.is_object() || !b.contains(key) || !b[key].is_number())
        throw RuntimeFailure(j.path() + ": box[" + std::to_string(i) + "]." + key + " should be a number");
      return b[key].get<double>();
    };
    if (!b.contains("parameter") || !b["parameter"].is_string() || !b.contains("restricted") || !b["restricted"].is_boolean())
      throw RuntimeFailure(j.path() + ": box[" + std::to_string(i) + "] needs `parameter` and `restricted`");
    r.box.push_back({b["parameter"].get<std::string>(), number("low"), number("high"), number("full_low"),
                     number("full_high"), b["restricted"].get<bool>(), number("qp")});
  }
  if (r.trajectory.empty() || r.chosen < 0 || r.chosen >= static_cast<int>(r.trajectory.size()))
    throw RuntimeFailure(j.path() + ": `chosen_step` is not a step of discovery_trajectory.csv");
  return r;
}

// The report of a discovery: the question, the box and the trajectory.
std::string discovery_report_html(const DiscoveryResult& r) {
  using namespace results;
  char threshold[64];
  std::snprintf(threshold, sizeof threshold, "%g", r.threshold);
  std::string body = "<h1>" + escape_html(r.scenario) + ": where " + escape_html(r.output) + (r.above ? " &gt; " : " &lt; ") +
                     threshold + "</h1>\n";
  const PeelStep& c = r.trajectory[r.chosen];
  body += "<p class=\"note\">" + thousands(r.of_interest, 0) + " of " + thousands(r.points, 0) +
          " points are cases of interest. PRIM (Friedman and Fisher 1999) peeled " +
          std::to_string(r.trajectory.size() - 1) + " times; the box reported is the densest keeping the coverage asked for: " +
          "it holds " + thousands(100 * c.coverage, 0) + "% of the cases of interest (coverage), and " +
          thousands(100 * c.density, 0) + "% of its points are cases of interest (density), against " +
          thousands(100.0 * r.of_interest / std::max(1, r.points), 0) + "% among all points.</p>\n";
  HtmlTable box;
  box.header = {"parameter", "box: from", "to", "the sweep's range", "quasi-p-value"};
  for (const BoxLimit& b : r.box) {
    if (!b.restricted) continue;
    box.rows.push_back({escape_html(b.parameter), thousands(b.low, 4), thousands(b.high, 4),
                        nowrap(thousands(b.full_low, 4) + " to " + thousands(b.full_high, 4)),
                        b.qp < 1e-4 ? "&lt; 0.0001" : thousands(b.qp, 4)});
  }
  body += "<h2>The box</h2>\n" + box.html() +
          "<p class=\"note\">A quasi-p-value is the chance, were that restriction dropped, of a box at least as dense "
          "by luck; a large one says the restriction does not matter.</p>\n";
  std::vector<ScatterPoint> trade;
  for (const PeelStep& p : r.trajectory) trade.push_back({p.coverage, p.density});
  body += "<h2>The peeling trajectory</h2>\n<div class=\"grid2\">" +
          scatter_chart("Density against coverage, a dot per box", "coverage", "density", trade, 1.0) + "</div>\n";
  for (const auto& n : r.notes) body += "<p class=\"note\">" + escape_html(n) + "</p>\n";
  return html_page("pbflow discover: " + r.output, body);
}

void write_discovery_outputs(const DiscoveryResult& r, const std::string& dir) {
  results::OutputFolder folder(dir);
  folder.write("discovery.json", [&](std::ostream& out) { write_discovery_json(r, out); });
  folder.write("discovery_trajectory.csv", [&](std::ostream& out) { write_discovery_csv(r, out); });
  const std::string html = discovery_report_html(r);
  folder.write("report.html", [&](std::ostream& out) { out << html; });
  folder.commit();
}

}  // namespace pbflow
