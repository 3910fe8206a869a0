#include "experiment/distribution.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "pbflow/errors.h"
#include "pbflow/parallel.h"

#ifdef PBFLOW_HAVE_MPI
#include <mpi.h>
#endif

namespace pbflow::experiment {

namespace {

bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
}

// Finished points handed from the computing threads to the main thread.
struct Mailbox {
  struct Item {
    int point;
    std::vector<double> outputs;
    std::string error;  // non-empty: the point failed
    bool skipped = false;  // not run, after another point failed
  };
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Item> items;
  bool done = false;  // the computing threads have all finished

  void post(Item item) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      items.push_back(std::move(item));
    }
    ready.notify_one();
  }
  void close() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
    }
    ready.notify_one();
  }
  // Takes what has arrived, waiting at most `wait` for something.
  std::deque<Item> take(std::chrono::milliseconds wait, bool* closed) {
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait_for(lock, wait, [&] { return !items.empty() || done; });
    std::deque<Item> out;
    out.swap(items);
    *closed = done;
    return out;
  }
};

#ifdef PBFLOW_HAVE_MPI
constexpr int kResultTag = 7;
// A message: [point, status (0 done, 1 failed, 2 skipped), outputs...].
#endif

}  // namespace

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

void Distribution::broadcast(std::vector<char>& bytes) const {
#ifdef PBFLOW_HAVE_MPI
  if (size_ > 1) MPI_Bcast(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, 0, MPI_COMM_WORLD);
#else
  (void)bytes;
#endif
}

void Distribution::run(const std::vector<int>& todo, int width, int jobs, int threads,
                       const std::function<std::vector<double>(int, int)>& compute,
                       const std::function<void(int, const std::vector<double>&)>& finished) const {
  const std::vector<int> own = mine(todo);
  Mailbox mailbox;
  std::atomic<bool> stop{false};  // after a failure, start no new point
  auto one = [&](int k, int point_threads) {
    const int point = todo[own[k]];
    if (stop) {
      mailbox.post({point, {}, "not run after an earlier failure", true});
      return;
    }
    try {
      mailbox.post({point, compute(point, point_threads), ""});
    } catch (const std::exception& e) {
      stop = true;
      mailbox.post({point, {}, e.what()});
    } catch (...) {
      stop = true;
      mailbox.post({point, {}, "unknown error"});
    }
  };
  std::thread worker([&] {
    if (jobs <= 1) {
      for (std::size_t k = 0; k < own.size(); ++k) one(static_cast<int>(k), threads);
    } else {
      tbb::task_arena arena(jobs);
      arena.execute([&] { tbb::parallel_for(0, static_cast<int>(own.size()), [&](int k) { one(k, 1); }); });
    }
    mailbox.close();
  });

  std::string failure;
  const std::size_t remote_expected = todo.size() - own.size();
  std::size_t remote_received = 0;
  bool closed = false;
  try {
    while (!closed || (leader() && size_ > 1 && remote_received < remote_expected)) {
      for (auto& item : mailbox.take(std::chrono::milliseconds(closed ? 0 : 20), &closed)) {
        if (!item.error.empty() && !item.skipped && failure.empty())
          failure = "point " + std::to_string(item.point) + (size_ > 1 ? " (rank " + std::to_string(rank_) + ")" : "") +
                    ": " + item.error;
#ifdef PBFLOW_HAVE_MPI
        if (!leader()) {
          std::vector<double> message = {static_cast<double>(item.point),
                                         item.error.empty() ? 0.0 : item.skipped ? 2.0 : 1.0};
          message.insert(message.end(), item.outputs.begin(), item.outputs.end());
          message.resize(2 + width, 0.0);
          MPI_Send(message.data(), static_cast<int>(message.size()), MPI_DOUBLE, 0, kResultTag, MPI_COMM_WORLD);
          continue;
        }
#endif
        if (item.error.empty() && failure.empty()) finished(item.point, item.outputs);
      }
#ifdef PBFLOW_HAVE_MPI
      if (leader() && size_ > 1) {
        int waiting = 1;
        while (waiting) {
          MPI_Status status;
          MPI_Iprobe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &waiting, &status);
          if (!waiting) break;
          std::vector<double> message(2 + width);
          MPI_Recv(message.data(), 2 + width, MPI_DOUBLE, status.MPI_SOURCE, kResultTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
          ++remote_received;
          const int point = static_cast<int>(message[0]);
          if (message[1] != 0.0) {
            if (failure.empty() && message[1] == 1.0)
              failure = "point " + std::to_string(point) + " failed on rank " + std::to_string(status.MPI_SOURCE) +
                        " (its error is in that rank's output)";
            stop = true;
            continue;
          }
          if (failure.empty()) finished(point, std::vector<double>(message.begin() + 2, message.end()));
        }
        if (closed && remote_received < remote_expected)
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
#endif
    }
  } catch (...) {
    stop = true;
    worker.join();
    throw;
  }
  worker.join();
  if (!failure.empty()) throw RuntimeFailure(failure);
}

}  // namespace pbflow::experiment

namespace pbflow {

MpiSession::MpiSession(int* argc, char*** argv) {
#ifdef PBFLOW_HAVE_MPI
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised && experiment::launched_by_mpirun()) {
    int provided = 0;
    // Only the main thread calls MPI; computing threads post to it.
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
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

bool reports_results() { return experiment::Distribution::current().leader(); }

}  // namespace pbflow
