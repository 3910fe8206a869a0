// `pbflow discover`: the table, discovery.json and discovery_trajectory.csv.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "pbflow/results_io.h"
#include "results/csv.h"
#include "results/output_folder.h"

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

void write_discovery_outputs(const DiscoveryResult& r, const std::string& dir) {
  results::OutputFolder folder(dir);
  folder.write("discovery.json", [&](std::ostream& out) { write_discovery_json(r, out); });
  folder.write("discovery_trajectory.csv", [&](std::ostream& out) { write_discovery_csv(r, out); });
  folder.commit();
}

}  // namespace pbflow
