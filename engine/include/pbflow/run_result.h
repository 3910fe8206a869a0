// What a run produces, in plain types: per-replica rows plus aggregates.
// Money is in the scenario's base currency.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow {

// Mean, sample standard deviation and percentiles of a quantity over replicas.
struct Stats {
  double mean = 0, sd = 0, p05 = 0, p50 = 0, p95 = 0;
};

struct ReplicaTotals {
  double appropriated = 0.0;  // converted at each appropriation's month
  double released = 0.0;      // converted at each release's month
  double overhead = 0.0;
  double spent = 0.0;
  double in_pipeline = 0.0;   // in channels' pipelines and backlogs and programmes' balances
  double unreleased = 0.0;    // budget not yet released, at the last month's rate
  double reserves = 0.0;      // reserve balances, at the last month's rate
  double lapsed = 0.0;
  double conservation_error = 0.0;  // largest relative error over months
  double delivery_lag = 0.0;        // money-weighted months from release to spending
  double objective = 0.0;           // the scenario's objective (lower is better)
};

// One replica's outcomes in one country over the horizon (MODEL.md 5).
struct CountryOutcome {
  PillarArray<double> spent{};
  double conflict_months = 0.0;
  double relapses = 0.0;
  double unmet_need_person_months = 0.0;
  double people_reached = 0.0;        // person-months
  bool peace_at_horizon = false;      // not in conflict in the last month
};

// A loan line in one replica, over the horizon, in the loan's currency
// (the donor's). disbursed = principal_repaid + outstanding +
// arrears_principal + relieved_principal (checked every month).
struct LoanTotals {
  double committed = 0.0;           // commitments booked within the horizon
  double disbursed = 0.0;           // gross disbursements
  double principal_repaid = 0.0;
  double interest_paid = 0.0;
  double outstanding = 0.0;         // at the horizon
  double arrears_principal = 0.0, arrears_interest = 0.0;    // at the horizon
  double relieved_principal = 0.0, relieved_interest = 0.0;  // cancelled by debt relief
  double reflows() const { return principal_repaid + interest_paid; }  // back to the donor
  double net_disbursed() const { return disbursed - principal_repaid; }  // the DAC's net flow
};

// A loan line's terms as the DAC measures them (docs/model.md, "Loans").
struct LoanInfo {
  std::string line;                 // "donor/line"
  std::string borrower;             // ISO3
  std::string currency;             // the loan's (the donor's)
  std::string income_group;
  double grant_element = 0.0;       // share of face value that is a gift, at the DAC rate
  double discount_rate = 0.0;
  double threshold = 0.0;           // grant element needed to count as ODA
  bool oda_eligible() const { return grant_element >= threshold; }
};

// A peacekeeping mission over the horizon (base currency). Missions spend
// their budgets whatever happens, so these are the same in every replica.
struct MissionResult {
  std::string id, name, country;
  double spent = 0.0;
};

// A donor's assessed contributions to one mission over the horizon (base
// currency): assessed each July, paid after the donor's delay; `buys` is
// its rate times the mission's spending month by month, the part of the
// mission its assessment pays for.
// A purpose code's programme in one country (docs/model.md, 1.9).
struct PurposeProgramme {
  std::string country;  // ISO3
  int code = 0;         // DAC purpose code
  std::string name, pillar, acts_on;
};

struct AssessmentResult {
  std::string donor, mission;
  double assessed = 0.0, paid = 0.0;
  double unpaid() const { return assessed - paid; }
  double buys = 0.0;
};

struct FlowRow {
  std::string from, to;
  std::string country;  // earmark; empty for unearmarked money
  std::string pillar;
  std::string purpose;  // DAC purpose code of the earmark, or empty (the pillar's general programme)
  double amount = 0.0;  // mean over replicas
};

// Monthly series, in this order in MonthRow::values and timeseries.csv.
enum class MonthSeries {
  released, overhead, spent_humanitarian, spent_development, spent_peace, in_pipeline, share_in_conflict, unmet_need
};
inline constexpr int kMonthSeries = 8;
inline constexpr const char* kMonthSeriesNames[kMonthSeries] = {
    "released", "overhead", "spent_humanitarian", "spent_development", "spent_peace", "in_pipeline",
    "share_in_conflict", "unmet_need"};

struct MonthRow {
  YearMonth month;
  std::array<Stats, kMonthSeries> values;  // over replicas
  const Stats& operator[](MonthSeries s) const { return values[static_cast<int>(s)]; }
};

// One country's state in one month of one replica (--trajectories).
struct TrajectoryRow {
  int replica = 0;
  YearMonth month;
  int country = 0;
  Phase phase = Phase::stable;
  double need = 0.0, capacity = 0.0;  // need during the month, after its shocks
  PillarArray<double> spent{};
  int disasters = 0;                  // disasters that struck this month
  int onsets = 0;                     // wars that broke out (1 or 0)
};

// One country in one month, over replicas (countries_monthly.csv).
struct CountryMonth {
  double need_mean = 0.0;            // people in need during the month
  double conflict_probability = 0.0;  // share of replicas in which it is at war
};

// One input of the run, for the workbook's Assumptions sheet: a budget
// line's appropriation in a fiscal year, a channel's overhead, the strategy.
struct Assumption {
  std::string group, item, detail;  // "budget", "japan/core_contributions", "FY2026"
  double value = 0.0;               // NaN: the assumption is the text
  std::string text, unit;
};

struct RunResult {
  std::string scenario;
  std::vector<Assumption> assumptions;
  bool partial = false;          // stopped early: `replicas` of `replicas_requested` finished
  int replicas_requested = 0;
  std::string scenario_sha256;  // of the scenario's text after `extends:` and --set (canonical YAML)
  std::string engine;           // pbflow's version
  std::string command;          // the command line that made it, if a command did
  std::string created;          // when the run started, UTC, ISO 8601
  int replicas = 0;
  std::uint64_t seed = 0;
  int months = 0;
  YearMonth start;
  std::string currency;
  double base_per_yen = 0.0;  // for display in yen; 0 if the scenario has no JPY rate
  std::vector<std::string> countries;          // ISO3, scenario order
  std::vector<std::string> country_names;      // their names, the same order
  std::vector<std::string> channels;           // channel ids, scenario order
  std::vector<ReplicaTotals> totals;           // one per replica
  std::vector<CountryOutcome> outcomes;        // [replica * countries + country]
  std::vector<std::vector<double>> channel_overhead;   // [channel][replica]
  std::vector<std::vector<double>> channel_delivered;  // [channel][replica]: passed to programmes
  std::vector<FlowRow> flows;
  std::vector<MonthRow> timeseries;
  std::vector<CountryMonth> country_months;    // [month * countries + country]
  std::vector<TrajectoryRow> trajectories;     // only with RunOptions::trajectories
  std::vector<LoanInfo> loans;                 // the loan lines, scenario order
  std::vector<LoanTotals> loan_totals;         // [replica * loans + loan]
  std::vector<MissionResult> missions;         // peacekeeping, scenario order
  std::vector<AssessmentResult> assessments;   // per assessed donor, then mission
  std::vector<PurposeProgramme> purposes;      // every country's programme of each purpose code money can reach
  std::vector<double> purpose_spent;           // [replica * purposes + k]: spent over the horizon
  std::vector<std::string> warnings;
  int threads = 0;
  int block_size = 0;
  double seconds = 0.0;
  // When the replicas began and ended, seconds since the Unix epoch (the
  // system clock): when two runs overlapped. Not in any output file.
  double started_at = 0.0, finished_at = 0.0;

  const CountryOutcome& outcome(int replica, int country) const {
    return outcomes[static_cast<std::size_t>(replica) * countries.size() + country];
  }
};

}  // namespace pbflow
