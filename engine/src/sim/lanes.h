// A tile's replicas' values (kLanes of them) as a few short vectors. GCC and
// clang lower each vector's operations to the widest registers the function
// is compiled for (SSE2 halves, or AVX2 registers in the kernel's AVX2
// clone); each lane is rounded as its own scalar operation would be, so the
// width never changes a bit. Several vectors a value keep several
// independent chains in flight where a total runs over many rows. For the
// kernel's loops only: passed by value between functions of one file.
#pragma once

#include <cstdint>
#include <cstring>

#include "sim/tiled_money.h"  // kLanes

namespace pbflow::sim {

typedef double Vec4 __attribute__((vector_size(4 * sizeof(double))));
typedef std::uint64_t Bits4 __attribute__((vector_size(4 * sizeof(double))));
inline constexpr int kVectors = kLanes / 4;

struct Lanes {
  Vec4 v[kVectors];
  double operator[](int lane) const { return v[lane / 4][lane % 4]; }
  void set(int lane, double x) { v[lane / 4][lane % 4] = x; }
};

inline Lanes operator+(Lanes a, const Lanes& b) {
  for (int i = 0; i < kVectors; ++i) a.v[i] = a.v[i] + b.v[i];
  return a;
}
inline Lanes operator-(Lanes a, const Lanes& b) {
  for (int i = 0; i < kVectors; ++i) a.v[i] = a.v[i] - b.v[i];
  return a;
}
inline Lanes operator*(Lanes a, const Lanes& b) {
  for (int i = 0; i < kVectors; ++i) a.v[i] = a.v[i] * b.v[i];
  return a;
}

inline Lanes load(const double* p) {
  Lanes x;
  for (int i = 0; i < kVectors; ++i) std::memcpy(&x.v[i], p + 4 * i, sizeof(Vec4));
  return x;
}

inline void store(double* p, const Lanes& x) {
  for (int i = 0; i < kVectors; ++i) std::memcpy(p + 4 * i, &x.v[i], sizeof(Vec4));
}

inline Lanes splat(double x) {
  Lanes out;
  for (int i = 0; i < kVectors; ++i) out.v[i] = Vec4{x, x, x, x};
  return out;
}

// Some lane is neither +0 nor -0 (NaN counts), as Eigen's isZero(0) is false.
inline bool any_nonzero(const Lanes& x) {
  Bits4 any{};
  for (int i = 0; i < kVectors; ++i) {
    Bits4 bits;
    std::memcpy(&bits, &x.v[i], sizeof bits);
    any |= bits;
  }
  any &= ~(std::uint64_t{1} << 63);
  return (any[0] | any[1] | any[2] | any[3]) != 0;
}

}  // namespace pbflow::sim
