// How a sweep's points are shared between processes: one process (every
// point here), or the ranks of an MPI job (launched with mpirun), where rank
// r runs points r, r + size, ... Each point is computed the same way
// wherever it runs, so results are identical for any number of ranks.
//
// MPI itself is started by pbflow::MpiSession (pbflow/parallel.h).
//
// Results reach the leader (rank 0) as each point finishes, not at the end:
// workers send each point's outputs the moment it is done, and the leader's
// main thread hands every arriving point to a callback that commits it.
#pragma once

#include <functional>
#include <vector>

namespace pbflow::experiment {

class Distribution {
 public:
  static Distribution current();  // MPI if this process is a rank of an MPI job
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool leader() const { return rank_ == 0; }
  // Indices (into `todo`) this rank runs.
  std::vector<int> mine(const std::vector<int>& todo) const;

  // The leader's bytes, on every rank.
  void broadcast(std::vector<char>& bytes) const;

  // Runs this rank's share of `todo` (`jobs` points at once, each
  // `compute(point, threads)` returning `width` outputs). On the leader,
  // `finished(point, outputs)` is called on the calling thread for every
  // point of every rank as it arrives; on other ranks it is never called.
  // A point that throws stops the run: the leader rethrows the first
  // failure (naming the rank) after the points under way have finished.
  void run(const std::vector<int>& todo, int width, int jobs, int threads,
           const std::function<std::vector<double>(int point, int threads)>& compute,
           const std::function<void(int point, const std::vector<double>& outputs)>& finished) const;

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace pbflow::experiment
