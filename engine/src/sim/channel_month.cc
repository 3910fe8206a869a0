#include "sim/channel_month.h"

#include <algorithm>
#include <cstddef>

#include "pbflow/scenario.h"

// Lanes are passed by value only between functions of this file, all
// inlined into run_channel_month's clones.
#pragma GCC diagnostic ignored "-Wpsabi"
#include "sim/lanes.h"
#include "sim/vector_clones.h"


namespace pbflow::sim {

namespace {

using Index = std::ptrdiff_t;

// A value held by money and vintage rows of a tiled state.
struct Pair {
  double* money;
  double* vintage;
};

// Everything is copied into locals first: stores through the state's
// pointers could otherwise alias the job, forcing the compiler to reload it.
class TileRun {
 public:
  TileRun(const ChannelMonth& job, int tile)
      : routes_(*job.routes), stage_count_(job.stages), slot_count_(job.slots),
        untagged_row_(job.untagged_row), ready_row_(job.ready_row),
        replicas_(job.replicas), lane0_(Index{tile} * kLanes),
        first_stage_(job.stages_state->money(tile, job.stage_row)),
        first_ready_(job.ready_state->money(tile, job.ready_row)),
        first_arrival_(job.arrivals->money(tile, 0)),
        programme_in_(job.programme_in + lane0_), programme_in_v_(job.programme_in_v + lane0_),
        ledger_(job.ledger ? job.ledger + lane0_ : nullptr), delivered_row_(job.delivered + lane0_),
        overhead_row_(job.overhead + lane0_), month_overhead_(job.month_overhead + lane0_),
        ready_total_(job.ready_total + lane0_),
        untagged_moves_(job.untagged_moves + lane0_),
        core_country_(job.core_country ? job.core_country + lane0_ : nullptr),
        disbursed_share_(job.disbursed_share ? job.disbursed_share + lane0_ : nullptr),
        pass_share_(job.pass_share), overhead_share_(job.overhead_share), capacity_(job.capacity),
        delayed_(job.delayed) {}

  void run() {
    if (capacity_ < 0.0) {
      flow_through();
    } else {
      fill();
      disburse();
    }
  }

 private:
  static constexpr Index kRow = 2 * kLanes;  // a row of a tile: money, then vintage
  Pair stage(int k, int e) const {
    double* at = first_stage_ + (Index{k} * slot_count_ + e) * kRow;
    return {at, at + kLanes};
  }
  Pair ready(int e) const {
    double* at = first_ready_ + Index{e} * kRow;
    return {at, at + kLanes};
  }
  Pair arrival(int row) const {
    double* at = first_arrival_ + Index{row} * kRow;
    return {at, at + kLanes};
  }
  double* row_major(double* block, int row) const { return block + Index{row} * replicas_; }
  const double* row_major(const double* block, int row) const { return block + Index{row} * replicas_; }

  // Slot e's month before disbursement: its pipeline passes on (from the
  // last stage back, so a stage's inflow this month is not passed on) into
  // its ready money (m, v), and arrivals pay overhead and enter. Each stage
  // row is read and written once; the operations on each value are those
  // of `dst += q src; src *= 1 - q` stage by stage, then `into += (1 - o) a`.
  void advance(int e, Lanes& m, Lanes& v, Lanes& kept) const {
    const Lanes pass = splat(pass_share_), keep = splat(1.0 - pass_share_);
    Lanes kept_m{}, kept_v{};  // the stage above, passed on from, not yet stored
    for (int k = stage_count_ - 1; k >= 0; --k) {
      const Pair src = stage(k, e);
      const Lanes x = load(src.money), xv = load(src.vintage);
      if (k + 1 == stage_count_) {
        m = m + pass * x;
        v = v + pass * xv;
      } else {
        const Pair dst = stage(k + 1, e);
        store(dst.money, kept_m + pass * x);
        store(dst.vintage, kept_v + pass * xv);
      }
      kept_m = x * keep;
      kept_v = xv * keep;
    }
    const Pair arrived = arrival(ready_row_ + e);
    Lanes a = load(arrived.money), av = load(arrived.vintage);
    store(arrived.money, splat(0.0));
    store(arrived.vintage, splat(0.0));
    if (overhead_share_ > 0.0) {
      kept = kept + a;
      const Lanes left = splat(1.0 - overhead_share_);
      a = a * left;
      av = av * left;
    }
    if (stage_count_ > 0 && delayed_) {
      kept_m = kept_m + a;
      kept_v = kept_v + av;
    } else {
      m = m + a;
      v = v + av;
    }
    if (stage_count_ > 0) {
      const Pair first = stage(0, e);
      store(first.money, kept_m);
      store(first.vintage, kept_v);
    }
  }

  // Overhead booked (the stages are totalled after every tile's month, by
  // add_stage_totals).
  void book(Lanes kept) {
    if (overhead_share_ > 0.0) {
      kept = kept * splat(overhead_share_);
      store(overhead_row_, load(overhead_row_) + kept);
      store(month_overhead_, load(month_overhead_) + kept);
    }
  }

  // A channel without a capacity limit disburses all its ready money each
  // month, so a tagged slot's ready money is +0 at the start of every month
  // (it is never stored) and its month is one pass: what enters its ready
  // money is what is disbursed (times a fraction of exactly 1).
  void flow_through() {
    delivered_ = load(delivered_row_);
    fraction_ = splat(1.0);
    Lanes kept = splat(0.0);
    const int tagged = untagged_row_ >= 0 ? untagged_row_ : slot_count_;
    for (int e = 0; e < tagged; ++e) {
      Lanes m = splat(0.0), v = splat(0.0);
      advance(e, m, v, kept);
      if (any_nonzero(m)) route(routes_.by_row[e], m, v);
    }
    if (untagged_row_ >= 0) {
      const Pair u = ready(untagged_row_);
      Lanes m = load(u.money), v = load(u.vintage);
      advance(untagged_row_, m, v, kept);
      store(u.money, m);
      store(u.vintage, v);
    }
    book(kept);
    if (untagged_row_ >= 0) {
      const Pair u = ready(untagged_row_);
      if (any_nonzero(load(u.money))) disburse_untagged(u);
      store(ready_total_, load(ready_total_) + load(u.money));
    }
    store(delivered_row_, delivered_);
  }

  // With a capacity limit: every slot's pipeline and arrivals first, then
  // the share each replica can disburse, worked out from the total.
  void fill() {
    const bool capped = capacity_ >= 0.0;
    Lanes kept = splat(0.0), total = splat(0.0);
    for (int e = 0; e < slot_count_; ++e) {
      const Pair r = ready(e);
      Lanes m = load(r.money), v = load(r.vintage);
      advance(e, m, v, kept);
      store(r.money, m);
      store(r.vintage, v);
      if (capped && e != untagged_row_) total = total + m;
    }
    book(kept);
    fraction_ = splat(1.0);
    if (!capped) return;
    if (untagged_row_ >= 0) total = total + load(ready(untagged_row_).money) * load(untagged_moves_);
    for (int lane = 0; lane < kLanes; ++lane)
      if (total[lane] > capacity_) fraction_.set(lane, capacity_ / std::max(total[lane], 1e-300));
    if (disbursed_share_) store(disbursed_share_, fraction_);
  }

  // Takes `fraction` of a slot's ready money and vintage.
  static void take(const Pair& from, Lanes fraction, Lanes& out, Lanes& out_v) {
    const Lanes m = load(from.money), v = load(from.vintage);
    out = m * fraction;
    out_v = v * fraction;
    store(from.money, m - out);
    store(from.vintage, v - out_v);
  }

  void disburse() {
    delivered_ = load(delivered_row_);
    Lanes total = load(ready_total_);
    const int tagged = untagged_row_ >= 0 ? untagged_row_ : slot_count_;
    for (int e = 0; e < tagged; ++e) {
      const Pair from = ready(e);
      if (any_nonzero(load(from.money))) {
        Lanes out, out_v;
        take(from, fraction_, out, out_v);
        route(routes_.by_row[e], out, out_v);
      }
      total = total + load(from.money);
    }
    if (untagged_row_ >= 0) {
      const Pair from = ready(untagged_row_);
      if (any_nonzero(load(from.money))) disburse_untagged(from);
      total = total + load(from.money);
    }
    store(delivered_row_, delivered_);
    store(ready_total_, total);
  }

  // Untagged money moves on through `to:`, or is spread over programmes by
  // the channel's core rule, where some country is eligible.
  void disburse_untagged(const Pair& from) {
    Lanes out, out_v;
    take(from, fraction_ * load(untagged_moves_), out, out_v);
    if (!routes_.onward.empty()) {
      for (const ArrivalTarget& to : routes_.onward) send(to, out, out_v);
      if (ledger_) add(row_major(ledger_, routes_.onward_ledger_row), out);
      return;
    }
    if (!core_country_) return;
    for (const ProgrammeRoute& to : routes_.by_programme) {
      const Lanes weight = splat(to.core_share) * load(row_major(core_country_, to.country));
      route(to, out * weight, out_v * weight);
    }
  }

  static void add(double* row, Lanes x) { store(row, load(row) + x); }

  void send(const ArrivalTarget& to, Lanes money, Lanes vintage) {
    const Pair row = arrival(to.row);
    const Lanes share = splat(to.share);
    store(row.money, load(row.money) + share * money);
    store(row.vintage, load(row.vintage) + share * vintage);
  }

  // Sub-grant partners' shares go on; the rest reaches the programme.
  void route(const ProgrammeRoute& to, Lanes money, Lanes vintage) {
    for (int i = to.first_target; i < to.first_target + to.targets; ++i) send(routes_.targets[i], money, vintage);
    const Lanes stays = splat(routes_.stays);
    add(row_major(programme_in_, to.programme), stays * money);
    add(row_major(programme_in_v_, to.programme), stays * vintage);
    delivered_ = delivered_ + stays * money;
    if (ledger_) add(row_major(ledger_, to.ledger_row), money);
  }

  const ChannelRoutes& routes_;
  const int stage_count_, slot_count_, untagged_row_, ready_row_;
  const Index replicas_;  // the stride of row-major blocks
  const Index lane0_;     // the tile's first column in them
  double* const first_stage_;    // the channel's first stage row in this tile
  double* const first_ready_;     // its first ready row
  double* const first_arrival_;  // the block's first arrival row
  double* const programme_in_;
  double* const programme_in_v_;
  double* const ledger_;
  double* const delivered_row_;
  double* const overhead_row_;
  double* const month_overhead_;
  double* const ready_total_;
  const double* const untagged_moves_;
  const double* const core_country_;
  double* const disbursed_share_;
  const double pass_share_, overhead_share_, capacity_;
  const bool delayed_;
  Lanes fraction_{};
  Lanes delivered_{};
};

// The channel's stage rows, final for the month, added to the stage total
// in row order. A replica's total is one long chain of additions, so two
// tiles run side by side to keep two chains (four vectors) in flight.
void add_stage_totals(const ChannelMonth& job) {
  const int rows = job.stages * job.slots;
  const int tiles = job.replicas / kLanes;
  const TiledMoney& state = *job.stages_state;
  int tile = 0;
  for (; tile + 1 < tiles; tile += 2) {
    double* total0 = job.stage_total + tile * kLanes;
    double* total1 = total0 + kLanes;
    Lanes sum0 = load(total0), sum1 = load(total1);
    const double* row0 = state.money(tile, job.stage_row);
    const double* row1 = state.money(tile + 1, job.stage_row);
    for (int row = 0; row < rows; ++row) {
      sum0 = sum0 + load(row0 + row * 2 * kLanes);
      sum1 = sum1 + load(row1 + row * 2 * kLanes);
    }
    store(total0, sum0);
    store(total1, sum1);
  }
  for (; tile < tiles; ++tile) {
    double* total = job.stage_total + tile * kLanes;
    Lanes sum = load(total);
    const double* row0 = state.money(tile, job.stage_row);
    for (int row = 0; row < rows; ++row) sum = sum + load(row0 + row * 2 * kLanes);
    store(total, sum);
  }
}

}  // namespace

PBFLOW_VECTOR_CLONES
void run_channel_month(const ChannelMonth& job) {
  for (int tile = 0; tile < job.replicas / kLanes; ++tile) TileRun(job, tile).run();
  add_stage_totals(job);
}

}  // namespace pbflow::sim
