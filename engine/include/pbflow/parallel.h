// Running as one rank of an MPI job (`mpirun -np N pbflow sweep ...`).
#pragma once

namespace pbflow {

// Starts MPI when the process was launched by mpirun (and pbflow was built
// with MPI); finalises it when the guard goes. Elsewhere it does nothing.
// Create one at the top of main(), before any other pbflow call.
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

 private:
  bool started_ = false;
};

// Whether this process reports results: the only process, or rank 0 of an
// MPI job (the other ranks compute their share and say nothing).
bool reports_results();

}  // namespace pbflow
