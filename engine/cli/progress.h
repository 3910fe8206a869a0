// Progress of a long run on stderr: nothing for the first second; then,
// on a terminal, one line redrawn in place (a bar, done of all, the rate
// and the time left); elsewhere (a log file, CI) a line every few seconds.
#pragma once

#include <chrono>
#include <string>

namespace pbflow::cli {

class Progress {
 public:
  // `unit`: what is counted ("replicas", "points"); quiet: print nothing.
  Progress(std::string unit, bool quiet);
  ~Progress();
  // Called one at a time (the engine serialises its calls).
  void update(long long done, long long total);
  // Ends the line a terminal's bar left open.
  void finish();

 private:
  std::string unit_;
  bool quiet_, terminal_, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace pbflow::cli
