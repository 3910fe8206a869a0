#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iomanip>

#include "pbflow/results_io.h"
#include "results/json_stats.h"
#include "results/output_folder.h"
#include "results/csv.h"

namespace pbflow {

namespace {

using nlohmann::ordered_json;
using results::stats_json;

ordered_json countries_json(const RunResult& r) {
  ordered_json out = ordered_json::object();
  for (std::size_t c = 0; c < r.countries.size(); ++c) {
    double conflict = 0, unmet = 0, peace = 0;
    PillarArray<double> spent{};
    for (int i = 0; i < r.replicas; ++i) {
      const CountryOutcome& o = r.outcome(i, static_cast<int>(c));
      conflict += o.conflict_months / r.replicas;
      unmet += o.unmet_need_person_months / r.replicas;
      peace += (o.peace_at_horizon ? 1.0 : 0.0) / r.replicas;
      for (int p = 0; p < kPillars; ++p) spent[p] += o.spent[p] / r.replicas;
    }
    out[r.countries[c]] = {{"spent", {{"humanitarian", spent[0]}, {"development", spent[1]}, {"peace", spent[2]}}},
                           {"conflict_months", conflict},
                           {"unmet_need_person_months", unmet},
                           {"peace_at_horizon", peace}};
  }
  return out;
}

std::string format(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string pad(const std::string& s, std::size_t width, bool right = true) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

// "[-1.2e+06, +3.4e+05]"
std::string interval(double low, double high) {
  std::string out("[");
  out.append(format("%+.3g", low)).append(", ").append(format("%+.3g", high)).append("]");
  return out;
}

}  // namespace

void write_compare_json(const CompareResult& c, std::ostream& out) {
  ordered_json j;
  j["pbflow"] = 1;
  j["scenario"] = c.scenario;
  j["scenario_sha256"] = c.scenario_sha256;
  j["engine"] = c.engine;
  j["baseline"] = c.baseline;
  j["replicas"] = c.replicas;
  j["seed"] = c.seed;
  ordered_json strategies = ordered_json::object();
  for (const auto& s : c.strategies) {
    ordered_json sj;
    sj["kind"] = to_string(s.kind);
    sj["objective"] = stats_json(s.objective_stats);
    const PairedDifference& d = s.vs_baseline;
    sj["vs_baseline"] = {{"mean_diff", d.mean_diff},
                         {"ci95", {d.ci_low, d.ci_high}},
                         {"p_better", d.p_better},
                         {"unpaired_ci95", {d.unpaired_ci_low, d.unpaired_ci_high}},
                         {"pairing_narrowing", d.narrowing}};
    if (s.in_sample_objective) {
      ordered_json starts = ordered_json::object();
      for (const auto& [name, value] : s.start_objectives) starts[name] = value;
      sj["optimised"] = {{"in_sample_objective", *s.in_sample_objective},
                         {"out_of_sample_objective", s.objective_stats.mean},
                         {"starting_points_in_sample", starts},
                         {"shares", s.shares}};
    }
    double spent = 0, overhead = 0;
    for (const auto& t : s.run.totals) {
      spent += t.spent / s.run.replicas;
      overhead += t.overhead / s.run.replicas;
    }
    sj["totals"] = {{"spent", spent}, {"overhead", overhead}};
    sj["countries"] = countries_json(s.run);
    strategies[s.name] = sj;
  }
  j["strategies"] = strategies;
  if (c.robustness) {
    const Robustness& rb = *c.robustness;
    ordered_json futures = ordered_json::array();
    for (const auto& f : rb.futures) {
      ordered_json a = ordered_json::object();
      for (const auto& [path, value] : f.assignments) a[path] = value;
      futures.push_back(a);
    }
    ordered_json per = ordered_json::object();
    for (std::size_t k = 0; k < c.strategies.size(); ++k) {
      ordered_json sj = {{"objective_by_future", rb.objective[k]},
                         {"regret_by_future", rb.regret[k]},
                         {"max_regret", rb.max_regret[k]},
                         {"mean_regret", rb.mean_regret[k]}};
      if (!rb.satisficing_share.empty()) sj["satisficing_share"] = rb.satisficing_share[k];
      per[c.strategies[k].name] = sj;
    }
    j["robustness"] = {{"replicas_per_future", rb.replicas},
                       {"satisficing_objective_at_most",
                        rb.satisficing_objective ? ordered_json(*rb.satisficing_objective) : ordered_json(nullptr)},
                       {"futures", futures},
                       {"strategies", per}};
  }
  j["run"] = {{"seconds", c.seconds}, {"created", c.created}, {"command", c.command}};
  out << j.dump(2) << "\n";
}

void write_compare_csv(const CompareResult& c, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"strategy", "kind", "objective_mean", "objective_sd", "objective_p05", "objective_p50",
                        "objective_p95", "mean_diff", "ci95_low", "ci95_high", "p_better", "unpaired_ci95_low",
                        "unpaired_ci95_high", "pairing_narrowing", "in_sample_objective", "max_regret", "mean_regret",
                        "satisficing_share"})
    csv.text(h);
  csv.end_row();
  for (std::size_t k = 0; k < c.strategies.size(); ++k) {
    const StrategyResult& s = c.strategies[k];
    const Stats& o = s.objective_stats;
    const PairedDifference& d = s.vs_baseline;
    csv.text(s.name).text(to_string(s.kind)).number(o.mean).number(o.sd).number(o.p05).number(o.p50).number(o.p95);
    csv.number(d.mean_diff).number(d.ci_low).number(d.ci_high).number(d.p_better);
    csv.number(d.unpaired_ci_low).number(d.unpaired_ci_high).number(d.narrowing);
    s.in_sample_objective ? csv.number(*s.in_sample_objective) : csv.empty();
    c.robustness ? csv.number(c.robustness->max_regret[k]) : csv.empty();
    c.robustness ? csv.number(c.robustness->mean_regret[k]) : csv.empty();
    c.robustness && !c.robustness->satisficing_share.empty() ? csv.number(c.robustness->satisficing_share[k])
                                                              : csv.empty();
    csv.end_row();
  }
}

void write_futures_csv(const CompareResult& c, std::ostream& out) {
  if (!c.robustness) return;
  const Robustness& rb = *c.robustness;
  results::CsvWriter csv(out);
  csv.text("strategy").text("future");
  if (!rb.futures.empty())
    for (const auto& [path, value] : rb.futures.front().assignments) csv.text(path);
  csv.text("objective").text("regret").text("satisficing").end_row();
  for (std::size_t k = 0; k < c.strategies.size(); ++k)
    for (std::size_t f = 0; f < rb.futures.size(); ++f) {
      csv.text(c.strategies[k].name).integer(static_cast<long long>(f));
      for (const auto& [path, value] : rb.futures[f].assignments) csv.value(value);
      csv.number(rb.objective[k][f]).number(rb.regret[k][f]);
      rb.satisficing_objective ? csv.integer(rb.objective[k][f] <= *rb.satisficing_objective ? 1 : 0) : csv.empty();
      csv.end_row();
    }
}

void write_compare_outputs(const CompareResult& c, const std::string& dir) {
  results::OutputFolder folder(dir);
  folder.write("compare.json", [&](std::ostream& out) { write_compare_json(c, out); });
  folder.write("compare.csv", [&](std::ostream& out) { write_compare_csv(c, out); });
  if (c.robustness) folder.write("futures.csv", [&](std::ostream& out) { write_futures_csv(c, out); });
  write_compare_workbook(c, folder.staging() + "/results.xlsx");
  const std::string html = report_html(folder.staging());
  folder.write("report.html", [&](std::ostream& out) { out << html; });
  folder.commit();
}

std::string compare_table(const CompareResult& c) {
  std::vector<std::size_t> order(c.strategies.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return c.strategies[a].objective_stats.mean < c.strategies[b].objective_stats.mean;
  });
  std::string out = c.scenario + ": " + std::to_string(c.strategies.size()) + " strategies on the same " +
                    std::to_string(c.replicas) + " replicas (seed " + std::to_string(c.seed) + "), baseline " +
                    c.baseline + "\nLower objective is better. Differences are paired, replica by replica.\n\n";
  out += pad("rank", 5, false) + pad("strategy", 18, false) + pad("objective", 12) + pad("vs baseline", 13) +
         pad("95% interval (paired)", 27) + pad("better in", 11) + pad("unpaired width", 16) + "\n";
  int rank = 1;
  for (std::size_t k : order) {
    const StrategyResult& s = c.strategies[k];
    const PairedDifference& d = s.vs_baseline;
    const bool is_base = s.name == c.baseline;
    out += pad(std::to_string(rank++), 5, false) + pad(s.name, 18, false) + pad(format("%.4g", s.objective_stats.mean), 12) +
           pad(is_base ? "-" : format("%+.3g", d.mean_diff), 13) +
           pad(is_base ? std::string("-") : interval(d.ci_low, d.ci_high), 27) +
           pad(is_base ? "-" : format("%.0f%%", 100 * d.p_better), 11) +
           pad(is_base ? "-" : d.narrowing < 1e-3 ? std::string(">x1000") : format("x%.2f", 1.0 / d.narrowing), 16) + "\n";
  }
  out += "\n'better in': share of replicas where the strategy beats the baseline. 'unpaired width': how many\n"
         "times wider the interval would be without common random numbers.\n";
  for (const auto& s : c.strategies)
    if (s.in_sample_objective)
      out += "\nOptimised strategy `" + s.name + "`: " + format("%.4g", *s.in_sample_objective) + " on its training replicas, " +
             format("%.4g", s.objective_stats.mean) + " on the fresh replicas above.\n";
  if (c.robustness) {
    const Robustness& rb = *c.robustness;
    out += "\nRobustness across " + std::to_string(rb.futures.size()) + " futures (" + std::to_string(rb.replicas) +
           " replicas each): regret is the gap to the best strategy in the same future.\n";
    out += pad("strategy", 18, false) + pad("max regret", 14) + pad("mean regret", 14) +
           (rb.satisficing_share.empty() ? "" : pad("satisficing", 13)) + "\n";
    std::vector<std::size_t> by_regret = order;
    std::stable_sort(by_regret.begin(), by_regret.end(),
                     [&](std::size_t a, std::size_t b) { return rb.max_regret[a] < rb.max_regret[b]; });
    for (std::size_t k : by_regret)
      out += pad(c.strategies[k].name, 18, false) + pad(format("%.4g", rb.max_regret[k]), 14) +
             pad(format("%.4g", rb.mean_regret[k]), 14) +
             (rb.satisficing_share.empty() ? "" : pad(format("%.0f%%", 100 * rb.satisficing_share[k]), 13)) + "\n";
  }
  return out;
}

}  // namespace pbflow
