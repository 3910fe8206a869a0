#include "results/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "results/html.h"

namespace pbflow::results {

std::string svg_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

namespace {

std::string num(double v) { return svg_number(v); }

// A frame: the plot area inside a viewBox of width W and height H.
struct Frame {
  double W, H, left, right, top, bottom;
  double x0() const { return left; }
  double x1() const { return W - right; }
  double y0() const { return H - bottom; }  // the bottom of the plot
  double y1() const { return top; }
};

std::string svg_open(const Frame& f, const std::string& label) {
  return "<svg viewBox=\"0 0 " + num(f.W) + " " + num(f.H) + "\" role=\"img\" aria-label=\"" + escape_html(label) +
         "\" xmlns=\"http://www.w3.org/2000/svg\">";
}

std::string text(double x, double y, const std::string& content, const char* cls, const char* anchor = "start") {
  return "<text class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor +
         "\">" + escape_html(content) + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, const char* cls) {
  return "<line class=\"" + std::string(cls) + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) +
         "\" y2=\"" + num(y2) + "\"/>";
}

// Y gridlines and tick labels for an axis, into the frame.
std::string y_axis(const Frame& f, const NiceAxis& axis) {
  std::string out;
  const double span = axis.hi - axis.lo;
  for (double v = axis.lo; v <= axis.hi + axis.step * 1e-6; v += axis.step) {
    const double y = f.y0() - (f.y0() - f.y1()) * (v - axis.lo) / span;
    out += line(f.x0(), y, f.x1(), y, "gridline");
    out += text(f.x0() - 6, y + 4, thousands(std::abs(v) < axis.step * 1e-9 ? 0.0 : v, axis.decimals), "tick", "end");
  }
  return out;
}

// Month labels: each January (or each year's first month shown) when the
// horizon is long, every quarter when it is short.
std::string x_months(const Frame& f, const std::vector<std::string>& months) {
  std::string out = line(f.x0(), f.y0(), f.x1(), f.y0(), "axis");
  const std::size_t n = months.size();
  if (n == 0) return out;
  auto X = [&](std::size_t i) { return f.x0() + (n > 1 ? (f.x1() - f.x0()) * i / (n - 1.0) : 0.0); };
  const bool years = n > 30;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& m = months[i];
    const bool january = m.size() >= 7 && m.substr(5, 2) == "01";
    if (years ? !(january || (i == 0 && n < 60)) : i % 3 != 0) continue;
    out += line(X(i), f.y0(), X(i), f.y0() + 4, "axis");
    out += text(X(i), f.y0() + 16, years ? m.substr(0, 4) : m, "tick", "middle");
  }
  return out;
}

}  // namespace

const char* pillar_colour(int pillar) {
  static const char* colours[] = {palette::kVermillion, palette::kBlue, palette::kGreen};
  return colours[pillar];
}

const char* pillar_dash(int pillar) {
  static const char* dashes[] = {"", "7 4", "2 3"};
  return dashes[pillar];
}

NiceAxis nice_axis(double lo, double hi, int target_ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo <= 0) hi = lo + (lo == 0 ? 1.0 : std::abs(lo) * 0.1);
  const double raw = (hi - lo) / std::max(1, target_ticks);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  const double factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  NiceAxis axis;
  axis.step = factor * magnitude;
  axis.lo = std::floor(lo / axis.step + 1e-9) * axis.step;
  axis.hi = std::ceil(hi / axis.step - 1e-9) * axis.step;
  axis.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(axis.step) + 1e-9)) + (factor == 2.5 ? 1 : 0));
  return axis;
}

std::string fan_chart(const std::string& title, const std::string& unit, const std::vector<std::string>& months,
                      const std::vector<FanSeries>& series, double scale, double height) {
  height = std::max(height, 200.0);
  const Frame f{520, height, 52, 12, 40, 30};
  double lo = 0, hi = 0;
  for (const FanSeries& s : series)
    for (const auto* values : {&s.median, &s.high, &s.low})
      for (double v : *values) {
        hi = std::max(hi, v / scale);
        lo = std::min(lo, v / scale);
      }
  const NiceAxis axis = nice_axis(lo, hi);
  const std::size_t n = months.size();
  auto X = [&](std::size_t i) { return f.x0() + (n > 1 ? (f.x1() - f.x0()) * i / (n - 1.0) : 0.0); };
  auto Y = [&](double v) { return f.y0() - (f.y0() - f.y1()) * (v / scale - axis.lo) / (axis.hi - axis.lo); };
  std::string svg = "<figure class=\"fan\"><figcaption>" + escape_html(title) + "</figcaption>" + svg_open(f, title);
  svg += y_axis(f, axis) + x_months(f, months);
  svg += text(4, 12, unit, "tick");
  double legend_x = f.x0();
  for (const FanSeries& s : series) {
    if (!s.low.empty() && s.low.size() == n && s.high.size() == n) {
      std::string band;
      for (std::size_t i = 0; i < n; ++i) band += num(X(i)) + "," + num(Y(s.high[i])) + " ";
      for (std::size_t i = n; i-- > 0;) band += num(X(i)) + "," + num(Y(s.low[i])) + " ";
      svg += "<polygon class=\"band\" fill=\"" + s.colour + "\" fill-opacity=\"0.2\" stroke=\"none\" points=\"" + band +
             "\"><title>" + escape_html(s.label) + ": 5-95% of replicas</title></polygon>";
    }
    std::string path;
    for (std::size_t i = 0; i < n && i < s.median.size(); ++i) path += num(X(i)) + "," + num(Y(s.median[i])) + " ";
    svg += "<polyline fill=\"none\" stroke=\"" + s.colour + "\" stroke-width=\"2\"" +
           (s.dash.empty() ? std::string() : " stroke-dasharray=\"" + s.dash + "\"") + " points=\"" + path + "\"><title>" +
           escape_html(s.label) + (s.low.empty() ? "" : ": median") + "</title></polyline>";
    if (series.size() > 1 || !s.low.empty()) {
      svg += "<line x1=\"" + num(legend_x) + "\" y1=\"24\" x2=\"" + num(legend_x + 22) + "\" y2=\"24\" stroke=\"" +
             s.colour + "\" stroke-width=\"2\"" + (s.dash.empty() ? std::string() : " stroke-dasharray=\"" + s.dash + "\"") +
             "/>";
      const std::string label = s.label + (s.low.empty() ? "" : " (median, band 5-95%)");
      svg += text(legend_x + 26, 28, label, "tick");
      legend_x += 40 + 6.0 * label.size();
    }
  }
  return svg + "</svg></figure>\n";
}

std::string mini_chart(const std::string& title, const std::vector<std::string>& months, const std::vector<double>& values,
                       double scale, const std::string& colour, std::optional<double> fixed_max) {
  const Frame f{200, 110, 34, 6, 20, 18};
  double hi = 0;
  for (double v : values) hi = std::max(hi, v / scale);
  const NiceAxis axis = nice_axis(0, fixed_max ? *fixed_max : hi, 2);
  const std::size_t n = values.size();
  auto X = [&](std::size_t i) { return f.x0() + (n > 1 ? (f.x1() - f.x0()) * i / (n - 1.0) : 0.0); };
  auto Y = [&](double v) { return f.y0() - (f.y0() - f.y1()) * (v / scale - axis.lo) / (axis.hi - axis.lo); };
  std::string svg = "<figure class=\"mini\">" + svg_open(f, title) + text(2, 12, title, "small");
  for (double v = axis.lo; v <= axis.hi + axis.step * 1e-6; v += axis.step) {
    const double y = f.y0() - (f.y0() - f.y1()) * (v - axis.lo) / (axis.hi - axis.lo);
    svg += line(f.x0(), y, f.x1(), y, "gridline") + text(f.x0() - 3, y + 3, thousands(v, axis.decimals), "small", "end");
  }
  svg += line(f.x0(), f.y0(), f.x1(), f.y0(), "axis");
  if (n > 0) {
    svg += text(f.x0(), f.H - 4, months.front().substr(0, 4), "small", "start");
    svg += text(f.x1(), f.H - 4, months.back().substr(0, 4), "small", "end");
    std::string area = num(X(0)) + "," + num(f.y0()) + " ";
    for (std::size_t i = 0; i < n; ++i) area += num(X(i)) + "," + num(Y(values[i])) + " ";
    area += num(X(n - 1)) + "," + num(f.y0());
    svg += "<polygon fill=\"" + colour + "\" fill-opacity=\"0.25\" stroke=\"" + colour + "\" stroke-width=\"1.5\" points=\"" +
           area + "\"><title>" + escape_html(title) + "</title></polygon>";
  }
  return svg + "</svg></figure>";
}

std::string interval_chart(const std::string& title, const std::string& unit, const std::vector<IntervalRow>& rows,
                           double scale) {
  const double row_height = 22;
  const Frame f{760, 40 + row_height * static_cast<double>(rows.size()) + 30, 260, 20, 24, 30};
  double lo = 0, hi = 0;
  for (const IntervalRow& r : rows) {
    lo = std::min({lo, r.low / scale, r.mean / scale});
    hi = std::max({hi, r.high / scale, r.mean / scale});
  }
  const NiceAxis axis = nice_axis(lo, hi);
  auto X = [&](double v) { return f.x0() + (f.x1() - f.x0()) * (v / scale - axis.lo) / (axis.hi - axis.lo); };
  std::string svg = "<figure class=\"intervals\"><figcaption>" + escape_html(title) + "</figcaption>" + svg_open(f, title);
  for (double v = axis.lo; v <= axis.hi + axis.step * 1e-6; v += axis.step) {
    const double x = f.x0() + (f.x1() - f.x0()) * (v - axis.lo) / (axis.hi - axis.lo);
    svg += line(x, f.y1(), x, f.y0(), "gridline") + text(x, f.y0() + 16, thousands(v, axis.decimals), "tick", "middle");
  }
  svg += line(X(0), f.y1() - 4, X(0), f.y0(), "axis");
  svg += text(f.x1(), f.H - 2, unit, "tick", "end");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const IntervalRow& r = rows[i];
    const double y = f.y1() + row_height * (i + 0.5);
    const std::string colour = !r.colour.empty() ? r.colour : r.mean < 0 ? palette::kVermillion : palette::kBlue;
    svg += text(f.x0() - 8, y + 4, r.label, "label", "end");
    svg += "<g><title>" + escape_html(r.label) + ": " + thousands(r.mean / scale, 1) + " [" + thousands(r.low / scale, 1) +
           ", " + thousands(r.high / scale, 1) + "] " + escape_html(unit) + "</title>";
    svg += "<line x1=\"" + num(X(r.low)) + "\" y1=\"" + num(y) + "\" x2=\"" + num(X(r.high)) + "\" y2=\"" + num(y) +
           "\" stroke=\"" + colour + "\" stroke-width=\"2\"" + (r.clear ? "" : " stroke-dasharray=\"3 2\"") + "/>";
    svg += "<circle cx=\"" + num(X(r.mean)) + "\" cy=\"" + num(y) + "\" r=\"4\" fill=\"" + (r.clear ? colour : "#fff") +
           "\" stroke=\"" + colour + "\" stroke-width=\"1.5\"/></g>";
  }
  return svg + "</svg></figure>\n";
}

std::string scatter_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                          const std::vector<ScatterPoint>& points, double y_scale) {
  const Frame f{360, 240, 62, 12, 24, 40};
  double x_lo = 0, x_hi = 0, y_lo = 0, y_hi = 0;
  bool first = true;
  for (const ScatterPoint& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    const double y = p.y / y_scale;
    x_lo = first ? p.x : std::min(x_lo, p.x);
    x_hi = first ? p.x : std::max(x_hi, p.x);
    y_lo = first ? y : std::min(y_lo, y);
    y_hi = first ? y : std::max(y_hi, y);
    first = false;
  }
  const NiceAxis xa = nice_axis(x_lo, x_hi, 4), ya = nice_axis(y_lo, y_hi, 4);
  auto X = [&](double v) { return f.x0() + (f.x1() - f.x0()) * (v - xa.lo) / (xa.hi - xa.lo); };
  auto Y = [&](double v) { return f.y0() - (f.y0() - f.y1()) * (v / y_scale - ya.lo) / (ya.hi - ya.lo); };
  std::string svg = "<figure class=\"scatter\"><figcaption>" + escape_html(title) + "</figcaption>" + svg_open(f, title);
  svg += y_axis(f, ya);
  svg += line(f.x0(), f.y0(), f.x1(), f.y0(), "axis");
  for (double v = xa.lo; v <= xa.hi + xa.step * 1e-6; v += xa.step)
    svg += text(f.x0() + (f.x1() - f.x0()) * (v - xa.lo) / (xa.hi - xa.lo), f.y0() + 14, thousands(v, xa.decimals), "tick",
                "middle");
  svg += text((f.x0() + f.x1()) / 2, f.H - 4, x_label, "tick", "middle");
  svg += text(4, 12, y_label, "tick");
  for (const ScatterPoint& p : points)
    if (std::isfinite(p.x) && std::isfinite(p.y))
      svg += "<circle cx=\"" + num(X(p.x)) + "\" cy=\"" + num(Y(p.y)) + "\" r=\"2.5\" fill=\"" + palette::kBlue +
             "\" fill-opacity=\"0.6\"/>";
  return svg + "</svg></figure>";
}

}  // namespace pbflow::results
