#include <nlohmann/json.hpp>

#include <iomanip>

#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "results/json_stats.h"
#include "results/loan_writers.h"
#include "results/peacekeeping_writers.h"
#include "results/purpose_writers.h"
#include "results/csv.h"
#include "results/output_folder.h"

namespace pbflow {

namespace {

using nlohmann::ordered_json;
using results::stats_json;

template <typename F>
std::vector<double> over_replicas(const RunResult& r, F f) {
  std::vector<double> v(r.replicas);
  for (int i = 0; i < r.replicas; ++i) v[i] = f(i);
  return v;
}

double mean_of(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / v.size();
}

}  // namespace

void write_summary_json(const RunResult& r, std::ostream& out) {
  ordered_json j;
  j["pbflow"] = 1;
  j["scenario"] = r.scenario;
  j["scenario_sha256"] = r.scenario_sha256;
  j["engine"] = r.engine;
  j["replicas"] = r.replicas;
  if (r.partial)
    j["partial"] = {{"replicas_requested", r.replicas_requested},
                    {"why", "stopped early; these are the replicas that had finished"}};
  j["seed"] = r.seed;
  j["months"] = r.months;
  j["start"] = r.start.str();
  j["currency"] = r.currency;
  auto total = [&](double ReplicaTotals::*field) {
    return mean_of(over_replicas(r, [&](int i) { return r.totals[i].*field; }));
  };
  j["totals"] = {{"appropriated", total(&ReplicaTotals::appropriated)},
                 {"released", total(&ReplicaTotals::released)},
                 {"overhead", total(&ReplicaTotals::overhead)},
                 {"spent", total(&ReplicaTotals::spent)},
                 {"in_pipeline", total(&ReplicaTotals::in_pipeline)},
                 {"unreleased", total(&ReplicaTotals::unreleased)},
                 {"reserves", total(&ReplicaTotals::reserves)},
                 {"lapsed", total(&ReplicaTotals::lapsed)}};
  double worst = 0.0;
  for (const auto& t : r.totals) worst = std::max(worst, t.conservation_error);
  j["conservation_error"] = worst;
  j["delivery_lag_months"] =
      stats_json(describe(over_replicas(r, [&](int i) { return r.totals[i].delivery_lag; })));
  j["objective"] = stats_json(describe(over_replicas(r, [&](int i) { return r.totals[i].objective; })));
  ordered_json countries = ordered_json::object();
  for (std::size_t c = 0; c < r.countries.size(); ++c) {
    const int ci = static_cast<int>(c);
    auto of = [&](auto f) { return over_replicas(r, [&](int i) { return f(r.outcome(i, ci)); }); };
    ordered_json cj;
    if (c < r.country_names.size()) cj["name"] = r.country_names[c];
    cj["spent"] = {{"humanitarian", mean_of(of([](const CountryOutcome& o) { return o.spent[0]; }))},
                   {"development", mean_of(of([](const CountryOutcome& o) { return o.spent[1]; }))},
                   {"peace", mean_of(of([](const CountryOutcome& o) { return o.spent[2]; }))}};
    cj["conflict_months"] = stats_json(describe(of([](const CountryOutcome& o) { return o.conflict_months; })));
    cj["unmet_need_person_months"] =
        stats_json(describe(of([](const CountryOutcome& o) { return o.unmet_need_person_months; })));
    cj["people_reached"] = stats_json(describe(of([](const CountryOutcome& o) { return o.people_reached; })));
    {
      // Cost per person-month reached: humanitarian spending over people reached, pooled over replicas.
      double spent = 0, reached = 0;
      for (int i = 0; i < r.replicas; ++i) {
        spent += r.outcome(i, ci).spent[0];
        reached += r.outcome(i, ci).people_reached;
      }
      cj["cost_per_person_reached"] = reached > 0 ? spent / reached : 0.0;
    }
    cj["spent_distribution"] = {
        {"humanitarian", stats_json(describe(of([](const CountryOutcome& o) { return o.spent[0]; })))},
        {"development", stats_json(describe(of([](const CountryOutcome& o) { return o.spent[1]; })))},
        {"peace", stats_json(describe(of([](const CountryOutcome& o) { return o.spent[2]; })))}};
    cj["relapses"] = stats_json(describe(of([](const CountryOutcome& o) { return o.relapses; })));
    cj["peace_at_horizon"] = mean_of(of([](const CountryOutcome& o) { return o.peace_at_horizon ? 1.0 : 0.0; }));
    countries[r.countries[c]] = cj;
  }
  j["countries"] = countries;
  ordered_json channels = ordered_json::object();
  for (std::size_t n = 0; n < r.channels.size(); ++n)
    channels[r.channels[n]] = {{"overhead", stats_json(describe(r.channel_overhead[n]))},
                               {"delivered_to_programmes", stats_json(describe(r.channel_delivered[n]))}};
  j["channels"] = channels;
  if (!r.loans.empty()) j["loans"] = results::loans_json(r);
  if (!r.missions.empty()) j["peacekeeping"] = results::peacekeeping_json(r);
  if (!r.purposes.empty()) j["purposes"] = results::purposes_json(r);
  j["warnings"] = r.warnings;
  j["run"] = {{"threads", r.threads}, {"block_size", r.block_size}, {"seconds", r.seconds},
              {"created", r.created}, {"command", r.command}};
  out << j.dump(2) << "\n";
}

void write_outcomes_csv(const RunResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"replica", "country", "conflict_months", "relapses", "peace_at_horizon",
                        "unmet_need_person_months", "people_reached", "spent_humanitarian", "spent_development",
                        "spent_peace"})
    csv.text(h);
  csv.end_row();
  for (int i = 0; i < r.replicas; ++i)
    for (std::size_t c = 0; c < r.countries.size(); ++c) {
      const CountryOutcome& o = r.outcome(i, static_cast<int>(c));
      csv.integer(i).text(r.countries[c]).number(o.conflict_months).number(o.relapses);
      csv.integer(o.peace_at_horizon ? 1 : 0).number(o.unmet_need_person_months).number(o.people_reached);
      csv.number(o.spent[0]).number(o.spent[1]).number(o.spent[2]).end_row();
    }
}

void write_flows_csv(const RunResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  csv.text("from").text("to").text("earmark_country").text("earmark_pillar").text("earmark_purpose").text("amount").end_row();
  for (const auto& f : r.flows)
    csv.text(f.from).text(f.to).text(f.country).text(f.pillar).text(f.purpose).number(f.amount).end_row();
}

void write_timeseries_csv(const RunResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  csv.text("month");
  for (const char* name : kMonthSeriesNames)
    for (const char* stat : {"mean", "p05", "p50", "p95"}) csv.text(std::string(name) + "_" + stat);
  csv.end_row();
  for (const auto& m : r.timeseries) {
    csv.text(m.month.str());
    for (const Stats& s : m.values) csv.number(s.mean).number(s.p05).number(s.p50).number(s.p95);
    csv.end_row();
  }
}

void write_countries_monthly_csv(const RunResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"month", "country", "name", "people_in_need_mean", "conflict_probability"}) csv.text(h);
  csv.end_row();
  const std::size_t C = r.countries.size();
  for (std::size_t t = 0; t < r.timeseries.size() && !r.country_months.empty(); ++t)
    for (std::size_t c = 0; c < C; ++c) {
      const CountryMonth& m = r.country_months[t * C + c];
      csv.text(r.timeseries[t].month.str()).text(r.countries[c]).text(c < r.country_names.size() ? r.country_names[c] : "");
      csv.number(m.need_mean).number(m.conflict_probability).end_row();
    }
}

void write_trajectories_csv(const RunResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"replica", "month", "country", "phase", "people_in_need", "capacity", "spent_humanitarian",
                        "spent_development", "spent_peace", "disasters", "onsets"})
    csv.text(h);
  csv.end_row();
  for (const auto& t : r.trajectories) {
    csv.integer(t.replica).text(t.month.str()).text(r.countries[t.country]).text(to_string(t.phase));
    csv.number(t.need).number(t.capacity).number(t.spent[0]).number(t.spent[1]).number(t.spent[2]);
    csv.integer(t.disasters).integer(t.onsets).end_row();
  }
}

void check_output_folder(const std::string& dir) { results::check_output_folder(dir); }

namespace results {

void stage_run_outputs(const RunResult& r, OutputFolder& folder, bool with_report, const WorkbookExtras& extras) {
  auto write = [&](const char* name, void (*writer)(const RunResult&, std::ostream&)) {
    folder.write(name, [&](std::ostream& out) { writer(r, out); });
  };
  write("summary.json", write_summary_json);
  write("outcomes.csv", write_outcomes_csv);
  write("flows.csv", write_flows_csv);
  write("timeseries.csv", write_timeseries_csv);
  write("countries_monthly.csv", write_countries_monthly_csv);
  if (!r.trajectories.empty()) write("trajectories.csv", write_trajectories_csv);
  if (!r.loans.empty()) write("loans.csv", write_loans_csv);
  if (!r.purposes.empty()) write("purposes.csv", write_purposes_csv);
  if (extras.trace) {
    folder.write("trace.json", [&](std::ostream& out) { write_trace_json(*extras.trace, out); });
    folder.write("trace.csv", [&](std::ostream& out) { write_trace_csv(*extras.trace, out); });
  }
  write_workbook(r, folder.staging() + "/results.xlsx", extras);
  if (!with_report) return;
  const std::string html = report_html(folder.staging());
  folder.write("report.html", [&](std::ostream& out) { out << html; });
}

}  // namespace results

void write_run_outputs(const RunResult& r, const std::string& dir, const TraceResult* trace) {
  results::OutputFolder folder(dir);
  WorkbookExtras extras;
  extras.trace = trace;
  results::stage_run_outputs(r, folder, true, extras);
  folder.commit();
}

}  // namespace pbflow
