#include "experiment/sampling.h"

#include <algorithm>
#include <cstdio>
#include <random>

namespace pbflow::experiment {

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

namespace {

// The value at a position in [0, 1) of a range or a list.
std::string at(const ParameterRange& p, double position) {
  if (p.values.empty()) return number_text(*p.min + position * (*p.max - *p.min));
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
        values.push_back(number_text(per_axis == 1 ? *p.min : *p.min + (*p.max - *p.min) * k / (per_axis - 1)));
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

}  // namespace pbflow::experiment
