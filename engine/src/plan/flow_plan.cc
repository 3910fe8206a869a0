#include "flow_plan.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "network/funding_graph.h"
#include "plan/loan_terms.h"

namespace pbflow::plan {

namespace {

class Compiler {
 public:
  explicit Compiler(const Scenario& s) : s_(s) {}

  FlowPlan run() {
    network::FundingNetwork net = network::build_network(s_);
    plan_.warnings = net.warnings;
    plan_.months = s_.horizon.months;
    plan_.start = s_.horizon.start;
    plan_.countries = static_cast<int>(s_.countries.size());
    for (const Country& c : s_.countries) plan_.country_slots.push_back(stream_slot(c.iso3));
    for (int code : net.purpose_codes) plan_.purposes.push_back(*find_purpose_code(s_.model.purposes, code));
    plan_.programmes = plan_.countries * plan_.activities();
    for (int prog = 0; prog < plan_.programmes; ++prog) {
      plan_.programme_country.push_back(0);
      plan_.programme_pillar.push_back(0);
      plan_.programme_activity.push_back(0);
    }
    for (int c = 0; c < plan_.countries; ++c)
      for (int a = 0; a < plan_.activities(); ++a) {
        const int prog = plan_.programme(c, a);
        plan_.programme_country[prog] = c;
        plan_.programme_activity[prog] = a;
        plan_.programme_pillar[prog] = a < kPillars ? a : static_cast<int>(plan_.purposes[a - kPillars].pillar);
      }
    plan_.slots = plan_.programmes + 1;
    plan_.untagged = plan_.programmes;
    position_.assign(s_.channels.size(), -1);
    for (std::size_t i = 0; i < net.channel_order.size(); ++i) position_[net.channel_order[i]] = static_cast<int>(i);
    for (int n : net.channel_order) plan_.channels.push_back(compile_channel(s_.channels[n], net, n));
    link_channels(net.channel_order);
    for (std::size_t d = 0; d < s_.donors.size(); ++d) compile_donor(static_cast<int>(d));
    for (const Shock& k : s_.shocks)
      if (k.kind == ShockKind::conflict_onset) {
        int t = k.from->index - s_.horizon.start.index;
        if (t >= 0 && t < plan_.months) plan_.onsets.push_back({t, s_.country_index(k.countries.front())});
      }
    std::stable_sort(plan_.onsets.begin(), plan_.onsets.end(),
                     [](const ScheduledOnset& a, const ScheduledOnset& b) { return a.month < b.month; });
    compile_stochastic_shocks();
    if (s_.peacekeeping) compile_peacekeeping(*s_.peacekeeping);
    warn_outside_horizon();
    return std::move(plan_);
  }

  // A dated shock that falls outside the horizon does nothing: said, not silent.
  // (A `from` before the start is in effect from the first month.)
  void warn_outside_horizon() {
    const int start = s_.horizon.start.index, end = start + s_.horizon.months;
    for (std::size_t i = 0; i < s_.shocks.size(); ++i) {
      const Shock& k = s_.shocks[i];
      if (!k.from) continue;
      const bool one_off = k.kind == ShockKind::supplementary || k.kind == ShockKind::conflict_onset ||
                           k.kind == ShockKind::disaster;
      const char* key = one_off ? "at" : "from";
      const std::string where = k.where.str() + ": shocks." + std::to_string(i) + "." + key + " " + k.from->str();
      if (k.from->index >= end)
        plan_.warnings.push_back(where + " is after the horizon (its last month is " + YearMonth{end - 1}.str() +
                                 "); this shock has no effect");
      else if (one_off && k.from->index < start)
        plan_.warnings.push_back(where + " is before the horizon starts (" + s_.horizon.start.str() +
                                 "); this shock has no effect");
    }
  }

 private:
  const Scenario& s_;
  FlowPlan plan_;
  std::vector<int> position_;  // scenario channel index -> plan position
  std::map<std::pair<std::string, std::string>, int> edge_index_;

  int edge(const std::string& from, const std::string& to) {
    auto [it, inserted] = edge_index_.try_emplace({from, to}, static_cast<int>(plan_.edges.size()));
    if (inserted) plan_.edges.push_back({from, to});
    return it->second;
  }

  std::vector<Target> targets(const ShareMap& shares, const std::string& from) {
    std::vector<Target> out;
    for (const auto& [id, share] : shares) out.push_back({position_[s_.channel_index(id)], share, edge(from, id)});
    return out;
  }

  // A value that scheduled shocks may change from a month on.
  std::vector<double> per_month(double initial, const std::string& channel, ShockKind kind) const {
    std::vector<double> v(plan_.months, initial);
    for (const Shock& k : s_.shocks)
      if (k.kind == kind && k.channel == channel)
        for (int t = std::max(0, k.from->index - s_.horizon.start.index); t < plan_.months; ++t) v[t] = k.value;
    return v;
  }

  ChannelPlan compile_channel(const Channel& c, const network::FundingNetwork& net, int n) {
    ChannelPlan p;
    p.row_of_slot.assign(plan_.slots, -1);
    for (int slot = 0; slot < plan_.slots; ++slot) {
      const bool held = slot == plan_.untagged ? static_cast<bool>(net.receives_untagged[n])
                                               : net.arriving_activities[n][plan_.activity_of(slot)];
      if (!held) continue;
      p.row_of_slot[slot] = p.width();
      p.slot_of_row.push_back(slot);
    }
    p.id = c.id;
    p.local = c.local;
    p.overhead = per_month(c.overhead, c.id, ShockKind::overhead);
    std::vector<double> lag = per_month(c.lag_months, c.id, ShockKind::lag);
    bool ever_delayed = std::any_of(lag.begin(), lag.end(), [](double l) { return l > 0; });
    p.stages = ever_delayed ? c.stages : 0;
    p.pass_fraction.resize(plan_.months);
    // q = min(1, k / L); a month with L = 0 bypasses the pipeline (q marks it as 0).
    for (int t = 0; t < plan_.months; ++t) p.pass_fraction[t] = lag[t] > 0 ? std::min(1.0, c.stages / lag[t]) : 0.0;
    p.capacity = c.capacity ? *c.capacity : -1.0;
    for (Pillar x : c.mandate.pillars) p.mandate_pillars[static_cast<int>(x)] = true;
    for (Phase x : c.mandate.phases) p.mandate_phases[static_cast<int>(x)] = true;
    p.within_months = c.mandate.within_months ? *c.mandate.within_months : -1;
    if (!c.mandate.countries.empty()) {
      p.mandate_countries.assign(plan_.countries, false);
      for (const auto& iso3 : c.mandate.countries) p.mandate_countries[s_.country_index(iso3)] = true;
    }
    if (c.core) {
      p.has_core = true;
      p.core_rule = c.core->rule;
      p.core_activities.assign(plan_.activities(), 0.0);
      for (int a = 0; a < plan_.activities(); ++a) {
        if (a < kPillars) {
          if (c.purposes.empty()) p.core_activities[a] = c.core->pillar_weights[a];
          continue;
        }
        // A channel limited to purpose codes splits each pillar's core money
        // over its codes of that pillar by their weights.
        const PurposeCode& code = plan_.purposes[a - kPillars];
        const auto it = c.purposes.find(code.code);
        if (it == c.purposes.end()) continue;
        double pillar_total = 0.0;
        for (const auto& [other, weight] : c.purposes)
          if (find_purpose_code(s_.model.purposes, other)->pillar == code.pillar) pillar_total += weight;
        p.core_activities[a] = c.core->pillar_weights[static_cast<int>(code.pillar)] * it->second / pillar_total;
      }
    }
    p.stage_row = plan_.stage_rows;
    plan_.stage_rows += p.stages * p.width();
    p.ready_row = plan_.ready_rows;
    plan_.ready_rows += p.width();
    return p;
  }

  void link_channels(const std::vector<int>& order) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      const Channel& c = s_.channels[order[i]];
      ChannelPlan& p = plan_.channels[i];
      p.passes = targets(c.passes, c.id);
      for (const auto& t : p.passes) p.passes_total += t.share;
      if (c.to) p.to = targets(*c.to, c.id);
      p.programme_edge = edge(c.id, "programme");
    }
  }

  void compile_stochastic_shocks() {
    plan_.shocks.assign(plan_.countries, {});
    for (const Shock& k : s_.shocks) {
      if (k.kind != ShockKind::disaster && k.kind != ShockKind::displacement_surge) continue;
      std::vector<int> hit;
      for (const auto& iso3 : k.countries) hit.push_back(s_.country_index(iso3));
      if (k.countries.empty())
        for (int c = 0; c < plan_.countries; ++c) hit.push_back(c);
      PeopleAffected size{k.people_median, k.people_sigma};
      for (int c : hit) {
        if (k.kind == ShockKind::disaster && k.from) {
          const int t = k.from->index - s_.horizon.start.index;
          if (t >= 0 && t < plan_.months) plan_.shocks[c].scheduled.push_back({t, size});
        } else if (k.kind == ShockKind::disaster)
          plan_.shocks[c].disasters.push_back({k.rate_per_year / 12.0, size});
        else
          plan_.shocks[c].surges.push_back(size);
      }
    }
  }

  // How each pillar's money of a line splits below the pillar: its codes by
  // their shares, the rest to the pillar's general programme.
  void split_by_purpose(const std::map<int, double>& purposes, LinePlan& lp) const {
    for (int p = 0; p < kPillars; ++p) {
      double coded = 0.0;
      for (const auto& [code, share] : purposes) {
        const PurposeCode& purpose = *find_purpose_code(s_.model.purposes, code);
        if (static_cast<int>(purpose.pillar) != p || share <= 0.0) continue;
        coded += share;
        lp.activities[p].push_back({activity(code), share});
      }
      if (coded < 1.0 - 1e-9) lp.activities[p].insert(lp.activities[p].begin(), {p, coded == 0.0 ? 1.0 : 1.0 - coded});
    }
  }

  int activity(int code) const {
    for (std::size_t k = 0; k < plan_.purposes.size(); ++k)
      if (plan_.purposes[k].code == code) return kPillars + static_cast<int>(k);
    return -1;  // not reached: every code a line names is in plan_.purposes
  }

  // A line of its own for a supplementary budget earmarked to one programme:
  // released at once, through its channel mix (nothing appropriated yet).
  LinePlan earmarked_line(int d, const std::string& source, const std::string& country, Pillar pillar,
                          const ShareMap& mix, const std::map<int, double>& purposes) {
    const int p = static_cast<int>(pillar);
    LinePlan lp;
    lp.label = s_.donors[d].id + "/supplementary:" + country + ":" + to_string(pillar) + "(" + source + ")";
    lp.donor = d;
    lp.pillars[p] = true;
    split_by_purpose(purposes, lp);
    lp.deliver[p] = targets(mix, lp.label);
    lp.earmark = s_.country_index(country) * kPillars + p;
    lp.appropriated.assign(plan_.months, 0.0);
    lp.released.assign(plan_.months, 0.0);
    return lp;
  }

  // Missions spend a twelfth of their UN year's budget each month (UN
  // peacekeeping years run July to June); each assessed donor owes its rate
  // times every mission's budget each July, and pays it after its delay.
  void compile_peacekeeping(const Peacekeeping& pk) {
    const int T = plan_.months;
    auto un_year = [](YearMonth m) { return m.month() >= 7 ? m.year() : m.year() - 1; };
    plan_.mission_spending.assign(static_cast<std::size_t>(plan_.countries) * T, 0.0);
    for (const Mission& mission : pk.missions) {
      MissionPlan mp;
      mp.id = mission.id;
      mp.name = mission.name;
      mp.country = s_.country_index(mission.country);
      mp.spending.assign(T, 0.0);
      for (int t = 0; t < T; ++t) {
        const auto it = mission.budgets.find(un_year(YearMonth{s_.horizon.start.index + t}));
        if (it == mission.budgets.end()) continue;
        mp.spending[t] = it->second / 12.0;
        plan_.mission_spending[static_cast<std::size_t>(mp.country) * T + t] += mp.spending[t];
      }
      plan_.missions.push_back(std::move(mp));
    }
    for (const Assessment& a : pk.assessments)
      for (std::size_t m = 0; m < pk.missions.size(); ++m) {
        AssessmentPlan ap;
        ap.donor = a.donor;
        ap.mission = static_cast<int>(m);
        ap.assessed.assign(T, 0.0);
        ap.paid.assign(T, 0.0);
        ap.share.assign(T, 0.0);
        for (int t = 0; t < T; ++t) {
          const YearMonth month{s_.horizon.start.index + t};
          const int y = un_year(month);
          ap.share[t] = pk.rate(a, y);
          const auto budget = pk.missions[m].budgets.find(y);
          if (month.month() != 7 || budget == pk.missions[m].budgets.end()) continue;
          ap.assessed[t] = ap.share[t] * budget->second;
          if (t + a.payment_delay_months < T) ap.paid[t + a.payment_delay_months] += ap.assessed[t];
        }
        plan_.assessments.push_back(std::move(ap));
      }
  }

  LoanPlan loan_plan(const Loan& loan, const LinePlan& lp, int line, const std::string& currency) const {
    LoanPlan plan;
    plan.line = line;
    plan.country = s_.country_index(loan.borrower);
    plan.label = lp.label;
    plan.currency = currency;
    plan.monthly_interest = loan.interest / 12.0;
    plan.grace_months = static_cast<int>(std::lround(loan.grace_years * 12.0));
    plan.maturity_months = static_cast<int>(std::lround(loan.maturity_years * 12.0));
    plan.arrears_in_conflict = loan.arrears_in_conflict;
    plan.annuity = loan.repayment == Repayment::annuity;
    if (loan.relief_at) {
      plan.relief_month = loan.relief_at->index - s_.horizon.start.index;
      plan.relief_arrears = loan.relief_arrears;
      plan.relief_outstanding = loan.relief_outstanding;
    }
    plan.income_group = loan.income_group;
    plan.discount_rate = dac_discount_rate(loan.income_group);
    plan.threshold = dac_grant_element_threshold(loan.income_group);
    plan.grant_element = dac_grant_element(loan.interest, loan.grace_years, loan.maturity_years, plan.discount_rate,
                                           loan.repayment);
    return plan;
  }

  // A fiscal year's loan commitment, booked when the year opens (month t,
  // fiscal month k: 0, or later when the horizon starts inside the year).
  void commit(const Loan& loan, LinePlan& lp, LoanPlan& plan, int fy, int t, int k, double scale) {
    const auto it = loan.commitments.find(fy);
    if (it != loan.commitments.end() && it->second != 0.0) book(loan, lp, plan, fy, t - k, t, it->second * scale);
  }

  // A commitment signed in month `at` (relative to the horizon), booked
  // when it is signed, or in the horizon's first month if signed before.
  // Its disbursements follow the profile, a twelfth of a year's share a
  // month from the commitment's month; those before the horizon are not
  // counted, those after it stay committed and undisbursed.
  void book(const Loan& loan, LinePlan& lp, LoanPlan& plan, int fiscal_year, int at, int t, double amount) {
    LoanTranche tranche;
    tranche.fiscal_year = fiscal_year;
    tranche.commit_month = at;
    tranche.committed = amount;
    tranche.disbursed.assign(plan_.months, 0.0);
    for (std::size_t y = 0; y < loan.disbursement.size(); ++y)
      for (int j = 0; j < 12; ++j) {
        const int when = at + static_cast<int>(y) * 12 + j;
        if (when < t) continue;
        const double slice = amount * loan.disbursement[y] / 12.0;
        lp.appropriated[t] += slice;
        if (when < plan_.months) {
          lp.released[when] += slice;
          tranche.disbursed[when] += slice;
        }
      }
    plan.tranches.push_back(std::move(tranche));
  }

  void compile_donor(int d) {
    const Donor& donor = s_.donors[d];
    const int T = plan_.months;
    DonorPlan dp;
    dp.id = donor.id;
    dp.per_base.resize(T);
    dp.fiscal_month.resize(T);
    if (donor.currency != s_.currency.base) {
      const ExchangeRate& rate = s_.currency.fx.at(donor.currency);
      dp.fx_volatility = rate.volatility;
      dp.fx_drift = rate.drift;
      dp.currency_slot = stream_slot(donor.currency);
    }
    // Budget shocks by line and month: a shock naming a line scales that line alone.
    std::vector<std::vector<double>> line_scale(donor.lines.size());
    for (std::size_t l = 0; l < donor.lines.size(); ++l) line_scale[l].assign(T, donor.lines[l].scale);
    for (const Shock& k : s_.shocks)
      if (k.kind == ShockKind::budget && k.donor == donor.id)
        for (std::size_t l = 0; l < donor.lines.size(); ++l)
          if (k.line.empty() || k.line == donor.lines[l].id)
            for (int t = std::max(0, k.from->index - s_.horizon.start.index); t < T; ++t) line_scale[l][t] *= k.scale;
    const int fs = donor.fiscal_year_start;
    auto fiscal_year = [&](YearMonth m) { return m.month() >= fs ? m.year() : m.year() - 1; };
    auto fiscal_month = [&](YearMonth m) { return (m.month() - fs + 12) % 12; };
    for (int t = 0; t < T; ++t) {
      YearMonth m{s_.horizon.start.index + t};
      dp.per_base[t] = donor.currency == s_.currency.base ? 1.0 : s_.currency.fx.at(donor.currency).at(m);
      dp.fiscal_month[t] = fiscal_month(m);
    }
    const std::size_t first_line = plan_.lines.size();
    for (const BudgetLine& line : donor.lines) {
      LinePlan lp;
      lp.label = donor.id + "/" + line.id;
      lp.donor = d;
      lp.reserve = line.release.kind == ReleaseKind::reserve;
      lp.allocate = line.allocate_by_strategy;
      if (line.to) lp.to = targets(*line.to, lp.label);
      for (int p = 0; p < kPillars; ++p)
        if (line.deliver[p]) lp.deliver[p] = targets(*line.deliver[p], lp.label);
      for (Pillar p : line.pillars) lp.pillars[static_cast<int>(p)] = true;
      split_by_purpose(line.purposes, lp);
      for (Trigger tr : line.release.on) lp.triggers[static_cast<int>(tr)] = true;
      lp.share_per_event = line.release.share_per_event;
      lp.lapse_at_year_end = line.release.lapse_at_year_end;
      lp.appropriated.assign(T, 0.0);
      lp.released.assign(T, 0.0);
      if (line.loan) {
        lp.earmark = s_.country_index(line.loan->borrower) * kPillars + static_cast<int>(line.loan->pillar);
        lp.loan = static_cast<int>(plan_.loans.size());
        plan_.loans.push_back(loan_plan(*line.loan, lp, static_cast<int>(plan_.lines.size()), donor.currency));
      }
      plan_.lines.push_back(std::move(lp));
    }
    // A supplementary appropriation: split by line shares; each line releases
    // its part at once, a reserve line adds it to its reserve.
    auto supplement = [&](int t, double amount, const std::string& to_line) {
      for (std::size_t l = 0; l < donor.lines.size(); ++l) {
        LinePlan& lp = plan_.lines[first_line + l];
        // Voted for one line: all of it there; otherwise split by the lines' shares.
        const double share = to_line.empty() ? donor.lines[l].share : to_line == donor.lines[l].id ? 1.0 : 0.0;
        if (share == 0.0) continue;
        double part = share * amount * line_scale[l][t];
        lp.appropriated[t] += part;
        if (!lp.reserve) lp.released[t] += part;
      }
    };
    // Supplementary budgets of the donor's own that are earmarked to a
    // country: a line each (appropriated below, at their months).
    std::vector<std::size_t> earmarked_budget_lines(donor.budget.supplementary.size());
    for (std::size_t i = 0; i < donor.budget.supplementary.size(); ++i) {
      const Supplementary& sp = donor.budget.supplementary[i];
      if (!sp.deliver) continue;
      earmarked_budget_lines[i] = plan_.lines.size();
      plan_.lines.push_back(earmarked_line(d, "budget.supplementary#" + std::to_string(i), sp.country, sp.pillar,
                                           *sp.deliver, sp.purposes));
    }
    for (int t = 0; t < T; ++t) {
      YearMonth m{s_.horizon.start.index + t};
      const int fy = fiscal_year(m);
      const int k = fiscal_month(m);
      const double initial = donor.budget.for_year(fy);
      // Loan commitments signed this month (or, at the horizon's start, before it).
      for (std::size_t l = 0; l < donor.lines.size(); ++l) {
        const BudgetLine& line = donor.lines[l];
        if (!line.loan) continue;
        LinePlan& lp = plan_.lines[first_line + l];
        for (const auto& [month, amount] : line.loan->commitments_at) {
          const int at = month - s_.horizon.start.index;
          if (amount != 0.0 && (at == t || (t == 0 && at < 0)))
            book(*line.loan, lp, plan_.loans[lp.loan], fiscal_year(YearMonth{month}), at, t, amount * line_scale[l][t]);
        }
      }
      if (k == 0 || t == 0) {
        // Book this fiscal year's appropriation: the slices released from now on.
        for (std::size_t l = 0; l < donor.lines.size(); ++l) {
          const BudgetLine& line = donor.lines[l];
          LinePlan& lp = plan_.lines[first_line + l];
          if (line.loan) {
            commit(*line.loan, lp, plan_.loans[lp.loan], fy, t, k, line_scale[l][t]);
            continue;
          }
          // The line's appropriation this fiscal year: its own amount, or its share of the budget.
          const double voted = line.amount ? line.amount->for_year(fy) : line.share * initial;
          if (lp.reserve) {
            if (k == 0) lp.appropriated[t] += voted * line_scale[l][t];
            continue;
          }
          for (int j = k; j < 12; ++j) {
            int when = t + (j - k);
            double slice = voted * line.release.fractions[j] * line_scale[l][std::min(when, T - 1)];
            lp.appropriated[t] += slice;
            if (when < T) lp.released[when] += slice;
          }
        }
      }
      for (std::size_t i = 0; i < donor.budget.supplementary.size(); ++i) {
        const Supplementary& sp = donor.budget.supplementary[i];
        bool now = sp.at ? sp.at->index == m.index : *sp.calendar_month == m.month();
        if (!now) continue;
        if (sp.deliver) {
          LinePlan& lp = plan_.lines[earmarked_budget_lines[i]];
          lp.appropriated[t] += sp.share_of_initial * initial + sp.amount;
          lp.released[t] += sp.share_of_initial * initial + sp.amount;
        } else {
          supplement(t, sp.share_of_initial * initial + sp.amount, sp.line);
        }
      }
      for (const Shock& sh : s_.shocks)
        if (sh.kind == ShockKind::supplementary && !sh.deliver && sh.donor == donor.id && sh.from->index == m.index)
          supplement(t, sh.amount, sh.line);
    }
    // A supplementary budget earmarked to a country: a line of its own,
    // released at once to that country's programme through its channels.
    for (std::size_t i = 0; i < s_.shocks.size(); ++i) {
      const Shock& sh = s_.shocks[i];
      if (sh.kind != ShockKind::supplementary || !sh.deliver || sh.donor != donor.id) continue;
      LinePlan lp = earmarked_line(d, "shocks#" + std::to_string(i), sh.countries.front(), sh.pillar, *sh.deliver, sh.purposes);
      const int t = sh.from->index - s_.horizon.start.index;
      if (t >= 0 && t < T) lp.appropriated[t] = lp.released[t] = sh.amount;
      plan_.lines.push_back(std::move(lp));
    }
    plan_.donors.push_back(std::move(dp));
  }
};

}  // namespace

std::string FlowPlan::programme_label(int programme, const Scenario& s) const {
  std::string label = s.countries[country_of(programme)].iso3;
  label += '.';
  label += to_string(static_cast<Pillar>(pillar_of(programme)));
  if (const PurposeCode* purpose = purpose_of(programme)) {
    label += '.';
    label += std::to_string(purpose->code);
  }
  return label;
}

FlowPlan compile(const Scenario& s) { return Compiler(s).run(); }

}  // namespace pbflow::plan
