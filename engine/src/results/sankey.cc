#include "results/sankey.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "results/html.h"
#include "results/svg_chart.h"

namespace pbflow::results {

int SankeyGraph::find(const std::string& id) const {
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].id == id) return static_cast<int>(i);
  return -1;
}

int SankeyGraph::node(const std::string& id, const std::string& label, int column, bool sink, const std::string& colour) {
  if (int at = find(id); at >= 0) return at;
  nodes_.push_back({id, label, column, sink, colour});
  return static_cast<int>(nodes_.size()) - 1;
}

void SankeyGraph::link(int from, int to, double value, const std::string& colour) {
  if (!(value > 0.0) || from == to) return;
  for (SankeyLink& l : links_)
    if (l.from == from && l.to == to && l.colour == colour) {
      l.value += value;
      return;
    }
  links_.push_back({from, to, value, colour});
}

namespace {

std::string num(double v) { return svg_number(v); }

struct Placed {
  double in = 0, out = 0, value = 0;
  double x = 0, y = 0, height = 0;
  double in_used = 0, out_used = 0;  // bands already attached
  double order = 0;
};

}  // namespace

std::string sankey_svg(const SankeyGraph& graph, const std::string& title, const std::string& unit, double scale) {
  const auto& nodes = graph.nodes();
  const auto& links = graph.links();
  std::vector<Placed> at(nodes.size());
  for (const SankeyLink& l : links) {
    at[l.from].out += l.value;
    at[l.to].in += l.value;
  }
  int columns = 1;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    at[i].value = std::max(at[i].in, at[i].out);
    columns = std::max(columns, nodes[i].column + 1);
  }
  // Nodes of each column, drawn only if money passes them.
  std::vector<std::vector<int>> column(columns);
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (at[i].value > 0.0) column[nodes[i].column].push_back(static_cast<int>(i));
  std::size_t most = 1;
  for (const auto& c : column) most = std::max(most, c.size());
  // The last column's labels go to its right, in a margin of their own.
  const double W = 1150, top = 36, bottom = 12, left = 8, right = 170, node_width = 12, pad = 8, label_room = 15;
  const double plot = std::max(440.0, 22.0 * static_cast<double>(most));
  double k = 1e300;  // pixels per unit of money
  for (const auto& c : column) {
    double total = 0;
    for (int i : c) total += at[i].value;
    if (total > 0) k = std::min(k, (plot - pad * (static_cast<double>(c.size()) - 1)) / total);
  }
  if (!(k < 1e300)) k = 1;
  // Order: by value first, then (twice) by where the money comes from; sinks last.
  for (auto& c : column) {
    std::stable_sort(c.begin(), c.end(), [&](int a, int b) {
      if (nodes[a].sink != nodes[b].sink) return !nodes[a].sink;
      return at[a].value > at[b].value;
    });
  }
  // Each node is at least a label's height from the next, so labels never overlap.
  double H = top + plot + bottom;
  auto place = [&](std::vector<int>& c, int index) {
    const double x = left + (W - left - right - node_width) * (columns > 1 ? index / (columns - 1.0) : 0.0);
    double y = top;
    for (int i : c) {
      at[i].x = x;
      at[i].y = y;
      at[i].height = std::max(1.0, at[i].value * k);
      y += std::max(at[i].height + pad, label_room);
    }
    H = std::max(H, y + bottom);
  };
  for (int c = 0; c < columns; ++c) place(column[c], c);
  for (int pass = 0; pass < 2; ++pass)
    for (int c = 1; c < columns; ++c) {
      for (int i : column[c]) {
        double weight = 0, sum = 0;
        for (const SankeyLink& l : links)
          if (l.to == i) {
            weight += l.value;
            sum += l.value * (at[l.from].y + at[l.from].height / 2);
          }
        at[i].order = weight > 0 ? sum / weight : at[i].y;
      }
      std::stable_sort(column[c].begin(), column[c].end(), [&](int a, int b) {
        if (nodes[a].sink != nodes[b].sink) return !nodes[a].sink;
        return at[a].order < at[b].order;
      });
      place(column[c], c);
    }
  // Bands leave a node in the order of their targets and enter in the order of their sources.
  std::vector<int> order(links.size());
  std::iota(order.begin(), order.end(), 0);
  std::string bands;
  std::vector<double> y_from(links.size()), y_to(links.size());
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return at[links[a].to].y < at[links[b].to].y; });
  for (int li : order) {
    const SankeyLink& l = links[li];
    const double w = l.value * k;
    y_from[li] = at[l.from].y + at[l.from].out_used + w / 2;
    at[l.from].out_used += w;
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return at[links[a].from].y < at[links[b].from].y; });
  for (int li : order) {
    const SankeyLink& l = links[li];
    const double w = l.value * k;
    y_to[li] = at[l.to].y + at[l.to].in_used + w / 2;
    at[l.to].in_used += w;
  }
  for (std::size_t li = 0; li < links.size(); ++li) {
    const SankeyLink& l = links[li];
    const double x0 = at[l.from].x + node_width, x1 = at[l.to].x, xm = (x0 + x1) / 2;
    bands += "<path d=\"M" + num(x0) + "," + num(y_from[li]) + " C" + num(xm) + "," + num(y_from[li]) + " " + num(xm) + "," +
             num(y_to[li]) + " " + num(x1) + "," + num(y_to[li]) + "\" fill=\"none\" stroke=\"" +
             (l.colour.empty() ? std::string("#999999") : l.colour) + "\" stroke-opacity=\"0.45\" stroke-width=\"" +
             num(std::max(0.8, l.value * k)) + "\"><title>" + escape_html(nodes[l.from].label) + " \u2192 " +
             escape_html(nodes[l.to].label) + ": " + thousands(l.value / scale, 1) + " " + escape_html(unit) +
             "</title></path>";
  }
  std::string boxes;
  for (int c = 0; c < columns; ++c)
    for (int i : column[c]) {
      const SankeyNode& n = nodes[i];
      const bool last = false;  // every label to the right of its node
      boxes += "<g><title>" + escape_html(n.label) + ": " + thousands(at[i].value / scale, 1) + " " + escape_html(unit) +
               "</title><rect x=\"" + num(at[i].x) + "\" y=\"" + num(at[i].y) + "\" width=\"" + num(node_width) +
               "\" height=\"" + num(at[i].height) + "\" fill=\"" + (n.colour.empty() ? std::string("#555555") : n.colour) +
               "\"/>";
      const double ty = at[i].y + at[i].height / 2 + 4;
      const double tx = last ? at[i].x - 4 : at[i].x + node_width + 4;
      boxes += "<text class=\"label halo\" x=\"" + num(tx) + "\" y=\"" + num(ty) + "\" text-anchor=\"" +
               (last ? "end" : "start") + "\">" + escape_html(n.label) + " " + thousands(at[i].value / scale, 1) +
               "</text></g>";
    }
  return "<figure class=\"sankey\"><figcaption>" + escape_html(title) + "</figcaption><svg viewBox=\"0 0 " + num(W) + " " +
         num(H) + "\" role=\"img\" aria-label=\"" + escape_html(title) + "\" xmlns=\"http://www.w3.org/2000/svg\">" +
         "<text class=\"tick\" x=\"8\" y=\"18\">" + escape_html(unit) + "; band widths are money</text>" + bands + boxes +
         "</svg></figure>\n";
}

}  // namespace pbflow::results
