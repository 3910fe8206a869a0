#include "experiment/sobol_sequence.h"

#include <random>
#include <stdexcept>

namespace pbflow::experiment {

namespace {

// Joe and Kuo's primitive polynomials (degree s, coefficients a) and
// initial direction numbers m_1..m_s, for dimensions 2 to 21.
struct Polynomial {
  int s;
  std::uint32_t a;
  std::array<std::uint32_t, 7> m;
};
constexpr std::array<Polynomial, 20> kJoeKuo{{
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
}};

}  // namespace

SobolSequence::SobolSequence(int dimensions, std::uint64_t seed) : dimensions_(dimensions) {
  if (dimensions < 1 || dimensions > kSobolMaxDimensions)
    throw std::invalid_argument("a Sobol' sequence here has 1 to 21 dimensions");
  std::mt19937_64 rng(seed ^ 0x5DEECE66DA3B4C2Full);
  for (int d = 0; d < dimensions; ++d) {
    // Direction numbers v_k = m_k 2^(32-k), bit 31 the most significant.
    std::array<std::uint32_t, kBits> v{};
    if (d == 0) {
      for (int k = 0; k < kBits; ++k) v[k] = 1u << (kBits - 1 - k);
    } else {
      const Polynomial& p = kJoeKuo[d - 1];
      for (int k = 0; k < p.s; ++k) v[k] = p.m[k] << (kBits - 1 - k);
      for (int k = p.s; k < kBits; ++k) {
        std::uint32_t x = v[k - p.s] ^ (v[k - p.s] >> p.s);
        for (int j = 1; j < p.s; ++j)
          if ((p.a >> (p.s - 1 - j)) & 1u) x ^= v[k - j];
        v[k] = x;
      }
    }
    // Linear matrix scrambling: a random lower-triangular binary matrix with
    // a unit diagonal, applied to every direction number.
    std::array<std::uint32_t, kBits> row{};  // row i: the bits (from the top) that output bit i mixes in
    for (int i = 0; i < kBits; ++i) {
      const std::uint32_t below = i == 0 ? 0u : static_cast<std::uint32_t>(rng()) & ~((1u << (kBits - i)) - 1u);
      row[i] = below | (1u << (kBits - 1 - i));  // bits above i (more significant) at random, then i itself
    }
    for (int k = 0; k < kBits; ++k) {
      std::uint32_t scrambled = 0;
      for (int i = 0; i < kBits; ++i)
        if (__builtin_popcount(row[i] & v[k]) & 1) scrambled |= 1u << (kBits - 1 - i);
      v[k] = scrambled;
    }
    directions_.push_back(v);
    shift_.push_back(static_cast<std::uint32_t>(rng()));
  }
}

std::vector<std::vector<double>> SobolSequence::first(int n) const {
  std::vector<std::vector<double>> points(n, std::vector<double>(dimensions_));
  std::vector<std::uint32_t> x(shift_);  // point 0 is the shift itself
  for (int i = 0; i < n; ++i) {
    for (int d = 0; d < dimensions_; ++d) points[i][d] = x[d] * (1.0 / 4294967296.0);
    // Gray code: the next point flips the direction number of the lowest zero bit of i.
    const int c = __builtin_ctz(~static_cast<std::uint32_t>(i));
    if (c < kBits)
      for (int d = 0; d < dimensions_; ++d) x[d] ^= directions_[d][c];
  }
  return points;
}

}  // namespace pbflow::experiment
