#include "experiment/run_gatherer.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "experiment/objective.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"

namespace pbflow::experiment {

RunGatherer::RunGatherer(const Scenario& s, const plan::FlowPlan& p, const RunOptions& o, RunResult& result)
    : s_(s), p_(p), o_(o), result_(result) {
  const int R = result.replicas, C = p.countries, T = p.months;
  result.totals.resize(R);
  result.outcomes.resize(static_cast<std::size_t>(R) * C);
  result.channel_overhead.assign(s.channels.size(), std::vector<double>(R));
  result.channel_delivered.assign(s.channels.size(), std::vector<double>(R));
  scenario_channel_.resize(p.channels.size());
  for (std::size_t n = 0; n < p.channels.size(); ++n) scenario_channel_[n] = s.channel_index(p.channels[n].id);
  series_.resize(static_cast<std::size_t>(T) * kMonthSeries * R);
  trajectories_.resize(o.trajectories ? static_cast<std::size_t>(R) * T * C * sim::kTrajectoryFields : 0);
  flow_sums_.resize(o.record_flows ? p.edges.size() * p.slots : 0);
  country_month_sums_.resize(static_cast<std::size_t>(T) * C * 2);
  for (const plan::LoanPlan& loan : p.loans)
    result.loans.push_back({loan.label, s.countries[loan.country].iso3, loan.currency, to_string(loan.income_group),
                            loan.grant_element, loan.discount_rate, loan.threshold});
  result.loan_totals.resize(static_cast<std::size_t>(R) * p.loans.size());
  for (int c = 0; c < C; ++c)
    for (const PurposeCode& code : p.purposes)
      result.purposes.push_back({s.countries[c].iso3, code.code, code.name, to_string(code.pillar), to_string(code.acts_on)});
  result.purpose_spent.resize(static_cast<std::size_t>(R) * result.purposes.size());
  for (const plan::MissionPlan& m : p.missions) {
    MissionResult mr{m.id, m.name, s.countries[m.country].iso3, 0.0};
    for (double x : m.spending) mr.spent += x;
    result.missions.push_back(mr);
  }
  for (const plan::AssessmentPlan& a : p.assessments) {
    AssessmentResult ar;
    ar.donor = a.donor;
    ar.mission = p.missions[a.mission].id;
    for (int t = 0; t < p.months; ++t) {
      ar.assessed += a.assessed[t];
      ar.paid += a.paid[t];
      ar.buys += a.share[t] * p.missions[a.mission].spending[t];
    }
    result.assessments.push_back(ar);
  }
  done_.assign(R, 0);
}

void RunGatherer::add_block(const sim::BlockSimulation& block, int first, int n) {
  const int R = result_.replicas, C = p_.countries, T = p_.months;
  const sim::MoneyKernel& money = block.money();
  const sim::CountryOutcomes& outcomes = block.outcomes();
  const sim::Row pipeline = money.in_pipeline();
  const sim::Row unreleased = money.unreleased_base();
  const sim::Row reserves = money.reserves_base();
  const sim::Row lapsed = money.lapsed_base();
  const sim::Block loans = block.loans().totals();
  const std::size_t L = p_.loans.size();
  const int K = static_cast<int>(p_.purposes.size());
  for (int i = 0; i < n; ++i) {
    const int r = first + i;
    ReplicaTotals& t = result_.totals[r];
    t.appropriated = money.appropriated_base()(i);
    t.released = money.released_base()(i);
    t.overhead = sim::column_sum(money.overhead(), i);
    t.spent = sim::column_sum(money.spent(), i);
    t.in_pipeline = pipeline(i);
    t.unreleased = unreleased(i);
    t.reserves = reserves(i);
    t.lapsed = lapsed(i);
    t.conservation_error = std::max(money.max_relative_error()(i), block.loans().max_error()(i));
    for (std::size_t l = 0; l < L; ++l) {
      LoanTotals& lt = result_.loan_totals[r * L + l];
      auto field = [&](int f) { return loans(static_cast<Eigen::Index>(l) * sim::kLoanFields + f, i); };
      for (const plan::LoanTranche& tranche : p_.loans[l].tranches) lt.committed += tranche.committed;
      lt.disbursed = field(sim::kLoanDisbursed);
      lt.principal_repaid = field(sim::kLoanPrincipalRepaid);
      lt.interest_paid = field(sim::kLoanInterestPaid);
      lt.outstanding = field(sim::kLoanOutstanding);
      lt.arrears_principal = field(sim::kLoanArrearsPrincipal);
      lt.arrears_interest = field(sim::kLoanArrearsInterest);
      lt.relieved_principal = field(sim::kLoanRelievedPrincipal);
      lt.relieved_interest = field(sim::kLoanRelievedInterest);
    }
    t.delivery_lag = t.spent > 0 ? money.lag_weighted_spending()(i) / t.spent : 0.0;
    CountryOutcome* row = &result_.outcomes[static_cast<std::size_t>(r) * C];
    for (int c = 0; c < C; ++c) {
      CountryOutcome& out = row[c];
      for (int q = 0; q < kPillars; ++q) out.spent[q] = money.spent()(c * kPillars + q, i);
      for (int k = 0; k < K; ++k) {
        const int prog = p_.programme(c, kPillars + k);
        out.spent[p_.pillar_of(prog)] += money.spent()(prog, i);
        result_.purpose_spent[static_cast<std::size_t>(r) * C * K + c * K + k] = money.spent()(prog, i);
      }
      out.conflict_months = outcomes.conflict_months(c, i);
      out.relapses = outcomes.relapses(c, i);
      out.unmet_need_person_months = outcomes.unmet_need(c, i);
      out.people_reached = outcomes.reached(c, i);
      out.peace_at_horizon = block.countries().phase(c, i) != static_cast<int>(Phase::conflict);
    }
    t.objective = objective_value(s_.objective, t, row, C);
    for (std::size_t ch = 0; ch < p_.channels.size(); ++ch) {
      result_.channel_overhead[scenario_channel_[ch]][r] = money.overhead()(ch, i);
      result_.channel_delivered[scenario_channel_[ch]][r] = money.delivered()(ch, i);
    }
    for (int k = 0; k < T * kMonthSeries; ++k) series_[static_cast<std::size_t>(k) * R + r] = block.series()(k, i);
    if (o_.trajectories) {
      const std::size_t per_replica = static_cast<std::size_t>(T) * C * sim::kTrajectoryFields;
      for (std::size_t k = 0; k < per_replica; ++k) trajectories_[r * per_replica + k] = block.trajectories()(k, i);
    }
  }
  if (o_.record_flows) add_flows(money, n);
  add_country_months(block, n);
  std::lock_guard<std::mutex> lock(merge_);
  for (int i = 0; i < n; ++i) done_[first + i] = 1;
  done_count_ += n;
}

// A stopped run: every per-replica array shrinks to the replicas whose
// blocks finished, in replica order (the sums gathered so far hold exactly those).
void RunGatherer::keep_finished_replicas() {
  const int R = result_.replicas, C = p_.countries, T = p_.months;
  std::vector<int> kept;
  for (int r = 0; r < R; ++r)
    if (done_[r]) kept.push_back(r);
  const int K = static_cast<int>(kept.size());
  result_.partial = true;
  result_.replicas_requested = R;
  result_.replicas = K;
  for (int i = 0; i < K; ++i) {
    result_.totals[i] = result_.totals[kept[i]];
    for (int c = 0; c < C; ++c)
      result_.outcomes[static_cast<std::size_t>(i) * C + c] = result_.outcomes[static_cast<std::size_t>(kept[i]) * C + c];
  }
  result_.totals.resize(K);
  result_.outcomes.resize(static_cast<std::size_t>(K) * C);
  const std::size_t L = result_.loans.size();
  for (int i = 0; i < K; ++i)
    for (std::size_t l = 0; l < L; ++l) result_.loan_totals[i * L + l] = result_.loan_totals[kept[i] * L + l];
  result_.loan_totals.resize(K * L);
  const std::size_t P = result_.purposes.size();
  for (int i = 0; i < K; ++i)
    for (std::size_t k = 0; k < P; ++k) result_.purpose_spent[i * P + k] = result_.purpose_spent[kept[i] * P + k];
  result_.purpose_spent.resize(K * P);
  for (auto* per_channel : {&result_.channel_overhead, &result_.channel_delivered})
    for (auto& values : *per_channel) {
      for (int i = 0; i < K; ++i) values[i] = values[kept[i]];
      values.resize(K);
    }
  std::vector<double> series(static_cast<std::size_t>(T) * kMonthSeries * K);
  for (std::size_t k = 0; k < static_cast<std::size_t>(T) * kMonthSeries; ++k)
    for (int i = 0; i < K; ++i) series[k * K + i] = series_[k * R + kept[i]];
  series_ = std::move(series);
  if (o_.trajectories) {
    const std::size_t per_replica = static_cast<std::size_t>(T) * C * sim::kTrajectoryFields;
    std::vector<double> trajectories(per_replica * K);
    for (int i = 0; i < K; ++i)
      std::copy_n(trajectories_.begin() + static_cast<std::ptrdiff_t>(kept[i] * per_replica), per_replica,
                  trajectories.begin() + static_cast<std::ptrdiff_t>(i * per_replica));
    trajectories_ = std::move(trajectories);
  }
}

// Means per country and month, summed exactly (in any order of blocks).
void RunGatherer::add_country_months(const sim::BlockSimulation& block, int n) {
  const sim::Block& rows = block.country_months();
  std::vector<ExactSum> sums(static_cast<std::size_t>(rows.rows()));
  for (Eigen::Index k = 0; k < rows.rows(); ++k)
    for (int i = 0; i < n; ++i) sums[k].add(rows(k, i));
  std::lock_guard<std::mutex> lock(merge_);
  for (std::size_t k = 0; k < sums.size(); ++k) country_month_sums_[k] += sums[k];
}

// Each replica's flow on an edge is its share of what the source sent;
// summed exactly over replicas, so blocks may merge in any order.
// The block's sums are made outside the lock (exact sums merge exactly).
void RunGatherer::add_flows(const sim::MoneyKernel& money, int n) {
  const auto& terms = money.flow_terms();
  std::vector<ExactSum> block(terms.size());
  for (std::size_t k = 0; k < terms.size(); ++k) {
    if (terms[k].share == 0.0) continue;
    const double* sent = money.flow_ledger().row(terms[k].row).data();
    for (int i = 0; i < n; ++i) block[k].add(terms[k].share * sent[i]);
  }
  std::lock_guard<std::mutex> lock(merge_);
  for (std::size_t k = 0; k < terms.size(); ++k)
    flow_sums_[static_cast<std::size_t>(terms[k].edge) * p_.slots + terms[k].slot] += block[k];
}

void RunGatherer::finish() {
  if (done_count_ < result_.replicas) keep_finished_replicas();
  const int R = result_.replicas, C = p_.countries, T = p_.months;
  for (int r = 0; r < R; ++r) {
    const ReplicaTotals& t = result_.totals[r];
    if (!std::isfinite(t.spent + t.overhead + t.in_pipeline + t.objective + t.conservation_error))
      throw RuntimeFailure("replica " + std::to_string(r) +
                           " produced a non-finite amount; check the scenario's extreme values");
  }
  for (std::size_t e = 0; e < p_.edges.size() && o_.record_flows; ++e)
    for (int slot = 0; slot < p_.slots; ++slot) {
      const double amount = flow_sums_[e * p_.slots + slot].value() / R;
      if (amount == 0.0) continue;
      FlowRow row{p_.edges[e].from, p_.edges[e].to, "", "", "", amount};
      if (slot != p_.untagged) {
        row.country = s_.countries[p_.country_of(slot)].iso3;
        row.pillar = to_string(static_cast<Pillar>(p_.pillar_of(slot)));
        if (const PurposeCode* purpose = p_.purpose_of(slot)) row.purpose = std::to_string(purpose->code);
        if (row.to == "programme") row.to = p_.programme_label(slot, s_);
      }
      result_.flows.push_back(row);
    }
  for (int t = 0; t < T; ++t) {
    MonthRow m;
    m.month = YearMonth{p_.start.index + t};
    for (int k = 0; k < kMonthSeries; ++k) {
      const auto first = series_.begin() + (static_cast<std::size_t>(t) * kMonthSeries + k) * R;
      m.values[k] = describe(std::vector<double>(first, first + R));
    }
    result_.timeseries.push_back(m);
  }
  result_.country_months.resize(static_cast<std::size_t>(T) * C);
  for (std::size_t k = 0; k < result_.country_months.size(); ++k)
    result_.country_months[k] = {country_month_sums_[2 * k].value() / R, country_month_sums_[2 * k + 1].value() / R};
  if (!o_.trajectories) return;
  result_.trajectories.reserve(static_cast<std::size_t>(R) * T * C);
  const double* v = trajectories_.data();
  for (int r = 0; r < R; ++r)
    for (int t = 0; t < T; ++t)
      for (int c = 0; c < C; ++c, v += sim::kTrajectoryFields)
        result_.trajectories.push_back({r, YearMonth{p_.start.index + t}, c,
                                        static_cast<Phase>(static_cast<int>(v[sim::kPhase])), v[sim::kNeed],
                                        v[sim::kCapacity], {v[sim::kTrajSpentH], v[sim::kTrajSpentD], v[sim::kTrajSpentP]},
                                        static_cast<int>(v[sim::kTrajDisasters]), static_cast<int>(v[sim::kTrajOnsets])});
}

}  // namespace pbflow::experiment
