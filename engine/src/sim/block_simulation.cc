#include "sim/block_simulation.h"

namespace pbflow::sim {

BlockSimulation::BlockSimulation(const Scenario& s, const plan::FlowPlan& plan,
                                 const sim::AllocationPolicy& policy, const RandomStreams& random,
                                 bool record_flows, bool record_trajectories)
    : s_(s),
      plan_(plan),
      dynamics_(s, plan, random),
      money_(s, plan, policy, random, record_flows),
      loans_(plan),
      record_trajectories_(record_trajectories) {}

bool BlockSimulation::run(int replicas, int first_replica, const std::atomic<bool>* stop) {
  // The money kernel works in tiles of replicas: a partial tile is filled
  // with the replicas that follow, whose results are not read.
  const int B = padded_replicas(replicas);
  const int C = plan_.countries;
  countries_.reset(s_, B, static_cast<int>(plan_.purposes.size()));
  money_.reset(B, first_replica);
  loans_.reset(B);
  outcomes_.reset(C, B);
  series_.setZero(plan_.months * kMonthSeries, B);
  trajectories_.setZero(record_trajectories_ ? plan_.months * C * kTrajectoryFields : 0, B);
  country_months_.setZero(plan_.months * C * 2, B);
  for (int t = 0; t < plan_.months; ++t) {
    if (stop && stop->load(std::memory_order_relaxed)) return false;
    dynamics_.begin_month(t, first_replica, countries_, events_, outcomes_);
    money_.step(t, countries_, events_);
    loans_.step(t, countries_);
    const Block& spending = money_.spending();
    // Series for this month (before the end-of-month transitions).
    series_.row(series_row(t, MonthSeries::released)) = money_.month_released();
    series_.row(series_row(t, MonthSeries::overhead)) = money_.month_overhead();
    for (int prog = 0; prog < plan_.programmes; ++prog)
      series_.row(series_row(t, MonthSeries::spent_humanitarian) + plan_.pillar_of(prog)) += spending.row(prog);
    series_.row(series_row(t, MonthSeries::in_pipeline)) = money_.month_in_pipeline();
    for (int c = 0; c < C; ++c) {
      country_months_.row((t * C + c) * 2) = countries_.need.row(c);
      country_months_.row((t * C + c) * 2 + 1) =
          (countries_.phase.row(c).array() == static_cast<int>(Phase::conflict)).cast<double>().matrix();
    }
    if (record_trajectories_)
      for (int c = 0; c < C; ++c) {
        const int base = (t * C + c) * kTrajectoryFields;
        trajectories_.row(base + kPhase) = countries_.phase.row(c).cast<double>();
        trajectories_.row(base + kNeed) = countries_.need.row(c);
        trajectories_.row(base + kCapacity) = countries_.capacity.row(c);
        for (int p = 0; p < kPillars; ++p) trajectories_.row(base + kTrajSpentH + p) = spending.row(c * kPillars + p);
        for (int k = 0; k < static_cast<int>(plan_.purposes.size()); ++k) {
          const int prog = plan_.programme(c, kPillars + k);
          trajectories_.row(base + kTrajSpentH + plan_.pillar_of(prog)) += spending.row(prog);
        }
        trajectories_.row(base + kTrajDisasters) = events_.disasters.row(c);
        trajectories_.row(base + kTrajOnsets) = events_.onsets.row(c);
      }
    dynamics_.end_month(t, first_replica, spending, countries_, outcomes_);
    series_.row(series_row(t, MonthSeries::unmet_need)) = outcomes_.month_unmet_need;
    series_.row(series_row(t, MonthSeries::share_in_conflict)) = outcomes_.month_at_war / std::max(1, C);
  }
  return true;
}

}  // namespace pbflow::sim
