// State of a block of replicas: one column per replica. Row-major storage
// keeps each row (one compartment across the block's replicas) contiguous,
// so the kernel's row operations vectorise.
#pragma once

#include <Eigen/Dense>

namespace pbflow::sim {

using Block = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using IntBlock = Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Row = Eigen::Matrix<double, 1, Eigen::Dynamic>;

}  // namespace pbflow::sim
