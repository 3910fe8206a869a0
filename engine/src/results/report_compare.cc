// report.html of `pbflow compare`: the strategies ranked with their paired
// intervals against the baseline, and across uncertain futures the regret
// table and the satisficing shares.
#include <algorithm>
#include <cmath>

#include "pbflow/errors.h"
#include "results/report_parts.h"
#include "results/svg_chart.h"

namespace pbflow::results {

std::string compare_report_html(const std::string& dir) {
  const JsonFile c = JsonFile::read(dir + "/compare.json");
  if (!c.has({"strategies"})) throw RuntimeFailure(c.path() + " is not a pbflow comparison (no `strategies`)");
  const std::string scenario = c.text_or({"scenario"}, ""), baseline = c.text_or({"baseline"}, "");
  std::vector<std::string> names;
  for (const auto& item : c.object({"strategies"}).items()) names.push_back(item.key());
  std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return c.number({"strategies", a, "objective", "mean"}) < c.number({"strategies", b, "objective", "mean"});
  });
  std::string body = "<h1>" + escape_html(scenario) + ": strategies compared</h1>\n";
  body += "<p class=\"note\">" + thousands(c.number_or({"replicas"}, 0), 0) +
          " replicas, the same futures for every strategy (common random numbers). The objective is the scenario's "
          "(lower is better); differences are against <b>" + escape_html(baseline) +
          "</b>, paired replica by replica, with their 95% intervals. Bold rows: the interval excludes zero.</p>\n";
  Provenance p;
  p.engine = c.text_or({"engine"}, "(not recorded)");
  p.scenario = scenario;
  p.scenario_sha256 = c.text_or({"scenario_sha256"}, "");
  p.seed = c.has({"seed"}) ? std::to_string(static_cast<unsigned long long>(c.number({"seed"}))) : "";
  p.replicas = thousands(c.number_or({"replicas"}, 0), 0);
  p.command = c.has({"run", "command"}) ? c.text({"run", "command"}) : "";
  p.created = c.has({"run", "created"}) ? c.text({"run", "created"}) : "";
  body += p.html();
  HtmlTable ranking;
  ranking.header = {"rank", "strategy", "kind", "objective, mean (5-95%), m", "vs " + baseline + ", m",
                    "95% interval, m", "better than " + baseline + " in", "spent, m", "overhead, m"};
  std::vector<IntervalRow> chart;
  int rank = 1;
  for (const std::string& n : names) {
    auto num = [&](std::vector<std::string> keys) {
      keys.insert(keys.begin(), {"strategies", n});
      return c.number(keys);
    };
    const auto& ci = c.at({"strategies", n, "vs_baseline", "ci95"});
    const double low = ci.is_array() && ci.size() == 2 && ci[0].is_number() ? ci[0].get<double>() : 0.0;
    const double high = ci.is_array() && ci.size() == 2 && ci[1].is_number() ? ci[1].get<double>() : 0.0;
    const double diff = num({"vs_baseline", "mean_diff"});
    const bool clear = n != baseline && (low > 0 || high < 0);
    ranking.rows.push_back({std::to_string(rank++), escape_html(n), escape_html(c.text({"strategies", n, "kind"})),
                            in_millions(num({"objective", "mean"})) + " " +
                                nowrap(std::string("(") + in_millions(num({"objective", "p05"})) + "-" + in_millions(num({"objective", "p95"})) + ")"),
                            in_millions(diff), nowrap(std::string("[") + in_millions(low) + ", " + in_millions(high) + "]"),
                            thousands(100 * num({"vs_baseline", "p_better"}), 0) + "% of replicas",
                            in_millions(num({"totals", "spent"})), in_millions(num({"totals", "overhead"}))});
    ranking.row_classes.push_back(clear ? "clear" : "");
    if (n != baseline) chart.push_back({n, diff, low, high, clear, ""});
  }
  body += "<h2>Ranking</h2>\n" + ranking.html();
  if (!chart.empty())
    body += interval_chart("Objective against " + baseline + " (below zero: better)",
                           "objective units, millions; solid: interval excludes zero", chart, 1e6);
  if (c.has({"robustness", "strategies"})) {
    const auto& at_most = c.at({"robustness"}).value("satisficing_objective_at_most", nlohmann::ordered_json());
    const double threshold = at_most.is_number() ? at_most.get<double>() : std::nan("");  // null: no threshold
    HtmlTable regret;
    regret.header = {"strategy", "largest regret, m", "mean regret, m", "futures where it satisfices"};
    std::vector<std::string> robust = names;
    std::stable_sort(robust.begin(), robust.end(), [&](const std::string& a, const std::string& b) {
      return c.number({"robustness", "strategies", a, "max_regret"}) < c.number({"robustness", "strategies", b, "max_regret"});
    });
    std::vector<IntervalRow> bars;
    for (const std::string& n : robust) {
      if (!c.has({"robustness", "strategies", n})) continue;
      const double max_regret = c.number({"robustness", "strategies", n, "max_regret"});
      const bool has_share = c.has({"robustness", "strategies", n, "satisficing_share"});
      regret.rows.push_back({escape_html(n), in_millions(max_regret),
                             in_millions(c.number({"robustness", "strategies", n, "mean_regret"})),
                             has_share ? thousands(100 * c.number({"robustness", "strategies", n, "satisficing_share"}), 0) + "%"
                                       : "-"});
      bars.push_back({n, max_regret, 0.0, max_regret, true, ""});
    }
    const auto& futures = c.at({"robustness", "futures"});
    body += "<h2>Across uncertain futures</h2>\n<p class=\"note\">" + std::to_string(futures.is_array() ? futures.size() : 0) +
            " futures, " + thousands(c.number_or({"robustness", "replicas_per_future"}, 0), 0) +
            " replicas each. A strategy's regret in a future is how much worse its objective is than the best strategy's "
            "there; the most robust strategy has the smallest largest regret." +
            (std::isfinite(threshold) ? " It satisfices where its objective is at most " + in_millions(threshold) + " m."
                                      : std::string()) +
            "</p>\n" + regret.html() + interval_chart("Largest regret across futures", "objective units, millions", bars, 1e6);
  }
  body += "<p class=\"note\">Made by pbflow from compare.json in this folder (compare.csv and futures.csv hold the "
          "same numbers); docs/outputs.md explains them.</p>\n";
  return html_page("pbflow compare: " + scenario, body);
}

}  // namespace pbflow::results
