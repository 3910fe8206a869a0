#include <cmath>
#include <cstdio>
#include <string>

#include "pbflow/results_io.h"
#include "results/loan_writers.h"
#include "results/peacekeeping_writers.h"
#include "results/purpose_writers.h"

namespace pbflow {

namespace {

std::string format(const char* fmt, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, a);
  return buf;
}

// 12345678.9 -> "12,345,679"
std::string thousands(double v) {
  std::string digits = format("%.0f", std::abs(v));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 && digits != "0" ? "-" : "") + out;
}

std::string millions(double v) {
  double m = v / 1e6;
  if (std::abs(m) < 0.05) m = 0.0;  // rounding noise (-1e-7) is not "-0.0"
  return std::abs(m) >= 100 ? thousands(m) : format("%.1f", m);
}

std::string pad(const std::string& s, std::size_t width, bool right = true) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

}  // namespace

std::string summary_table(const RunResult& r) {
  std::string out;
  const bool yen = r.base_per_yen > 0 && r.currency != "JPY";
  out += r.scenario + ": " + std::to_string(r.replicas) + " replicas, " + std::to_string(r.months) +
         " months from " + r.start.str() + ", seed " + std::to_string(r.seed) + "\n";
  if (r.partial)
    out += "PARTIAL: stopped after " + std::to_string(r.replicas) + " of the " + std::to_string(r.replicas_requested) +
           " replicas asked for had finished; every figure is over those only.\n";
  out += "\n";
  auto mean = [&](double ReplicaTotals::*f) {
    double s = 0;
    for (const auto& t : r.totals) s += t.*f;
    return r.totals.empty() ? 0.0 : s / r.totals.size();
  };
  out += pad("Money over the horizon (mean of replicas)", 44, false) + pad(r.currency + " m", 14) +
         (yen ? pad("JPY m", 16) : "") + "\n";
  auto row = [&](const char* label, double v) {
    out += pad(std::string("  ") + label, 44, false) + pad(millions(v), 14) +
           (yen ? pad(thousands(v / r.base_per_yen / 1e6), 16) : "") + "\n";
  };
  row("appropriated", mean(&ReplicaTotals::appropriated));
  row("released from budget lines", mean(&ReplicaTotals::released));
  row("kept as overhead by intermediaries", mean(&ReplicaTotals::overhead));
  row("spent by country programmes", mean(&ReplicaTotals::spent));
  row("still in pipelines at the horizon", mean(&ReplicaTotals::in_pipeline));
  row("not yet released (budget and reserves)", mean(&ReplicaTotals::unreleased) + mean(&ReplicaTotals::reserves));
  row("lapsed", mean(&ReplicaTotals::lapsed));
  double worst = 0;
  for (const auto& t : r.totals) worst = std::max(worst, t.conservation_error);
  out += "  money takes " + format("%.1f", mean(&ReplicaTotals::delivery_lag)) +
         " months on average from release to spending (money-weighted)\n";
  out += "  money conserved to a relative error of " + format("%.1e", worst) + "\n\n";

  out += pad("Country", 9, false) + pad("humanitarian", 14) + pad("development", 13) + pad("peace", 10) +
         pad("conflict months", 17) + pad("unmet need", 14) + pad("peace at end", 14) + "\n";
  out += pad("", 9, false) + pad("spent, " + r.currency + " m", 14) + pad(r.currency + " m", 13) +
         pad(r.currency + " m", 10) + pad("mean (p05-p95)", 17) + pad("m person-mo", 14) + pad("probability", 14) +
         "\n";
  for (std::size_t c = 0; c < r.countries.size(); ++c) {
    std::vector<double> conflict(r.replicas), unmet(r.replicas);
    PillarArray<double> spent{};
    double peace = 0;
    for (int i = 0; i < r.replicas; ++i) {
      const CountryOutcome& o = r.outcome(i, static_cast<int>(c));
      conflict[i] = o.conflict_months;
      unmet[i] = o.unmet_need_person_months;
      for (int p = 0; p < kPillars; ++p) spent[p] += o.spent[p] / r.replicas;
      peace += o.peace_at_horizon ? 1.0 / r.replicas : 0.0;
    }
    Stats cs = describe(conflict);
    Stats us = describe(unmet);
    out += pad(r.countries[c], 9, false) + pad(millions(spent[0]), 14) + pad(millions(spent[1]), 13) +
           pad(millions(spent[2]), 10) +
           pad(format("%.0f", cs.mean) + " (" + format("%.0f", cs.p05) + "-" + format("%.0f", cs.p95) + ")", 17) +
           pad(format("%.1f", us.mean / 1e6), 14) + pad(format("%.2f", peace), 14) + "\n";
  }
  out += results::loans_table(r);
  out += results::peacekeeping_table(r);
  out += results::purposes_table(r);
  for (const auto& w : r.warnings) out += "warning: " + w + "\n";
  out += "\nMeans over replicas; conflict months with the 5th-95th percentile range across replicas.\n";
  return out;
}

}  // namespace pbflow
