// Sums over replicas that do not depend on the order they are added in:
// each value is rounded to a fixed-point quantum (2^-40, about 1e-12, of a currency
// unit; sums up to about 1e26 fit, and the scenario language's bounds on
// budgets and exchange rates keep every amount below 1e25)
// and added as a 128-bit integer, which is associative. So aggregates are
// byte-identical for any thread count or block size.
#pragma once

#include <cmath>
#include <cstdint>

namespace pbflow::experiment {

__extension__ typedef __int128 Int128;

class ExactSum {
 public:
  static constexpr double kScale = 1099511627776.0;  // 2^40
  void add(double x) {
    const double quanta = std::nearbyint(x * kScale);  // an integer, exactly
    // Below 2^63 the 64-bit conversion (one instruction) gives the same
    // integer. Below 2^95 (amounts under 3.6e16) it is split into 32-bit
    // halves, each converted by one instruction, both exactly (a profile
    // found the library's 128-bit conversion at 3% of a run). Beyond, the
    // library's.
    const double size = std::abs(quanta);
    if (size < 9223372036854775808.0) {
      total_ += static_cast<std::int64_t>(quanta);
    } else if (size < 39614081257132168796771975168.0) {  // 2^95
      const double high = std::floor(quanta * 2.3283064365386963e-10);  // / 2^32, exact
      const double low = quanta - high * 4294967296.0;                    // in [0, 2^32), exact
      total_ += static_cast<Int128>(static_cast<std::int64_t>(high)) * 4294967296 + static_cast<std::int64_t>(low);
    } else {
      total_ += static_cast<Int128>(quanta);
    }
  }
  // The integer a value adds (for tests).
  static Int128 quanta_of(double x) {
    ExactSum one;
    one.add(x);
    return one.total_;
  }
  double value() const { return static_cast<double>(total_) / kScale; }
  ExactSum& operator+=(const ExactSum& o) {
    total_ += o.total_;
    return *this;
  }

 private:
  Int128 total_ = 0;
};

}  // namespace pbflow::experiment
