// Sobol' low-discrepancy points in up to 21 dimensions, randomised by
// linear matrix scrambling and a digital shift (Matousek 1998; as SciPy's
// `qmc.Sobol(scramble=True)`): every point stays a (t, m, s)-net point of the
// scrambled sequence, so the sample keeps the sequence's balance, and a seed
// gives an independent randomisation whose spread estimates the error.
// Direction numbers: Joe and Kuo (2008), new-joe-kuo-6.21201, dimensions 1-21.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace pbflow::experiment {

inline constexpr int kSobolMaxDimensions = 21;

class SobolSequence {
 public:
  // Throws std::invalid_argument if dimensions is not in [1, 21].
  SobolSequence(int dimensions, std::uint64_t seed);
  // The first n points, each in [0, 1)^dimensions.
  std::vector<std::vector<double>> first(int n) const;

 private:
  static constexpr int kBits = 32;
  int dimensions_;
  std::vector<std::array<std::uint32_t, kBits>> directions_;  // scrambled, per dimension
  std::vector<std::uint32_t> shift_;
};

}  // namespace pbflow::experiment
