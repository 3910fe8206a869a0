#include "pbflow/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "experiment/sampling.h"
#include "pbflow/errors.h"

namespace pbflow {

bool SensitivityOptions::IsValid(std::string* error) const {
  if (bootstrap < 10 || bootstrap > 100000) {
    if (error) *error = "--bootstrap must be from 10 to 100000";
    return false;
  }
  return true;
}

namespace {

// 2.5% and 97.5% percentiles of a bootstrap sample.
std::pair<double, double> interval(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    const double pos = q * (v.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  };
  return {at(0.025), at(0.975)};
}

std::string fixed(double v, int decimals) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// The outputs of each point, by the point's index in the design.
std::map<int, const SweepPoint*> by_index(const SweepResult& s) {
  std::map<int, const SweepPoint*> out;
  for (const SweepPoint& p : s.points) out[p.index] = &p;
  return out;
}

struct SobolSample {
  // [row]: f(A), f(B); [parameter][row]: f(AB_i), f(BA_i)
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab, ba;
};

// Indices of one output from the rows `rows` (a bootstrap resample, or all).
struct SobolEstimate {
  std::vector<double> first, total;
  std::vector<std::vector<double>> second;
  bool constant = false;
};

SobolEstimate estimate(const SobolSample& s, const std::vector<int>& rows, bool second_order) {
  const int k = static_cast<int>(s.ab.size());
  const double n = static_cast<double>(rows.size());
  double sum = 0, sum2 = 0;
  for (int j : rows)
    for (double f : {s.a[j], s.b[j]}) {
      sum += f;
      sum2 += f * f;
    }
  const double m = sum / (2 * n);
  const double variance = (sum2 - 2 * n * m * m) / (2 * n - 1);
  SobolEstimate e;
  e.first.assign(k, 0.0);
  e.total.assign(k, 0.0);
  if (!(variance > 0)) {
    e.constant = true;
    return e;
  }
  for (int i = 0; i < k; ++i) {
    double first = 0, total = 0;
    for (int j : rows) {
      first += s.b[j] * (s.ab[i][j] - s.a[j]);            // Saltelli et al. 2010
      total += (s.a[j] - s.ab[i][j]) * (s.a[j] - s.ab[i][j]);  // Jansen 1999
    }
    e.first[i] = first / n / variance;
    e.total[i] = total / (2 * n) / variance;
  }
  if (second_order) {
    e.second.assign(k, std::vector<double>(k, 0.0));
    for (int i = 0; i < k; ++i)
      for (int l = i + 1; l < k; ++l) {
        double v = 0;
        for (int j : rows) v += s.ba[i][j] * s.ab[l][j] - s.a[j] * s.b[j];  // Saltelli 2002
        e.second[i][l] = v / n / variance - e.first[i] - e.first[l];
      }
  }
  return e;
}

SensitivityResult sobol_indices(const SweepResult& sweep, const SensitivityOptions& o) {
  const int k = static_cast<int>(sweep.parameters.size());
  const int block = experiment::saltelli_block(k);
  const auto points = by_index(sweep);
  SensitivityResult result{sweep.scenario, "sobol", 0, {}, {}};
  // Complete base rows only (a stopped sweep may miss some points).
  std::vector<int> base_rows;
  for (int j = 0; j < sweep.samples; ++j) {
    bool whole = true;
    for (int q = 0; q < block && whole; ++q) whole = points.count(j * block + q) > 0;
    if (whole) base_rows.push_back(j);
  }
  if (base_rows.size() < 2)
    throw InputError({}, "sensitivity", "the sweep holds fewer than two complete base rows of its sobol design");
  if (static_cast<int>(base_rows.size()) < sweep.samples)
    result.warnings.push_back(std::to_string(sweep.samples - static_cast<int>(base_rows.size())) + " of " +
                              std::to_string(sweep.samples) + " base rows are incomplete (a stopped sweep?) and were left out");
  result.rows = static_cast<int>(base_rows.size());
  std::mt19937_64 rng(o.seed);
  for (std::size_t out = 0; out < sweep.outputs.size(); ++out) {
    SobolSample s;
    s.ab.assign(k, {});
    s.ba.assign(k, {});
    for (int j : base_rows) {
      auto f = [&](int q) { return points.at(j * block + q)->outputs[out]; };
      s.a.push_back(f(0));
      for (int i = 0; i < k; ++i) s.ab[i].push_back(f(1 + i));
      for (int i = 0; i < k; ++i) s.ba[i].push_back(f(1 + k + i));
      s.b.push_back(f(block - 1));
    }
    const int n = static_cast<int>(base_rows.size());
    std::vector<int> all(n);
    for (int j = 0; j < n; ++j) all[j] = j;
    const SobolEstimate e = estimate(s, all, o.second_order);
    const std::string& name = sweep.outputs[out];
    if (e.constant) {
      result.warnings.push_back(name + " does not vary over the sweep: it has no sensitivity indices");
      continue;
    }
    // Bootstrap over the base rows.
    std::vector<std::vector<double>> first(k), total(k);
    std::vector<std::vector<std::vector<double>>> second(k, std::vector<std::vector<double>>(k));
    std::vector<int> rows(n);
    for (int b = 0; b < o.bootstrap; ++b) {
      for (int j = 0; j < n; ++j) rows[j] = static_cast<int>(rng() % n);
      const SobolEstimate r = estimate(s, rows, o.second_order);
      for (int i = 0; i < k; ++i) {
        first[i].push_back(r.first[i]);
        total[i].push_back(r.total[i]);
        for (int l = i + 1; l < k && o.second_order; ++l) second[i][l].push_back(r.second[i][l]);
      }
    }
    double widest = 0;
    for (int i = 0; i < k; ++i) {
      const auto [f_low, f_high] = interval(first[i]);
      const auto [t_low, t_high] = interval(total[i]);
      result.indices.push_back({name, sweep.parameters[i], "S1", e.first[i], f_low, f_high});
      result.indices.push_back({name, sweep.parameters[i], "ST", e.total[i], t_low, t_high});
      widest = std::max(widest, (t_high - t_low) / 2);
      for (const auto& [measure, high] : {std::pair<const char*, double>{"first-order", f_high}, {"total", t_high}})
        if (high < 0)
          result.warnings.push_back("the " + std::string(measure) + " index of " + sweep.parameters[i] + " for " + name +
                                    " is negative beyond its error: too few base rows, or outputs too noisy (more "
                                    "replicas per point)");
      for (int l = i + 1; l < k && o.second_order; ++l) {
        const auto [low, high] = interval(second[i][l]);
        result.indices.push_back({name, sweep.parameters[i] + " x " + sweep.parameters[l], "S2", e.second[i][l], low, high});
      }
    }
    if (widest > 0.1) {
      const int needed = static_cast<int>(std::ceil(n * std::pow(widest / 0.05, 2)));
      result.warnings.push_back("the total indices of " + name + " are uncertain by up to +-" + fixed(widest, 2) +
                                ", too wide to rank its parameters; about " + std::to_string(needed) +
                                " base rows (samples; now " + std::to_string(n) + ") would narrow them to +-0.05");
    }
  }
  return result;
}

SensitivityResult morris_indices(const SweepResult& sweep, const SensitivityOptions& o) {
  const int k = static_cast<int>(sweep.parameters.size());
  const double delta = experiment::morris_delta(sweep.levels);
  const auto points = by_index(sweep);
  SensitivityResult result{sweep.scenario, "morris", 0, {}, {}};
  // For each trajectory and step: which parameter moved, and which way.
  struct Step {
    int parameter;
    double sign;
    int from, to;
  };
  std::vector<std::vector<Step>> trajectories;
  for (int t = 0; t < sweep.samples; ++t) {
    std::vector<Step> steps;
    bool whole = true;
    for (int q = 0; q <= k && whole; ++q) whole = points.count(t * (k + 1) + q) > 0;
    if (!whole) continue;
    for (int q = 0; q < k; ++q) {
      const SweepPoint& before = *points.at(t * (k + 1) + q);
      const SweepPoint& after = *points.at(t * (k + 1) + q + 1);
      for (int i = 0; i < k; ++i) {
        const double x0 = std::strtod(before.assignments[i].second.c_str(), nullptr);
        const double x1 = std::strtod(after.assignments[i].second.c_str(), nullptr);
        if (x0 != x1) steps.push_back({i, x1 > x0 ? 1.0 : -1.0, before.index, after.index});
      }
    }
    if (static_cast<int>(steps.size()) == k) trajectories.push_back(steps);
  }
  if (trajectories.size() < 2)
    throw InputError({}, "sensitivity", "the sweep holds fewer than two complete trajectories of its morris design");
  result.rows = static_cast<int>(trajectories.size());
  std::mt19937_64 rng(o.seed);
  const int r = static_cast<int>(trajectories.size());
  for (std::size_t out = 0; out < sweep.outputs.size(); ++out) {
    // effects[i][t]: parameter i's elementary effect in trajectory t.
    std::vector<std::vector<double>> effects(k, std::vector<double>(r));
    for (int t = 0; t < r; ++t)
      for (const Step& s : trajectories[t])
        effects[s.parameter][t] = (points.at(s.to)->outputs[out] - points.at(s.from)->outputs[out]) / (s.sign * delta);
    auto measures = [&](const std::vector<int>& which, int i) {
      double mu = 0, star = 0, sq = 0;
      for (int t : which) {
        mu += effects[i][t];
        star += std::abs(effects[i][t]);
      }
      mu /= which.size();
      star /= which.size();
      for (int t : which) sq += (effects[i][t] - mu) * (effects[i][t] - mu);
      return std::array<double, 3>{star, mu, std::sqrt(sq / std::max<std::size_t>(1, which.size() - 1))};
    };
    std::vector<int> all(r), rows(r);
    for (int t = 0; t < r; ++t) all[t] = t;
    std::vector<std::array<std::vector<double>, 3>> boot(k);
    for (int b = 0; b < o.bootstrap; ++b) {
      for (int t = 0; t < r; ++t) rows[t] = static_cast<int>(rng() % r);
      for (int i = 0; i < k; ++i) {
        const auto m = measures(rows, i);
        for (int q = 0; q < 3; ++q) boot[i][q].push_back(m[q]);
      }
    }
    for (int i = 0; i < k; ++i) {
      const auto m = measures(all, i);
      const char* names[] = {"mu_star", "mu", "sigma"};
      for (int q = 0; q < 3; ++q) {
        const auto [low, high] = interval(boot[i][q]);
        result.indices.push_back({sweep.outputs[out], sweep.parameters[i], names[q], m[q], low, high});
      }
    }
  }
  if (r < 10)
    result.warnings.push_back("only " + std::to_string(r) + " trajectories: Morris screening usually wants 10 to 20 "
                              "(samples), and the intervals show how little " + std::to_string(r) + " can rank");
  return result;
}

}  // namespace

SensitivityResult sensitivity(const SweepResult& sweep, const SensitivityOptions& o) {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  if (sweep.design == "sobol") return sobol_indices(sweep, o);
  if (sweep.design == "morris") {
    if (sweep.levels < 2) throw InputError({}, "sensitivity", "the sweep does not record its morris grid's levels");
    return morris_indices(sweep, o);
  }
  throw InputError({}, "sensitivity",
                   "sensitivity indices need a sobol or a morris design; this sweep's design is " + sweep.design);
}

}  // namespace pbflow
