#include "pbflow/discovery.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "pbflow/errors.h"

namespace pbflow {

bool DiscoveryOptions::IsValid(std::string* error) const {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (!(alpha > 0 && alpha < 0.5)) return fail("--alpha must be in (0, 0.5)");
  if (!(min_mass > 0 && min_mass < 1)) return fail("--min-mass must be in (0, 1)");
  if (!(min_coverage >= 0 && min_coverage <= 1)) return fail("--min-coverage must be in [0, 1]");
  if (!std::isfinite(threshold)) return fail("the threshold must be a finite number");
  return true;
}

namespace {

// P(X >= m) for X ~ Binomial(n, p).
double upper_tail(int n, int m, double p) {
  if (m <= 0) return 1.0;
  if (p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  double total = 0;
  for (int k = m; k <= n; ++k)
    total += std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                      (n - k) * std::log1p(-p));
  return std::min(1.0, total);
}

struct Box {
  std::vector<double> low, high;
};

bool inside(const std::vector<double>& x, const Box& b, int skip = -1) {
  for (std::size_t j = 0; j < x.size(); ++j)
    if (static_cast<int>(j) != skip && (x[j] < b.low[j] || x[j] > b.high[j])) return false;
  return true;
}

}  // namespace

DiscoveryResult discover(const SweepResult& sweep, const DiscoveryOptions& o) {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  const auto out = std::find(sweep.outputs.begin(), sweep.outputs.end(), o.output);
  if (out == sweep.outputs.end()) {
    std::string list;
    for (const auto& name : sweep.outputs) list += (list.empty() ? "" : ", ") + name;
    throw InputError({}, "--output", "the sweep has no output `" + o.output + "`; it has " + list);
  }
  const std::size_t which = out - sweep.outputs.begin();
  DiscoveryResult r;
  r.scenario = sweep.scenario;
  r.output = o.output;
  r.threshold = o.threshold;
  r.above = o.above;
  // Numeric parameters only: a listed parameter whose values are not numbers is left out.
  std::vector<int> numeric;
  for (std::size_t j = 0; j < sweep.parameters.size(); ++j) {
    bool all = !sweep.points.empty();
    for (const SweepPoint& p : sweep.points) {
      char* end = nullptr;
      const std::string& v = p.assignments[j].second;
      std::strtod(v.c_str(), &end);
      all = all && !v.empty() && end == v.c_str() + v.size();
    }
    if (all) numeric.push_back(static_cast<int>(j));
    else r.notes.push_back(sweep.parameters[j] + " takes values that are not numbers: left out of the boxes");
  }
  if (numeric.empty()) throw InputError({}, "discover", "no parameter of the sweep takes numeric values");
  const int k = static_cast<int>(numeric.size());
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (const SweepPoint& p : sweep.points) {
    std::vector<double> row;
    for (int j : numeric) row.push_back(std::strtod(p.assignments[j].second.c_str(), nullptr));
    x.push_back(row);
    const double v = p.outputs[which];
    y.push_back(o.above ? v > o.threshold : v < o.threshold);
  }
  const int n = static_cast<int>(x.size());
  r.points = n;
  r.of_interest = std::accumulate(y.begin(), y.end(), 0);
  if (r.of_interest == 0)
    throw InputError({}, "discover",
                     "no point has " + o.output + (o.above ? " above " : " below ") + std::to_string(o.threshold) +
                         ": there is nothing to find");
  Box box{std::vector<double>(k), std::vector<double>(k)};
  for (int j = 0; j < k; ++j) {
    box.low[j] = box.high[j] = x[0][j];
    for (const auto& row : x) {
      box.low[j] = std::min(box.low[j], row[j]);
      box.high[j] = std::max(box.high[j], row[j]);
    }
  }
  const Box full = box;
  std::vector<Box> boxes;
  auto record = [&](const Box& b) {
    int in = 0, hits = 0, restricted = 0;
    for (int i = 0; i < n; ++i)
      if (inside(x[i], b)) {
        ++in;
        hits += y[i];
      }
    for (int j = 0; j < k; ++j) restricted += b.low[j] > full.low[j] || b.high[j] < full.high[j];
    r.trajectory.push_back({static_cast<double>(hits) / r.of_interest, in ? static_cast<double>(hits) / in : 0.0,
                            static_cast<double>(in) / n, restricted});
    boxes.push_back(b);
    return in;
  };
  int in = record(box);
  while (static_cast<double>(in) / n > o.min_mass) {
    // The points in the box, and each candidate peel's remaining density.
    std::vector<int> members;
    for (int i = 0; i < n; ++i)
      if (inside(x[i], box)) members.push_back(i);
    double best_density = -1;
    Box best = box;
    for (int j = 0; j < k; ++j) {
      std::vector<double> values;
      for (int i : members) values.push_back(x[i][j]);
      std::sort(values.begin(), values.end());
      const std::size_t cut = std::max<std::size_t>(1, static_cast<std::size_t>(o.alpha * values.size()));
      if (cut >= values.size()) continue;
      for (int side = 0; side < 2; ++side) {
        Box candidate = box;
        // Peel the lowest (or highest) `cut` points of parameter j: keep values beyond the cut.
        if (side == 0) {
          const double at = values[cut];
          if (at <= box.low[j]) continue;  // ties: nothing would go
          candidate.low[j] = at;
        } else {
          const double at = values[values.size() - 1 - cut];
          if (at >= box.high[j]) continue;
          candidate.high[j] = at;
        }
        int left = 0, hits = 0;
        for (int i : members)
          if (inside(x[i], candidate)) {
            ++left;
            hits += y[i];
          }
        if (left == 0) continue;
        const double density = static_cast<double>(hits) / left;
        if (density > best_density) {
          best_density = density;
          best = candidate;
        }
      }
    }
    if (best_density < 0) break;  // no peel removes anything
    box = best;
    in = record(box);
  }
  // The densest box that keeps the coverage asked for (step 0 keeps all).
  r.chosen = 0;
  for (std::size_t s = 0; s < r.trajectory.size(); ++s)
    if (r.trajectory[s].coverage >= o.min_coverage && r.trajectory[s].density > r.trajectory[r.chosen].density)
      r.chosen = static_cast<int>(s);
  const Box& chosen = boxes[r.chosen];
  int in_box = 0, hits_box = 0;
  for (int i = 0; i < n; ++i)
    if (inside(x[i], chosen)) {
      ++in_box;
      hits_box += y[i];
    }
  for (int j = 0; j < k; ++j) {
    BoxLimit limit{sweep.parameters[numeric[j]], chosen.low[j], chosen.high[j], full.low[j], full.high[j], false, 1.0};
    limit.restricted = chosen.low[j] > full.low[j] || chosen.high[j] < full.high[j];
    if (limit.restricted) {
      // Without this restriction: how likely a box this dense by chance?
      int in_without = 0, hits_without = 0;
      for (int i = 0; i < n; ++i)
        if (inside(x[i], chosen, j)) {
          ++in_without;
          hits_without += y[i];
        }
      limit.qp = upper_tail(in_box, hits_box, in_without ? static_cast<double>(hits_without) / in_without : 0.0);
    }
    r.box.push_back(limit);
  }
  return r;
}

}  // namespace pbflow
