// Counter-based random numbers (Philox4x32-10, Random123). Every draw is a
// pure function of (seed, replica, month, slot, purpose, shock, draw): no
// state, no order. So results do not depend on threads or block size, and
// replica r sees the same shocks under every strategy or budget (common
// random numbers).
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace pbflow::sim {

// What a draw is for; each purpose is its own stream.
// The slot is a country's or a currency's identity (plan::stream_slot of its
// ISO code), never its place in the scenario file.
enum class Purpose : std::uint32_t {
  phase = 1,                      // the phase transition of (replica, country, month)
  disaster_count = 2,             // how many disasters of random-shock `shock` strike
  disaster_people = 3,            // people affected by disaster `draw` of random-shock `shock`
  surge_people = 4,               // people displaced by onset `draw` under surge shock `shock`
  exchange_rate = 5,              // the exchange-rate step (slot = currency)
  scheduled_disaster_people = 6,  // people affected by scheduled disaster `shock`
};

// Which draw of a purpose's stream, for purposes with several a month.
struct DrawIndex {
  std::int64_t shock = 0;  // which shock of the country's list
  std::int64_t draw = 0;   // which draw for that shock
};

// The 128-bit counter of one uniform. Each coordinate has its own bits, so
// two different draws can never share a counter:
//   word 0: replica                32 bits
//   word 1: month << 16 | slot     16 + 16 bits
//   word 2: purpose << 24 | shock  8 + 24 bits
//   word 3: draw                   32 bits
// A coordinate outside its bits is a logic error, never a silent wrap.
struct DrawCounter {
  static constexpr std::int64_t kReplicas = std::int64_t{1} << 32;
  static constexpr std::int64_t kMonths = 1 << 16;
  static constexpr std::int64_t kSlots = 1 << 16;
  static constexpr std::int64_t kShocks = 1 << 24;
  static constexpr std::int64_t kDraws = std::int64_t{1} << 32;

  static r123::Philox4x32::ctr_type make(std::int64_t replica, std::int64_t slot, Purpose purpose, std::int64_t month,
                                         DrawIndex index) {
    // One predictable branch in the hot path; the message is built only on failure.
    const bool inside = static_cast<std::uint64_t>(replica) < kReplicas && static_cast<std::uint64_t>(slot) < kSlots &&
                        static_cast<std::uint64_t>(month) < kMonths && static_cast<std::uint64_t>(index.shock) < kShocks &&
                        static_cast<std::uint64_t>(index.draw) < kDraws;
    if (!inside) [[unlikely]]
      refuse(replica, slot, month, index);
    return {{static_cast<std::uint32_t>(replica), static_cast<std::uint32_t>(month << 16 | slot),
             static_cast<std::uint32_t>(purpose) << 24 | static_cast<std::uint32_t>(index.shock),
             static_cast<std::uint32_t>(index.draw)}};
  }

 private:
  [[noreturn, gnu::cold, gnu::noinline]] static void refuse(std::int64_t replica, std::int64_t slot, std::int64_t month,
                                                            DrawIndex index) {
    const std::pair<const char*, std::pair<std::int64_t, std::int64_t>> fields[] = {
        {"replica", {replica, kReplicas}}, {"slot", {slot, kSlots}},           {"month", {month, kMonths}},
        {"shock", {index.shock, kShocks}}, {"draw", {index.draw, kDraws}}};
    for (const auto& [what, field] : fields)
      if (field.first < 0 || field.first >= field.second)
        throw std::logic_error(std::string("random stream: ") + what + " " + std::to_string(field.first) +
                               " is outside its counter bits [0, " + std::to_string(field.second) + ")");
    throw std::logic_error("random stream: a coordinate is outside its counter bits");
  }
};

class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}} {}

  // Uniform in the open interval (0, 1), 53 random bits.
  double uniform(int replica, int slot, Purpose purpose, int month, DrawIndex index = {}) const {
    auto bits = r123::Philox4x32()(DrawCounter::make(replica, slot, purpose, month, index), key_);
    const std::uint64_t high = bits.v[0] >> 5, low = bits.v[1] >> 6;  // 27 + 26 bits
    // Below 2^53, so the signed conversion (one instruction) is exact.
    return (static_cast<double>(static_cast<std::int64_t>((high << 26) | low)) + 0.5) / 9007199254740992.0;
  }

  // uniform(first_replica + i, ...) for i < count, into out: the counter
  // checked once, and Philox written out as a loop across replicas that the
  // compiler vectorises (random_streams.cc).
  void uniforms(int first_replica, int count, int slot, Purpose purpose, int month, DrawIndex index,
                double* out) const;

  // Standard normal by the inverse of Box and Muller, from the uniforms of
  // draws 2k and 2k + 1 of the same shock.
  double normal(int replica, int slot, Purpose purpose, int month, DrawIndex index = {}) const {
    const double u1 = uniform(replica, slot, purpose, month, {index.shock, 2 * index.draw});
    const double u2 = uniform(replica, slot, purpose, month, {index.shock, 2 * index.draw + 1});
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  // Poisson count with a small mean, by inversion of one uniform (at most
  // 1000). `none` is exp(-mean), the chance of zero, worked out once by the caller.
  int poisson(double mean, double none, int replica, int slot, Purpose purpose, int month, DrawIndex index = {}) const {
    if (mean <= 0.0) return 0;
    return poisson_inverse(mean, none, uniform(replica, slot, purpose, month, index));
  }
  static int poisson_inverse(double mean, double none, double u) {
    if (mean <= 0.0) return 0;
    double p = none, cumulative = p;
    int n = 0;
    while (u > cumulative && n < 1000) {
      ++n;
      p *= mean / n;
      cumulative += p;
    }
    return n;
  }

 private:
  r123::Philox4x32::key_type key_;
};

}  // namespace pbflow::sim
