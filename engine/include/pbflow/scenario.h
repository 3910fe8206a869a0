// The scenario: plain, validated C++ types for everything a scenario file says.
// Nothing here knows about YAML; engine/src/scenario/ builds these from files.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pbflow/errors.h"

namespace pbflow {

enum class Pillar { humanitarian = 0, development = 1, peace = 2 };
inline constexpr int kPillars = 3;
enum class Phase { conflict = 0, fragile = 1, stable = 2 };
inline constexpr int kPhases = 3;

const char* to_string(Pillar p);
const char* to_string(Phase p);

// A calendar month as one integer: year * 12 + (month - 1).
struct YearMonth {
  int index = 0;
  static YearMonth of(int year, int month) { return {year * 12 + month - 1}; }
  int year() const { return index / 12; }
  int month() const { return index % 12 + 1; }
  std::string str() const;
  auto operator<=>(const YearMonth&) const = default;
};

template <typename T>
using PillarArray = std::array<T, kPillars>;
template <typename T>
using PhaseArray = std::array<T, kPhases>;

// A share map (channel id -> share) in the order the file gave it.
using ShareMap = std::vector<std::pair<std::string, double>>;

struct Horizon {
  YearMonth start;
  int months = 0;
};

struct SimulationSettings {
  int replicas = 1000;
  std::uint64_t seed = 1;
};

struct ExchangeRate {
  double per_base = 1.0;                 // units of the currency per base unit
  std::map<int, double> path;            // month index -> rate from that month on
  double volatility = 0.0;               // monthly sd of the log rate (random walk)
  double drift = 0.0;                    // monthly drift of the log rate
  double at(YearMonth m) const;
};

struct Currency {
  std::string base = "USD";
  std::map<std::string, ExchangeRate> fx;  // currency code -> rate
};

struct Supplementary {
  // Either every fiscal year in a calendar month (1-12), or once at a YearMonth.
  std::optional<int> calendar_month;
  std::optional<YearMonth> at;
  double share_of_initial = 0.0;         // of that fiscal year's initial budget
  double amount = 0.0;                   // or an absolute amount, donor currency
  std::string line;                      // all of it to this line; empty: split by the lines' shares
  // Or earmarked to a country's programme, through these channels.
  std::string country;
  Pillar pillar = Pillar::humanitarian;
  std::optional<ShareMap> deliver;
  std::map<int, double> purposes;        // with `country`: shares of it by DAC purpose code (the rest: general)
};

// Amounts by fiscal year; a year after (or between) the listed ones is the
// last listed before it, grown. NaN before the first listed year.
double amount_for_year(const std::map<int, double>& by_year, double growth, int fiscal_year);

struct Budget {
  std::map<int, double> initial;         // fiscal year -> appropriation, donor currency
  double growth = 0.0;                   // a year, after the last listed year
  std::vector<Supplementary> supplementary;
  double for_year(int fiscal_year) const { return amount_for_year(initial, growth, fiscal_year); }
};

// A budget line voted as its own amounts (MOFA's line items), not a share.
struct LineAmount {
  std::map<int, double> by_year;         // fiscal year -> appropriation, donor currency
  double growth = 0.0;                   // a year, after the last listed year
  double for_year(int fiscal_year) const { return amount_for_year(by_year, growth, fiscal_year); }
};

enum class ReleaseKind { upfront, quarterly, monthly, vector, reserve };
const char* to_string(ReleaseKind k);  // "vector": fractions by month
enum class Trigger { conflict_onset = 0, disaster = 1, displacement_surge = 2 };
inline constexpr int kTriggers = 3;

struct Release {
  ReleaseKind kind = ReleaseKind::upfront;
  std::array<double, 12> fractions{};    // by month of the fiscal year (not for reserve)
  std::vector<Trigger> on;               // reserve only
  double share_per_event = 0.0;          // reserve only
  bool lapse_at_year_end = false;        // reserve only: lapse instead of carry over
};

// A loan's borrower income group: the OECD DAC discount rate of its grant
// element (9%, 7%, 6%) and the grant element it needs to count as ODA
// (45%, 15%, 10%); docs/model.md, "Loans".
enum class IncomeGroup { ldc_lic, lmic, umic };
const char* to_string(IncomeGroup g);

// How a loan's principal is repaid after grace: in equal parts, or by level
// payments of principal and interest together (an annuity).
enum class Repayment { equal_principal, annuity };
const char* to_string(Repayment r);

// A concessional loan (a yen loan): commitments per fiscal year, disbursed
// by a profile into the borrower's programme, repaid on its terms.
struct Loan {
  std::string borrower;                     // ISO3, one of the scenario's countries
  Pillar pillar = Pillar::development;      // the borrower's programme its disbursements fund
  std::map<int, double> commitments;        // fiscal year -> amount committed, donor currency
  std::map<int, double> commitments_at;     // or month (YearMonth::index) -> amount: signed that month
  // Share of a commitment disbursed in its fiscal year and in each after
  // (sums to 1). Illustrative default: six years, peaking in the third.
  std::vector<double> disbursement{0.10, 0.20, 0.25, 0.20, 0.15, 0.10};
  double interest = 0.01;                   // a year, on the outstanding principal
  double grace_years = 10.0;                // from the commitment, interest only
  double maturity_years = 30.0;             // from the commitment; the last repayment
  Repayment repayment = Repayment::equal_principal;
  IncomeGroup income_group = IncomeGroup::lmic;
  bool arrears_in_conflict = true;          // a borrower at war pays nothing; what falls due becomes arrears
  std::optional<YearMonth> relief_at;       // debt relief at this month:
  double relief_arrears = 1.0;              //   the share of arrears cancelled
  double relief_outstanding = 0.0;          //   the share of the outstanding principal cancelled
};

struct BudgetLine {
  std::string id;
  SourceLocation where;                  // of its key in the file
  double share = 0.0;
  std::optional<LineAmount> amount;      // if given, appropriated instead of share x the donor's budget
  double scale = 1.0;                    // multiplies everything appropriated to this line
  Release release;
  bool allocate_by_strategy = false;
  std::vector<Pillar> pillars;           // the pillars a strategy may earmark to
  std::array<std::optional<ShareMap>, kPillars> deliver;  // pillar -> channel mix
  std::optional<ShareMap> to;            // unearmarked (core) money to channels
  std::optional<Loan> loan;              // a loan line: outside the budget's shares, released by its profile
  std::map<int, double> purposes;        // DAC purpose code -> share of its pillar's money (the rest: the pillar's general programme)
};

struct Donor {
  std::string id;
  SourceLocation where;                  // of its key in the file
  std::string name;
  std::string currency = "USD";
  int fiscal_year_start = 1;             // calendar month the fiscal year starts
  Budget budget;
  std::vector<BudgetLine> lines;
};

enum class ChannelKind { un_agency, trust_fund, pooled_fund, ngo, ngo_platform, bilateral };
const char* to_string(ChannelKind k);
enum class CoreRule { equal, population, needs };

struct Mandate {
  std::vector<Pillar> pillars{Pillar::humanitarian, Pillar::development, Pillar::peace};
  std::vector<Phase> phases{Phase::conflict, Phase::fragile, Phase::stable};
  std::optional<int> within_months;      // months since settlement (fragile phase only)
  std::vector<std::string> countries;    // ISO3 codes it may fund; empty: all
  bool allows(Pillar p) const;
};

struct CoreSplit {
  CoreRule rule = CoreRule::equal;
  PillarArray<double> pillar_weights{};  // normalised over the mandate's pillars
};

struct Channel {
  std::string id;
  SourceLocation where;                  // of its key in the file
  std::string name;
  ChannelKind kind = ChannelKind::un_agency;
  bool local = false;                    // a local or national actor (localisation)
  double overhead = 0.0;
  double lag_months = 0.0;
  int stages = 1;
  std::optional<double> capacity;        // base currency a month
  Mandate mandate;
  ShareMap passes;                       // sub-grants, share of each disbursement
  std::optional<CoreSplit> core;
  std::optional<ShareMap> to;
  std::map<int, double> purposes;        // if any: it works only on these DAC purpose codes; core money split by these weights
};

struct Country {
  std::string iso3;
  SourceLocation where;                  // of its key in the file
  std::string name;
  double population = 0.0;
  double population_growth = 0.0;        // a year
  Phase phase = Phase::stable;
  int months_in_phase = 0;
  double people_in_need = 0.0;
  double capacity = 0.5;                 // state capacity K in [0, 1]
  double cost_per_person_month = 10.0;
  std::optional<double> performance;
  std::optional<double> gni_per_capita;
  PillarArray<double> effects{};         // effect stocks at the start, USD per person
  // nu by phase for this country alone, where its crisis touches only part
  // of it (Nigeria's north-east); unset phases take model.need.level.
  PhaseArray<std::optional<double>> need_level{};
};

enum class CountryWeights { needs, population, equal, explicit_map };
enum class Review { monthly, quarterly, fiscal_year };
const char* to_string(CountryWeights w);  // "explicit": the file's map
const char* to_string(Review r);
enum class StrategyKind { fixed, needs, pba, nexus_phase, crisis_reserve, optimised };
const char* to_string(StrategyKind k);

struct Strategy {
  StrategyKind kind = StrategyKind::fixed;
  Review review = Review::fiscal_year;
  CountryWeights countries = CountryWeights::needs;
  std::map<std::string, double> country_weights;       // explicit_map only
  PhaseArray<PillarArray<double>> pillar_split{};       // normalised; same for all phases
                                                        // when the file gave one split
  bool pillar_split_given = false;
  double transition_months = 0.0;                      // nexus_phase
  double performance_exponent = 2.0;                    // pba (IDA 2001)
  double population_exponent = 1.0;
  double income_exponent = -0.125;
  double fragile_uplift = 0.0;                          // pba
  // crisis_reserve: a share of every allocated release held back and released
  // to a country's humanitarian programme on its shocks.
  double reserve_share = 0.0;
  double release_per_event = 0.5;
  std::vector<Strategy> base;                           // crisis_reserve: the strategy it wraps (one)
  // optimised: static shares over programmes (country * 3 + pillar), found by
  // the experiment before a run; empty until then.
  int training_replicas = 50;
  int evaluations = 400;
  std::vector<std::string> start;                       // compared strategies to start from
  std::vector<double> shares;
};

enum class ShockKind { disaster, budget, conflict_onset, supplementary, overhead, lag, displacement_surge };

struct Shock {
  SourceLocation where;
  ShockKind kind = ShockKind::disaster;
  std::vector<std::string> countries;    // empty: all
  double rate_per_year = 0.0;
  double people_median = 0.0;
  double people_sigma = 1.0;            // lognormal sigma of people affected
  std::string donor;
  std::string line;                      // budget: only this line is scaled; supplementary: all to this line
  // supplementary earmarked to a country (`countries`, one): the programme's
  // pillar and the channels that carry it.
  Pillar pillar = Pillar::humanitarian;
  std::optional<ShareMap> deliver;
  std::map<int, double> purposes;        // shares of it by DAC purpose code (the rest: the pillar's general programme)
  std::string channel;
  std::optional<YearMonth> from;
  double scale = 1.0;
  double amount = 0.0;
  double value = 0.0;
};

// The outcomes an objective can weigh (MODEL.md 5), each summed over
// countries per replica. The scenario language's `objective.minimize` keys
// are these names (to_string), read from this one list.
enum class Outcome {
  unmet_need_person_months,
  conflict_months,
  relapses,
  overhead,
  in_pipeline,
  people_reached,
  cost_per_person_reached,
};
inline constexpr int kOutcomes = 7;
const char* to_string(Outcome o);

struct Objective {
  std::vector<std::pair<Outcome, double>> minimize;  // outcome -> weight
};

struct CompareStrategy {
  std::string name;
  std::optional<Strategy> strategy;                      // empty: the scenario's own
  std::vector<std::pair<std::string, std::string>> set;  // dotted path -> value text
};

struct Compare {
  int replicas = 0;
  std::string baseline;
  std::vector<CompareStrategy> strategies;
  std::optional<double> satisficing_objective;           // a future is satisficing if the objective is at most this
};

// A scenario key to vary: a range, or a list of values (as YAML text).
// How a swept or uncertain key's values are spread: evenly over [min, max],
// or by a distribution (docs/guide-sweeps.md).
enum class Distribution { uniform, normal, lognormal, triangular, truncated_normal };

struct ParameterRange {
  std::string path;
  std::optional<double> min, max;        // uniform, triangular and truncated_normal: the bounds
  std::vector<std::string> values;       // a list instead (categorical)
  Distribution distribution = Distribution::uniform;
  double mean = 0, sd = 0;               // normal, truncated_normal
  double median = 0, sigma = 0;          // lognormal: median exp(mu), sigma of the log
  double mode = 0;                       // triangular
  bool bounded() const { return distribution != Distribution::normal && distribution != Distribution::lognormal; }
  // The value at quantile u in [0, 1] (an unbounded distribution is taken
  // between its 1e-6 and 1 - 1e-6 quantiles). Not for lists.
  double quantile(double u) const;
};

// The standard normal distribution's inverse CDF, to full double precision.
double inverse_normal_cdf(double p);

// Deep uncertainty (robust decision making): scenario keys sampled into futures.
struct Uncertainties {
  int futures = 8;
  int replicas = 0;                                      // per future; 0: compare.replicas
  std::vector<ParameterRange> parameters;
};

struct Sweep {
  std::string design = "lhs";            // lhs, grid, random, sobol, morris or file
  int samples = 0;                       // sobol: base rows N; morris: trajectories r
  int levels = 4;                        // morris: grid levels p (even)
  std::string file;                      // file: the design's CSV, as written (relative to the scenario's folder)
  std::string test_function;             // ishigami or sobol_g: outputs computed from the parameters, no model run
  int replicas = 0;
  std::vector<ParameterRange> parameters;
  std::vector<std::string> outputs;
};

// Model parameters that are not money (MODEL.md sections 1.4 and 2). Every
// default is documented, with its source, in docs/model.md.
struct AbsorptionParameters {
  PillarArray<double> usd_per_person_month{1.0, 0.8, 0.3};
  PhaseArray<PillarArray<double>> phase_factor{{{1.0, 0.2, 0.5},    // conflict
                                                {0.8, 0.7, 1.0},    // fragile
                                                {0.5, 1.0, 0.5}}};  // stable
  double post_conflict_multiplier = 2.0;
  int post_conflict_from = 36;
  int post_conflict_to = 120;
};

// Effect stocks X = (1 - decay) X + spending per head; response ln(1 + X / scale).
struct EffectParameters {
  PillarArray<double> decay{1.0 / 3.0, 1.0 / 60.0, 1.0 / 24.0};
  PillarArray<double> scale{30.0, 60.0, 8.4};  // USD per person
};

// Monthly hazards of MODEL.md 2.1.
struct PhaseParameters {
  double conflict_end_hazard = 0.011976;       // h_CF0: a seven-year average war
  double conflict_end_peace_effect = 0.3;      // beta_CF
  double relapse_hazard = 0.0219413;           // h_FC0, fitted (docs/model.md)
  double relapse_peace_effect = 0.788365;      // beta_P, fitted
  double relapse_development_effect = 0.5;     // beta_D
  double relapse_capacity_effect = 1.0;        // beta_K
  double relapse_floor = 0.25;                 // w: long-run share of the post-war risk
  double relapse_decay_months = 48.0;          // tau_d
  double consolidation_hazard = 0.0111;        // h_FS0
  int consolidation_min_months = 120;          // m_min
  double onset_hazard = 0.00127;               // h_SC0
  double onset_capacity_effect = 1.0;          // beta_K for new onsets
};

struct CapacityParameters {
  double growth = 0.005;                        // kappa
  PhaseArray<double> erosion{0.01, 0.002, 0.0005};  // mu by phase, a month
};

struct NeedParameters {
  double adjustment = 1.0 / 12.0;               // rho, a month
  PhaseArray<double> level{0.40, 0.15, 0.02};   // nu: share of population in need by phase
};

// What a purpose code's programmes act on in the country model (docs/model.md, 1.9).
enum class PurposeEffect { humanitarian_reach, development, peace, early_peace, development_absorption };
const char* to_string(PurposeEffect e);

// A sub-sector of a pillar by OECD DAC purpose code: its programmes in each
// country have their own absorptive capacity, effect stock and response.
struct PurposeCode {
  int code = 0;
  std::string name;
  Pillar pillar = Pillar::peace;
  PurposeEffect acts_on = PurposeEffect::peace;
  double usd_per_person_month = 0.1;  // absorptive capacity, times its pillar's phase factor
  double decay = 1.0 / 24.0;          // of its effect stock, a month
  double strength = 1.0;              // its stock counts this many times in its target's (reach: its spending)
  double scale = 2.0;                 // development_absorption: USD per person in ln(1 + X / scale)
  int window_months = 36;             // early_peace: counts only this long after a settlement
  std::string source;                 // where its defaults come from; empty: illustrative
};
// The purpose codes the model knows, with their defaults (docs/model.md, 1.9).
std::vector<PurposeCode> default_purpose_codes();
const PurposeCode* find_purpose_code(const std::vector<PurposeCode>& purposes, int code);

struct ModelParameters {
  std::vector<PurposeCode> purposes = default_purpose_codes();
  AbsorptionParameters absorption;
  EffectParameters effects;
  PhaseParameters phases;
  CapacityParameters capacity;
  NeedParameters need;
};

// UN peacekeeping (docs/model.md, 1.8): missions in countries, budgeted per
// UN peacekeeping year (July of year y to June of y + 1, named by y), and
// donors' assessed contributions to them.
struct Mission {
  std::string id;
  SourceLocation where;
  std::string name;
  std::string country;                   // ISO3, one of the scenario's countries
  std::map<int, double> budgets;         // UN peacekeeping year -> budget, base currency
};

struct Assessment {
  std::string donor;                     // a donor of the scenario
  std::map<int, double> rates;           // from this UN peacekeeping year on, the share of every mission's budget assessed
  int payment_delay_months = 0;          // months after the assessment (July) the donor pays
};

struct Peacekeeping {
  std::vector<Mission> missions;
  std::vector<Assessment> assessments;
  double rate(const Assessment& a, int un_year) const;  // the rate for that year (the first listed before it)
};

struct Scenario {
  std::string file;                      // the file it was loaded from (or the name given its text)
  std::string source_text;               // the text it was loaded from, if not a file's
  std::string composed_text;             // the whole scenario after `extends:` and --set, as canonical YAML
  int version = 1;
  std::string name;
  std::string title;
  Horizon horizon;
  SimulationSettings simulation;
  Currency currency;
  std::vector<Donor> donors;
  std::vector<Channel> channels;
  std::vector<Country> countries;
  Strategy strategy;
  std::vector<Shock> shocks;
  Objective objective;
  ModelParameters model;
  std::optional<Compare> compare;
  std::optional<Uncertainties> uncertainties;
  std::optional<Sweep> sweep;
  std::optional<Peacekeeping> peacekeeping;

  int channel_index(const std::string& id) const;   // -1 if absent
  int country_index(const std::string& iso3) const;  // -1 if absent
};

}  // namespace pbflow
