// `pbflow compare`: every strategy of a scenario's `compare:` block on the
// same replicas (common random numbers), paired differences against the
// baseline, and, with `uncertainties:`, regret and satisficing across
// sampled futures (docs/guide-comparing-strategies.md).
#include <algorithm>
#include <chrono>
#include <cmath>

#include "experiment/optimise.h"
#include "experiment/provenance.h"
#include "experiment/sampling.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "pbflow/scenario_io.h"

namespace pbflow {

const StrategyResult& CompareResult::strategy(const std::string& name) const {
  for (const auto& s : strategies)
    if (s.name == name) return s;
  throw RuntimeFailure("no compared strategy named " + name);
}

PairedDifference paired_difference(const std::vector<double>& strategy, const std::vector<double>& baseline) {
  const std::size_t n = strategy.size();
  PairedDifference out;
  std::vector<double> diff(n);
  double better = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    diff[i] = strategy[i] - baseline[i];
    better += diff[i] < 0 ? 1.0 : diff[i] == 0 ? 0.5 : 0.0;
  }
  const Stats d = describe(diff), a = describe(strategy), b = describe(baseline);
  out.mean_diff = d.mean;
  out.p_better = n ? better / n : 0.0;
  const double half = n > 1 ? t_quantile_975(static_cast<int>(n) - 1) * d.sd / std::sqrt(double(n)) : 0.0;
  out.ci_low = d.mean - half;
  out.ci_high = d.mean + half;
  // Independent samples of the same size (Welch): what the interval would be
  // without common random numbers.
  const double se = n > 0 ? std::sqrt((a.sd * a.sd + b.sd * b.sd) / n) : 0.0;
  const double unpaired_half = n > 1 ? t_quantile_975(2 * static_cast<int>(n) - 2) * se : 0.0;
  out.unpaired_ci_low = d.mean - unpaired_half;
  out.unpaired_ci_high = d.mean + unpaired_half;
  out.narrowing = unpaired_half > 0 ? half / unpaired_half : 1.0;
  return out;
}

namespace {

std::vector<double> objectives(const RunResult& r) {
  std::vector<double> v;
  for (const auto& t : r.totals) v.push_back(t.objective);
  return v;
}

double mean(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / v.size();
}

}  // namespace

CompareResult Engine::compare(const RunOptions& o) const {
  const Scenario& s = scenario();
  if (!s.compare)
    throw InputError({s.file, 0, 0}, "compare",
                     "this scenario has no `compare:` block naming the strategies to compare");
  auto began = std::chrono::steady_clock::now();
  const Compare& cmp = *s.compare;
  CompareResult result;
  result.scenario = s.name;
  experiment::stamp(result, s);
  result.baseline = cmp.baseline;
  result.replicas = o.replicas.value_or(cmp.replicas);
  result.seed = o.seed.value_or(s.simulation.seed);
  RunOptions run_options = o;
  run_options.replicas = result.replicas;
  run_options.seed = result.seed;
  run_options.record_flows = false;
  // Progress over every run of the comparison; a stopped run stops it whole
  // (strategies compared on different replicas would not be paired).
  const long long strategy_runs = static_cast<long long>(cmp.strategies.size());
  const long long future_runs =
      s.uncertainties ? strategy_runs * s.uncertainties->futures *
                            (s.uncertainties->replicas > 0 ? s.uncertainties->replicas : result.replicas)
                      : 0;
  const long long all = strategy_runs * result.replicas + future_runs;
  long long before = 0;  // replicas of the runs already finished
  auto watch = [&](RunOptions& options) {
    if (o.progress) options.progress = [&](long long done, long long) { o.progress(before + done, all); };
  };
  auto finished = [&](const RunResult& run, long long replicas) {
    if (run.partial)
      throw Interrupted("the comparison was stopped part-way; strategies must be compared on the same replicas, so "
                        "nothing was written");
    before += replicas;
  };
  watch(run_options);

  // A strategy's scenario: the file with the strategy's `set:` (and a
  // future's assignments) applied, and its strategy in place of the file's.
  auto variant = [&](const CompareStrategy& cs, const std::vector<std::pair<std::string, std::string>>& future) {
    std::vector<std::string> assignments = overrides();
    for (const auto& [path, value] : future) assignments.push_back(path + "=" + value);
    for (const auto& [path, value] : cs.set) assignments.push_back(path + "=" + value);
    Scenario v = assignments.size() == overrides().size()
                     ? s
                     : reload_scenario(s, assignments);
    if (cs.strategy) v.strategy = *cs.strategy;
    v.compare.reset();
    return v;
  };

  std::vector<Strategy> strategies;  // as run, optimised ones with their shares
  for (const auto& cs : cmp.strategies) {
    Engine engine(variant(cs, {}), overrides());
    Strategy st = engine.scenario().strategy;
    StrategyResult sr;
    sr.name = cs.name;
    sr.kind = st.kind;
    if (st.kind == StrategyKind::optimised) {
      const auto starts = experiment::search_starts(s, st, overrides(), engine.scenario());
      RunOptions fit_options = run_options;
      fit_options.progress = nullptr;  // the search's own runs are not the comparison's
      experiment::FitResult fit = experiment::fit_static_shares(engine, st, fit_options, starts);
      st.shares = fit.shares;
      sr.in_sample_objective = fit.in_sample;
      sr.shares = fit.shares;
      sr.start_objectives = fit.start_objectives;
    }
    sr.run = engine.run(run_options, st);
    finished(sr.run, result.replicas);
    sr.objective = objectives(sr.run);
    sr.objective_stats = describe(sr.objective);
    strategies.push_back(st);
    result.strategies.push_back(std::move(sr));
  }
  const std::vector<double>& base = result.strategy(cmp.baseline).objective;
  for (auto& sr : result.strategies) sr.vs_baseline = paired_difference(sr.objective, base);

  if (s.uncertainties) {
    Robustness rb;
    for (auto& assignments : experiment::latin_hypercube(s.uncertainties->parameters, s.uncertainties->futures, result.seed))
      rb.futures.push_back({std::move(assignments)});
    rb.replicas = s.uncertainties->replicas > 0 ? s.uncertainties->replicas : result.replicas;
    rb.satisficing_objective = cmp.satisficing_objective;
    RunOptions future_options = run_options;
    future_options.replicas = rb.replicas;
    watch(future_options);
    const std::size_t S = cmp.strategies.size(), F = rb.futures.size();
    rb.objective.assign(S, std::vector<double>(F));
    rb.regret.assign(S, std::vector<double>(F));
    for (std::size_t f = 0; f < F; ++f)
      for (std::size_t k = 0; k < S; ++k) {
        Engine engine(variant(cmp.strategies[k], rb.futures[f].assignments), overrides());
        const RunResult run = engine.run(future_options, strategies[k]);
        finished(run, rb.replicas);
        rb.objective[k][f] = mean(objectives(run));
      }
    // Regret: how much worse than the best strategy in the same future.
    for (std::size_t f = 0; f < F; ++f) {
      double best = rb.objective[0][f];
      for (std::size_t k = 1; k < S; ++k) best = std::min(best, rb.objective[k][f]);
      for (std::size_t k = 0; k < S; ++k) rb.regret[k][f] = rb.objective[k][f] - best;
    }
    for (std::size_t k = 0; k < S; ++k) {
      rb.max_regret.push_back(*std::max_element(rb.regret[k].begin(), rb.regret[k].end()));
      rb.mean_regret.push_back(mean(rb.regret[k]));
      if (rb.satisficing_objective) {
        double met = 0;
        for (double j : rb.objective[k]) met += j <= *rb.satisficing_objective ? 1.0 : 0.0;
        rb.satisficing_share.push_back(met / F);
      }
    }
    result.robustness = std::move(rb);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return result;
}

}  // namespace pbflow
