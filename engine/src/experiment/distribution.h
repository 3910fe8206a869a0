// How a sweep's points are shared between processes: one process (every
// point here), or the ranks of an MPI job (launched with mpirun), where rank
// r runs points r, r + size, ... and rank 0 gathers every point's outputs.
// Each point is computed the same way wherever it runs, so results are
// identical for any number of ranks.
#pragma once

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
  // Gathers every rank's computed outputs into `outputs` on the leader:
  // outputs[point] holds width values for each point in `todo`.
  void gather(const std::vector<int>& todo, int width, std::vector<std::vector<double>>& outputs) const;

 private:
  int rank_ = 0, size_ = 1;
};

// Starts MPI when the process was launched by mpirun (and pbflow was built
// with MPI); finalises it when the guard goes. Elsewhere it does nothing.
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

 private:
  bool started_ = false;
};

}  // namespace pbflow::experiment
