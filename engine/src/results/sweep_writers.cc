#include <algorithm>
#include <cstdio>
#include <iomanip>

#include <nlohmann/json.hpp>

#include "pbflow/results_io.h"
#include "results/output_folder.h"
#include "results/csv.h"

namespace pbflow {

void write_sweep_csv(const SweepResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  csv.text("point");
  for (const auto& p : r.parameters) csv.text(p);
  for (const auto& o : r.outputs) csv.text(o);
  csv.end_row();
  for (const auto& point : r.points) {
    csv.integer(point.index);
    for (const auto& [path, value] : point.assignments) csv.value(value);
    for (double v : point.outputs) csv.number(v);
    csv.end_row();
  }
}

void write_sweep_json(const SweepResult& r, std::ostream& out) {
  nlohmann::ordered_json j;
  j["pbflow"] = 1;
  j["scenario"] = r.scenario;
  j["scenario_sha256"] = r.scenario_sha256;
  j["engine"] = r.engine;
  j["design"] = r.design;
  j["samples"] = r.samples;
  if (r.levels > 0) j["levels"] = r.levels;
  j["replicas"] = r.replicas;
  j["seed"] = r.seed;
  j["points"] = r.points.size();
  j["failures"] = nlohmann::ordered_json::array();
  for (const auto& [point, why] : r.failures) j["failures"].push_back({{"point", point}, {"error", why}});
  if (r.partial)
    j["partial"] = {{"points_planned", r.points_planned}, {"why", "stopped early; these are the points that finished"}};
  j["parameters"] = r.parameters;
  j["outputs"] = r.outputs;
  j["run"] = {{"seconds", r.seconds}, {"created", r.created}, {"command", r.command}, {"computed", r.computed},
              {"reused", r.reused}};
  out << j.dump(2) << "\n";
}

void write_sweep_outputs(const SweepResult& r, const std::string& dir, const SensitivityResult* sensitivity) {
  results::OutputFolder folder(dir);
  folder.write("sweep.csv", [&](std::ostream& out) { write_sweep_csv(r, out); });
  if (sensitivity) folder.write("sensitivity.csv", [&](std::ostream& out) { write_sensitivity_csv(*sensitivity, out); });
  folder.write("sweep.json", [&](std::ostream& out) { write_sweep_json(r, out); });
  write_sweep_workbook(r, folder.staging() + "/results.xlsx");
  const std::string html = report_html(folder.staging());
  folder.write("report.html", [&](std::ostream& out) { out << html; });
  folder.commit();
}

std::string sweep_table(const SweepResult& r) {
  char buf[160];
  std::string out = r.scenario + ": " + r.design + " sweep of " + std::to_string(r.points.size()) + " points over " +
                    std::to_string(r.parameters.size()) + " parameters, " + std::to_string(r.replicas) +
                    " replicas each (seed " + std::to_string(r.seed) + ", the same futures at every point)\n";
  if (r.partial)
    out += "PARTIAL: stopped after " + std::to_string(r.points.size()) + " of the " + std::to_string(r.points_planned) +
           " points had finished; the rest were not run.\n";
  out += std::to_string(r.computed) + " points run, " + std::to_string(r.reused) + " reused from the store";
  if (!r.failures.empty())
    out += ", " + std::to_string(r.failures.size()) + " failed (sweep.json and the store's sweep_failures say why; " +
           "first: point " + std::to_string(r.failures.front().first) + ": " + r.failures.front().second + ")";
  std::snprintf(buf, sizeof buf, ", %.1f s\n\n", r.seconds);
  out += buf;
  std::snprintf(buf, sizeof buf, "%-48s %14s %14s %14s\n", "output", "min", "mean", "max");
  out += buf;
  for (std::size_t k = 0; k < r.outputs.size(); ++k) {
    double lo = 0, hi = 0, sum = 0;
    for (std::size_t i = 0; i < r.points.size(); ++i) {
      const double v = r.points[i].outputs[k];
      lo = i ? std::min(lo, v) : v;
      hi = i ? std::max(hi, v) : v;
      sum += v;
    }
    std::snprintf(buf, sizeof buf, "%-48s %14.5g %14.5g %14.5g\n", r.outputs[k].c_str(), lo,
                  r.points.empty() ? 0.0 : sum / r.points.size(), hi);
    out += buf;
  }
  return out;
}

}  // namespace pbflow
