// results.xlsx of a comparison (Summary, Strategies, Regret and Futures
// across uncertainties) and of a sweep (Summary, Points). Objectives in
// millions of their units, as in the report.
#include <algorithm>
#include <cstdlib>

#include "pbflow/results_io.h"
#include "results/workbook_writer.h"

namespace pbflow {

namespace {

using results::CellKind;
using results::TableWriter;


}  // namespace

void write_compare_workbook(const CompareResult& c, const std::string& path) {
  results::Workbook book(path);
  results::write_facts(book, book.sheet("Summary"), c.scenario + ": strategies compared",
        {{"what", std::to_string(c.strategies.size()) + " strategies on the same " + std::to_string(c.replicas) +
                      " replicas (common random numbers)"},
         {"baseline", c.baseline},
         {"units", "objective in millions of its units (lower is better); money in millions of " +
                       (c.strategies.empty() ? std::string("the base currency") : c.strategies.front().run.currency)},
         {"engine", c.engine.empty() ? "" : "pbflow " + c.engine},
         {"scenario SHA-256", c.scenario_sha256},
         {"seed", std::to_string(c.seed)},
         {"command", c.command},
         {"run started (UTC)", c.created}});
  std::vector<std::size_t> order(c.strategies.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return c.strategies[a].objective_stats.mean < c.strategies[b].objective_stats.mean;
  });
  const std::string m = c.strategies.empty() ? "m" : c.strategies.front().run.currency + " m";
  TableWriter t(book, book.sheet("Strategies"),
                {{"rank", CellKind::whole}, {"strategy", CellKind::text, 22}, {"kind", CellKind::text, 16},
                 {"objective, mean, m", CellKind::money}, {"objective, p05, m", CellKind::money},
                 {"objective, p95, m", CellKind::money}, {"vs " + c.baseline + ", m", CellKind::money},
                 {"95% low, m", CellKind::money}, {"95% high, m", CellKind::money},
                 {"better than " + c.baseline + ", share of replicas", CellKind::share},
                 {"spent, " + m, CellKind::money}, {"overhead, " + m, CellKind::money}});
  int rank = 1;
  for (std::size_t k : order) {
    const StrategyResult& s = c.strategies[k];
    double spent = 0, overhead = 0;
    for (const ReplicaTotals& r : s.run.totals) {
      spent += r.spent / std::max<std::size_t>(1, s.run.totals.size());
      overhead += r.overhead / std::max<std::size_t>(1, s.run.totals.size());
    }
    t.number(rank++).text(s.name).text(to_string(s.kind)).number(s.objective_stats.mean).number(s.objective_stats.p05);
    t.number(s.objective_stats.p95).number(s.vs_baseline.mean_diff).number(s.vs_baseline.ci_low);
    t.number(s.vs_baseline.ci_high).number(s.vs_baseline.p_better).number(spent).number(overhead).end_row();
  }
  t.finish();
  if (c.robustness) {
    const Robustness& rb = *c.robustness;
    TableWriter regret(book, book.sheet("Regret"),
                       {{"strategy", CellKind::text, 22}, {"largest regret, m", CellKind::money},
                        {"mean regret, m", CellKind::money}, {"futures where it satisfices", CellKind::share}});
    for (std::size_t k = 0; k < c.strategies.size(); ++k) {
      regret.text(c.strategies[k].name).number(rb.max_regret[k]).number(rb.mean_regret[k]);
      if (k < rb.satisficing_share.size()) regret.number(rb.satisficing_share[k]);
      else regret.empty();
      regret.end_row();
    }
    regret.finish();
    std::vector<results::ColumnSpec> columns = {{"strategy", CellKind::text, 22}, {"future", CellKind::whole}};
    if (!rb.futures.empty())
      for (const auto& [path, value] : rb.futures.front().assignments) columns.push_back({path, CellKind::text, 22});
    columns.push_back({"objective, m", CellKind::money});
    columns.push_back({"regret, m", CellKind::money});
    TableWriter futures(book, book.sheet("Futures"), columns);
    for (std::size_t k = 0; k < c.strategies.size(); ++k)
      for (std::size_t f = 0; f < rb.futures.size(); ++f) {
        futures.text(c.strategies[k].name).number(static_cast<double>(f));
        for (const auto& [path, value] : rb.futures[f].assignments) futures.text(value);
        futures.number(rb.objective[k][f]).number(rb.regret[k][f]).end_row();
      }
    futures.finish();
  }
  book.close();
}

void write_sweep_workbook(const SweepResult& r, const std::string& path) {
  results::Workbook book(path);
  results::write_facts(book, book.sheet("Summary"), r.scenario + ": " + r.design + " sweep",
        {{"what", std::to_string(r.points.size()) + " points over " + std::to_string(r.parameters.size()) +
                      " parameters, " + std::to_string(r.replicas) + " replicas at every point"},
         {"partial", r.partial ? "yes: " + std::to_string(r.points.size()) + " of " + std::to_string(r.points_planned) +
                                     " points finished"
                               : ""},
         {"outputs", "each a number of summary.json, in its own units (money in the base currency, not millions)"},
         {"engine", r.engine.empty() ? "" : "pbflow " + r.engine},
         {"scenario SHA-256", r.scenario_sha256},
         {"seed", std::to_string(r.seed)},
         {"command", r.command},
         {"run started (UTC)", r.created}});
  std::vector<results::ColumnSpec> columns = {{"point", CellKind::whole}};
  for (const auto& p : r.parameters) columns.push_back({p, CellKind::number, 22});
  for (const auto& o : r.outputs) columns.push_back({o, CellKind::number, 22});
  TableWriter t(book, book.sheet("Points"), columns);
  for (const SweepPoint& p : r.points) {
    t.number(p.index);
    for (const auto& [path, value] : p.assignments) {
      char* end = nullptr;
      const double number = std::strtod(value.c_str(), &end);
      if (!value.empty() && end == value.c_str() + value.size()) t.number(number);
      else t.text(value);
    }
    for (double v : p.outputs) t.number(v);
    t.end_row();
  }
  t.finish();
  book.close();
}

}  // namespace pbflow
