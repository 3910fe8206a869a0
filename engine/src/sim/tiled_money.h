// Money and its vintage for many rows (compartments) over a block of
// replicas, laid out in tiles of kLanes replicas: a tile holds every row,
// and each row its kLanes money values followed by its kLanes vintage values
// (64 bytes, one cache line). A channel's whole state for a tile is one
// contiguous stretch, so its month for four replicas runs in L1 and L2.
#pragma once

#include <cstddef>
#include <memory>

#include "sim/block.h"

namespace pbflow::sim {

inline constexpr int kLanes = 8;  // replicas in a tile

// A block's replicas rounded up to whole tiles.
inline constexpr int padded_replicas(int replicas) { return (replicas + kLanes - 1) / kLanes * kLanes; }

class TiledMoney {
 public:
  // Zeroed; replicas must be a whole number of tiles.
  void reset(int rows, int replicas);

  int rows() const { return rows_; }
  int tiles() const { return tiles_; }
  double* money(int tile, int row) { return data_.get() + (static_cast<std::size_t>(tile) * rows_ + row) * 2 * kLanes; }
  double* vintage(int tile, int row) { return money(tile, row) + kLanes; }
  const double* money(int tile, int row) const {
    return data_.get() + (static_cast<std::size_t>(tile) * rows_ + row) * 2 * kLanes;
  }

  // Adds share x (money, vintage) to a row, one replica per column. Inline,
  // so it vectorises inside the kernel's clones that call it.
  void add(int row, double share, const Row& money, const Row& vintage) {
    for (int tile = 0; tile < tiles_; ++tile) {
      double* __restrict m = this->money(tile, row);
      double* __restrict v = m + kLanes;
      const double* __restrict x = money.data() + tile * kLanes;
      const double* __restrict xv = vintage.data() + tile * kLanes;
      for (int lane = 0; lane < kLanes; ++lane) {
        m[lane] = m[lane] + share * x[lane];
        v[lane] = v[lane] + share * xv[lane];
      }
    }
  }
  // Per replica, the money of all rows added in row order.
  Row money_sums() const;

 private:
  struct Free {
    void operator()(double* p) const;
  };
  std::unique_ptr<double[], Free> data_;
  std::size_t capacity_ = 0;
  int rows_ = 0, tiles_ = 0;
};

}  // namespace pbflow::sim
