#include "progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace pbflow::cli {

namespace {

std::string grouped(long long n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration(double seconds) {
  char buf[32];
  if (seconds < 90) std::snprintf(buf, sizeof buf, "%.0f s", seconds);
  else if (seconds < 5400) std::snprintf(buf, sizeof buf, "%.0f min", seconds / 60);
  else std::snprintf(buf, sizeof buf, "%.1f h", seconds / 3600);
  return buf;
}

}  // namespace

Progress::Progress(std::string unit, bool quiet)
    : unit_(std::move(unit)), quiet_(quiet), terminal_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(long long done, long long total) {
  if (quiet_ || total <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double since = std::chrono::duration<double>(now - last_).count();
  if (elapsed < 1.0) return;                                       // short runs stay silent
  if (done < total && since < (terminal_ ? 0.1 : 5.0) && shown_) return;  // a redraw at most 10 times a second
  last_ = now;
  const double rate = done / elapsed;
  const double left = rate > 0 ? (total - done) / rate : 0.0;
  char line[256];
  if (terminal_) {
    const int width = 24, filled = static_cast<int>(width * static_cast<double>(done) / total);
    std::string bar(filled, '#');
    bar.resize(width, '.');
    std::snprintf(line, sizeof line, "\r  [%s] %3.0f%%  %s of %s %s, %s/s, %s left  ", bar.c_str(), 100.0 * done / total,
                  grouped(done).c_str(), grouped(total).c_str(), unit_.c_str(), grouped(std::llround(rate)).c_str(),
                  duration(left).c_str());
  } else {
    std::snprintf(line, sizeof line, "progress: %s of %s %s (%.0f%%), %s/s, %s left\n", grouped(done).c_str(),
                  grouped(total).c_str(), unit_.c_str(), 100.0 * done / total, grouped(std::llround(rate)).c_str(),
                  duration(left).c_str());
  }
  std::fputs(line, stderr);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::finish() {
  if (shown_ && terminal_) std::fputs("\n", stderr);
  shown_ = false;
}

}  // namespace pbflow::cli
