// results.xlsx of a run (and of a what-if, with its Diff sheet): Summary
// (with provenance and what was left out), Assumptions, Countries, Loans (runs with loans), Flows,
// Trace (when the run was traced), Monthly, Country months and Outcomes
// (per replica, up to kWorkbookReplicas). Money in millions of the base
// currency throughout, named in every heading.
#include <cmath>

#include "pbflow/difference.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "results/purpose_writers.h"
#include "results/workbook_writer.h"

namespace pbflow {

namespace {

using results::CellKind;
using results::TableWriter;

double mean_total(const RunResult& r, double ReplicaTotals::*f) {
  double s = 0;
  for (const auto& t : r.totals) s += t.*f;
  return r.totals.empty() ? 0.0 : s / r.totals.size();
}


void summary_sheet(results::Workbook& book, const RunResult& r) {
  lxw_worksheet* sheet = book.sheet("Summary");
  std::string note = "Money in millions of " + r.currency + ", means over replicas.";
  if (r.replicas > kWorkbookReplicas)
    note += " The Outcomes sheet holds the first " + std::to_string(kWorkbookReplicas) + " of " +
            std::to_string(r.replicas) + " replicas; outcomes.csv holds them all.";
  int row = results::write_facts(book, sheet, r.scenario,
                           {{"what", std::to_string(r.replicas) + " replicas, " + std::to_string(r.months) +
                                         " months from " + r.start.str()},
                            {"partial", r.partial ? "yes: stopped after " + std::to_string(r.replicas) + " of " +
                                                        std::to_string(r.replicas_requested) + " replicas"
                                                  : ""},
                            {"units", note},
                            {"engine", r.engine.empty() ? "" : "pbflow " + r.engine},
                            {"scenario SHA-256", r.scenario_sha256},
                            {"seed", std::to_string(r.seed)},
                            {"command", r.command},
                            {"run started (UTC)", r.created}},
                                 44, 18);
  const bool yen = r.base_per_yen > 0 && r.currency != "JPY";
  std::vector<results::ColumnSpec> columns = {{"the money over the horizon", CellKind::text, 44},
                                              {r.currency + " m", CellKind::money}};
  if (yen) columns.push_back({"JPY m (at the start's rate)", CellKind::money});
  TableWriter t(book, sheet, columns, row);
  const std::pair<const char*, double ReplicaTotals::*> rows[] = {
      {"appropriated", &ReplicaTotals::appropriated}, {"released from budget lines", &ReplicaTotals::released},
      {"kept as overhead by intermediaries", &ReplicaTotals::overhead}, {"spent by country programmes", &ReplicaTotals::spent},
      {"still in pipelines at the horizon", &ReplicaTotals::in_pipeline}, {"not yet released", &ReplicaTotals::unreleased},
      {"held in reserves", &ReplicaTotals::reserves}, {"lapsed", &ReplicaTotals::lapsed}};
  for (const auto& [label, field] : rows) {
    const double v = mean_total(r, field);
    t.text(label).number(v);
    if (yen) t.number(v / r.base_per_yen);
    t.end_row();
  }
  row = t.finish();
  results::write_text(sheet, row, 0, "months from release to spending (money-weighted)");
  results::write_number(sheet, row++, 1, mean_total(r, &ReplicaTotals::delivery_lag), book.format(CellKind::number));
  results::write_text(sheet, row, 0, "objective, mean (lower is better)");
  results::write_number(sheet, row++, 1, mean_total(r, &ReplicaTotals::objective), book.format(CellKind::whole));
}

void assumptions_sheet(results::Workbook& book, const RunResult& r) {
  TableWriter t(book, book.sheet("Assumptions"),
                {{"group", CellKind::text, 14},
                 {"item", CellKind::text, 44},
                 {"detail", CellKind::text, 26},
                 {"value", CellKind::number, 20},
                 {"unit", CellKind::text, 16},
                 {"as text", CellKind::text, 30}});
  for (const Assumption& a : r.assumptions) {
    t.text(a.group).text(a.item).text(a.detail);
    if (std::isnan(a.value)) t.empty();
    else t.number(a.value);
    t.text(a.unit).text(a.text).end_row();
  }
  t.finish();
}

void countries_sheet(results::Workbook& book, const RunResult& r) {
  const std::string m = r.currency + " m";
  TableWriter t(book, book.sheet("Countries"),
                {{"country", CellKind::text, 9}, {"name", CellKind::text, 22},
                 {"humanitarian, " + m, CellKind::money}, {"development, " + m, CellKind::money},
                 {"peace, " + m, CellKind::money}, {"total, " + m, CellKind::money},
                 {"conflict months, mean", CellKind::months}, {"conflict months, p05", CellKind::months},
                 {"conflict months, p95", CellKind::months}, {"unmet need, m person-months, mean", CellKind::number},
                 {"unmet need, p05", CellKind::number}, {"unmet need, p95", CellKind::number},
                 {"people reached, m person-months", CellKind::number}, {"relapses, mean", CellKind::number},
                 {"peace at the end, probability", CellKind::share}});
  for (std::size_t c = 0; c < r.countries.size(); ++c) {
    std::vector<double> conflict, unmet;
    PillarArray<double> spent{};
    double reached = 0, relapses = 0, peace = 0;
    for (int i = 0; i < r.replicas; ++i) {
      const CountryOutcome& o = r.outcome(i, static_cast<int>(c));
      conflict.push_back(o.conflict_months);
      unmet.push_back(o.unmet_need_person_months);
      for (int p = 0; p < kPillars; ++p) spent[p] += o.spent[p] / r.replicas;
      reached += o.people_reached / r.replicas;
      relapses += o.relapses / r.replicas;
      peace += (o.peace_at_horizon ? 1.0 : 0.0) / r.replicas;
    }
    const Stats cs = describe(conflict), us = describe(unmet);
    t.text(r.countries[c]).text(c < r.country_names.size() ? r.country_names[c] : "");
    t.number(spent[0]).number(spent[1]).number(spent[2]).number(spent[0] + spent[1] + spent[2]);
    t.number(cs.mean).number(cs.p05).number(cs.p95).number(us.mean / 1e6).number(us.p05 / 1e6).number(us.p95 / 1e6);
    t.number(reached / 1e6).number(relapses).number(peace).end_row();
  }
  t.finish();
}

// One row per loan line: its terms as the DAC measures them and the means
// of its flows, in the loan's own currency (docs/model.md, 1.7).
void loans_sheet(results::Workbook& book, const RunResult& r) {
  TableWriter t(book, book.sheet("Loans"),
                {{"line", CellKind::text, 28}, {"borrower", CellKind::text, 9}, {"currency", CellKind::text, 9},
                 {"income group", CellKind::text, 12}, {"grant element", CellKind::share},
                 {"counts as ODA", CellKind::text, 12}, {"committed, millions of its currency", CellKind::money},
                 {"disbursed, millions of its currency", CellKind::money}, {"principal repaid, millions of its currency", CellKind::money},
                 {"interest paid, millions of its currency", CellKind::money}, {"reflows, millions of its currency", CellKind::money},
                 {"net disbursed, millions of its currency", CellKind::money}, {"outstanding, millions of its currency", CellKind::money},
                 {"arrears, millions of its currency", CellKind::money}, {"relieved, millions of its currency", CellKind::money},
                 {"grant equivalent, millions of its currency", CellKind::money}});
  const std::size_t L = r.loans.size();
  for (std::size_t l = 0; l < L; ++l) {
    LoanTotals mean;
    for (int i = 0; i < r.replicas; ++i) {
      const LoanTotals& x = r.loan_totals[i * L + l];
      for (auto [to, from] : {std::pair{&mean.committed, x.committed}, {&mean.disbursed, x.disbursed},
                              {&mean.principal_repaid, x.principal_repaid}, {&mean.interest_paid, x.interest_paid},
                              {&mean.outstanding, x.outstanding}, {&mean.arrears_principal, x.arrears_principal},
                              {&mean.arrears_interest, x.arrears_interest},
                              {&mean.relieved_principal, x.relieved_principal},
                              {&mean.relieved_interest, x.relieved_interest}})
        *to += from / r.replicas;
    }
    const LoanInfo& info = r.loans[l];
    t.text(info.line).text(info.borrower).text(info.currency).text(info.income_group).number(info.grant_element);
    t.text(info.oda_eligible() ? "yes" : "no").number(mean.committed).number(mean.disbursed);
    t.number(mean.principal_repaid).number(mean.interest_paid).number(mean.reflows()).number(mean.net_disbursed());
    t.number(mean.outstanding).number(mean.arrears_principal + mean.arrears_interest);
    t.number(mean.relieved_principal + mean.relieved_interest).number(info.grant_element * mean.disbursed).end_row();
  }
  t.finish();
}

// Spending by purpose code, per country (docs/model.md, 1.9).
void purposes_sheet(results::Workbook& book, const RunResult& r) {
  const std::string m = r.currency + " m";
  TableWriter t(book, book.sheet("Purposes"),
                {{"country", CellKind::text, 9}, {"purpose code", CellKind::text, 10}, {"name", CellKind::text, 44},
                 {"pillar", CellKind::text, 14}, {"acts on", CellKind::text, 22}, {"spent mean, " + m, CellKind::money},
                 {"spent 5%, " + m, CellKind::money}, {"spent 95%, " + m, CellKind::money}});
  for (std::size_t k = 0; k < r.purposes.size(); ++k) {
    const PurposeProgramme& p = r.purposes[k];
    const Stats s = results::purpose_spent(r, k);
    t.text(p.country).text(std::to_string(p.code)).text(p.name).text(p.pillar).text(p.acts_on);
    t.number(s.mean).number(s.p05).number(s.p95).end_row();
  }
  t.finish();
}

// Missions and assessed contributions (docs/model.md, 1.8), a sheet each
// (one table a sheet, so each has its filter and frozen header): the same
// in every replica, in the base currency.
void peacekeeping_sheet(results::Workbook& book, const RunResult& r) {
  const std::string m = r.currency + " m";
  TableWriter missions(book, book.sheet("Missions"),
                       {{"mission", CellKind::text, 14}, {"name", CellKind::text, 36}, {"country", CellKind::text, 9},
                        {"spent, " + m, CellKind::money}});
  for (const MissionResult& x : r.missions) missions.text(x.id).text(x.name).text(x.country).number(x.spent).end_row();
  missions.finish();
  TableWriter assessments(book, book.sheet("Assessments"),
                          {{"donor", CellKind::text, 14}, {"mission", CellKind::text, 36},
                           {"assessed, " + m, CellKind::money}, {"paid, " + m, CellKind::money},
                           {"unpaid, " + m, CellKind::money}, {"buys, " + m, CellKind::money}});
  for (const AssessmentResult& a : r.assessments)
    assessments.text(a.donor).text(a.mission).number(a.assessed).number(a.paid).number(a.unpaid()).number(a.buys).end_row();
  assessments.finish();
}

void flows_sheet(results::Workbook& book, const RunResult& r) {
  TableWriter t(book, book.sheet("Flows"),
                {{"from", CellKind::text, 30}, {"to", CellKind::text, 24}, {"earmark country", CellKind::text, 10},
                 {"earmark pillar", CellKind::text, 14}, {"purpose code", CellKind::text, 10},
                 {"amount, " + r.currency + " m", CellKind::money}});
  for (const FlowRow& f : r.flows)
    t.text(f.from).text(f.to).text(f.country).text(f.pillar).text(f.purpose).number(f.amount).end_row();
  t.finish();
}

void trace_sheet(results::Workbook& book, const TraceResult& trace) {
  const std::string m = trace.run.currency + " m";
  TableWriter t(book, book.sheet("Trace"),
                {{"country", CellKind::text, 9}, {"pillar", CellKind::text, 14}, {"purpose code", CellKind::text, 10},
                 {"budget line", CellKind::text, 30}, {"route (* core money)", CellKind::text, 40}, {"intermediaries", CellKind::whole},
                 {"reaches local partners", CellKind::text, 10}, {"entered, " + m, CellKind::money},
                 {"overhead, " + m, CellKind::money}, {"in pipelines, " + m, CellKind::money},
                 {"spent, " + m, CellKind::money}, {"lag, months", CellKind::months}});
  for (const TraceRoute& r : trace.routes) {
    std::string route;
    for (const TraceHop& hop : r.hops) route += (route.empty() ? "" : " > ") + hop.channel + (hop.core ? "*" : "");
    t.text(r.country).text(to_string(r.pillar)).text(r.purpose ? std::to_string(r.purpose) : "").text(r.line).text(route).number(r.intermediaries());
    t.text(r.reaches_local() ? "yes" : "no").number(r.entered).number(r.overhead()).number(r.in_pipeline);
    t.number(r.spent).number(r.lag_months).end_row();
  }
  t.finish();
}

void monthly_sheet(results::Workbook& book, const RunResult& r) {
  const std::string m = r.currency + " m";
  const std::string units[kMonthSeries] = {m, m, m, m, m, m, "share of countries", "m people"};
  const CellKind kinds[kMonthSeries] = {CellKind::money,  CellKind::money, CellKind::money, CellKind::money,
                                        CellKind::money,  CellKind::money, CellKind::share, CellKind::number};
  std::vector<results::ColumnSpec> columns = {{"month", CellKind::month, 10}};
  for (int k = 0; k < kMonthSeries; ++k)
    for (const char* stat : {"mean", "p05", "p50", "p95"})
      columns.push_back({std::string(kMonthSeriesNames[k]) + " " + stat + ", " + units[k], kinds[k], 14});
  TableWriter t(book, book.sheet("Monthly"), columns);
  for (const MonthRow& row : r.timeseries) {
    t.month(row.month);
    for (int k = 0; k < kMonthSeries; ++k) {
      const double scale = k == static_cast<int>(MonthSeries::unmet_need) ? 1e6 : 1.0;
      for (double v : {row.values[k].mean, row.values[k].p05, row.values[k].p50, row.values[k].p95}) t.number(v / scale);
    }
    t.end_row();
  }
  t.finish();
}

void country_months_sheet(results::Workbook& book, const RunResult& r) {
  if (r.country_months.empty()) return;
  TableWriter t(book, book.sheet("Country months"),
                {{"month", CellKind::month, 10}, {"country", CellKind::text, 9}, {"name", CellKind::text, 22},
                 {"people in need, m (mean)", CellKind::number}, {"at war, probability", CellKind::share}});
  const std::size_t C = r.countries.size();
  for (std::size_t month = 0; month < r.timeseries.size(); ++month)
    for (std::size_t c = 0; c < C; ++c) {
      const CountryMonth& cm = r.country_months[month * C + c];
      t.month(r.timeseries[month].month).text(r.countries[c]).text(c < r.country_names.size() ? r.country_names[c] : "");
      t.number(cm.need_mean / 1e6).number(cm.conflict_probability).end_row();
    }
  t.finish();
}

void outcomes_sheet(results::Workbook& book, const RunResult& r) {
  const std::string m = r.currency + " m";
  TableWriter t(book, book.sheet("Outcomes"),
                {{"replica", CellKind::whole}, {"country", CellKind::text, 9}, {"conflict months", CellKind::whole},
                 {"relapses", CellKind::whole}, {"peace at the end (1 yes)", CellKind::whole},
                 {"unmet need, m person-months", CellKind::number}, {"people reached, m person-months", CellKind::number},
                 {"humanitarian, " + m, CellKind::money}, {"development, " + m, CellKind::money},
                 {"peace, " + m, CellKind::money}});
  const int shown = std::min(r.replicas, kWorkbookReplicas);
  for (int i = 0; i < shown; ++i)
    for (std::size_t c = 0; c < r.countries.size(); ++c) {
      const CountryOutcome& o = r.outcome(i, static_cast<int>(c));
      t.number(i).text(r.countries[c]).number(o.conflict_months).number(o.relapses).number(o.peace_at_horizon ? 1 : 0);
      t.number(o.unmet_need_person_months / 1e6).number(o.people_reached / 1e6);
      t.number(o.spent[0]).number(o.spent[1]).number(o.spent[2]).end_row();
    }
  t.finish();
}

void diff_sheet(results::Workbook& book, const DifferenceResult& d, const RunResult& run) {
  TableWriter t(book, book.sheet("Diff"),
                {{"measure", CellKind::text, 26}, {"country", CellKind::text, 9}, {"name", CellKind::text, 20},
                 {"unit", CellKind::text, 16}, {"baseline", CellKind::number, 16}, {"what-if", CellKind::number, 16},
                 {"change (what-if - baseline)", CellKind::number, 16}, {"95% low", CellKind::number, 16},
                 {"95% high", CellKind::number, 16}, {"interval excludes 0", CellKind::text, 10},
                 {"what-if better in, share of replicas", CellKind::share}, {"only in", CellKind::text, 10}});
  for (const OutcomeDifference& r : d.rows) {
    const bool money = r.unit == "USD";
    const bool people = r.unit == "person-months";
    const double k = money || people ? 1e6 : 1.0;
    const std::string unit = money ? d.currency + " m" : people ? "m person-months" : r.unit;
    std::string name;
    for (std::size_t c = 0; c < run.countries.size(); ++c)
      if (run.countries[c] == r.country && c < run.country_names.size()) name = run.country_names[c];
    t.text(r.measure).text(r.country.empty() ? "all" : r.country).text(name).text(unit);
    t.number(r.baseline / k).number(r.whatif / k).number(r.mean / k).number(r.low / k).number(r.high / k);
    t.text(r.clear() ? "yes" : "no");
    if (r.better != 0) t.number(r.better_share);
    else t.empty();
    t.text(r.only_in).end_row();
  }
  t.finish();
}

}  // namespace

void write_workbook(const RunResult& r, const std::string& path, const WorkbookExtras& extras) {
  results::Workbook book(path);
  summary_sheet(book, r);
  if (extras.diff) diff_sheet(book, *extras.diff, r);
  assumptions_sheet(book, r);
  countries_sheet(book, r);
  if (!r.loans.empty()) loans_sheet(book, r);
  if (!r.purposes.empty()) purposes_sheet(book, r);
  if (!r.missions.empty()) peacekeeping_sheet(book, r);
  flows_sheet(book, r);
  if (extras.trace) trace_sheet(book, *extras.trace);
  monthly_sheet(book, r);
  country_months_sheet(book, r);
  outcomes_sheet(book, r);
  book.close();
}

}  // namespace pbflow
