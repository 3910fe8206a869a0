// A Sankey diagram of money as inline SVG: nodes in columns (donor, budget
// lines, channels by depth, countries, pillars), links as bands whose width
// is the money, each with a tooltip naming its amount. Sinks (overhead,
// money still in pipelines) sit at the bottom of their column.
#pragma once

#include <string>
#include <vector>

namespace pbflow::results {

struct SankeyNode {
  std::string id, label;
  int column = 0;
  bool sink = false;
  std::string colour;  // empty: grey
};

struct SankeyLink {
  int from = 0, to = 0;
  double value = 0.0;
  std::string colour;  // the band's
};

class SankeyGraph {
 public:
  // The node with this id, added if new.
  int node(const std::string& id, const std::string& label, int column, bool sink = false, const std::string& colour = "");
  int find(const std::string& id) const;  // -1 if absent
  // Adds to the link (from, to, colour), made if new; non-positive values are ignored.
  void link(int from, int to, double value, const std::string& colour);
  const std::vector<SankeyNode>& nodes() const { return nodes_; }
  const std::vector<SankeyLink>& links() const { return links_; }

 private:
  std::vector<SankeyNode> nodes_;
  std::vector<SankeyLink> links_;
};

// Values are divided by `scale` for labels (1e6: millions of `unit`).
std::string sankey_svg(const SankeyGraph& graph, const std::string& title, const std::string& unit, double scale);

}  // namespace pbflow::results
