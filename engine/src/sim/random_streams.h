// Counter-based random numbers (Philox4x32-10, Random123). Every draw is a
// pure function of (seed, replica, country, purpose, month, k): no state,
// no order. So results do not depend on threads or block size, and replica
// r sees the same shocks under every strategy or budget (common random
// numbers).
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace pbflow::sim {

// What a draw is for; each purpose is its own stream.
enum class Purpose : std::uint32_t {
  phase = 1,             // the phase transition of (replica, country, month)
  disaster_count = 2,    // how many disasters strike
  disaster_people = 3,   // people affected by disaster k
  surge_people = 4,      // people displaced by an onset
  exchange_rate = 5,     // the exchange-rate step (country slot = currency)
};

class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}} {}

  // Uniform in the open interval (0, 1), 53 random bits.
  double uniform(int replica, int slot, Purpose purpose, int month, int k = 0) const {
    r123::Philox4x32::ctr_type counter = {{static_cast<std::uint32_t>(replica), static_cast<std::uint32_t>(slot),
                                          static_cast<std::uint32_t>(purpose) | (static_cast<std::uint32_t>(k) << 8),
                                          static_cast<std::uint32_t>(month)}};
    auto bits = r123::Philox4x32()(counter, key_);
    const std::uint64_t high = bits.v[0] >> 5, low = bits.v[1] >> 6;  // 27 + 26 bits
    return (static_cast<double>((high << 26) | low) + 0.5) / 9007199254740992.0;
  }

  // Standard normal by the inverse of Box and Muller, from two uniforms of
  // the same counter family.
  double normal(int replica, int slot, Purpose purpose, int month, int k = 0) const {
    const double u1 = uniform(replica, slot, purpose, month, 2 * k);
    const double u2 = uniform(replica, slot, purpose, month, 2 * k + 1);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  // Poisson count with a small mean, by inversion of one uniform.
  int poisson(double mean, int replica, int slot, Purpose purpose, int month, int k = 0) const {
    if (mean <= 0.0) return 0;
    const double u = uniform(replica, slot, purpose, month, k);
    double p = std::exp(-mean), cumulative = p;
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
