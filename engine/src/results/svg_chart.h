// Charts drawn as inline SVG by the engine: fan charts (median and 5-95%
// band over months), small multiples, interval charts and scatter plots.
// Axes end on round numbers (1, 2, 2.5 or 5 times a power of ten) at or
// beyond the data, so nothing is clipped; colours are the Okabe-Ito
// palette, which colour-blind readers can tell apart, and lines differ in
// dash as well as colour.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pbflow::results {

// Okabe & Ito (2008), "Color Universal Design".
namespace palette {
inline constexpr const char* kOrange = "#E69F00";
inline constexpr const char* kSkyBlue = "#56B4E9";
inline constexpr const char* kGreen = "#009E73";
inline constexpr const char* kYellow = "#F0E442";
inline constexpr const char* kBlue = "#0072B2";
inline constexpr const char* kVermillion = "#D55E00";
inline constexpr const char* kPurple = "#CC79A7";
inline constexpr const char* kGrey = "#777777";
}  // namespace palette

// A coordinate as SVG text: one decimal.
std::string svg_number(double v);

// The pillars' colours and dashes, the same in every chart.
const char* pillar_colour(int pillar);
const char* pillar_dash(int pillar);

// An axis from `lo` to `hi` or beyond, in round steps.
struct NiceAxis {
  double lo = 0, hi = 1, step = 1;
  int decimals = 0;  // to print its ticks
};
NiceAxis nice_axis(double lo, double hi, int target_ticks = 5);

struct FanSeries {
  std::string label, colour, dash;
  std::vector<double> median, low, high;  // low/high empty: a line without a band
};

// Months are "YYYY-MM". Values are divided by `scale` (1e6 for millions).
std::string fan_chart(const std::string& title, const std::string& unit, const std::vector<std::string>& months,
                      const std::vector<FanSeries>& series, double scale, double height = 220);

// One small panel of a grid: a filled line over the months.
std::string mini_chart(const std::string& title, const std::vector<std::string>& months, const std::vector<double>& values,
                       double scale, const std::string& colour, std::optional<double> fixed_max = std::nullopt);

struct IntervalRow {
  std::string label;
  double mean = 0, low = 0, high = 0;
  bool clear = false;  // the interval excludes zero (drawn solid)
  std::string colour;  // empty: by sign
};
// Horizontal means with their intervals against a zero line.
std::string interval_chart(const std::string& title, const std::string& unit, const std::vector<IntervalRow>& rows,
                           double scale);

struct ScatterPoint {
  double x = 0, y = 0;
};
std::string scatter_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                          const std::vector<ScatterPoint>& points, double y_scale);

}  // namespace pbflow::results
