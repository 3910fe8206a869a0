#include "sim/money_kernel.h"

#include <algorithm>
#include <cmath>

#include "sim/vector_clones.h"

namespace pbflow::sim {

namespace {

constexpr int kHumanitarian = static_cast<int>(Pillar::humanitarian);

// A country's eligibility under a channel's mandate and its weight under the
// channel's core rule (`by` null: equal weights), added to the totals.
inline void weigh_country(const int* __restrict phase, const int* __restrict months, const double* __restrict by,
                          bool country_ok, const PhaseArray<bool>& phases, int within_months,
                          double* __restrict ok_row, double* __restrict weight, double* __restrict sum,
                          double* __restrict count, int B) {
  for (int r = 0; r < B; ++r) {
    bool ok = country_ok && phases[phase[r]];
    if (within_months >= 0) {
      // Months since the settlement, for a fragile country.
      const int since = phase[r] == static_cast<int>(Phase::fragile) ? months[r] : -1;
      ok = ok && since >= 0 && since < within_months;
    }
    ok_row[r] = ok ? 1.0 : 0.0;
    weight[r] = ok ? (by ? by[r] : 1.0) : 0.0;
    sum[r] = sum[r] + weight[r];
    count[r] = count[r] + ok_row[r];
  }
}

// The loops over a block's replicas take their rows as restrict parameters,
// so the compiler vectorises them without run-time alias checks.

// One programme's month of spending (spend_programmes).
inline void spend_programme(double* __restrict balance, double* __restrict balance_v, const double* __restrict in,
                            const double* __restrict in_v, const double* __restrict cap, double* __restrict spent,
                            double* __restrict spending, double* __restrict lag_weighted,
                            double* __restrict programme_total, double* __restrict spent_total, double month, int B) {
  for (int r = 0; r < B; ++r) {
    const double held = balance[r] + in[r];
    const double held_v = balance_v[r] + in_v[r];
    const double spend = std::min(held, cap[r]);
    const double spent_share = held > 0.0 ? spend / std::max(held, 1e-300) : 0.0;
    const double spent_vintage = held_v * spent_share;
    balance_v[r] = held_v - spent_vintage;
    balance[r] = held - spend;
    lag_weighted[r] = lag_weighted[r] + (month * spend - spent_vintage);
    spent[r] = spent[r] + spend;
    spending[r] = spend;
    programme_total[r] = programme_total[r] + balance[r];
    spent_total[r] = spent_total[r] + spent[r];
  }
}

}  // namespace

MoneyKernel::MoneyKernel(const Scenario& s, const plan::FlowPlan& plan, const sim::AllocationPolicy& policy,
                         const RandomStreams& random, bool record_flows)
    : s_(s), plan_(plan), policy_(policy), random_(random), record_flows_(record_flows) {
  if (record_flows_) build_flow_ledger();
  build_routes();
}

// A ledger row for every (source, slot) that can send money, and the terms
// that turn the ledger into flows.csv's edges.
void MoneyKernel::build_flow_ledger() {
  const int slots = plan_.slots;
  auto add_row = [&](std::vector<int>& map, int slot) {
    if (map[slot] < 0) map[slot] = ledger_rows_++;
    return map[slot];
  };
  auto add_terms = [&](const std::vector<plan::Target>& targets, int slot, int row) {
    for (const auto& target : targets) flow_terms_.push_back({target.edge, slot, target.share, row});
  };
  for (const plan::LinePlan& line : plan_.lines) {
    std::vector<int> map(slots, -1);
    if (!line.to.empty()) add_terms(line.to, plan_.untagged, add_row(map, plan_.untagged));
    for (int prog = 0; prog < plan_.programmes; ++prog) {
      const auto& mix = line.deliver[plan_.pillar_of(prog)];
      if (!mix.empty() && line.funds(plan_.pillar_of(prog), plan_.activity_of(prog))) add_terms(mix, prog, add_row(map, prog));
    }
    line_ledger_.push_back(std::move(map));
  }
  for (const plan::ChannelPlan& ch : plan_.channels) {
    std::vector<int> map(slots, -1);
    const int untagged_row = ch.row_of_slot[plan_.untagged];
    std::vector<bool> reaches(plan_.programmes, false);  // programmes it can disburse to
    for (int e = 0; e < ch.width(); ++e)
      if (e != untagged_row) reaches[ch.slot_of_row[e]] = true;
    if (untagged_row >= 0 && ch.to.empty() && ch.has_core)
      for (int prog = 0; prog < plan_.programmes; ++prog)
        reaches[prog] = reaches[prog] || ch.core_activities[plan_.activity_of(prog)] > 0.0;
    for (int prog = 0; prog < plan_.programmes; ++prog) {
      if (!reaches[prog]) continue;
      const int row = add_row(map, prog);
      add_terms(ch.passes, prog, row);
      flow_terms_.push_back({ch.programme_edge, prog, 1.0 - ch.passes_total, row});
    }
    if (untagged_row >= 0 && !ch.to.empty()) add_terms(ch.to, plan_.untagged, add_row(map, plan_.untagged));
    channel_ledger_.push_back(std::move(map));
  }
}

// Each channel's destinations as rows of the state: a sub-grant partner's
// arrival row for every programme it can pass money on for, the onward
// channels' untagged rows, and the ledger rows its sends are recorded in.
void MoneyKernel::build_routes() {
  for (std::size_t n = 0; n < plan_.channels.size(); ++n) {
    const plan::ChannelPlan& ch = plan_.channels[n];
    ChannelRoutes routes;
    routes.stays = 1.0 - ch.passes_total;
    auto arrival_row = [&](const plan::Target& target, int slot) {
      const plan::ChannelPlan& to = plan_.channels[target.channel];
      return to.ready_row + to.row_of_slot[slot];  // the network analysis guarantees the slot is held
    };
    auto ledger_row = [&](int slot) { return record_flows_ ? channel_ledger_[n][slot] : -1; };
    auto route_to = [&](int programme) {
      ProgrammeRoute route{programme, ledger_row(programme), static_cast<int>(routes.targets.size()),
                           static_cast<int>(ch.passes.size()), plan_.country_of(programme),
                           ch.has_core ? ch.core_activities[plan_.activity_of(programme)] : 0.0};
      for (const plan::Target& target : ch.passes) routes.targets.push_back({arrival_row(target, programme), target.share});
      return route;
    };
    const int untagged_row = ch.row_of_slot[plan_.untagged];
    for (int e = 0; e < ch.width(); ++e)
      if (e != untagged_row) routes.by_row.push_back(route_to(ch.slot_of_row[e]));
    if (untagged_row >= 0) {
      for (const plan::Target& target : ch.to) routes.onward.push_back({arrival_row(target, plan_.untagged), target.share});
      if (!ch.to.empty()) routes.onward_ledger_row = ledger_row(plan_.untagged);
      else if (ch.has_core)
        for (int prog = 0; prog < plan_.programmes; ++prog)
          if (ch.core_activities[plan_.activity_of(prog)] > 0.0) routes.by_programme.push_back(route_to(prog));
    }
    routes_.push_back(std::move(routes));
  }
}

void MoneyKernel::reset(int B, int first_replica) {
  first_replica_ = first_replica;
  const int lines = static_cast<int>(plan_.lines.size());
  const int donors = static_cast<int>(plan_.donors.size());
  const int channels = static_cast<int>(plan_.channels.size());
  fx_.setOnes(donors, B);
  fx_walk_.setOnes(donors, B);
  weights_.setZero(plan_.programmes, B);
  capacity_.setZero(plan_.programmes, B);
  stages_.reset(plan_.stage_rows, B);
  ready_.reset(plan_.ready_rows, B);
  arrivals_.reset(plan_.ready_rows, B);
  for (Block* m : {&programme_, &programme_v_, &programme_in_, &programme_in_v_, &spending_, &spent_})
    m->setZero(plan_.programmes, B);
  core_cache_.clear();
  overhead_.setZero(channels, B);
  delivered_.setZero(channels, B);
  for (Block* m : {&unreleased_, &reserve_, &lapsed_, &released_donor_, &crisis_reserve_, &crisis_reserve_v_}) m->setZero(lines, B);
  appropriated_donor_.assign(lines, 0.0);
  for (Row* r : {&released_base_, &appropriated_base_, &lag_weighted_, &month_released_, &month_overhead_, &max_error_})
    r->setZero(B);
  ledger_.setZero(record_flows_ ? ledger_rows_ : 0, B);
}

void MoneyKernel::step(int t, const CountryState& countries, const MonthEvents& events) {
  stage_total_.setZero(replicas());
  ready_total_.setZero(replicas());
  month_released_.setZero();
  month_overhead_.setZero();
  programme_in_.setZero();
  programme_in_v_.setZero();
  update_exchange_rates(t);
  const int fiscal_month = plan_.donors.empty() ? 0 : plan_.donors.front().fiscal_month[t];
  if (policy_.review_due(t, fiscal_month)) policy_.weights(countries, weights_);
  absorptive_capacity(countries, s_.model.absorption, capacity_);
  if (!plan_.purposes.empty()) purpose_capacity(countries, s_.model.absorption, plan_.purposes, capacity_);

  release_budgets(t);
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    if (plan_.lines[l].reserve) release_reserves(t, l, events);
  if (policy_.held_back() > 0.0) release_held(t, events);
  for (std::size_t n = 0; n < plan_.channels.size(); ++n) process_channel(t, n, countries);
  if (observer_) observer_->programmes_spend(t, programme_, programme_in_, capacity_);
  spend_programmes(t);
  close_fiscal_year(t);
  check_conservation();
}

// The month's exchange rate: the scenario's rate (constant or path), times a
// geometric random walk where the currency has one.
void MoneyKernel::update_exchange_rates(int t) {
  for (std::size_t d = 0; d < plan_.donors.size(); ++d) {
    const plan::DonorPlan& donor = plan_.donors[d];
    if (donor.random_fx() && t > 0)
      for (int r = 0; r < replicas(); ++r) {
        const double z = random_.normal(first_replica_ + r, donor.currency_slot, Purpose::exchange_rate, t);
        // Kept within a factor 1,000 of the scenario's rate, so money stays finite and exact.
        fx_walk_(d, r) = std::clamp(fx_walk_(d, r) * std::exp(donor.fx_drift -
                                                              0.5 * donor.fx_volatility * donor.fx_volatility +
                                                              donor.fx_volatility * z),
                                    1e-3, 1e3);
      }
    fx_.row(d) = donor.per_base[t] * fx_walk_.row(d);
  }
}

// Adds money (and its vintage) of one earmark slot to the channels a mix names.
void MoneyKernel::send(const std::vector<plan::Target>& targets, int slot, const Row& money, const Row& vintage) {
  for (const auto& target : targets) {
    const plan::ChannelPlan& to = plan_.channels[target.channel];
    // The network analysis guarantees the slot is held.
    arrivals_.add(to.ready_row + to.row_of_slot[slot], target.share, money, vintage);
  }
}

// (2) This month's scheduled releases leave the budget lines.
void MoneyKernel::release_budgets(int t) {
  for (std::size_t l = 0; l < plan_.lines.size(); ++l) {
    const plan::LinePlan& line = plan_.lines[l];
    const auto& rate = fx_.row(line.donor).array();
    appropriated_donor_[l] += line.appropriated[t];
    appropriated_base_.array() += line.appropriated[t] / rate;
    if (line.reserve) {
      reserve_.row(l).array() += line.appropriated[t];
      continue;
    }
    unreleased_.row(l).array() += line.appropriated[t] - line.released[t];
    const double amount = line.released[t];
    if (amount == 0.0) continue;
    released_donor_.row(l).array() += amount;
    const Row base = (amount / rate).matrix();
    const Row vintage = base * static_cast<double>(t);
    released_base_ += base;
    month_released_ += base;
    if (line.earmark >= 0) {  // a supplementary budget or a loan for one programme
      send_to_programme(t, l, plan_.country_of(line.earmark), plan_.pillar_of(line.earmark), base, vintage);
      continue;
    }
    send(line.to, plan_.untagged, base, vintage);
    if (!line.to.empty()) line_sent(t, l, plan_.untagged, base, vintage);
    if (!line.allocate) continue;
    // A crisis-reserve strategy holds part back (lines that can fund relief).
    const double held = line.pillars[kHumanitarian] ? policy_.held_back() : 0.0;
    if (held > 0.0) {
      crisis_reserve_.row(l) += held * base;
      crisis_reserve_v_.row(l) += held * vintage;
    }
    allocate(t, l, (1.0 - held) * base);
  }
}

// An allocated release split over programmes by the strategy's weights,
// restricted to the line's pillars and renormalised; if the strategy gives
// those pillars nothing in a replica, split evenly.
PBFLOW_VECTOR_CLONES
void MoneyKernel::allocate(int t, std::size_t l, const Row& allocated) {
  const plan::LinePlan& line = plan_.lines[l];
  const int B = replicas();
  const double month = static_cast<double>(t);
  Row& total = allocation_total_;
  total.setZero(B);
  double* __restrict sum = total.data();
  const int general = plan_.countries * kPillars;  // the strategy weighs the pillars' programmes
  for (int prog = 0; prog < general; ++prog) {
    if (!line.pillars[prog % kPillars]) continue;
    const double* __restrict w = weights_.row(prog).data();
    for (int r = 0; r < B; ++r) sum[r] = sum[r] + w[r];
  }
  const int pillars = line.pillars[0] + line.pillars[1] + line.pillars[2];
  const double even = 1.0 / (plan_.countries * pillars);
  allocated_.resize(B);
  allocated_v_.resize(B);
  double* __restrict money = allocated_.data();
  double* __restrict vintage = allocated_v_.data();
  const double* __restrict amount = allocated.data();
  for (int prog = 0; prog < general; ++prog) {
    const int p = prog % kPillars;
    if (!line.pillars[p]) continue;
    const double* __restrict w = weights_.row(prog).data();
    for (int r = 0; r < B; ++r) {
      const double share = sum[r] > 0.0 ? w[r] / sum[r] : even;
      money[r] = amount[r] * share;
      vintage[r] = money[r] * month;
    }
    send_to_programme(t, l, prog / kPillars, p, allocated_, allocated_v_);
  }
}

// A line's money for one country's pillar, split below the pillar by the
// line's purpose shares (docs/model.md 1.9), sent through the pillar's mix.
void MoneyKernel::send_to_programme(int t, std::size_t l, int country, int pillar, const Row& money,
                                    const Row& vintage) {
  const plan::LinePlan& line = plan_.lines[l];
  const auto& mix = line.deliver[pillar];
  for (const plan::ActivityShare& part : line.activities[pillar]) {
    const int prog = plan_.programme(country, part.activity);
    if (part.share == 1.0) {
      send(mix, prog, money, vintage);
      if (!mix.empty()) line_sent(t, l, prog, money, vintage);
      continue;
    }
    part_ = part.share * money;
    part_v_ = part.share * vintage;
    send(mix, prog, part_, part_v_);
    if (!mix.empty()) line_sent(t, l, prog, part_, part_v_);
  }
}

// A reserve releases share_per_event of its balance for each triggering
// event, earmarked to that country's humanitarian programme.
void MoneyKernel::release_reserves(int t, std::size_t l, const MonthEvents& events) {
  const plan::LinePlan& line = plan_.lines[l];
  const int B = replicas();
  Row& money = allocated_;
  Row& vintage = allocated_v_;
  money.resize(B);
  vintage.resize(B);
  for (int c = 0; c < plan_.countries; ++c) {
    bool any = false;  // most countries have no event in a month
    for (int trigger = 0; trigger < kTriggers && !any; ++trigger)
      any = line.triggers[trigger] && !events.of(static_cast<Trigger>(trigger)).row(c).isZero(0.0);
    if (!any) continue;
    money.setZero();
    for (int trigger = 0; trigger < kTriggers; ++trigger) {
      if (!line.triggers[trigger]) continue;
      const Block& counts = events.of(static_cast<Trigger>(trigger));
      for (int r = 0; r < B; ++r)
        for (int k = 0; k < static_cast<int>(counts(c, r)); ++k) {
          const double x = line.share_per_event * reserve_(l, r);
          reserve_(l, r) -= x;
          released_donor_(l, r) += x;
          money(r) += x / fx_(line.donor, r);
        }
    }
    if (money.isZero(0.0)) continue;
    released_base_ += money;
    month_released_ += money;
    vintage = money * static_cast<double>(t);
    send_to_programme(t, l, c, kHumanitarian, money, vintage);
  }
}

// A crisis-reserve strategy's held money: each shock in a country releases
// release_per_event of it to that country's humanitarian programme.
void MoneyKernel::release_held(int t, const MonthEvents& events) {
  const int B = replicas();
  const double per_event = policy_.release_per_event();
  Row money(B), vintage(B);
  for (std::size_t l = 0; l < plan_.lines.size(); ++l) {
    if (!plan_.lines[l].allocate || !plan_.lines[l].pillars[kHumanitarian]) continue;
    for (int c = 0; c < plan_.countries; ++c) {
      money.setZero();
      vintage.setZero();
      for (int r = 0; r < B; ++r) {
        const int n = static_cast<int>(events.onsets(c, r) + events.disasters(c, r) + events.surges(c, r));
        for (int k = 0; k < n; ++k) {
          const double x = per_event * crisis_reserve_(l, r);
          const double v = per_event * crisis_reserve_v_(l, r);
          crisis_reserve_(l, r) -= x;
          crisis_reserve_v_(l, r) -= v;
          money(r) += x;
          vintage(r) += v;
        }
      }
      if (money.isZero(0.0) || plan_.lines[l].deliver[kHumanitarian].empty()) continue;
      send_to_programme(t, l, c, kHumanitarian, money, vintage);
    }
  }
}

// Country weights for a channel's core money in each replica (rows =
// countries, normalised over the countries its mandate makes eligible), and
// a row that is 1 where at least one country is eligible. Channels with the
// same rule and mandate share one computation a month.
const MoneyKernel::CoreWeights& MoneyKernel::core_weights(int t, const plan::ChannelPlan& ch,
                                                          const CountryState& countries) {
  for (const CoreWeights& cached : core_cache_)
    if (cached.month == t && cached.rule == ch.core_rule && cached.phases == ch.mandate_phases &&
        cached.within_months == ch.within_months && cached.countries == ch.mandate_countries)
      return cached;
  const int B = replicas();
  CoreWeights w{t, ch.core_rule, ch.mandate_phases, ch.within_months, ch.mandate_countries,
                Block(plan_.countries, B), Row::Zero(B)};
  core_eligible_.resize(plan_.countries, B);
  weigh_core_countries(ch, countries, w);
  if (core_cache_.size() >= 8) core_cache_.erase(core_cache_.begin());
  core_cache_.push_back(std::move(w));
  return core_cache_.back();
}

PBFLOW_VECTOR_CLONES
void MoneyKernel::weigh_core_countries(const plan::ChannelPlan& ch, const CountryState& countries, CoreWeights& w) {
  const int B = replicas();
  Block& eligible = core_eligible_;
  Row& total = core_total_;
  Row& eligible_count = core_count_;
  total.setZero(B);
  eligible_count.setZero(B);
  double* __restrict sum = total.data();
  double* __restrict count = eligible_count.data();
  for (int c = 0; c < plan_.countries; ++c) {
    const bool country_ok = ch.mandate_countries.empty() || ch.mandate_countries[c];
    weigh_country(countries.phase.row(c).data(), countries.months_in_phase.row(c).data(),
                  core_weight_row(ch.core_rule, countries, c), country_ok, ch.mandate_phases, ch.within_months,
                  eligible.row(c).data(), w.country.row(c).data(), sum, count, B);
  }
  // Eligible countries that all weigh nothing (no one in need): equal weights.
  for (int c = 0; c < plan_.countries; ++c) {
    const double* __restrict ok_row = eligible.row(c).data();
    double* __restrict weight = w.country.row(c).data();
    for (int r = 0; r < B; ++r)
      weight[r] = sum[r] <= 0.0 && count[r] > 0.0 ? ok_row[r] / count[r] : weight[r] / std::max(sum[r], 1e-300);
  }
  double* __restrict any = w.ok.data();
  for (int r = 0; r < B; ++r) any[r] = count[r] > 0.0 ? 1.0 : 0.0;
}

// (1) and (3): a channel's pipeline passes money on, arrivals pay overhead
// and enter, and it disburses within capacity (sim/channel_month.h).
void MoneyKernel::process_channel(int t, std::size_t index, const CountryState& countries) {
  const plan::ChannelPlan& ch = plan_.channels[index];
  if (ch.width() == 0) return;
  const int B = replicas();
  ChannelMonth job;
  job.replicas = B;
  job.slots = ch.width();
  job.stages = ch.stages;
  job.untagged_row = ch.row_of_slot[plan_.untagged];
  job.pass_share = ch.pass_fraction[t] > 0 ? ch.pass_fraction[t] : 1.0;  // a zero-lag month flushes
  job.delayed = ch.stages > 0 && ch.pass_fraction[t] > 0;
  job.overhead_share = ch.overhead[t];
  job.capacity = ch.capacity;
  job.stages_state = &stages_;
  job.ready_state = &ready_;
  job.arrivals = &arrivals_;
  job.stage_row = ch.stage_row;
  job.ready_row = ch.ready_row;
  job.programme_in = programme_in_.data();
  job.programme_in_v = programme_in_v_.data();
  job.ledger = record_flows_ ? ledger_.data() : nullptr;
  job.delivered = delivered_.row(index).data();
  job.overhead = overhead_.row(index).data();
  job.month_overhead = month_overhead_.data();
  job.stage_total = stage_total_.data();
  job.ready_total = ready_total_.data();
  job.routes = &routes_[index];
  // Untagged money moves on only through `to:` or to eligible programmes.
  Row& untagged_moves = month_moves_;
  untagged_moves.setConstant(B, ch.to.empty() ? 0.0 : 1.0);
  if (ch.has_core && job.untagged_row >= 0) {
    const CoreWeights& core = core_weights(t, ch, countries);
    untagged_moves = core.ok;
    job.core_country = core.country.data();
  }
  job.untagged_moves = untagged_moves.data();
  const bool capped = ch.capacity >= 0.0;
  if (observer_ && capped) {
    disbursed_share_.resize(B);
    job.disbursed_share = disbursed_share_.data();
  }
  run_channel_month(job);
  if (observer_)
    observer_->channel_done(t, static_cast<int>(index),
                            {capped ? disbursed_share_.data() : nullptr, untagged_moves.data(), job.core_country});
}

// (4) Programmes spend what they hold, within absorptive capacity; the
// vintage of what they spend gives its delivery lag. Their balances and
// cumulative spending are totalled, in row order, for the conservation check.
PBFLOW_VECTOR_CLONES
void MoneyKernel::spend_programmes(int t) {
  const int B = replicas();
  programme_total_.setZero(B);
  spent_total_.setZero(B);
  for (int prog = 0; prog < plan_.programmes; ++prog)
    spend_programme(programme_.row(prog).data(), programme_v_.row(prog).data(), programme_in_.row(prog).data(),
                    programme_in_v_.row(prog).data(), capacity_.row(prog).data(), spent_.row(prog).data(),
                    spending_.row(prog).data(), lag_weighted_.data(), programme_total_.data(), spent_total_.data(),
                    static_cast<double>(t), B);
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
  return stages_.money_sums() + ready_.money_sums() + column_sums(programme_);
}

Row MoneyKernel::unreleased_base() const {
  Row out = Row::Zero(replicas());
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    out += (unreleased_.row(l).array() / fx_.row(plan_.lines[l].donor).array()).matrix();
  return out;
}

Row MoneyKernel::reserves_base() const {
  Row out = column_sums(crisis_reserve_);
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    out += (reserve_.row(l).array() / fx_.row(plan_.lines[l].donor).array()).matrix();
  return out;
}

Row MoneyKernel::lapsed_base() const {
  Row out = Row::Zero(replicas());
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    out += (lapsed_.row(l).array() / fx_.row(plan_.lines[l].donor).array()).matrix();
  return out;
}

// MODEL.md 1.6, in two ledgers: each budget line in its donor's currency
// (appropriated = released + unreleased + reserve + lapsed), and everything
// released in the base currency (released = spent + overhead + in pipelines).
void MoneyKernel::check_conservation() {
  const int B = replicas();
  auto relative = [](double expected, double found) {
    const double scale = std::max(std::abs(expected), std::abs(found));
    return scale > 0.0 ? std::abs(expected - found) / scale : 0.0;
  };
  for (std::size_t l = 0; l < plan_.lines.size(); ++l)
    for (int r = 0; r < B; ++r) {
      const double held = released_donor_(l, r) + unreleased_(l, r) + reserve_(l, r) + lapsed_(l, r);
      max_error_(r) = std::max(max_error_(r), relative(appropriated_donor_[l], held));
    }
  // The channels' stage and ready totals were summed as each channel finished
  // (its rows final for the month, in cache), in row order: what column_sums
  // of the whole state would give, bit for bit.
  in_pipeline_now_ = stage_total_ + ready_total_ + programme_total_;
  const Row downstream = spent_total_ + column_sums(overhead_) + in_pipeline_now_ + column_sums(crisis_reserve_);
  for (int r = 0; r < B; ++r) max_error_(r) = std::max(max_error_(r), relative(released_base_(r), downstream(r)));
}

}  // namespace pbflow::sim
