#include "interrupt.h"

#include <csignal>

namespace pbflow::cli {

namespace {

std::atomic<bool> requested{false};
volatile std::sig_atomic_t which = 0;

extern "C" void on_stop_signal(int signal) {
  which = signal;
  requested.store(true);  // lock-free: safe in a signal handler
}

}  // namespace

void catch_stop_signals() {
  static_assert(std::atomic<bool>::is_always_lock_free);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal acts as if no one caught it
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>& stop_requested() { return requested; }
int stop_signal() { return which; }

}  // namespace pbflow::cli
