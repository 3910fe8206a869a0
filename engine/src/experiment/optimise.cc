#include "experiment/optimise.h"

#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "pbflow/limits.h"
#include "pbflow/scenario_io.h"
#include "sim/country_state.h"
#include "strategy/policies.h"

namespace pbflow::experiment {

std::vector<double> initial_shares(const Scenario& s, const Strategy& strategy) {
  sim::CountryState state;
  state.reset(s, 1);
  auto policy = strategy::make_policy(strategy, s);
  sim::Block w;
  policy->weights(state, w);
  return std::vector<double>(w.data(), w.data() + w.rows());
}

// Another seed in the same range as users' seeds, so training replicas never
// share random numbers with the replicas the fitted shares are judged on.
std::uint64_t training_seed(std::uint64_t seed) { return (seed ^ 0x9E3779B97F4A7C15ull) & (limits::kMaxSeed - 1); }

namespace {

struct Search {
  const Engine& engine;
  Strategy strategy;
  RunOptions options;
  std::vector<double> best_shares;
  double best = std::numeric_limits<double>::infinity();

  double evaluate(const std::vector<double>& shares) {
    strategy.shares = shares;
    RunResult r = engine.run(options, strategy);
    double sum = 0.0;
    for (const auto& t : r.totals) sum += t.objective;
    const double value = sum / r.totals.size();
    if (value < best) {
      best = value;
      best_shares = shares;
    }
    return value;
  }
};

std::vector<double> softmax(const std::vector<double>& logits) {
  const double top = *std::max_element(logits.begin(), logits.end());
  std::vector<double> out(logits.size());
  double total = 0.0;
  for (std::size_t i = 0; i < logits.size(); ++i) total += out[i] = std::exp(logits[i] - top);
  for (double& x : out) x /= total;
  return out;
}

double objective(const std::vector<double>& logits, std::vector<double>& /*gradient*/, void* data) {
  return static_cast<Search*>(data)->evaluate(softmax(logits));
}

}  // namespace

std::vector<std::pair<std::string, std::vector<double>>> search_starts(const Scenario& s, const Strategy& optimised,
                                                                       const std::vector<std::string>& overrides,
                                                                       const Scenario& in) {
  std::vector<std::pair<std::string, std::vector<double>>> starts;
  const std::vector<CompareStrategy> none;
  const std::vector<CompareStrategy>& compared = s.compare ? s.compare->strategies : none;
  for (const auto& name : optimised.start)
    for (const auto& other : compared) {
      if (other.name != name) continue;
      Strategy start;
      if (other.strategy) {
        start = *other.strategy;
      } else if (other.set.empty()) {
        start = s.strategy;
      } else {
        std::vector<std::string> assignments = overrides;
        for (const auto& [path, value] : other.set) assignments.push_back(path + "=" + value);
        start = reload_scenario(s, assignments).strategy;
      }
      if (start.kind != StrategyKind::optimised) starts.push_back({name, initial_shares(in, start)});
    }
  if (optimised.start.empty() && s.strategy.kind != StrategyKind::optimised)
    starts.push_back({"scenario's own", initial_shares(s, s.strategy)});
  return starts;
}

FitResult fit_static_shares(const Engine& engine, const Strategy& strategy, const RunOptions& options,
                            const std::vector<std::pair<std::string, std::vector<double>>>& starts) {
  const Scenario& s = engine.scenario();
  const std::size_t n = s.countries.size() * kPillars;
  RunOptions training = options;
  training.replicas = strategy.training_replicas;
  training.seed = training_seed(options.seed.value_or(s.simulation.seed));
  training.record_flows = false;
  training.trajectories = false;
  Search search{engine, strategy, training, {}, std::numeric_limits<double>::infinity()};

  FitResult fit;
  std::vector<std::pair<std::string, std::vector<double>>> points = starts;
  points.push_back({"equal shares", std::vector<double>(n, 1.0 / n)});
  std::vector<double> start;
  double start_value = std::numeric_limits<double>::infinity();
  for (const auto& [name, shares] : points) {
    const double value = search.evaluate(shares);
    fit.start_objectives.push_back({name, value});
    if (value < start_value) {
      start_value = value;
      start = shares;
    }
  }
  // Derivative-free local search from the best start: the objective is a
  // Monte Carlo mean with discrete phase changes, so it has no useful gradient.
  const int budget = strategy.evaluations - static_cast<int>(points.size());
  if (budget > 0 && n > 1) {
    std::vector<double> logits(n);
    for (std::size_t i = 0; i < n; ++i) logits[i] = std::log(std::max(start[i], 1e-9));
    nlopt::opt opt(nlopt::LN_SBPLX, static_cast<unsigned>(n));
    opt.set_min_objective(objective, &search);
    opt.set_lower_bounds(-25.0);
    opt.set_upper_bounds(25.0);
    opt.set_maxeval(budget);
    opt.set_xtol_rel(1e-6);
    opt.set_initial_step(1.0);
    double value = 0.0;
    try {
      opt.optimize(logits, value);
    } catch (const std::exception&) {
      // NLopt stops on round-off or a budget edge case; the best point seen stands.
    }
  }
  fit.shares = search.best_shares;
  fit.in_sample = search.best;
  return fit;
}

}  // namespace pbflow::experiment
