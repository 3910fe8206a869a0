// Results as bytes and back (pbflow/archive.h), field by field, so that
// Python can pickle them and send them between processes. Little-endian,
// lengths before contents, a magic word and a layout number first; a
// reader checks every length against what is left, so damaged or hostile
// bytes give a RuntimeFailure, never a crash or a huge allocation.
#include <bit>
#include <optional>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "pbflow/errors.h"
#include "pbflow/archive.h"

namespace pbflow {

namespace {

static_assert(std::endian::native == std::endian::little, "the archive layout is little-endian");
constexpr std::uint32_t kMagic = 0x41424650;  // "PFBA"
constexpr std::uint32_t kLayout = 4;  // 2: runs hold their loans; 3: and their peacekeeping; 4: purpose codes
// Which result the bytes hold, after the magic word and the layout.
enum class Kind : std::uint32_t { run = 1, compare, trace, difference, sweep, sensitivity, discovery };

class Writer {
 public:
  template <typename T>
    requires std::is_arithmetic_v<T>
  void put(T v) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  void put(const std::string& s) {
    put<std::uint64_t>(s.size());
    out_ += s;
  }
  void put(const YearMonth& m) { put<std::int32_t>(m.index); }
  void put(const Stats& s) {
    for (double v : {s.mean, s.sd, s.p05, s.p50, s.p95}) put(v);
  }
  template <typename T, std::size_t N>
  void put(const std::array<T, N>& a) {
    for (const auto& v : a) put(v);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  template <typename T>
    requires std::is_arithmetic_v<T>
  void get(T& v) {
    need(sizeof(T));
    std::memcpy(&v, in_.data() + at_, sizeof(T));
    at_ += sizeof(T);
  }
  void get(std::string& s) {
    const std::size_t n = count(1);
    s.assign(in_.data() + at_, n);
    at_ += n;
  }
  void get(YearMonth& m) {
    std::int32_t index = 0;
    get(index);
    m.index = index;
  }
  void get(Stats& s) {
    for (double* v : {&s.mean, &s.sd, &s.p05, &s.p50, &s.p95}) get(*v);
  }
  template <typename T, std::size_t N>
  void get(std::array<T, N>& a) {
    for (auto& v : a) get(v);
  }
  // A length, checked against the bytes left (each item at least `bytes` long).
  std::size_t count(std::size_t bytes) {
    std::uint64_t n = 0;
    get(n);
    if (n > (in_.size() - at_) / bytes) fail();
    return static_cast<std::size_t>(n);
  }
  void expect(Kind kind) {
    std::uint32_t m = 0, layout = 0, k = 0;
    get(m);
    if (m != kMagic) throw RuntimeFailure("these bytes are not a pbflow result");
    get(layout);
    if (layout != kLayout)
      throw RuntimeFailure("this result was saved by a pbflow with archive layout " + std::to_string(layout) +
                           "; this one reads layout " + std::to_string(kLayout));
    get(k);
    if (k != static_cast<std::uint32_t>(kind)) throw RuntimeFailure("these bytes hold another kind of pbflow result");
  }
  void finish() const {
    if (at_ != in_.size()) fail();
  }

 private:
  void need(std::size_t n) const {
    if (in_.size() - at_ < n) fail();
  }
  [[noreturn]] void fail() const { throw RuntimeFailure("a saved pbflow result is damaged (cut short or altered)"); }
  const std::string& in_;
  std::size_t at_ = 0;
};

// Each record's fields, once, for both directions.
template <typename IO>
void fields(IO& io, Assumption& a) {
  io(a.group), io(a.item), io(a.detail), io(a.value), io(a.text), io(a.unit);
}
template <typename IO>
void fields(IO& io, ReplicaTotals& t) {
  io(t.appropriated), io(t.released), io(t.overhead), io(t.spent), io(t.in_pipeline), io(t.unreleased);
  io(t.reserves), io(t.lapsed), io(t.conservation_error), io(t.delivery_lag), io(t.objective);
}
template <typename IO>
void fields(IO& io, CountryOutcome& o) {
  io(o.spent), io(o.conflict_months), io(o.relapses), io(o.unmet_need_person_months), io(o.people_reached);
  io(o.peace_at_horizon);
}
template <typename IO>
void fields(IO& io, FlowRow& f) {
  io(f.from), io(f.to), io(f.country), io(f.pillar), io(f.purpose), io(f.amount);
}
template <typename IO>
void fields(IO& io, PurposeProgramme& p) {
  io(p.country), io(p.code), io(p.name), io(p.pillar), io(p.acts_on);
}
template <typename IO>
void fields(IO& io, MonthRow& m) {
  io(m.month), io(m.values);
}
template <typename IO>
void fields(IO& io, CountryMonth& c) {
  io(c.need_mean), io(c.conflict_probability);
}
template <typename IO>
void fields(IO& io, TrajectoryRow& t) {
  io(t.replica), io(t.month), io(t.country), io(t.phase), io(t.need), io(t.capacity), io(t.spent), io(t.disasters);
  io(t.onsets);
}
template <typename IO>
void fields(IO& io, LoanInfo& l) {
  io(l.line), io(l.borrower), io(l.currency), io(l.income_group), io(l.grant_element), io(l.discount_rate);
  io(l.threshold);
}
template <typename IO>
void fields(IO& io, LoanTotals& t) {
  io(t.committed), io(t.disbursed), io(t.principal_repaid), io(t.interest_paid), io(t.outstanding);
  io(t.arrears_principal), io(t.arrears_interest), io(t.relieved_principal), io(t.relieved_interest);
}
template <typename IO>
void fields(IO& io, MissionResult& m) {
  io(m.id), io(m.name), io(m.country), io(m.spent);
}
template <typename IO>
void fields(IO& io, AssessmentResult& a) {
  io(a.donor), io(a.mission), io(a.assessed), io(a.paid), io(a.buys);
}
template <typename IO>
void fields(IO& io, SweepPoint& p) {
  io(p.index), io(p.assignments), io(p.outputs), io(p.reused);
}
template <typename IO>
void fields(IO& io, PairedDifference& d) {
  io(d.mean_diff), io(d.ci_low), io(d.ci_high), io(d.p_better), io(d.unpaired_ci_low), io(d.unpaired_ci_high);
  io(d.narrowing);
}
template <typename IO>
void fields(IO& io, Future& f) {
  io(f.assignments);
}
template <typename IO>
void fields(IO& io, Robustness& r) {
  io(r.futures), io(r.replicas), io(r.satisficing_objective), io(r.objective), io(r.regret), io(r.max_regret);
  io(r.mean_regret), io(r.satisficing_share);
}
template <typename IO>
void fields(IO& io, TraceHop& h) {
  io(h.channel), io(h.core), io(h.local), io(h.overhead);
}
template <typename IO>
void fields(IO& io, TraceRoute& r) {
  io(r.country), io(r.pillar), io(r.purpose), io(r.line), io(r.hops), io(r.entered), io(r.spent), io(r.in_pipeline);
  io(r.lag_months);
}
template <typename IO>
void fields(IO& io, TraceProgramme& p) {
  io(p.country), io(p.pillar), io(p.purpose), io(p.spent), io(p.entered), io(p.overhead), io(p.in_pipeline), io(p.routes_spent);
  io(p.lag_months), io(p.spent_by_intermediaries), io(p.spent_via_local);
}
template <typename IO>
void fields(IO& io, OutcomeDifference& d) {
  io(d.measure), io(d.country), io(d.unit), io(d.better), io(d.baseline), io(d.whatif), io(d.mean), io(d.low);
  io(d.high), io(d.better_share), io(d.only_in);
}
template <typename IO>
void fields(IO& io, SensitivityIndex& i) {
  io(i.output), io(i.parameter), io(i.measure), io(i.value), io(i.low), io(i.high);
}
template <typename IO>
void fields(IO& io, PeelStep& p) {
  io(p.coverage), io(p.density), io(p.mass), io(p.restricted);
}
template <typename IO>
void fields(IO& io, BoxLimit& b) {
  io(b.parameter), io(b.low), io(b.high), io(b.full_low), io(b.full_high), io(b.restricted), io(b.qp);
}
template <typename IO>
void fields(IO& io, RunResult& r) {
  io(r.scenario), io(r.assumptions), io(r.partial), io(r.replicas_requested), io(r.scenario_sha256), io(r.engine);
  io(r.command), io(r.created), io(r.replicas), io(r.seed), io(r.months), io(r.start), io(r.currency);
  io(r.base_per_yen), io(r.countries), io(r.country_names), io(r.channels), io(r.totals), io(r.outcomes);
  io(r.channel_overhead), io(r.channel_delivered), io(r.flows), io(r.timeseries), io(r.country_months);
  io(r.trajectories), io(r.warnings), io(r.threads), io(r.block_size), io(r.seconds), io(r.started_at);
  io(r.finished_at), io(r.loans), io(r.loan_totals), io(r.missions), io(r.assessments), io(r.purposes);
  io(r.purpose_spent);
}
template <typename IO>
void fields(IO& io, SweepResult& r) {
  io(r.scenario), io(r.scenario_sha256), io(r.engine), io(r.command), io(r.created), io(r.design), io(r.samples);
  io(r.levels), io(r.replicas), io(r.seed), io(r.parameters), io(r.outputs), io(r.points), io(r.computed);
  io(r.reused), io(r.partial), io(r.failures), io(r.points_planned), io(r.shard_index), io(r.shard_count);
  io(r.seconds);
}
template <typename IO>
void fields(IO& io, StrategyResult& s) {
  io(s.name), io(s.kind), io(s.run), io(s.objective), io(s.objective_stats), io(s.vs_baseline);
  io(s.in_sample_objective), io(s.shares), io(s.start_objectives);
}
template <typename IO>
void fields(IO& io, CompareResult& c) {
  io(c.scenario), io(c.scenario_sha256), io(c.engine), io(c.command), io(c.created), io(c.baseline), io(c.replicas);
  io(c.seed), io(c.strategies), io(c.robustness), io(c.seconds);
}
template <typename IO>
void fields(IO& io, TraceResult& t) {
  io(t.run), io(t.routes), io(t.programmes), io(t.empty_routes), io(t.local_channels), io(t.pending_core);
  io(t.pending_core_overhead);
}
template <typename IO>
void fields(IO& io, DifferenceResult& d) {
  io(d.whatif), io(d.baseline), io(d.replicas), io(d.seed), io(d.currency), io(d.rows);
}
template <typename IO>
void fields(IO& io, SensitivityResult& s) {
  io(s.scenario), io(s.method), io(s.rows), io(s.indices), io(s.warnings);
}
template <typename IO>
void fields(IO& io, DiscoveryResult& d) {
  io(d.scenario), io(d.output), io(d.threshold), io(d.above), io(d.points), io(d.of_interest), io(d.trajectory);
  io(d.chosen), io(d.box), io(d.notes);
}

// The two directions as callables that `fields` drives (Save casts const
// away only to share `fields`; it never writes). Records inside
// vectors go through `fields` again; numbers, text and enums directly.
struct Save {
  Writer& w;
  template <typename T>
  void operator()(const T& v) {
    if constexpr (std::is_enum_v<T>) {
      w.put(static_cast<std::int32_t>(v));
    } else if constexpr (std::is_same_v<T, bool>) {
      w.put<std::uint8_t>(v ? 1 : 0);
    } else if constexpr (requires { w.put(v); }) {
      w.put(v);
    } else {
      fields(*this, const_cast<T&>(v));
    }
  }
  template <typename T>
  void operator()(const std::vector<T>& items) {
    w.put<std::uint64_t>(items.size());
    for (const auto& item : items) (*this)(item);
  }
  template <typename A, typename B>
  void operator()(const std::pair<A, B>& p) {
    (*this)(p.first), (*this)(p.second);
  }
  template <typename T>
  void operator()(const std::optional<T>& o) {
    (*this)(o.has_value());
    if (o) (*this)(*o);
  }
};

struct Load {
  Reader& r;
  template <typename T>
  void operator()(T& v) {
    if constexpr (std::is_enum_v<T>) {
      std::int32_t raw = 0;
      r.get(raw);
      v = static_cast<T>(raw);
    } else if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t raw = 0;
      r.get(raw);
      v = raw != 0;
    } else if constexpr (requires { r.get(v); }) {
      r.get(v);
    } else {
      fields(*this, v);
    }
  }
  template <typename T>
  void operator()(std::vector<T>& items) {
    items.resize(r.count(1));  // every item takes at least a byte
    for (auto& item : items) (*this)(item);
  }
  template <typename A, typename B>
  void operator()(std::pair<A, B>& p) {
    (*this)(p.first), (*this)(p.second);
  }
  template <typename T>
  void operator()(std::optional<T>& o) {
    bool present = false;
    (*this)(present);
    o.reset();
    if (present) (*this)(o.emplace());
  }
};

template <typename T>
std::string save(Kind kind, const T& value) {
  Writer w;
  w.put(kMagic);
  w.put(kLayout);
  w.put(static_cast<std::uint32_t>(kind));
  Save io{w};
  fields(io, const_cast<T&>(value));
  return w.take();
}

template <typename T>
void load(Kind kind, const std::string& bytes, T& value) {
  Reader r(bytes);
  r.expect(kind);
  value = T{};
  Load io{r};
  fields(io, value);
  r.finish();
}

}  // namespace

#define PBFLOW_ARCHIVE(Type, kind)                                                            \
  std::string to_bytes(const Type& r) { return save(Kind::kind, r); }                        \
  void from_bytes(const std::string& bytes, Type& out) { load(Kind::kind, bytes, out); }
PBFLOW_ARCHIVE(RunResult, run)
PBFLOW_ARCHIVE(CompareResult, compare)
PBFLOW_ARCHIVE(TraceResult, trace)
PBFLOW_ARCHIVE(DifferenceResult, difference)
PBFLOW_ARCHIVE(SweepResult, sweep)
PBFLOW_ARCHIVE(SensitivityResult, sensitivity)
PBFLOW_ARCHIVE(DiscoveryResult, discovery)
#undef PBFLOW_ARCHIVE

}  // namespace pbflow
