#include "sim/tiled_money.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <stdexcept>

namespace pbflow::sim {

void TiledMoney::Free::operator()(double* p) const { std::free(p); }

void TiledMoney::reset(int rows, int replicas) {
  if (replicas % kLanes != 0) throw std::logic_error("TiledMoney: replicas not a whole number of tiles");
  rows_ = rows;
  tiles_ = replicas / kLanes;
  const std::size_t n = static_cast<std::size_t>(rows) * replicas * 2;
  if (n > capacity_) {
    // Cache-line aligned, so a row of a tile is one line.
    void* p = std::aligned_alloc(64, std::max<std::size_t>(64, (n * sizeof(double) + 63) / 64 * 64));
    if (!p) throw std::bad_alloc();
    data_.reset(static_cast<double*>(p));
    capacity_ = n;
  }
  std::fill(data_.get(), data_.get() + n, 0.0);
}

Row TiledMoney::money_sums() const {
  Row sums = Row::Zero(tiles_ * kLanes);
  for (int tile = 0; tile < tiles_; ++tile)
    for (int row = 0; row < rows_; ++row) {
      const double* m = money(tile, row);
      for (int lane = 0; lane < kLanes; ++lane) sums(tile * kLanes + lane) += m[lane];
    }
  return sums;
}

}  // namespace pbflow::sim
