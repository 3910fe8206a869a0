#include "experiment/sampling.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>

#include "experiment/sobol_sequence.h"
#include "pbflow/errors.h"
#include "results/read_files.h"

namespace pbflow::experiment {

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

namespace {

// The value at a position in [0, 1) of a range or a list.
std::string at(const ParameterRange& p, double position) {
  if (p.values.empty()) return number_text(p.quantile(position));
  const auto k = std::min<std::size_t>(p.values.size() - 1, static_cast<std::size_t>(position * p.values.size()));
  return p.values[k];
}

double unit(std::mt19937_64& rng) { return (rng() >> 11) * (1.0 / 9007199254740992.0); }

}  // namespace

std::vector<Assignments> latin_hypercube(const std::vector<ParameterRange>& ranges, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0xD1B54A32D192ED03ull);
  std::vector<Assignments> points(n);
  for (const auto& p : ranges) {
    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    for (int i = n - 1; i > 0; --i) std::swap(order[i], order[rng() % (i + 1)]);  // Fisher-Yates
    for (int i = 0; i < n; ++i) points[i].push_back({p.path, at(p, (order[i] + unit(rng)) / n)});
  }
  return points;
}

std::vector<Assignments> full_grid(const std::vector<ParameterRange>& ranges, int per_axis) {
  std::vector<Assignments> points{{}};
  for (const auto& p : ranges) {
    std::vector<std::string> values = p.values;
    if (values.empty())
      for (int k = 0; k < per_axis; ++k)
        // A range: evenly spaced, ends included; a distribution: its quantiles at (k + 1/2) / levels.
        values.push_back(number_text(p.distribution == Distribution::uniform
                                         ? (per_axis == 1 ? *p.min : *p.min + (*p.max - *p.min) * k / (per_axis - 1))
                                         : p.quantile((k + 0.5) / per_axis)));
    std::vector<Assignments> next;
    for (const auto& point : points)
      for (const auto& v : values) {
        next.push_back(point);
        next.back().push_back({p.path, v});
      }
    points = std::move(next);
  }
  return points;
}

std::vector<Assignments> uniform_random(const std::vector<ParameterRange>& ranges, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0x8CB92BA72F3D8DD7ull);
  std::vector<Assignments> points(n);
  for (int i = 0; i < n; ++i)
    for (const auto& p : ranges) points[i].push_back({p.path, at(p, unit(rng))});
  return points;
}

std::vector<Assignments> saltelli(const std::vector<ParameterRange>& ranges, int n, std::uint64_t seed) {
  const int k = static_cast<int>(ranges.size());
  if (2 * k > kSobolMaxDimensions)
    throw InputError({}, "sweep.parameters",
                     "a sobol design takes at most 10 parameters here (" + std::to_string(k) +
                         " given): its base sample is a 2k-dimensional Sobol' sequence, whose direction numbers are "
                         "kept for 21 dimensions");
  const auto base = SobolSequence(2 * k, seed).first(n);
  std::vector<Assignments> points;
  points.reserve(static_cast<std::size_t>(n) * saltelli_block(k));
  auto point = [&](const std::vector<double>& u, int from_b_mask_start, int swapped) {
    // Parameter i from A (u[i]) or B (u[k + i]); `swapped` takes one from the other matrix.
    Assignments a;
    for (int i = 0; i < k; ++i) {
      const bool from_b = (i == swapped) != (from_b_mask_start == 1);
      a.push_back({ranges[i].path, at(ranges[i], u[from_b ? k + i : i])});
    }
    return a;
  };
  for (const auto& u : base) {
    points.push_back(point(u, 0, -1));                    // A
    for (int i = 0; i < k; ++i) points.push_back(point(u, 0, i));  // AB_i
    for (int i = 0; i < k; ++i) points.push_back(point(u, 1, i));  // BA_i
    points.push_back(point(u, 1, -1));                    // B
  }
  return points;
}

std::vector<Assignments> morris(const std::vector<ParameterRange>& ranges, int r, int levels, std::uint64_t seed) {
  for (const auto& p : ranges) {
    if (!p.values.empty())
      throw InputError({}, "sweep.parameters." + p.path,
                       "a morris design moves each parameter along its range; a list of values has no steps "
                       "(give min and max)");
    if (!p.bounded())
      throw InputError({}, "sweep.parameters." + p.path,
                       "a morris design needs bounded parameters (a range, triangular or truncated_normal)");
  }
  const int k = static_cast<int>(ranges.size());
  const double delta = morris_delta(levels);
  std::mt19937_64 rng(seed ^ 0x2545F4914F6CDD1Dull);
  std::vector<Assignments> points;
  auto value = [&](const ParameterRange& p, double u) { return number_text(p.quantile(u)); };
  for (int t = 0; t < r; ++t) {
    std::vector<int> order(k);
    for (int i = 0; i < k; ++i) order[i] = i;
    for (int i = k - 1; i > 0; --i) std::swap(order[i], order[rng() % (i + 1)]);
    // Each parameter's direction at random; its base level one the step can leave from.
    std::vector<double> x(k);
    std::vector<int> direction(k);
    for (int i = 0; i < k; ++i) {
      direction[i] = (rng() & 1) ? 1 : -1;
      const int room = levels / 2;  // levels from which a step of delta stays on the grid
      const int level = static_cast<int>(rng() % room);
      x[i] = direction[i] > 0 ? level / (levels - 1.0) : 1.0 - level / (levels - 1.0);
    }
    auto emit = [&] {
      Assignments a;
      for (int i = 0; i < k; ++i) a.push_back({ranges[i].path, value(ranges[i], x[i])});
      points.push_back(std::move(a));
    };
    emit();
    for (int i : order) {
      x[i] += direction[i] * delta;
      emit();
    }
  }
  return points;
}

std::vector<Assignments> from_file(const std::vector<ParameterRange>& ranges, const std::string& path) {
  results::CsvTable table = [&] {
    try {
      return results::CsvTable::read(path);
    } catch (const RuntimeFailure& e) {
      throw InputError({path, 0, 0}, "sweep.design.file", e.what());
    }
  }();
  std::vector<int> column;
  for (const auto& p : ranges) {
    const int c = table.column(p.path);
    if (c < 0) throw InputError({path, 1, 0}, "sweep.design.file", "the header has no column `" + p.path + "`, a swept key");
    column.push_back(c);
  }
  std::set<std::string> swept;
  for (const auto& p : ranges) swept.insert(p.path);
  for (const auto& name : table.header())
    if (!swept.count(name))
      throw InputError({path, 1, 0}, "sweep.design.file",
                       "column `" + name + "` is not a swept key (sweep.parameters names the keys a design may set)");
  if (table.rows() == 0) throw InputError({path, 2, 0}, "sweep.design.file", "the design has no points");
  std::vector<Assignments> points(table.rows());
  for (std::size_t r = 0; r < table.rows(); ++r)
    for (std::size_t i = 0; i < ranges.size(); ++i) points[r].push_back({ranges[i].path, table.cell(r, column[i])});
  return points;
}

}  // namespace pbflow::experiment
