// Long calls for Python: the work runs on its own thread with the GIL
// released, while the calling thread checks for Ctrl-C every 100 ms. On a
// KeyboardInterrupt (or any signal handler's exception) the work is told to
// stop through its stop flag, and the exception is raised once it has.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace pbflow::python {

template <typename Result, typename Work>
Result interruptible(Work work) {
  namespace py = pybind11;
  std::atomic<bool> stop{false};
  std::optional<Result> result;
  std::exception_ptr failure;
  std::mutex lock;
  std::condition_variable finished;
  bool done = false, interrupted = false;
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        result.emplace(work(&stop));
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard<std::mutex> hold(lock);
      done = true;
      finished.notify_all();
    });
    std::unique_lock<std::mutex> wait(lock);
    while (!finished.wait_for(wait, std::chrono::milliseconds(100), [&] { return done; })) {
      if (interrupted) continue;
      wait.unlock();
      {
        py::gil_scoped_acquire gil;
        // Runs the signal handlers (only on Python's main thread); -1 with
        // the handler's exception set, KeyboardInterrupt for Ctrl-C.
        if (PyErr_CheckSignals() != 0) interrupted = true;
      }
      if (interrupted) stop = true;
      wait.lock();
    }
    wait.unlock();
    worker.join();
  }
  if (interrupted) throw py::error_already_set();
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

}  // namespace pbflow::python
