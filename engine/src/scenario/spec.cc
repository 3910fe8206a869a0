#include "spec.h"
#include "spec_builders.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include "pbflow/limits.h"
#include "vocabulary.h"
#include "pbflow/scenario.h"

namespace pbflow::scenario {

const Field* Spec::field(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

static std::string number_text(double v) {
  std::ostringstream s;
  s << v;
  // A whole number that six digits would round (2^53) is written in full.
  if (v == std::floor(v) && std::fabs(v) < 1e18 && std::stod(s.str()) != v)
    return std::to_string(static_cast<long long>(v));
  return s.str();
}

// Defaults shown by the language description (docs, schema, errors) are
// written from the structs the converter fills (pbflow/scenario.h), whose
// initialisers are the one set of defaults.
template <class T>
const T& defaults() {
  static const T d;
  return d;
}

std::string shown(double v) {
  char text[400];
  // The shortest decimal that reads back exactly, written out (0.0005)...
  const auto fixed = std::to_chars(text, text + sizeof text, v, std::chars_format::fixed).ptr;
  if (fixed - text <= 10) return std::string(text, fixed);
  // ...or a unit fraction, where that is what it is (1/3 for 0.3333333333333333)...
  for (int n = 2; n <= 1000; ++n)
    if (v == 1.0 / n) return "1/" + std::to_string(n);
  const auto any = std::to_chars(text, text + sizeof text, v).ptr;  // ...or the shortest form
  return std::string(text, any);
}

static std::string by_pillar(const PillarArray<double>& v) {
  std::string out;
  for (int p = 0; p < kPillars; ++p)
    out += std::string(p ? ", " : "") + to_string(static_cast<Pillar>(p)) + " " + shown(v[p]);
  return out;
}

static std::string by_phase(const PhaseArray<double>& v) {
  std::string out;
  for (int p = 0; p < 3; ++p) out += std::string(p ? ", " : "") + to_string(static_cast<Phase>(p)) + " " + shown(v[p]);
  return out;
}

static std::string by_phase(const PhaseArray<PillarArray<double>>& v) {
  std::string out;
  for (int p = 0; p < 3; ++p) out += std::string(p ? "; " : "") + to_string(static_cast<Phase>(p)) + ": " + by_pillar(v[p]);
  return out;
}

std::string Spec::expected() const {
  switch (type) {
    case Type::number:
    case Type::integer: {
      std::string what = type == Type::integer ? "a whole number" : "a number";
      if (min && max && *min == *max) return "the number " + number_text(*min);
      if (min && max)
        return what + " in " + (min_exclusive ? "(" : "[") + number_text(*min) + ", " +
               number_text(*max) + (max_exclusive ? ")" : "]");
      if (min) return what + (min_exclusive ? " above " : " at least ") + number_text(*min);
      if (max) return what + (max_exclusive ? " below " : " at most ") + number_text(*max);
      return what;
    }
    case Type::string:
      switch (format) {
        case StringFormat::identifier: return "a name (letters, digits, _ and -)";
        case StringFormat::iso3: return "an ISO 3166-1 alpha-3 country code such as SDN";
        case StringFormat::currency_code: return "a three-letter currency code such as JPY";
        case StringFormat::year_month: return "a month written YYYY-MM";
        case StringFormat::dotted_path: return "a dotted key path such as channels.unhcr.overhead";
        case StringFormat::year: return "a year such as 2027";
        case StringFormat::text: return "text";
      }
      return "text";
    case Type::boolean: return "true or false";
    case Type::enumeration: {
      std::string out = "one of: ";
      for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
      return out;
    }
    case Type::map: return "a map";
    case Type::dict: return "a map of " + key_spec->title + " to " + item->expected();
    case Type::list:
      if (min_items == max_items) return "a list of " + std::to_string(min_items) + " values";
      if (item->type == Type::map) return "a list of " + item->title + " maps";
      return "a list (each " + item->expected() + ")";
    case Type::one_of: {
      std::string out;
      for (std::size_t i = 0; i < alternatives.size(); ++i)
        out += (i ? (i + 1 == alternatives.size() ? " or " : ", ") : "") + alternatives[i]->expected();
      return out;
    }
  }
  return "";
}

namespace {

using namespace spec_builders;

SpecPtr release_spec() {
  auto reserve = map({
      req("on", list(enumeration(kTriggerWords, "event"), 1),
          "events that release part of the reserve"),
      req("share_per_event", num(0.0, 1.0, true, false, "share"),
          "share of the reserve balance each event releases"),
      opt("at_year_end", enumeration({"carry", "lapse"}, "year-end rule"), "carry",
          "what happens to reserve left at a fiscal year's end"),
  });
  return one_of({enumeration(kScheduleWords, "schedule"),
                 list(num(0.0), 12, 12),
                 map({req("reserve", reserve, "held until an event triggers it (MODEL.md 1.3)")},
                     "reserve release")},
                "release schedule");
}

SpecPtr line_spec() {
  return map({
      opt("share", share(), "required unless the line is a loan",
          "share of each appropriation this line receives; a donor's grant lines sum to 1"),
      opt("loan", loan_spec(), "none (a grant line)",
          "the line is a concessional loan to one borrower (docs/model.md, Loans): it has no share, release, "
          "allocate, to, pillars or amount, and its `deliver:` names its pillar's channels"),
      opt("amount", dict(str(StringFormat::year, "fiscal year"), num(0.0, 1e18), 1), "share x the budget",
          "the line's own appropriation per fiscal year, donor currency, instead of share x the budget "
          "(its share still counts in the donor's sum)"),
      opt("amount_growth", num(-1.0, 10.0, true), shown(defaults<LineAmount>().growth),
          "yearly growth of `amount` after its last listed year"),
      opt("scale", num(0.0, 100.0), shown(defaults<BudgetLine>().scale),
          "multiplies everything appropriated to this line (0.8 cuts it by a fifth); the others keep theirs"),
      opt("release", release_spec(), "required unless the line is a loan",
          "when money leaves the line: `upfront` (fiscal year's first month), `quarterly`, "
          "`monthly`, a list of 12 fractions by fiscal month, or `{reserve: {...}}`"),
      opt("allocate", enumeration({"strategy"}, "allocation"), "",
          "earmark releases to country programmes by the scenario's strategy"),
      opt("pillars", list(pillar(), 1), "all three", "pillars the strategy may earmark this line to"),
      opt("deliver", dict(pillar(), channel_shares(), 1), "",
          "for each pillar, the channels that carry its money and their shares (sum to 1)"),
      opt("to", channel_shares(), "", "unearmarked (core) money to channels, shares summing to 1"),
      opt("purposes", dict(purpose_code(), share(), 1), "none: each pillar's general programme",
          "DAC purpose code -> share of its pillar's earmarked money that goes to that code's programmes "
          "(docs/model.md 1.9); a pillar's shares sum to at most 1, the rest goes to its general programme"),
  }, "budget line");
}

SpecPtr supplementary_spec() {
  return map({
      req("month", one_of({integer(1, 12), year_month()}, "month"),
          "calendar month (1-12, every fiscal year) or a month YYYY-MM (once)"),
      opt("share_of_initial", num(0.0, 100.0), shown(defaults<Supplementary>().share_of_initial), "size as a share of that fiscal year's initial budget"),
      opt("amount", num(0.0, 1e18), shown(defaults<Supplementary>().amount), "size in the donor's currency"),
      opt("line", id("budget line id"), "split by the lines' shares", "the line that receives all of it"),
      opt("country", iso3(), "", "earmarked to this country's programme (with `deliver`)"),
      opt("pillar", pillar(), "humanitarian", "with `country`: the programme it funds"),
      opt("deliver", channel_shares(), "", "with `country`: the channels that carry it, shares summing to 1"),
      opt("purposes", dict(purpose_code(), share(), 1), "none",
          "with `country`: shares of it by DAC purpose code of its pillar (docs/model.md 1.9); the rest funds the "
          "pillar's general programme"),
  }, "supplementary budget");
}

SpecPtr donor_spec() {
  auto budget = map({
      req("initial", dict(str(StringFormat::year, "fiscal year"), num(0.0, 1e18), 1),
          "appropriation per fiscal year (named by the year it starts in), donor currency"),
      opt("growth", num(-1.0, 10.0, true), shown(defaults<Budget>().growth), "yearly growth after the last listed year"),
      opt("supplementary", one_of({supplementary_spec(), list(supplementary_spec())}, "supplementary"),
          "none", "supplementary budgets, split over the lines by their shares unless one names its line"),
  }, "budget");
  return map({
      opt("name", str(), "the id", "display name"),
      opt("currency", str(StringFormat::currency_code, "currency code"), "the base currency",
          "currency of the budget; needs a rate in currency.fx unless it is the base"),
      opt("fiscal_year_start", integer(1, 12), shown(defaults<Donor>().fiscal_year_start), "calendar month the fiscal year starts (Japan: 4)"),
      req("budget", budget, "appropriations"),
      req("lines", dict(id("budget line id"), line_spec(), 1), "budget lines (instruments)"),
  }, "donor");
}

SpecPtr channel_spec() {
  auto lag = map({
      req("months", num(0.0), "mean lag L in months (0: passes money on in the month it arrives)"),
      opt("stages", integer(1, 64), shown(defaults<Channel>().stages), "Erlang stages k; 1 is a first-order delay"),
  }, "lag");
  auto mandate = map({
      opt("pillars", list(pillar(), 1), "all three", "pillars the channel funds"),
      opt("phases", list(phase(), 1), "all three", "country phases the channel funds"),
      opt("within_months", integer(0, limits::kMaxMonths), "no limit", "only within this many months of a settlement"),
      opt("countries", list(iso3(), 1), "all", "the only countries it funds (core money only: see docs/model.md)"),
  }, "mandate");
  auto core = map({
      req("allocate", enumeration(kCoreRuleWords, "core rule"),
          "country weights for untagged money"),
      opt("pillars", pillar_weights(), "equal over the mandate", "pillar weights over the mandate"),
  }, "core rule");
  return map({
      opt("kind", enumeration(kChannelKindWords, "channel kind"),
          "un_agency", "what sort of intermediary this is"),
      opt("name", str(), "the id", "display name"),
      opt("local", boolean(), "false",
          "a local or national actor in the countries it funds (`pbflow trace` reports the share reaching them)"),
      opt("overhead", num(0.0, 1.0, false, true, "share"), shown(defaults<Channel>().overhead),
          "share of each inflow kept as programme support cost, in [0, 1)"),
      opt("lag", lag, "{months: 0}", "pipeline delay"),
      opt("capacity", num(0.0, {}, true), "unlimited", "most it disburses a month, base currency"),
      opt("mandate", mandate, "everything", "what the channel may fund"),
      opt("passes", dict(id("channel id"), num(0.0, 1.0, false, true, "share")), "none",
          "share of each disbursement sub-granted to another channel; the earmark travels"),
      opt("core", core, "", "how untagged money is earmarked when disbursed"),
      opt("to", channel_shares(), "", "passes untagged money on to channels, shares summing to 1"),
      opt("purposes", dict(purpose_code(), num(0.0, 1e6, true), 1), "any",
          "the only DAC purpose codes it works on (UNMAS: {15250: 1}); money earmarked to other codes or to a "
          "pillar's general programme may not reach it, and its core money is split over these codes by these "
          "weights (docs/model.md 1.9)"),
  }, "channel");
}

SpecPtr country_spec() {
  return map({
      opt("name", str(), "the code", "display name"),
      req("population", num(0.0, 1e10, true), "people"),
      opt("population_growth", num(-0.5, 0.5), shown(defaults<Country>().population_growth), "yearly growth rate"),
      req("phase", phase(), "phase at the start"),
      opt("months_in_phase", integer(0, 100 * limits::kMaxMonths), shown(defaults<Country>().months_in_phase), "months already spent in that phase"),
      opt("people_in_need", num(0.0, 1e10), shown(defaults<Country>().people_in_need), "people in humanitarian need at the start"),
      opt("capacity", num(0.0, 1.0), shown(defaults<Country>().capacity), "state capacity K in [0, 1]"),
      opt("cost_per_person_month", num(0.0, {}, true), shown(defaults<Country>().cost_per_person_month), "USD to reach one person for a month"),
      opt("performance", num(0.0), "", "policy performance rating (IDA-style, 1-6), for `pba`"),
      opt("gni_per_capita", num(0.0, {}, true), "", "GNI per head in USD, for `pba`"),
      opt("effects", dict(pillar(), num(0.0, 1e9), 1), "0",
          "effect stocks at the start (USD per person), e.g. from past spending"),
      opt("need_level", dict(phase(), num(0.0, 1.0), 1), "model.need.level",
          "nu for this country alone: the share of its population in need that each phase tends to, where a "
          "crisis touches only part of the country (docs/model.md 2.3)"),
  }, "country");
}

std::vector<Field> strategy_fields(bool kind_required, bool allow_base = true) {
  auto kind = enumeration(kStrategyKindWords, "strategy kind");
  std::vector<Field> f;
  if (kind_required)
    f.push_back(req("kind", kind, "which allocation strategy (docs/strategies.md)"));
  else
    f.push_back(opt("kind", kind, "the scenario's own", "which allocation strategy (docs/strategies.md)"));
  f.push_back(opt("review", enumeration(kReviewWords, "review"), "fiscal_year",
                  "how often the shares are recomputed"));
  f.push_back(opt("countries",
                  one_of({enumeration(kCountryWeightWords, "country weights"),
                          dict(iso3(), num(0.0), 1)},
                         "country weights"),
                  "needs", "fixed, nexus_phase: country weights, a rule or an explicit map"));
  f.push_back(opt("pillar_split",
                  one_of({pillar_weights(), dict(phase(), pillar_weights(), 1)}, "pillar split"),
                  "equal", "pillar weights, or per phase; normalised to sum to 1"));
  f.push_back(opt("transition_months", num(0.0, 1200.0), shown(defaults<Strategy>().transition_months),
                  "nexus_phase: months over which a country's split moves to its new phase's"));
  f.push_back(opt("exponents",
                  dict(enumeration({"performance", "population", "income"}, "pba term"), num(-10.0, 10.0)),
                  "performance 2, population 1, income -0.125", "pba: exponents of the formula"));
  f.push_back(opt("fragile_uplift", num(0.0, 10.0), shown(defaults<Strategy>().fragile_uplift), "pba: extra weight for fragile and conflict countries (IDA: 1/3)"));
  f.push_back(opt("reserve_share", num(0.0, 1.0, false, true), shown(defaults<Strategy>().reserve_share), "crisis_reserve: share of each allocated release held back"));
  f.push_back(opt("release_per_event", num(0.0, 1.0, true, false), shown(defaults<Strategy>().release_per_event),
                  "crisis_reserve: share of the held-back money a shock in a country releases"));
  if (allow_base)
    f.push_back(opt("base", map(strategy_fields(true, false), "base strategy"), "{kind: needs}",
                    "crisis_reserve: the strategy that allocates the rest"));
  f.push_back(opt("training_replicas", integer(1, 100000), shown(defaults<Strategy>().training_replicas), "optimised: replicas the shares are fitted on"));
  f.push_back(opt("evaluations", integer(1, 1000000), shown(defaults<Strategy>().evaluations), "optimised: most objective evaluations of the search"));
  f.push_back(opt("start", list(id("strategy name"), 1), "the scenario's own strategy",
                  "optimised: compared strategies whose shares the search starts from"));
  return f;
}

SpecPtr shock_spec() {
  return map({
      req("kind", enumeration(kShockKindWords, "shock kind"),
          "what happens"),
      opt("countries", one_of({enumeration({"all"}, "all"), list(iso3(), 1)}, "countries"), "all",
          "countries a stochastic shock can hit"),
      opt("country", iso3(), "", "country of a scheduled shock, or the country a supplementary budget is earmarked to"),
      opt("rate_per_year", num(0.0, 100.0), shown(defaults<Shock>().rate_per_year), "disaster: Poisson rate per country-year"),
      opt("people", map({req("median", num(0.0, 1e10, true), "median people affected"),
                         opt("sigma", num(0.0, 10.0), shown(defaults<Shock>().people_sigma), "lognormal sigma")},
                        "people affected"),
          "", "disaster or displacement surge: lognormal people affected"),
      opt("donor", id("donor id"), "", "budget and supplementary shocks: whose budget"),
      opt("line", id("budget line id"), "every line",
          "budget: only this line of the donor's is scaled; supplementary: the line that receives all of it"),
      opt("pillar", pillar(), "humanitarian", "supplementary earmarked to `country`: the programme it funds"),
      opt("deliver", channel_shares(), "",
          "supplementary earmarked to `country`: the channels that carry it, shares summing to 1"),
      opt("purposes", dict(purpose_code(), share(), 1), "none",
          "supplementary earmarked to `country`: shares of it by DAC purpose code of its pillar (docs/model.md 1.9)"),
      opt("channel", id("channel id"), "", "overhead and lag shocks: which channel"),
      opt("from", year_month(), "", "month the shock takes effect"),
      opt("at", year_month(), "", "month of a one-off shock"),
      opt("scale", num(0.0, 100.0), shown(defaults<Shock>().scale), "budget: multiplies appropriations from `from` on"),
      opt("amount", num(0.0, 1e18), shown(defaults<Shock>().amount), "supplementary: amount in the donor's currency"),
      opt("value", num(0.0), shown(defaults<Shock>().value), "overhead or lag: the new value"),
  }, "shock");
}

SpecPtr objective_spec() {
  std::vector<std::string> outcomes;
  for (int k = 0; k < kOutcomes; ++k) outcomes.push_back(to_string(static_cast<Outcome>(k)));
  auto outcome = enumeration(outcomes, "outcome");
  return map({req("minimize", dict(outcome, num(), 1), "outcome weights; lower total is better")},
             "objective");
}

SpecPtr compare_spec() {
  auto fields = strategy_fields(false);
  fields.push_back(opt("set", dict(str(StringFormat::dotted_path, "key path"),
                                   one_of({num(), str()}, "value")),
                       "none", "scenario keys changed for this strategy only"));
  return map({
      opt("replicas", integer(1, static_cast<double>(limits::kMaxReplicas)), "simulation.replicas", "replicas every strategy runs"),
      opt("baseline", id("strategy name"), "the first strategy", "strategy the others are compared to"),
      opt("satisficing", map({req("objective_at_most", num(), "a future is satisficing if the objective is at most this")},
                             "satisficing rule"),
          "none", "robustness: the threshold a strategy should meet in each future"),
      req("strategies", dict(id("strategy name"), map(fields, "compared strategy"), 1),
          "strategies to compare; `{}` is the scenario's own"),
  }, "compare");
}

// A key to vary: a range, a list of values, or a distribution.
SpecPtr parameter_spec(const std::string& title) {
  return map({
      opt("min", num(), "", "lower end (uniform, triangular, truncated_normal)"),
      opt("max", num(), "", "upper end (uniform, triangular, truncated_normal)"),
      opt("values", list(one_of({num(), str()}, "value"), 1), "", "a list of values instead (categorical)"),
      opt("distribution", enumeration({"uniform", "normal", "lognormal", "triangular", "truncated_normal"}, "distribution"),
          "uniform", "how values are spread: designs draw quantiles of it"),
      opt("mean", num(), "", "normal, truncated_normal: the mean"),
      opt("sd", num(0.0), "", "normal, truncated_normal: the standard deviation"),
      opt("median", num(0.0), "", "lognormal: the median"),
      opt("sigma", num(0.0), "", "lognormal: the standard deviation of the log"),
      opt("mode", num(), "", "triangular: the most likely value"),
  }, title);
}

SpecPtr uncertainties_spec() {
  auto parameter = parameter_spec("uncertain parameter");
  return map({
      opt("futures", integer(1, 10000), shown(defaults<Uncertainties>().futures), "futures sampled (Latin hypercube over the parameters)"),
      opt("replicas", integer(1, static_cast<double>(limits::kMaxReplicas)), "compare.replicas", "replicas per strategy in each future"),
      req("parameters", dict(str(StringFormat::dotted_path, "key path"), parameter, 1),
          "scenario keys that are deeply uncertain"),
  }, "uncertainties");
}

SpecPtr sweep_spec() {
  auto parameter = parameter_spec("sweep parameter");
  return map({
      req("design", map({req("kind", enumeration({"lhs", "grid", "random", "sobol", "morris", "file"}, "design"),
                             "sampling design (docs/guide-sweeps.md)"),
                         opt("samples", integer(1, static_cast<double>(limits::kMaxSweepPoints)), "",
                             "points to sample (grid: levels per range; sobol: base rows N, N(2k+2) points; "
                             "morris: trajectories r, r(k+1) points)"),
                         opt("levels", integer(2, 100), "4", "morris: levels of its grid (even)"),
                         opt("file", str(), "", "file: a CSV of points, a column per swept key")},
                        "design"),
          "how parameter points are chosen"),
      opt("test_function", enumeration({"ishigami", "sobol_g"}, "test function"), "",
          "outputs from an analytic function of the parameters instead of the model (checks the sensitivity "
          "estimators: docs/guide-sweeps.md)"),
      opt("replicas", integer(1, static_cast<double>(limits::kMaxReplicas)), "simulation.replicas", "replicas per point"),
      req("parameters", dict(str(StringFormat::dotted_path, "key path"), parameter, 1),
          "scenario keys to vary"),
      opt("outputs", list(str(StringFormat::dotted_path, "output path"), 1), "all", "summary values to record"),
  }, "sweep");
}

SpecPtr phase_weights() { return dict(phase(), num(0.0), 1); }

SpecPtr model_spec() {
  auto absorption = map({
      opt("usd_per_person_month", pillar_weights(), by_pillar(defaults<AbsorptionParameters>().usd_per_person_month),
          "a_p: spending a programme absorbs per person a month at full capacity"),
      opt("phase_factor", dict(phase(), pillar_weights(), 1), by_phase(defaults<AbsorptionParameters>().phase_factor),
          "phi_p(phase): how easily each pillar's money is spent in each phase"),
      opt("post_conflict_multiplier", num(0.0, 100.0), shown(defaults<AbsorptionParameters>().post_conflict_multiplier), "m(tau) between the two months below"),
      opt("post_conflict_from", integer(0, 1200), shown(defaults<AbsorptionParameters>().post_conflict_from), "first month since settlement of the multiplier"),
      opt("post_conflict_to", integer(0, 1200), shown(defaults<AbsorptionParameters>().post_conflict_to), "month since settlement the multiplier ends"),
  }, "absorption");
  auto effects = map({
      opt("decay", dict(pillar(), num(0.0, 1.0), 1), by_pillar(defaults<EffectParameters>().decay),
          "d_p: share of an effect stock lost each month"),
      opt("scale", dict(pillar(), num(0.0, 1e9, true), 1), by_pillar(defaults<EffectParameters>().scale),
          "x0_p: stock per head (USD) at which the response ln(1 + x/x0) is ln 2"),
  }, "effects");
  auto hazard = [] { return num(0.0, 1.0); };
  auto effect = [] { return num(0.0, 100.0); };
  auto phases = map({
      opt("conflict_end_hazard", hazard(), shown(defaults<PhaseParameters>().conflict_end_hazard), "h_CF0: monthly hazard that a war ends (a seven-year average)"),
      opt("conflict_end_peace_effect", effect(), shown(defaults<PhaseParameters>().conflict_end_peace_effect), "beta_CF: how peace spending shortens wars"),
      opt("relapse_hazard", hazard(), shown(defaults<PhaseParameters>().relapse_hazard), "h_FC0: monthly relapse hazard just after a settlement (fitted)"),
      opt("relapse_peace_effect", effect(), shown(defaults<PhaseParameters>().relapse_peace_effect), "beta_P: how peace spending lowers relapse (fitted)"),
      opt("relapse_development_effect", effect(), shown(defaults<PhaseParameters>().relapse_development_effect), "beta_D: how development spending lowers relapse"),
      opt("relapse_capacity_effect", effect(), shown(defaults<PhaseParameters>().relapse_capacity_effect), "beta_K: how state capacity lowers relapse"),
      opt("relapse_floor", num(0.0, 1.0), shown(defaults<PhaseParameters>().relapse_floor), "w: long-run relapse risk as a share of the post-war risk"),
      opt("relapse_decay_months", num(0.0, 1200.0, true), shown(defaults<PhaseParameters>().relapse_decay_months), "tau_d: months over which relapse risk falls"),
      opt("consolidation_hazard", hazard(), shown(defaults<PhaseParameters>().consolidation_hazard), "h_FS0: monthly hazard of consolidation, times K"),
      opt("consolidation_min_months", integer(0, 1200), shown(defaults<PhaseParameters>().consolidation_min_months), "m_min: months of peace before consolidation"),
      opt("onset_hazard", hazard(), shown(defaults<PhaseParameters>().onset_hazard), "h_SC0: monthly hazard of a new war in a stable country"),
      opt("onset_capacity_effect", effect(), shown(defaults<PhaseParameters>().onset_capacity_effect), "how state capacity lowers new onsets"),
  }, "phase dynamics");
  auto capacity = map({
      opt("growth", num(0.0, 1.0), shown(defaults<CapacityParameters>().growth), "kappa: capacity built by the development effect"),
      opt("erosion", phase_weights(), by_phase(defaults<CapacityParameters>().erosion), "mu: monthly erosion by phase"),
  }, "capacity dynamics");
  auto need = map({
      opt("adjustment", num(0.0, 1.0), shown(defaults<NeedParameters>().adjustment), "rho: share of the gap to the phase's level closed each month"),
      opt("level", phase_weights(), by_phase(defaults<NeedParameters>().level),
          "nu: share of the population in need that each phase tends to"),
  }, "need dynamics");
  return map({opt("purposes", purposes_spec(), "the table in docs/model.md 1.9",
                  "sub-sectors by DAC purpose code: each code's capacity, effect and response"),
              opt("absorption", absorption, "", "absorptive capacity (MODEL.md 1.4)"),
              opt("effects", effects, "", "effect stocks and their response (MODEL.md 2)"),
              opt("phases", phases, "", "phase transition hazards (MODEL.md 2.1)"),
              opt("capacity", capacity, "", "state capacity (MODEL.md 2.2)"),
              opt("need", need, "", "humanitarian need (MODEL.md 2.3)")},
             "model");
}

SpecPtr build_root() {
  auto horizon = map({
      req("start", year_month(), "first simulated month"),
      req("months", integer(1, limits::kMaxMonths), "number of months simulated"),
  }, "horizon");
  auto simulation = map({
      opt("replicas", integer(1, static_cast<double>(limits::kMaxReplicas)), shown(defaults<SimulationSettings>().replicas), "Monte Carlo replicas"),
      opt("seed", integer(0, static_cast<double>(limits::kMaxSeed)), shown(static_cast<double>(defaults<SimulationSettings>().seed)), "random seed (0 to 2^53)"),
  }, "simulation");
  auto rate = map({
      req("per_base", num(1e-6, 1e9), "units of this currency per unit of the base currency"),
      opt("path", dict(year_month(), num(1e-6, 1e9), 1), "none",
          "rate from each listed month on (before the first: per_base)"),
      opt("volatility", num(0.0, 0.2), shown(defaults<ExchangeRate>().volatility), "monthly sd of the log rate: a geometric random walk from per_base"),
      opt("drift", num(-0.05, 0.05), shown(defaults<ExchangeRate>().drift), "monthly drift of the log rate (random walk only)"),
  }, "exchange rate");
  auto currency = map({
      opt("base", str(StringFormat::currency_code, "currency code"), "USD", "currency of all results"),
      opt("fx", dict(str(StringFormat::currency_code, "currency code"), rate), "none", "exchange rates"),
  }, "currency");
  return map({
      req("pbflow", integer(1, 1), "version of the scenario language; must be 1"),
      opt("extends", str(StringFormat::text, "file path"), "", "file this one builds on (relative path)"),
      opt("name", str(), "the file name", "short name used in outputs"),
      opt("title", str(), "", "one line describing the scenario"),
      req("horizon", horizon, "simulated months"),
      opt("simulation", simulation, "", "Monte Carlo settings"),
      opt("currency", currency, "base USD", "base currency and exchange rates"),
      req("donors", dict(id("donor id"), donor_spec(), 1), "who pays, and through which budget lines"),
      req("channels", dict(id("channel id"), channel_spec(), 1), "intermediaries money passes through"),
      req("countries", dict(iso3(), country_spec(), 1), "country programmes, keyed by ISO3 code"),
      opt("strategy", map(strategy_fields(true), "strategy"), "{kind: fixed}",
          "how `allocate: strategy` lines earmark money over countries and pillars"),
      opt("shocks", list(shock_spec()), "none", "scheduled and stochastic shocks (MODEL.md 4)"),
      opt("objective", objective_spec(), "", "what compare and optimise minimise"),
      opt("model", model_spec(), "", "model parameters (defaults in docs/model.md)"),
      opt("compare", compare_spec(), "", "strategies for `pbflow compare`"),
      opt("uncertainties", uncertainties_spec(), "", "futures for robustness in `pbflow compare`"),
      opt("sweep", sweep_spec(), "", "parameter sweep for `pbflow sweep`"),
      opt("peacekeeping", peacekeeping_spec(), "none",
          "UN peacekeeping missions and assessed contributions (docs/model.md, 1.8)"),
  }, "scenario");
}

}  // namespace

const Spec& scenario_spec() {
  static const SpecPtr root = build_root();
  return *root;
}

}  // namespace pbflow::scenario
