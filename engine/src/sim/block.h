// State of a block of replicas: one column per replica. Row-major storage
// keeps each row (one compartment across the block's replicas) contiguous,
// so the kernel's row operations vectorise.
#pragma once

#include <Eigen/Dense>

namespace pbflow::sim {

using Block = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using IntBlock = Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Row = Eigen::Matrix<double, 1, Eigen::Dynamic>;

// Column sums that add rows in order, one element at a time. Eigen's own
// colwise().sum() associates differently for columns that fall outside a
// SIMD packet, which would make a replica's result depend on its position
// in the block, and so on the block size.
template <typename Derived>
Row column_sums(const Eigen::MatrixBase<Derived>& m) {
  Row sums = Row::Zero(m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i) sums += m.row(i);
  return sums;
}

// The same for one column: rows added in order.
template <typename Derived>
double column_sum(const Eigen::MatrixBase<Derived>& m, Eigen::Index col) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < m.rows(); ++i) sum += m(i, col);
  return sum;
}

}  // namespace pbflow::sim
