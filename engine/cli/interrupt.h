// Ctrl-C (SIGINT) and SIGTERM ask a run to stop rather than kill it: the
// first sets a flag the engine watches (RunOptions::stop), so the run ends
// within about a second and says what it wrote; a second one ends the
// process at once (the handler is reset after its first use).
#pragma once

#include <atomic>

namespace pbflow::cli {

void catch_stop_signals();
const std::atomic<bool>& stop_requested();
int stop_signal();  // the signal that asked, or 0
// The exit code after a stop: 128 + the signal, as a shell reports it.
inline int stopped_exit_code() { return 128 + stop_signal(); }

}  // namespace pbflow::cli
