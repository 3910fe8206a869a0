// Strategies and `pbflow compare` (MODEL.md section 3): shares, responses to
// state, mandates, paired comparisons, the optimised strategy, robustness.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "experiment/optimise.h"
#include "pbflow/results_io.h"
#include "pbflow/scenario_io.h"
#include "sim/country_state.h"
#include "strategy/policies.h"
#include "support/run_helpers.h"

namespace pbflow::testing {
namespace {

const CompareResult& small_comparison() {
  static const CompareResult result = [] {
    RunOptions o;
    o.threads = 2;
    return Engine::load(source_path("tests/data/small_compare.yaml")).compare(o);
  }();
  return result;
}

TEST(Compare, IdenticalStrategiesDifferByExactlyZero) {
  const PairedDifference& d = small_comparison().strategy("equal_again").vs_baseline;
  EXPECT_EQ(d.mean_diff, 0.0);
  EXPECT_EQ(d.ci_low, 0.0);
  EXPECT_EQ(d.ci_high, 0.0);
  EXPECT_EQ(d.p_better, 0.5);
}

TEST(Compare, PairingNarrowsTheIntervalOnTheShippedComparison) {
  RunOptions o;
  o.replicas = 200;
  CompareResult c = Engine::load(source_path("scenarios/compare_hdp.yaml")).compare(o);
  ASSERT_EQ(c.strategies.size(), 5u);
  for (const auto& s : c.strategies) {
    if (s.name == c.baseline) continue;
    // Common random numbers make each paired interval at least twice as narrow.
    EXPECT_LT(s.vs_baseline.narrowing, 0.5) << s.name;
    EXPECT_GT(s.vs_baseline.narrowing, 0.0) << s.name;
    EXPECT_LE(s.vs_baseline.ci_low, s.vs_baseline.mean_diff);
    EXPECT_GE(s.vs_baseline.ci_high, s.vs_baseline.mean_diff);
  }
}

TEST(Compare, PairedIntervalMatchesHandComputation) {
  PairedDifference d = paired_difference({3, 5, 4, 6}, {1, 2, 2, 3});  // differences 2, 3, 2, 3
  EXPECT_DOUBLE_EQ(d.mean_diff, 2.5);
  const double half = 3.182 * std::sqrt(1.0 / 3.0) / 2.0;  // t(0.975, 3) x sd / sqrt(n)
  EXPECT_NEAR(d.ci_low, 2.5 - half, 1e-12);
  EXPECT_NEAR(d.ci_high, 2.5 + half, 1e-12);
  EXPECT_DOUBLE_EQ(d.p_better, 0.0);
  EXPECT_NEAR(t_quantile_975(60), 2.000, 1e-3);
  EXPECT_NEAR(t_quantile_975(1000), 1.962, 1e-3);
}

TEST(Compare, OptimisedBeatsEveryStartInSampleAndReportsOutOfSample) {
  const StrategyResult& tuned = small_comparison().strategy("tuned");
  ASSERT_TRUE(tuned.in_sample_objective);
  ASSERT_EQ(tuned.start_objectives.size(), 3u);  // equal, nexus, and equal shares
  for (const auto& [name, value] : tuned.start_objectives) EXPECT_LE(*tuned.in_sample_objective, value) << name;
  double sum = 0;
  for (double x : tuned.shares) sum += x;
  EXPECT_NEAR(sum, 1.0, 1e-12);
  // In sample is the fitted shares' mean on the training replicas; out of
  // sample, on the comparison's replicas. Both recomputed here by running
  // the fitted shares directly.
  EXPECT_EQ(tuned.objective.size(), 60u);
  Engine engine = Engine::load(source_path("tests/data/small_compare.yaml"));
  const CompareStrategy& cs = *std::find_if(engine.scenario().compare->strategies.begin(),
                                            engine.scenario().compare->strategies.end(),
                                            [](const CompareStrategy& x) { return x.name == "tuned"; });
  Strategy fitted = *cs.strategy;
  fitted.shares = tuned.shares;
  auto mean_objective = [&](int replicas, std::uint64_t seed) {
    RunOptions o;
    o.replicas = replicas;
    o.seed = seed;
    o.record_flows = false;
    return mean_total(engine.run(o, fitted), &ReplicaTotals::objective);
  };
  const std::uint64_t seed = small_comparison().seed;
  EXPECT_DOUBLE_EQ(tuned.objective_stats.mean, mean_objective(60, seed));
  EXPECT_DOUBLE_EQ(*tuned.in_sample_objective, mean_objective(fitted.training_replicas, experiment::training_seed(seed)));
}

TEST(Compare, RegretIsHowMuchWorseThanTheBestStrategyRunInTheSameFuture) {
  const CompareResult& c = small_comparison();
  ASSERT_TRUE(c.robustness);
  const Robustness& rb = *c.robustness;
  ASSERT_EQ(rb.futures.size(), 3u);
  // Each strategy's objective in each future, recomputed by running it in a
  // scenario with the future's values set: regret is how much worse it does
  // than the best of those runs.
  const Scenario s = load_scenario(source_path("tests/data/small_compare.yaml"));
  for (std::size_t f = 0; f < rb.futures.size(); ++f) {
    std::vector<std::string> future;
    for (const auto& [path, value] : rb.futures[f].assignments) future.push_back(path + "=" + value);
    std::vector<double> objective;
    for (std::size_t k = 0; k < c.strategies.size(); ++k) {
      const CompareStrategy& cs = s.compare->strategies[k];
      Engine engine = Engine::load(source_path("tests/data/small_compare.yaml"), future);
      Strategy st = cs.strategy ? *cs.strategy : s.strategy;
      if (st.kind == StrategyKind::optimised) st.shares = c.strategies[k].shares;
      RunOptions o;
      o.replicas = rb.replicas;
      o.seed = c.seed;
      objective.push_back(mean_total(engine.run(o, st), &ReplicaTotals::objective));
      EXPECT_NEAR(rb.objective[k][f], objective[k], 1e-9 * objective[k]) << c.strategies[k].name << ", future " << f;
    }
    const double best = *std::min_element(objective.begin(), objective.end());
    for (std::size_t k = 0; k < c.strategies.size(); ++k)
      EXPECT_NEAR(rb.regret[k][f], objective[k] - best, 1e-9 * objective[k]) << c.strategies[k].name << ", future " << f;
    // The strategies differ in every future: some regret is not zero.
    EXPECT_GT(*std::max_element(objective.begin(), objective.end()), best * (1 + 1e-6));
  }
  for (std::size_t k = 0; k < c.strategies.size(); ++k) {
    double worst = 0, met = 0;
    for (std::size_t f = 0; f < rb.futures.size(); ++f) {
      worst = std::max(worst, rb.regret[k][f]);
      met += rb.objective[k][f] <= 1.0e9;  // small_compare.yaml's satisficing threshold
    }
    EXPECT_DOUBLE_EQ(rb.max_regret[k], worst);
    EXPECT_DOUBLE_EQ(rb.satisficing_share[k], met / 3);
  }
  // The futures are a Latin hypercube: each growth stratum holds one future.
  std::vector<int> strata;
  for (const auto& f : rb.futures)
    for (const auto& [path, value] : f.assignments)
      if (path == "donors.japan.budget.growth") strata.push_back(static_cast<int>((std::stod(value) + 0.1) / 0.2 * 3));
  std::sort(strata.begin(), strata.end());
  EXPECT_EQ(strata, (std::vector<int>{0, 1, 2}));
}

// The objective (MODEL.md 5): per replica, the weighted sum over its terms
// of each outcome summed over countries. Each term is checked alone against
// the outcomes it names, then all together, so a term that is dropped,
// mis-weighted or read from the wrong outcome fails here.
TEST(Objective, EachTermIsItsOutcomeSummedOverCountriesTimesItsWeight) {
  auto countries_sum = [](const RunResult& r, int i, double CountryOutcome::*field) {
    double x = 0;
    for (std::size_t c = 0; c < r.countries.size(); ++c) x += r.outcome(i, static_cast<int>(c)).*field;
    return x;
  };
  using Value = std::function<double(const RunResult&, int)>;
  const std::vector<std::pair<std::string, Value>> terms = {
      {"unmet_need_person_months", [&](const RunResult& r, int i) { return countries_sum(r, i, &CountryOutcome::unmet_need_person_months); }},
      {"conflict_months", [&](const RunResult& r, int i) { return countries_sum(r, i, &CountryOutcome::conflict_months); }},
      {"relapses", [&](const RunResult& r, int i) { return countries_sum(r, i, &CountryOutcome::relapses); }},
      {"people_reached", [&](const RunResult& r, int i) { return countries_sum(r, i, &CountryOutcome::people_reached); }},
      {"overhead", [](const RunResult& r, int i) { return r.totals[i].overhead; }},
      {"in_pipeline", [](const RunResult& r, int i) { return r.totals[i].in_pipeline; }},
      {"cost_per_person_reached",
       [](const RunResult& r, int i) {
         double spent = 0, reached = 0;
         for (std::size_t c = 0; c < r.countries.size(); ++c) {
           spent += r.outcome(i, static_cast<int>(c)).spent[0];
           reached += r.outcome(i, static_cast<int>(c)).people_reached;
         }
         return spent / reached;
       }},
  };
  // Relapses are likely here, so that term is not zero in every replica.
  const std::vector<std::string> base = {"horizon.months=60", "model.phases.conflict_end_hazard=0.05",
                                         "model.phases.relapse_hazard=0.05"};
  RunOptions o;
  o.replicas = 24;
  o.threads = 1;
  std::string all;
  std::vector<std::vector<double>> values;
  for (std::size_t t = 0; t < terms.size(); ++t) {
    const double weight = 1.5 + t;
    all += (all.empty() ? "" : ", ") + terms[t].first + ": " + std::to_string(weight);
    auto overrides = base;
    overrides.push_back("objective.minimize={" + terms[t].first + ": " + std::to_string(weight) + "}");
    RunResult r = Engine::load(source_path("tests/data/small_compare.yaml"), overrides).run(o);
    values.emplace_back();
    double nonzero = 0;
    for (int i = 0; i < r.replicas; ++i) {
      const double x = terms[t].second(r, i);
      values.back().push_back(x);
      nonzero += x != 0;
      EXPECT_NEAR(r.totals[i].objective, weight * x, 1e-12 * std::abs(weight * x)) << terms[t].first << ", replica " << i;
    }
    EXPECT_GT(nonzero, 0) << terms[t].first << " is zero in every replica: the check would prove nothing";
  }
  auto overrides = base;
  overrides.push_back("objective.minimize={" + all + "}");
  RunResult r = Engine::load(source_path("tests/data/small_compare.yaml"), overrides).run(o);
  for (int i = 0; i < r.replicas; ++i) {
    double expected = 0;
    for (std::size_t t = 0; t < terms.size(); ++t) expected += (1.5 + t) * values[t][i];
    EXPECT_NEAR(r.totals[i].objective, expected, 1e-12 * expected) << "replica " << i;
  }
}

std::string compare_bytes(const CompareResult& c) {
  std::ostringstream json, csv;
  write_compare_json(c, json);
  std::string s = json.str();
  s.erase(s.find("\"run\":"));  // timing differs by design
  write_compare_csv(c, csv);
  write_futures_csv(c, csv);
  return s + csv.str();
}

TEST(Compare, SameBytesForAnyThreadCount) {
  Engine engine = Engine::load(source_path("tests/data/small_compare.yaml"));
  RunOptions one, two;
  one.threads = 1;
  two.threads = 2;
  two.block_size = 7;
  EXPECT_TRUE(compare_bytes(engine.compare(one)) == compare_bytes(engine.compare(two)));
}

TEST(Compare, MandatesHoldUnderEveryStrategy) {
  Engine engine = Engine::load(source_path("scenarios/compare/hdp_strategies.yaml"), {"horizon.months=36"});
  const Scenario& s = engine.scenario();
  RunOptions o;
  o.replicas = 10;
  for (const auto& cs : s.compare->strategies) {
    Strategy st = cs.strategy ? *cs.strategy : s.strategy;
    if (st.kind == StrategyKind::optimised) {  // any shares will do: all programmes funded
      st.shares.assign(s.countries.size() * kPillars, 1.0);
    }
    RunResult r = engine.run(o, st);
    int checked = 0;
    for (const auto& f : r.flows) {
      const int ch = s.channel_index(f.from);
      if (ch < 0 || f.pillar.empty() || f.to.find('.') == std::string::npos) continue;  // channel -> programme only
      const Channel& channel = s.channels[ch];
      const Pillar pillar = f.pillar == "humanitarian" ? Pillar::humanitarian
                            : f.pillar == "development" ? Pillar::development
                                                        : Pillar::peace;
      EXPECT_TRUE(channel.mandate.allows(pillar)) << cs.name << ": " << f.from << " -> " << f.to;
      if (!channel.mandate.countries.empty()) {
        const auto& allowed = channel.mandate.countries;
        EXPECT_NE(std::find(allowed.begin(), allowed.end(), f.country), allowed.end()) << cs.name << ": " << f.to;
      }
      ++checked;
    }
    EXPECT_GT(checked, 100) << cs.name;
  }
}

// Policy-level checks on a state built by hand.
struct PolicyFixture {
  Scenario s = load_scenario(source_path("scenarios/japan_baseline.yaml"));
  sim::CountryState state;
  PolicyFixture() { state.reset(s, 3); }
  sim::Block weights(const Strategy& st) {
    sim::Block w;
    strategy::make_policy(st, s)->weights(state, w);
    return w;
  }
};

Strategy kind(StrategyKind k) {
  Strategy st;
  st.kind = k;
  return st;
}

TEST(Strategies, EveryKindGivesNonNegativeSharesSummingToOne) {
  PolicyFixture f;
  Strategy reserve = kind(StrategyKind::crisis_reserve);
  reserve.base = {kind(StrategyKind::needs)};
  Strategy optimised = kind(StrategyKind::optimised);
  optimised.shares.assign(f.s.countries.size() * 3, 0.0);
  optimised.shares[5] = 2.0;
  for (const Strategy& st : {kind(StrategyKind::fixed), kind(StrategyKind::nexus_phase), kind(StrategyKind::needs),
                             kind(StrategyKind::pba), reserve, optimised, f.s.strategy}) {
    sim::Block w = f.weights(st);
    ASSERT_EQ(w.rows(), static_cast<int>(f.s.countries.size() * 3));
    for (int r = 0; r < w.cols(); ++r) {
      EXPECT_NEAR(w.col(r).sum(), 1.0, 1e-12) << static_cast<int>(st.kind);
      EXPECT_GE(w.col(r).minCoeff(), 0.0);
    }
  }
}

TEST(Strategies, NexusPhaseMovesTheSplitOverItsTransition) {
  PolicyFixture f;
  Strategy st = f.s.strategy;  // nexus_phase, conflict 0.7/0.1/0.2, fragile 0.3/0.35/0.35
  st.transition_months = 12;
  st.countries = CountryWeights::equal;
  const int c = f.s.country_index("SDN");
  f.state.phase(c, 0) = static_cast<int>(Phase::fragile);
  f.state.previous_phase(c, 0) = static_cast<int>(Phase::conflict);
  auto humanitarian_share = [&](int months) {
    f.state.months_in_phase(c, 0) = months;
    sim::Block w = f.weights(st);
    return w(c * 3, 0) / (w(c * 3, 0) + w(c * 3 + 1, 0) + w(c * 3 + 2, 0));
  };
  EXPECT_NEAR(humanitarian_share(0), 0.7 + (0.3 - 0.7) / 12, 1e-12);   // one month in
  EXPECT_NEAR(humanitarian_share(5), 0.7 + (0.3 - 0.7) * 6 / 12, 1e-12);
  EXPECT_NEAR(humanitarian_share(40), 0.3, 1e-12);                      // transition over
  st.transition_months = 0;
  EXPECT_NEAR(humanitarian_share(0), 0.3, 1e-12);                       // no transition: at once
}

TEST(Strategies, NeedsFollowsNeedCapacityAndRisk) {
  PolicyFixture f;
  Strategy st = kind(StrategyKind::needs);
  st.pillar_split = {{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}};
  st.pillar_split_given = true;
  const int a = f.s.country_index("SDN"), b = f.s.country_index("KHM");
  sim::Block before = f.weights(st);
  f.state.need(b, 0) *= 10;
  f.state.capacity(a, 0) = 0.0;
  f.state.phase(b, 0) = static_cast<int>(Phase::conflict);
  sim::Block after = f.weights(st);
  EXPECT_GT(after(b * 3 + 0, 0) / before(b * 3 + 0, 0), 2.0);  // humanitarian follows need
  EXPECT_GT(after(a * 3 + 1, 0), before(a * 3 + 1, 0));        // development follows the capacity gap
  EXPECT_GT(after(b * 3 + 2, 0), 10 * before(b * 3 + 2, 0));   // peace follows the risk of war
  EXPECT_EQ(after.col(1), before.col(1));                      // other replicas untouched
}

TEST(Strategies, PbaFollowsTheIdaFormula) {
  PolicyFixture f;
  Strategy st = kind(StrategyKind::pba);
  st.fragile_uplift = 0.33;
  sim::Block w = f.weights(st);
  auto formula = [&](const Country& c) {
    return std::pow(*c.performance, 2.0) * c.population * std::pow(*c.gni_per_capita, -0.125) *
           (c.phase == Phase::stable ? 1.0 : 1.33);
  };
  const Country& sdn = f.s.countries[f.s.country_index("SDN")];
  const Country& khm = f.s.countries[f.s.country_index("KHM")];
  const double ratio = (w(f.s.country_index("SDN") * 3, 0)) / (w(f.s.country_index("KHM") * 3, 0));
  EXPECT_NEAR(ratio, formula(sdn) / formula(khm), 1e-9);
}

TEST(Strategies, CrisisReserveHoldsBackAndReleasesOnShocksConservingMoney) {
  Engine engine = Engine::load(source_path("tests/data/small_compare.yaml"),
                               {"strategy.kind=crisis_reserve", "strategy.reserve_share=0.5", "horizon.months=36"});
  RunOptions o;
  o.replicas = 20;
  o.trajectories = true;
  RunResult r = engine.run(o);
  EXPECT_LT(max_conservation_error(r), 1e-9);
  EXPECT_GT(mean_total(r, &ReplicaTotals::reserves), 0.0);  // something still held at the end
  // Without shocks nothing is released from what is held: more stays.
  Engine calm = Engine::load(source_path("tests/data/small_compare.yaml"),
                             {"strategy.kind=crisis_reserve", "strategy.reserve_share=0.5", "horizon.months=36",
                              "shocks.0.rate_per_year=0", "model.phases.onset_hazard=0", "model.phases.relapse_hazard=0"});
  RunResult quiet = calm.run(o);
  EXPECT_GT(mean_total(quiet, &ReplicaTotals::reserves), mean_total(r, &ReplicaTotals::reserves));
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// A crisis reserve's base strategy keeps its own review schedule: a base
// reviewed monthly follows the countries' state month by month.
TEST(Strategies, CrisisReserveHonoursItsBaseStrategysReview) {
  auto spent = [](const std::string& review) {
    Engine engine = Engine::load(source_path("tests/data/small_compare.yaml"),
                                 {"strategy.kind=crisis_reserve", "strategy.reserve_share=0.3", "horizon.months=36",
                                  "strategy.base={kind: needs, review: " + review + "}"});
    RunOptions o;
    o.replicas = 20;
    RunResult r = engine.run(o);
    std::vector<double> out;
    for (const auto& c : r.outcomes) out.push_back(c.spent[0] + c.spent[1] + c.spent[2]);
    return out;
  };
  EXPECT_NE(spent("monthly"), spent("fiscal_year"));
  EXPECT_EQ(spent("fiscal_year"), spent("fiscal_year"));
}

// `run` and `compare` start an optimised strategy's search from the same
// points: a `{}` entry is the scenario's own strategy with its `set:`.
TEST(Strategies, OptimisedSearchStartsHonourEachStartsSet) {
  TempDir dir;
  dir.write("small.yaml", read_text(source_path("tests/data/small.yaml")));
  const std::string file = dir.write(
      "opt.yaml",
      "pbflow: 1\nextends: small.yaml\n"
      "compare:\n  strategies:\n    own: {}\n"
      "    peace_heavy:\n      set: {strategy.countries: population}\n"
      "    tuned: {kind: optimised, start: [own, peace_heavy, tuned2]}\n"
      "    tuned2: {kind: optimised}\n");
  const Scenario s = load_scenario(file);
  const Strategy& tuned = *s.compare->strategies[2].strategy;
  const auto starts = experiment::search_starts(s, tuned, {}, s);
  ASSERT_EQ(starts.size(), 2u);  // the optimised tuned2 is no start
  EXPECT_EQ(starts[0].first, "own");
  EXPECT_EQ(starts[1].first, "peace_heavy");
  EXPECT_EQ(starts[0].second, experiment::initial_shares(s, s.strategy));
  const Scenario heavy = load_scenario(file, {"strategy.countries=population"});
  EXPECT_EQ(starts[1].second, experiment::initial_shares(s, heavy.strategy));
  EXPECT_NE(starts[1].second, starts[0].second);  // the set: mattered
  // Without `start:`, the scenario's own strategy.
  const auto own = experiment::search_starts(s, *s.compare->strategies[3].strategy, {}, s);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].first, "scenario's own");
}

// A compared entry with only `set:` runs the scenario's own strategy as the
// set leaves it: a set: of strategy keys is not silently undone.
TEST(Compare, ASetOfStrategyKeysChangesTheComparedStrategy) {
  TempDir dir;
  dir.write("small.yaml", read_text(source_path("tests/data/small.yaml")));
  const std::string file = dir.write("cmp.yaml",
                                     "pbflow: 1\nextends: small.yaml\nobjective: {minimize: {unmet_need_person_months: 1}}\n"
                                     "compare:\n  replicas: 8\n  strategies:\n"
                                     "    own: {}\n    by_population:\n      set: {strategy.countries: population}\n"
                                     "    own_again:\n      set: {channels.agency.overhead: 0.08}\n");
  CompareResult c = Engine::load(file).compare();
  EXPECT_NE(c.strategy("by_population").objective, c.strategy("own").objective);
  EXPECT_EQ(c.strategy("own_again").objective, c.strategy("own").objective);  // a set: that changes nothing
}

TEST(Strategies, AnOptimisedScenarioStrategyIsFittedBeforeItRuns) {
  Engine engine = Engine::load(source_path("tests/data/small.yaml"),
                               {"strategy.kind=optimised", "strategy.evaluations=12", "strategy.training_replicas=3"});
  RunOptions o;
  o.replicas = 5;
  RunResult r = engine.run(o);
  EXPECT_LT(max_conservation_error(r), 1e-9);
  EXPECT_GT(mean_total(r, &ReplicaTotals::spent), 0.0);
  Strategy unfitted = engine.scenario().strategy;
  EXPECT_THROW(engine.run(o, unfitted), RuntimeFailure);  // shares are needed to run it directly
}

}  // namespace
}  // namespace pbflow::testing
