#include "experiment/distribution.h"

#include <cstdlib>

#ifdef PBFLOW_HAVE_MPI
#include <mpi.h>
#endif

namespace pbflow::experiment {

namespace {

bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
}

}  // namespace

MpiSession::MpiSession(int* argc, char*** argv) {
#ifdef PBFLOW_HAVE_MPI
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised && launched_by_mpirun()) {
    MPI_Init(argc, argv);
    started_ = true;
  }
#else
  (void)argc;
  (void)argv;
#endif
}

MpiSession::~MpiSession() {
#ifdef PBFLOW_HAVE_MPI
  if (started_) MPI_Finalize();
#endif
}

Distribution Distribution::current() {
  Distribution d;
#ifdef PBFLOW_HAVE_MPI
  int initialised = 0, finalised = 0;
  MPI_Initialized(&initialised);
  MPI_Finalized(&finalised);
  if (initialised && !finalised) {
    MPI_Comm_rank(MPI_COMM_WORLD, &d.rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &d.size_);
  }
#endif
  return d;
}

std::vector<int> Distribution::mine(const std::vector<int>& todo) const {
  std::vector<int> out;
  for (std::size_t k = rank_; k < todo.size(); k += size_) out.push_back(static_cast<int>(k));
  return out;
}

void Distribution::gather(const std::vector<int>& todo, int width, std::vector<std::vector<double>>& outputs) const {
#ifdef PBFLOW_HAVE_MPI
  if (size_ == 1) return;
  // Every rank sends its points' outputs in order; the leader knows who ran what.
  std::vector<double> sent;
  for (int k : mine(todo)) sent.insert(sent.end(), outputs[todo[k]].begin(), outputs[todo[k]].end());
  std::vector<int> counts(size_), displacements(size_);
  for (int r = 0; r < size_; ++r) {
    Distribution other = *this;
    other.rank_ = r;
    counts[r] = static_cast<int>(other.mine(todo).size()) * width;
    displacements[r] = r ? displacements[r - 1] + counts[r - 1] : 0;
  }
  std::vector<double> received(leader() ? displacements.back() + counts.back() : 0);
  MPI_Gatherv(sent.data(), static_cast<int>(sent.size()), MPI_DOUBLE, received.data(), counts.data(),
              displacements.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (!leader()) return;
  for (int r = 0; r < size_; ++r) {
    Distribution other = *this;
    other.rank_ = r;
    const double* v = received.data() + displacements[r];
    for (int k : other.mine(todo)) {
      outputs[todo[k]].assign(v, v + width);
      v += width;
    }
  }
#else
  (void)todo;
  (void)width;
  (void)outputs;
#endif
}

}  // namespace pbflow::experiment
