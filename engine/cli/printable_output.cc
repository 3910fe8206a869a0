#include "printable_output.h"

#include <cstdio>

namespace pbflow::cli {

bool PrintableBuffer::put(const char* s) {
  for (; *s; ++s)
    if (target_->sputc(*s) == traits_type::eof()) return false;
  return true;
}

int PrintableBuffer::overflow(int ch) {
  if (ch == traits_type::eof()) return sync() == 0 ? 0 : traits_type::eof();
  const auto c = static_cast<unsigned char>(ch);
  char escaped[16];
  if (after_c2_) {
    after_c2_ = false;
    if (c >= 0x80 && c <= 0x9F) {  // a C1 control character
      std::snprintf(escaped, sizeof escaped, "\\u00%02X", c);
      return put(escaped) ? ch : traits_type::eof();
    }
    if (target_->sputc(static_cast<char>(0xC2)) == traits_type::eof()) return traits_type::eof();
  }
  if (c == 0xC2) {
    after_c2_ = true;
    return ch;
  }
  if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
    std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
    return put(escaped) ? ch : traits_type::eof();
  }
  return target_->sputc(static_cast<char>(c)) == traits_type::eof() ? traits_type::eof() : ch;
}

int PrintableBuffer::sync() {
  if (after_c2_) {
    after_c2_ = false;
    target_->sputc(static_cast<char>(0xC2));
  }
  return target_->pubsync();
}

PrintableOutput::PrintableOutput(std::ostream& stream)
    : stream_(stream), buffer_(stream.rdbuf()), original_(stream.rdbuf()) {
  stream_.rdbuf(&buffer_);
}

PrintableOutput::~PrintableOutput() {
  stream_.flush();
  stream_.rdbuf(original_);
}

}  // namespace pbflow::cli
