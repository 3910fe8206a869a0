// Everything pbflow prints passes through this filter: control characters
// (C0 but newline and tab, DEL, and C1 such as U+009B, the escape that
// starts a terminal command) are shown as \xNN or \u00NN instead of being
// sent to the terminal. A scenario name or a file name can then never move
// the cursor, retitle the window or hide an error.
#pragma once

#include <ostream>
#include <streambuf>

namespace pbflow::cli {

class PrintableBuffer : public std::streambuf {
 public:
  explicit PrintableBuffer(std::streambuf* target) : target_(target) {}

 protected:
  int overflow(int ch) override;
  int sync() override;

 private:
  bool put(const char* s);
  std::streambuf* target_;
  bool after_c2_ = false;  // the last byte was 0xC2, which starts U+0080..U+00BF
};

// Filters a stream for as long as it lives.
class PrintableOutput {
 public:
  explicit PrintableOutput(std::ostream& stream);
  ~PrintableOutput();
  PrintableOutput(const PrintableOutput&) = delete;
  PrintableOutput& operator=(const PrintableOutput&) = delete;

 private:
  std::ostream& stream_;
  PrintableBuffer buffer_;
  std::streambuf* original_;
};

}  // namespace pbflow::cli
