// Writing a run's results: summary.json, outcomes.csv, flows.csv,
// timeseries.csv, and the table printed on the terminal.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "pbflow/compare.h"
#include "pbflow/run_result.h"
#include "pbflow/sweep.h"

namespace pbflow {

// Mean, sample standard deviation and percentiles (linear interpolation
// between order statistics), adding in the given order.
Stats describe(std::vector<double> values);

void write_summary_json(const RunResult& r, std::ostream& out);
void write_outcomes_csv(const RunResult& r, std::ostream& out);
void write_flows_csv(const RunResult& r, std::ostream& out);
void write_timeseries_csv(const RunResult& r, std::ostream& out);
void write_trajectories_csv(const RunResult& r, std::ostream& out);
// results.xlsx: Summary, Monthly, Flows and Outcomes sheets.
void write_workbook(const RunResult& r, const std::string& path);
// report.html in `dir`, from the summary.json and timeseries.csv there.
// Throws RuntimeFailure if they are missing or not pbflow's.
void write_report(const std::string& dir);
// Writes all of the above (trajectories.csv only if the run kept them),
// results.xlsx and report.html into `dir` (created if missing). Throws
// RuntimeFailure if a file cannot be written.
void write_run_outputs(const RunResult& r, const std::string& dir);
// A table a planner reads: totals and per-country outcomes, in millions of
// the base currency and, where the scenario has a yen rate, of yen.
std::string summary_table(const RunResult& r);

// `pbflow trace`: each route to a programme with the money on each hop
// (flows of that earmark; "core" where the money was not yet earmarked).
std::string trace_table(const RunResult& r, const std::vector<std::vector<std::string>>& paths,
                        const std::string& iso3, Pillar pillar);

// `pbflow compare`: compare.json, compare.csv (a row a strategy), and with
// futures futures.csv (a row a strategy and future); and the ranking table.
void write_compare_json(const CompareResult& c, std::ostream& out);
void write_compare_csv(const CompareResult& c, std::ostream& out);
void write_futures_csv(const CompareResult& c, std::ostream& out);
void write_compare_outputs(const CompareResult& c, const std::string& dir);
std::string compare_table(const CompareResult& c);

// `pbflow sweep`: sweep.csv (a row a point: parameters, then outputs) and a summary.
void write_sweep_csv(const SweepResult& r, std::ostream& out);
void write_sweep_outputs(const SweepResult& r, const std::string& dir);
std::string sweep_table(const SweepResult& r);

}  // namespace pbflow
