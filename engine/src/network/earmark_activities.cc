// Which activities (a pillar's general programme or a purpose code's) the
// earmarked money reaching each channel is for, so the plan holds a row per
// activity a channel can carry and no more, and a channel limited to some
// purpose codes (UNMAS: mine action) receives money for nothing else.
#include <algorithm>
#include <set>

#include "funding_graph.h"

namespace pbflow::network {

namespace {

const PurposeCode& purpose(const Scenario& s, int code) { return *find_purpose_code(s.model.purposes, code); }

std::string activity_name(const Scenario& s, const FundingNetwork& net, int a) {
  if (a < kPillars) return std::string("the general ") + to_string(static_cast<Pillar>(a)) + " programme";
  const int code = net.purpose_codes[a - kPillars];
  return std::to_string(code) + " (" + purpose(s, code).name + ")";
}

}  // namespace

void trace_activities(const Scenario& s, FundingNetwork& net) {
  std::set<int> codes;
  for (const Donor& d : s.donors) {
    for (const BudgetLine& line : d.lines)
      for (const auto& [code, share] : line.purposes)
        if (share > 0.0) codes.insert(code);
    for (const Supplementary& sp : d.budget.supplementary)
      for (const auto& [code, share] : sp.purposes)
        if (share > 0.0) codes.insert(code);
  }
  for (const Shock& k : s.shocks)
    for (const auto& [code, share] : k.purposes)
      if (share > 0.0) codes.insert(code);
  for (const Channel& c : s.channels)
    if (c.core)
      for (const auto& [code, weight] : c.purposes)
        if (weight > 0.0 && c.core->pillar_weights[static_cast<int>(purpose(s, code).pillar)] > 0.0) codes.insert(code);
  net.purpose_codes.assign(codes.begin(), codes.end());
  auto activity_of = [&](int code) {
    return kPillars + static_cast<int>(std::lower_bound(net.purpose_codes.begin(), net.purpose_codes.end(), code) -
                                       net.purpose_codes.begin());
  };
  const std::size_t n_channels = s.channels.size();
  net.earmarked_activities.assign(n_channels, std::vector<bool>(net.activities(), false));
  net.arriving_activities = net.earmarked_activities;
  auto arrive = [&](const std::string& id, int a) {
    const int n = s.channel_index(id);
    net.earmarked_activities[n][a] = true;
    net.arriving_activities[n][a] = true;
  };
  // A pillar's money goes to its codes by the shares, the rest to the
  // pillar's general programme.
  auto earmark = [&](const ShareMap& mix, int p, const std::map<int, double>& shares) {
    double coded = 0.0;
    std::vector<int> reached;
    for (const auto& [code, share] : shares)
      if (share > 0.0 && static_cast<int>(purpose(s, code).pillar) == p) {
        coded += share;
        reached.push_back(activity_of(code));
      }
    if (coded < 1.0 - 1e-9) reached.push_back(p);
    for (const auto& [id, share] : mix)
      for (int a : reached) arrive(id, a);
  };
  for (const Donor& d : s.donors)
    for (const BudgetLine& line : d.lines)
      for (int p = 0; p < kPillars; ++p)
        if (line.deliver[p]) earmark(*line.deliver[p], p, line.purposes);
  // Supplementary budgets earmarked to a country.
  for (const Shock& k : s.shocks)
    if (k.kind == ShockKind::supplementary && k.deliver) earmark(*k.deliver, static_cast<int>(k.pillar), k.purposes);
  for (const Donor& d : s.donors)
    for (const Supplementary& sp : d.budget.supplementary)
      if (sp.deliver) earmark(*sp.deliver, static_cast<int>(sp.pillar), sp.purposes);
  // Core money is earmarked where it is disbursed; sub-grants carry earmarks on.
  for (int n : net.channel_order) {
    const Channel& c = s.channels[n];
    if (net.receives_untagged[n] && !c.to && c.core)
      for (int p = 0; p < kPillars; ++p) {
        if (c.core->pillar_weights[p] <= 0.0) continue;
        if (c.purposes.empty()) net.earmarked_activities[n][p] = true;
        for (const auto& [code, weight] : c.purposes)
          if (weight > 0.0 && static_cast<int>(purpose(s, code).pillar) == p)
            net.earmarked_activities[n][activity_of(code)] = true;
      }
    for (const auto& [id, share] : c.passes)
      for (int a = 0; a < net.activities(); ++a)
        if (net.earmarked_activities[n][a]) arrive(id, a);
  }
  for (std::size_t n = 0; n < n_channels; ++n) {
    const Channel& c = s.channels[n];
    if (c.purposes.empty()) continue;
    for (int a = 0; a < net.activities(); ++a) {
      if (!net.arriving_activities[n][a]) continue;
      if (a >= kPillars && c.purposes.count(net.purpose_codes[a - kPillars])) continue;
      std::string works_on;
      for (const auto& [code, weight] : c.purposes) works_on += (works_on.empty() ? "" : ", ") + std::to_string(code);
      throw InputError(c.where, "channels." + c.id + ".purposes",
                       "money earmarked to " + activity_name(s, net, a) +
                           " can reach this channel, which works only on " + works_on +
                           "; give the budget lines that send it money `purposes:` among these codes");
    }
  }
}

}  // namespace pbflow::network
