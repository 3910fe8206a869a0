// MoneyKernel on a hand-built FlowPlan (no scenario file, no network
// analysis): one budget line releasing 100 at month 0 to a trust fund with
// 10% overhead and a two-stage pipeline (a half passes on each month), whose
// core money goes to one country's humanitarian programme. Every number
// below is worked out by hand from MODEL.md 1.
#include <gtest/gtest.h>

#include <cmath>

#include "plan/flow_plan.h"
#include "sim/allocation_policy.h"
#include "sim/country_state.h"
#include "sim/money_kernel.h"
#include "sim/tiled_money.h"

namespace pbflow::sim {
namespace {

constexpr int kMonths = 6;

// Weights are never used (the line sends untagged money), but the kernel asks.
class EqualPolicy : public AllocationPolicy {
 public:
  EqualPolicy() : AllocationPolicy(Review::fiscal_year) {}
  void weights(const CountryState&, Block& w) const override { w.setConstant(1.0 / w.rows()); }
};

struct HandBuilt {
  Scenario scenario;
  plan::FlowPlan plan;
  HandBuilt() {
    Country sdn;
    sdn.iso3 = "SDN";
    sdn.population = 1e9;  // absorptive capacity far above the money
    sdn.phase = Phase::conflict;
    scenario.countries = {sdn};
    plan.months = kMonths;
    plan.countries = 1;
    plan.country_slots = {plan::stream_slot("SDN")};
    plan.programmes = 3;
    plan.programme_country = {0, 0, 0};
    plan.programme_pillar = {0, 1, 2};
    plan.programme_activity = {0, 1, 2};
    plan.slots = 4;
    plan.untagged = 3;
    plan::DonorPlan donor;
    donor.per_base.assign(kMonths, 1.0);
    for (int t = 0; t < kMonths; ++t) donor.fiscal_month.push_back(t % 12);
    plan.donors = {donor};
    plan.edges = {{"donor/line", "fund"}, {"fund", "programme"}};
    plan::LinePlan line;
    line.label = "donor/line";
    line.to = {{0, 1.0, 0}};
    line.appropriated.assign(kMonths, 0.0);
    line.released.assign(kMonths, 0.0);
    line.appropriated[0] = line.released[0] = 100.0;
    plan.lines = {line};
    plan::ChannelPlan fund;
    fund.id = "fund";
    fund.stages = 2;
    fund.overhead.assign(kMonths, 0.1);
    fund.pass_fraction.assign(kMonths, 0.5);
    fund.mandate_pillars = {true, true, true};
    fund.mandate_phases = {true, true, true};
    fund.has_core = true;
    fund.core_rule = CoreRule::equal;
    fund.core_activities = {1.0, 0.0, 0.0};
    fund.programme_edge = 1;
    fund.slot_of_row = {plan.untagged};
    fund.row_of_slot = {-1, -1, -1, 0};
    fund.stage_row = 0;
    fund.ready_row = 0;
    plan.channels = {fund};
    plan.stage_rows = 2;
    plan.ready_rows = 1;
    plan.shocks.resize(1);
  }
};

TEST(MoneyKernel, HandBuiltPlanFollowsTheErlangPipelineMonthByMonth) {
  HandBuilt h;
  EqualPolicy policy;
  RandomStreams random(1);
  MoneyKernel money(h.scenario, h.plan, policy, random, /*record_flows=*/true);
  CountryState countries;
  const int B = kLanes;  // one tile of replicas
  countries.reset(h.scenario, B);
  MonthEvents events;
  events.reset(1, B);
  money.reset(B, 0);
  // After overhead, 90 enters stage 1 in month 0. Each month the last stage
  // passes half of what it held to ready money (disbursed at once, no
  // capacity limit), then stage 1 passes half of what it held to stage 2.
  // Spent in month t: 0, 0, 22.5, 22.5, 16.875, 11.25 (90 x t-1 choose 1 / 2^t).
  const double expected_spending[kMonths] = {0, 0, 22.5, 22.5, 16.875, 11.25};
  double spent = 0;
  for (int t = 0; t < kMonths; ++t) {
    money.step(t, countries, events);
    const double now = money.spending()(0, 0);  // SDN humanitarian, replica 0
    EXPECT_DOUBLE_EQ(now, expected_spending[t]) << "month " << t;
    EXPECT_EQ(money.spending()(1, 0) + money.spending()(2, 0), 0.0) << "only the humanitarian programme is funded";
    spent += now;
    EXPECT_DOUBLE_EQ(money.month_in_pipeline()(0) + spent + money.overhead()(0, 0), 100.0) << "month " << t;
    EXPECT_LT(money.max_relative_error()(0), 1e-15);
  }
  EXPECT_DOUBLE_EQ(money.overhead()(0, 1), 10.0);  // every replica the same here
  EXPECT_DOUBLE_EQ(money.released_base()(1), 100.0);
  // Money released at month 0 and spent at month t waited t months.
  double weighted = 0;
  for (int t = 0; t < kMonths; ++t) weighted += t * expected_spending[t];
  EXPECT_DOUBLE_EQ(money.lag_weighted_spending()(0), weighted);
  // The flows ledger: the line sent 100 untagged to the fund; the fund sent
  // what it disbursed to the programme.
  double line_to_fund = 0, fund_to_programme = 0;
  for (const auto& term : money.flow_terms()) {
    const double amount = term.share * money.flow_ledger()(term.row, 0);
    if (term.edge == 0 && term.slot == h.plan.untagged) line_to_fund += amount;
    if (term.edge == 1 && term.slot == 0) fund_to_programme += amount;
  }
  EXPECT_DOUBLE_EQ(line_to_fund, 100.0);
  EXPECT_DOUBLE_EQ(fund_to_programme, spent);
}

}  // namespace
}  // namespace pbflow::sim
