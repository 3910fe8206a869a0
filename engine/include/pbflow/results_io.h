// Writing a run's results: summary.json, outcomes.csv, flows.csv,
// timeseries.csv, and the table printed on the terminal.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "pbflow/compare.h"
#include "pbflow/run_result.h"
#include "pbflow/discovery.h"
#include "pbflow/sensitivity.h"
#include "pbflow/sweep.h"
#include "pbflow/trace.h"

namespace pbflow {

// Mean, sample standard deviation and percentiles (linear interpolation
// between order statistics), adding in the given order.
Stats describe(std::vector<double> values);
// The 97.5% quantile of Student's t with `df` degrees of freedom (exact
// table to 10, a Cornish-Fisher expansion within 1e-3 beyond): the 95%
// interval of a mean. 0 for df < 1.
double t_quantile_975(int df);

void write_summary_json(const RunResult& r, std::ostream& out);
void write_outcomes_csv(const RunResult& r, std::ostream& out);
void write_flows_csv(const RunResult& r, std::ostream& out);
void write_timeseries_csv(const RunResult& r, std::ostream& out);
void write_countries_monthly_csv(const RunResult& r, std::ostream& out);
void write_trajectories_csv(const RunResult& r, std::ostream& out);
// loans.csv: a row per replica and loan line (runs with loans only).
void write_loans_csv(const RunResult& r, std::ostream& out);
// purposes.csv: a row per country and purpose code money reaches (runs with purpose codes only).
void write_purposes_csv(const RunResult& r, std::ostream& out);
struct DifferenceResult;  // pbflow/difference.h

// Per-replica rows a workbook holds at most (the CSV files hold them all).
inline constexpr int kWorkbookReplicas = 1000;
// What a run's workbook may hold besides the run: its trace (a Trace
// sheet) and, for a what-if, its difference from the baseline (Diff).
struct WorkbookExtras {
  const TraceResult* trace = nullptr;
  const DifferenceResult* diff = nullptr;
};
// results.xlsx at `path` (docs/outputs.md lists its sheets), written in
// place; write_run_outputs writes it in its staging folder.
void write_workbook(const RunResult& r, const std::string& path, const WorkbookExtras& extras = {});
void write_compare_workbook(const CompareResult& c, const std::string& path);
void write_sweep_workbook(const SweepResult& r, const std::string& path);
// report.html's text for a results folder of run, run --against, compare or
// sweep (chosen by the files it holds). Throws RuntimeFailure naming the
// file and place if they are missing or damaged.
std::string report_html(const std::string& dir);
// A sweep's report, from the sweep itself (a folder's, or a store's), with
// its sensitivity indices when it has them.
std::string sweep_report_html(const SweepResult& r, const SensitivityResult* sensitivity = nullptr);
// sensitivity.csv (docs/outputs.md), read back, and the ranked table.
void write_sensitivity_csv(const SensitivityResult& s, std::ostream& out);
SensitivityResult read_sensitivity_csv(const std::string& path);
std::string sensitivity_table(const SensitivityResult& s);
// `pbflow discover`: its table, discovery.json and discovery_trajectory.csv.
std::string discovery_table(const DiscoveryResult& r);
void write_discovery_json(const DiscoveryResult& r, std::ostream& out);
void write_discovery_csv(const DiscoveryResult& r, std::ostream& out);
void write_discovery_outputs(const DiscoveryResult& r, const std::string& dir);  // with its report.html
std::string discovery_report_html(const DiscoveryResult& r);
DiscoveryResult read_discovery_folder(const std::string& dir);  // discovery.json and discovery_trajectory.csv
// A sweep's folder (sweep.json, sweep.csv) read back. Throws RuntimeFailure
// naming the file and place if it is missing or damaged.
SweepResult read_sweep_folder(const std::string& dir);
// Writes `text` to `path`, replacing the file whole (a reader sees the old
// file or the new one). Throws RuntimeFailure if it cannot.
void write_text_file(const std::string& path, const std::string& text);
// Rebuilds report.html in `dir`, replacing it atomically.
void write_report(const std::string& dir);
// Throws InputError if `dir` exists and is not a folder pbflow may replace
// (a file, a symbolic link, or a folder holding files pbflow does not
// write): check before a long run, not after.
void check_output_folder(const std::string& dir);
// Writes all of the above (trajectories.csv only if the run kept them),
// results.xlsx and report.html into `dir`, which appears as a whole: a
// reader (or a run killed half-way) sees the old set or the new one, never
// a mixture (docs/outputs.md). Throws RuntimeFailure if a file cannot be written.
// With a trace (of every country), also trace.csv, trace.json and the
// workbook's Trace sheet.
void write_run_outputs(const RunResult& r, const std::string& dir, const TraceResult* trace = nullptr);
// A table a planner reads: totals and per-country outcomes, in millions of
// the base currency and, where the scenario has a yen rate, of yen.
std::string summary_table(const RunResult& r);

// `pbflow trace`: per programme its routes grouped by budget line, the
// largest `top` (0: all) shown and the rest summed; `scenario` (may be
// null) gives countries' names. trace.json and trace.csv (docs/outputs.md).
std::string trace_table(const TraceResult& t, const Scenario* scenario, int top = 10);
void write_trace_json(const TraceResult& t, std::ostream& out);
void write_trace_csv(const TraceResult& t, std::ostream& out);
void write_trace_outputs(const TraceResult& t, const std::string& dir);

// `pbflow compare`: compare.json, compare.csv (a row a strategy), and with
// futures futures.csv (a row a strategy and future); and the ranking table.
void write_compare_json(const CompareResult& c, std::ostream& out);
void write_compare_csv(const CompareResult& c, std::ostream& out);
void write_futures_csv(const CompareResult& c, std::ostream& out);
void write_compare_outputs(const CompareResult& c, const std::string& dir);
std::string compare_table(const CompareResult& c);

// `pbflow sweep`: sweep.csv (a row a point: parameters, then outputs) and a summary.
void write_sweep_csv(const SweepResult& r, std::ostream& out);
void write_sweep_outputs(const SweepResult& r, const std::string& dir, const SensitivityResult* sensitivity = nullptr);
std::string sweep_table(const SweepResult& r);

}  // namespace pbflow
