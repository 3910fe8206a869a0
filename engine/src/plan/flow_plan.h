// The compiled flow plan: everything the kernel needs, as index arrays and
// per-month tables, computed once per scenario. Rows of the kernel's state
// are laid out here. Budget appropriations and scheduled releases are
// deterministic, so they are tabulated month by month in advance.
#pragma once

#include <string>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow::plan {

struct Target {
  int channel;   // index into FlowPlan::channels
  double share;
  int edge;      // index into FlowPlan::edges, for flows.csv
};

struct Edge {
  std::string from, to;
};

// Part of a pillar's money for one activity: 0-2 the pillar's general
// programme, 3 + k the k-th purpose code of FlowPlan::purposes.
struct ActivityShare {
  int activity;
  double share;
};

struct LinePlan {
  std::string label;                       // "donor/line"
  int donor = 0;
  bool reserve = false;
  bool allocate = false;
  std::vector<Target> to;                  // untagged
  PillarArray<std::vector<Target>> deliver;  // earmarked, by pillar
  PillarArray<bool> pillars{};             // pillars the strategy may earmark to
  PillarArray<std::vector<ActivityShare>> activities;  // how each pillar's money splits below it (default: all general)
  bool funds(int pillar, int activity) const {
    for (const ActivityShare& part : activities[pillar])
      if (part.activity == activity) return true;
    return false;
  }
  std::array<bool, kTriggers> triggers{};
  double share_per_event = 0.0;
  bool lapse_at_year_end = false;
  int earmark = -1;                        // a supplementary budget or a loan earmarked to this programme, or -1
  int loan = -1;                           // its index into FlowPlan::loans, or -1 (a grant line)
  // Per month of the horizon, donor currency:
  std::vector<double> appropriated;        // booked to this line (incl. reserve intake)
  std::vector<double> released;            // scheduled release (non-reserve lines)
};

struct ChannelPlan {
  std::string id;
  bool local = false;                      // a local or national actor
  int stages = 0;                          // 0: no pipeline (lag 0)
  std::vector<double> overhead;            // per month (shocks may change it)
  std::vector<double> pass_fraction;       // q per month
  double capacity = -1.0;                  // < 0: unlimited
  PillarArray<bool> mandate_pillars{};
  PhaseArray<bool> mandate_phases{};
  int within_months = -1;                  // < 0: no window
  std::vector<bool> mandate_countries;     // per country; empty: all
  std::vector<Target> passes;
  double passes_total = 0.0;
  std::vector<Target> to;                  // untagged onwards
  bool has_core = false;
  CoreRule core_rule = CoreRule::equal;
  std::vector<double> core_activities;     // core money's weight per activity (pillar weight x purpose share)
  int programme_edge = -1;                 // edge to "programmes"
  // The earmark slots money can reach this channel with (programmes of the
  // pillars that arrive earmarked, and the untagged slot if core money
  // arrives): its state has one row per held slot, not one per slot.
  std::vector<int> slot_of_row;            // its row -> global slot
  std::vector<int> row_of_slot;            // global slot -> its row, or -1
  int width() const { return static_cast<int>(slot_of_row.size()); }
  int stage_row = 0;                       // first row of its stages in the state
  int ready_row = 0;                       // first row of its ready (candidate + backlog) block
};

struct DonorPlan {
  std::string id;
  std::vector<double> per_base;            // exchange rate per month (1 for the base currency)
  std::vector<int> fiscal_month;           // 0-11 within the fiscal year, per month
  int currency_slot = 0;                   // random stream slot of its currency (stream_slot)
  double fx_volatility = 0.0;              // geometric random walk on top of per_base
  double fx_drift = 0.0;
  bool random_fx() const { return fx_volatility > 0.0 || fx_drift != 0.0; }
};

struct ScheduledOnset {
  int month;
  int country;
};

// Lognormal people affected: median x exp(sigma Z).
struct PeopleAffected {
  double median = 0.0;
  double sigma = 0.0;
};

// Stochastic shocks by country (MODEL.md 4).
struct ScheduledDisaster {
  int month;
  PeopleAffected size;
};

struct CountryShocks {
  std::vector<std::pair<double, PeopleAffected>> disasters;  // monthly Poisson rate, size
  std::vector<ScheduledDisaster> scheduled;                  // what-if disasters at a month
  std::vector<PeopleAffected> surges;                        // on every conflict onset
};

// One fiscal year's commitment of a loan line, and what of it is disbursed
// in each month of the horizon (donor currency).
struct LoanTranche {
  int fiscal_year = 0;
  int commit_month = 0;       // the fiscal year's first month, relative to the horizon (< 0: before it)
  double committed = 0.0;     // the whole commitment, line scale applied
  std::vector<double> disbursed;  // per month of the horizon
};

// A loan line's ledger plan: what is disbursed when, and the terms that
// decide what falls due (sim/loan_ledger).
struct LoanPlan {
  int line = 0;               // index into FlowPlan::lines
  int country = 0;            // the borrower
  std::string label;          // "donor/line"
  std::string currency;       // the donor's: the loan's denomination
  double monthly_interest = 0.0;
  int grace_months = 0, maturity_months = 0;  // from the commitment month
  bool annuity = false;       // level payments after grace (else equal principal)
  bool arrears_in_conflict = true;
  int relief_month = -1;      // relative to the horizon; -1: none
  double relief_arrears = 0.0, relief_outstanding = 0.0;
  IncomeGroup income_group = IncomeGroup::lmic;
  double grant_element = 0.0;     // DAC, at the income group's discount rate
  double discount_rate = 0.0;
  double threshold = 0.0;         // the grant element a loan needs to count as ODA
  std::vector<LoanTranche> tranches;
};

// A peacekeeping mission's spending in its country, per month of the
// horizon (base currency): a twelfth of its UN year's budget a month.
struct MissionPlan {
  std::string id, name;
  int country = 0;
  std::vector<double> spending;
};

// A donor's assessed contribution to one mission, per month (base
// currency): assessed each July, paid `payment_delay_months` later.
struct AssessmentPlan {
  std::string donor;
  int mission = 0;             // index into FlowPlan::missions
  std::vector<double> assessed, paid;
  std::vector<double> share;   // the donor's rate in each month's UN year
};

struct FlowPlan {
  int months = 0;
  YearMonth start;
  int countries = 0;
  std::vector<int> country_slots;          // per country: its random stream slot (stream_slot of its ISO3 code)
  int programmes = 0;                      // countries x (3 + purposes); see programme()
  int slots = 0;                           // earmark slots: programmes + 1 (untagged)
  int untagged = 0;                        // the untagged slot
  std::vector<DonorPlan> donors;
  std::vector<LinePlan> lines;
  std::vector<LoanPlan> loans;             // the loan lines, in the order of their lines
  std::vector<MissionPlan> missions;
  std::vector<AssessmentPlan> assessments;
  std::vector<double> mission_spending;    // [country * months + month]: all missions' spending; empty without missions
  std::vector<ChannelPlan> channels;       // in topological order
  std::vector<Edge> edges;
  std::vector<ScheduledOnset> onsets;
  std::vector<CountryShocks> shocks;       // per country
  int stage_rows = 0;                      // rows of all channels' stages
  int ready_rows = 0;                      // rows of all channels' ready blocks
  std::vector<std::string> warnings;

  // Sub-sectors by purpose code that money can reach, with their parameters.
  std::vector<PurposeCode> purposes;
  int activities() const { return kPillars + static_cast<int>(purposes.size()); }
  // Programme rows: country * 3 + pillar for the pillars' general
  // programmes (so a scenario without purpose codes is laid out as before),
  // then countries * 3 + country * K + k for the k-th purpose code.
  int programme(int country, int activity) const {
    return activity < kPillars ? country * kPillars + activity
                               : countries * kPillars + country * static_cast<int>(purposes.size()) + activity - kPillars;
  }
  int country_of(int programme) const { return programme_country[programme]; }
  int pillar_of(int programme) const { return programme_pillar[programme]; }
  int activity_of(int programme) const { return programme_activity[programme]; }
  const PurposeCode* purpose_of(int programme) const {
    const int a = programme_activity[programme];
    return a < kPillars ? nullptr : &purposes[a - kPillars];
  }
  std::vector<int> programme_country, programme_pillar, programme_activity;  // per programme

  // "SDN.peace", or "SDN.peace.15250" for a purpose code's programme.
  std::string programme_label(int programme, const Scenario& s) const;
};

// The random stream slot of a country or currency: its three upper-case
// letters packed in base 26 (0 to 17,575), so a country's or currency's
// draws depend on who it is, never on its place in the file: a what-if that
// adds a country or a currency changes nothing else's draws.
inline int stream_slot(const std::string& code) {
  int slot = 0;
  for (char letter : code) slot = slot * 26 + (letter - 'A');
  return slot;
}

// Compiles a validated scenario; throws InputError if its network is invalid.
FlowPlan compile(const Scenario& s);

}  // namespace pbflow::plan
