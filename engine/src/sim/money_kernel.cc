#include "sim/money_kernel.h"

#include <algorithm>
#include <cmath>

#include "strategy/country_weights.h"

namespace pbflow::sim {

namespace {
constexpr int kHumanitarian = static_cast<int>(Pillar::humanitarian);
}

MoneyKernel::MoneyKernel(const Scenario& s, const plan::FlowPlan& plan, const strategy::AllocationPolicy& policy,
                         bool record_flows)
    : s_(s), plan_(plan), policy_(policy), record_flows_(record_flows) {}

void MoneyKernel::reset(int replicas) {
  const int lines = static_cast<int>(plan_.lines.size());
  country_.reset(s_, replicas);
  weights_.setZero(plan_.programmes, replicas);
  capacity_.setZero(plan_.programmes, replicas);
  events_.setZero(plan_.countries, replicas);
  stages_.setZero(plan_.stage_rows, replicas);
  ready_.setZero(plan_.ready_rows, replicas);
  arrivals_.setZero(plan_.ready_rows, replicas);
  programme_.setZero(plan_.programmes, replicas);
  programme_in_.setZero(plan_.programmes, replicas);
  core_.setZero(plan_.programmes, replicas);
  core_ok_.setZero(replicas);
  spent_.setZero(plan_.programmes, replicas);
  overhead_.setZero(static_cast<int>(plan_.channels.size()), replicas);
  unreleased_.setZero(lines, replicas);
  reserve_.setZero(lines, replicas);
  lapsed_.setZero(lines, replicas);
  released_donor_.setZero(lines, replicas);
  appropriated_donor_.assign(lines, 0.0);
  released_base_.setZero(replicas);
  flows_.setZero(record_flows_ ? static_cast<int>(plan_.edges.size()) * plan_.slots : 0, replicas);
  series_.setZero(plan_.months * kSeriesCount, replicas);
  max_error_.setZero(replicas);
  conflict_months_.setZero(plan_.countries, replicas);
  relapses_.setZero(plan_.countries, replicas);
  unmet_need_.setZero(plan_.countries, replicas);
  reached_.setZero(plan_.countries, replicas);
  appropriated_base_ = 0.0;
}

void MoneyKernel::step(int t) {
  events_.setZero();
  for (const auto& onset : plan_.onsets) {
    if (onset.month != t) continue;
    for (int r = 0; r < replicas(); ++r)
      relapses_(onset.country, r) += country_.phase(onset.country, r) == static_cast<int>(Phase::fragile) ? 1.0 : 0.0;
    std::vector<bool> fired = start_conflict(country_, onset.country);
    for (int r = 0; r < replicas(); ++r) events_(onset.country, r) += fired[r] ? 1.0 : 0.0;
  }
  const int fiscal_month = plan_.donors.empty() ? 0 : plan_.donors.front().fiscal_month[t];
  if (policy_.review_due(t, fiscal_month)) policy_.weights(country_, weights_);
  absorptive_capacity(country_, s_.absorption, capacity_);
  arrivals_.setZero();
  programme_in_.setZero();

  run_pipelines(t);
  release_budgets(t);
  for (std::size_t n = 0; n < plan_.channels.size(); ++n) process_channel(t, plan_.channels[n], n);
  spend_programmes(t);
  close_fiscal_year(t);
  series_.row(t * kSeriesCount + kInPipeline) = in_pipeline();
  conflict_months_.array() += (country_.phase.array() == static_cast<int>(Phase::conflict)).cast<double>();
  check_conservation();
  advance_month(country_);
}

// (1) Every stage passes q of what it held at the start of the month. Going
// from the last stage back means a stage's inflow this month is not passed on.
void MoneyKernel::run_pipelines(int t) {
  const int slots = plan_.slots;
  for (const auto& ch : plan_.channels) {
    if (ch.stages == 0) continue;
    const double q = ch.pass_fraction[t] > 0 ? ch.pass_fraction[t] : 1.0;  // a zero-lag month flushes
    for (int stage = ch.stages - 1; stage >= 0; --stage) {
      auto from = stages_.middleRows(ch.stage_row + stage * slots, slots);
      auto to = stage + 1 < ch.stages ? stages_.middleRows(ch.stage_row + (stage + 1) * slots, slots)
                                      : ready_.middleRows(ch.ready_row, slots);
      to += q * from;
      from *= (1.0 - q);
    }
  }
}

void MoneyKernel::deliver_earmarked(const std::vector<plan::Target>& targets, int programme, int r,
                                    double amount) {
  for (const auto& target : targets) {
    const double x = target.share * amount;
    arrivals_(plan_.channels[target.channel].ready_row + programme, r) += x;
    add_flow(target.edge, programme, r, x);
  }
}

// (2) This month's releases leave the budget lines.
void MoneyKernel::release_budgets(int t) {
  const int B = replicas();
  for (std::size_t l = 0; l < plan_.lines.size(); ++l) {
    const plan::LinePlan& line = plan_.lines[l];
    const double per_base = plan_.donors[line.donor].per_base[t];
    appropriated_donor_[l] += line.appropriated[t];
    appropriated_base_ += line.appropriated[t] / per_base;
    if (line.reserve) {
      reserve_.row(l).array() += line.appropriated[t];
      release_reserve(t, l);
      continue;
    }
    unreleased_.row(l).array() += line.appropriated[t] - line.released[t];
    const double amount_donor = line.released[t];
    if (amount_donor == 0.0) continue;
    released_donor_.row(l).array() += amount_donor;
    const double base = amount_donor / per_base;
    released_base_.array() += base;
    series_.row(t * kSeriesCount + kReleased).array() += base;
    for (const auto& target : line.to) {
      arrivals_.row(plan_.channels[target.channel].ready_row + plan_.untagged).array() += target.share * base;
      if (record_flows_) flows_.row(target.edge * plan_.slots + plan_.untagged).array() += target.share * base;
    }
    if (!line.allocate) continue;
    for (int r = 0; r < B; ++r) {
      double total = 0.0;
      for (int prog = 0; prog < plan_.programmes; ++prog)
        if (line.pillars[prog % kPillars]) total += weights_(prog, r);
      for (int prog = 0; prog < plan_.programmes; ++prog) {
        const int p = prog % kPillars;
        if (!line.pillars[p]) continue;
        // If the strategy gives this line's pillars nothing, split evenly over them.
        double w = total > 0.0 ? weights_(prog, r) / total
                               : 1.0 / (plan_.countries * (line.pillars[0] + line.pillars[1] + line.pillars[2]));
        if (w > 0.0) deliver_earmarked(line.deliver[p], prog, r, base * w);
      }
    }
  }
}

// A reserve releases share_per_event of its balance for each triggering
// event, earmarked to that country's humanitarian programme.
void MoneyKernel::release_reserve(int t, std::size_t l) {
  const plan::LinePlan& line = plan_.lines[l];
  if (!line.triggers[static_cast<int>(Trigger::conflict_onset)]) return;
  const double per_base = plan_.donors[line.donor].per_base[t];
  for (int c = 0; c < plan_.countries; ++c)
    for (int r = 0; r < replicas(); ++r)
      for (int k = 0; k < static_cast<int>(events_(c, r)); ++k) {
        const double x = line.share_per_event * reserve_(l, r);
        if (x <= 0.0) continue;
        reserve_(l, r) -= x;
        released_donor_(l, r) += x;
        const double base = x / per_base;
        released_base_(r) += base;
        series_(t * kSeriesCount + kReleased, r) += base;
        deliver_earmarked(line.deliver[kHumanitarian], c * kPillars + kHumanitarian, r, base);
      }
}

// Which programmes a channel's core money may go to, with what weight, in
// each replica; core_ok_ marks replicas where at least one is eligible.
void MoneyKernel::core_weights(const plan::ChannelPlan& ch) {
  const int B = replicas();
  auto eligible = [&](int c, int r) {
    if (!ch.mandate_phases[country_.phase(c, r)]) return false;
    if (ch.within_months < 0) return true;
    const int since = country_.months_since_settlement(c, r);
    return since >= 0 && since < ch.within_months;
  };
  for (int r = 0; r < B; ++r) {
    double total = 0.0;
    int n_eligible = 0;
    for (int c = 0; c < plan_.countries; ++c) {
      const bool ok = eligible(c, r);
      const double w = ok ? strategy::core_country_weight(ch.core_rule, country_, c, r) : 0.0;
      n_eligible += ok;
      total += w;
      for (int p = 0; p < kPillars; ++p) core_(c * kPillars + p, r) = w;
    }
    // Eligible countries that all weigh nothing (no one in need): equal weights.
    if (n_eligible > 0 && total <= 0.0) {
      for (int c = 0; c < plan_.countries; ++c)
        for (int p = 0; p < kPillars; ++p) core_(c * kPillars + p, r) = eligible(c, r) ? 1.0 : 0.0;
      total = n_eligible;
    }
    core_ok_(r) = n_eligible > 0 ? 1.0 : 0.0;
    for (int prog = 0; prog < plan_.programmes; ++prog)
      core_(prog, r) = total > 0.0 ? core_(prog, r) / total * ch.core_pillars[prog % kPillars] : 0.0;
  }
}

// (3) A channel takes overhead on arrival, fills its pipeline (or its ready
// money if it has no lag this month), and disburses within capacity.
void MoneyKernel::process_channel(int t, const plan::ChannelPlan& ch, std::size_t index) {
  const int slots = plan_.slots;
  const int B = replicas();
  auto arriving = arrivals_.middleRows(ch.ready_row, slots);
  const double o = ch.overhead[t];
  if (o > 0.0) {
    Row kept = o * column_sums(arriving);
    overhead_.row(index) += kept;
    series_.row(t * kSeriesCount + kOverhead) += kept;
    arriving *= (1.0 - o);
  }
  if (ch.stages > 0 && ch.pass_fraction[t] > 0)
    stages_.middleRows(ch.stage_row, slots) += arriving;
  else
    ready_.middleRows(ch.ready_row, slots) += arriving;

  auto ready = ready_.middleRows(ch.ready_row, slots);
  const int U = plan_.untagged;
  if (ch.has_core) core_weights(ch);
  for (int r = 0; r < B; ++r) {
    // Untagged money moves on only through `to:` or to eligible programmes.
    const bool untagged_moves = !ch.to.empty() || (ch.has_core && core_ok_(r) > 0);
    double total = 0.0;
    for (int e = 0; e < U; ++e) total += ready(e, r);
    if (untagged_moves) total += ready(U, r);
    if (total <= 0.0) continue;
    const double f = (ch.capacity >= 0.0 && total > ch.capacity) ? ch.capacity / total : 1.0;
    auto route = [&](int programme, double x) {
      for (const auto& target : ch.passes) {
        arrivals_(plan_.channels[target.channel].ready_row + programme, r) += target.share * x;
        add_flow(target.edge, programme, r, target.share * x);
      }
      const double kept = (1.0 - ch.passes_total) * x;
      programme_in_(programme, r) += kept;
      add_flow(ch.programme_edge, programme, r, kept);
    };
    for (int e = 0; e < U; ++e) {
      const double x = f * ready(e, r);
      if (x <= 0.0) continue;
      ready(e, r) -= x;
      route(e, x);
    }
    if (!untagged_moves || ready(U, r) <= 0.0) continue;
    const double x = f * ready(U, r);
    ready(U, r) -= x;
    if (!ch.to.empty()) {
      for (const auto& target : ch.to) {
        arrivals_(plan_.channels[target.channel].ready_row + U, r) += target.share * x;
        add_flow(target.edge, U, r, target.share * x);
      }
    } else {
      for (int prog = 0; prog < plan_.programmes; ++prog)
        if (core_(prog, r) > 0.0) route(prog, x * core_(prog, r));
    }
  }
}

// (4) Programmes spend what they hold, within absorptive capacity.
void MoneyKernel::spend_programmes(int t) {
  programme_ += programme_in_;
  for (int prog = 0; prog < plan_.programmes; ++prog) {
    auto balance = programme_.row(prog).array();
    Row spend = balance.min(capacity_.row(prog).array()).matrix();
    spent_.row(prog) += spend;
    programme_.row(prog) -= spend;
    series_.row(t * kSeriesCount + kSpentHumanitarian + prog % kPillars) += spend;
    if (prog % kPillars != kHumanitarian) continue;
    // People reached this month: R = min(N, E_h / cost); the rest is unmet.
    const int c = prog / kPillars;
    Row reached = (spend.array() / country_.cost_per_person.row(c).array()).min(country_.need.row(c).array()).matrix();
    reached_.row(c) += reached;
    unmet_need_.row(c) += country_.need.row(c) - reached;
  }
}

// Reserve left at the fiscal year's end lapses where the line says so.
void MoneyKernel::close_fiscal_year(int t) {
  for (std::size_t l = 0; l < plan_.lines.size(); ++l) {
    const plan::LinePlan& line = plan_.lines[l];
    if (!line.reserve || !line.lapse_at_year_end || plan_.donors[line.donor].fiscal_month[t] != 11) continue;
    lapsed_.row(l) += reserve_.row(l);
    reserve_.row(l).setZero();
  }
}

Row MoneyKernel::in_pipeline() const {
  return column_sums(stages_) + column_sums(ready_) + column_sums(programme_);
}

Row MoneyKernel::unreleased_base(int t) const {
  Row out = Row::Zero(replicas());
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    out += unreleased_.row(l) / plan_.donors[plan_.lines[l].donor].per_base[t];
  return out;
}

Row MoneyKernel::reserves_base(int t) const {
  Row out = Row::Zero(replicas());
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    out += reserve_.row(l) / plan_.donors[plan_.lines[l].donor].per_base[t];
  return out;
}

Row MoneyKernel::lapsed_base(int t) const {
  Row out = Row::Zero(replicas());
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    out += lapsed_.row(l) / plan_.donors[plan_.lines[l].donor].per_base[t];
  return out;
}

// MODEL.md 1.6, in two ledgers: each budget line in its donor's currency
// (appropriated = released + unreleased + reserve + lapsed), and everything
// released in the base currency (released = spent + overhead + in pipelines).
void MoneyKernel::check_conservation() {
  const int B = replicas();
  auto relative = [](double expected, double found) {
    double scale = std::max(std::abs(expected), std::abs(found));
    return scale > 0.0 ? std::abs(expected - found) / scale : 0.0;
  };
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    for (int r = 0; r < B; ++r) {
      double held = released_donor_(l, r) + unreleased_(l, r) + reserve_(l, r) + lapsed_(l, r);
      max_error_(r) = std::max(max_error_(r), relative(appropriated_donor_[l], held));
    }
  Row downstream = column_sums(spent_) + column_sums(overhead_) + in_pipeline();
  for (int r = 0; r < B; ++r) max_error_(r) = std::max(max_error_(r), relative(released_base_(r), downstream(r)));
}

}  // namespace pbflow::sim
