#include "records/record_files.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pbflow/records.h"

namespace pbflow::records {

std::string read_record_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw InputError({path, 0, 0}, "", "no such file");
  if (fs::is_directory(status)) throw InputError({path, 0, 0}, "", "a folder, not a record file");
  const auto size = fs::file_size(path, ec);
  if (!ec && static_cast<long long>(size) > kMaxRecordFileBytes)
    throw InputError({path, 0, 0}, "",
                     "the file has " + std::to_string(size >> 20) + " MB, more than the " +
                         std::to_string(kMaxRecordFileBytes >> 20) +
                         " MB a record file may have; split the search or the extract into smaller files");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path, 0, 0}, "", "cannot be read");
  std::string text;
  text.reserve(ec ? 0 : size);
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (static_cast<long long>(text.size()) > kMaxRecordFileBytes)  // a file that grows while read, or a pipe
      throw InputError({path, 0, 0}, "", "more than " + std::to_string(kMaxRecordFileBytes >> 20) + " MB");
  }
  return text;
}

SourceLocation place_of(const std::string& file, const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return {file, line, column};
}

std::size_t first_bad_utf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || (extra == 1 && c < 0xC2) || (extra == 3 && c > 0xF4)) return i;
    if (extra > 0 && i + extra >= n) return i;  // cut off at the end
    for (int k = 1; k <= extra; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return i;
    // Overlong three-byte forms and UTF-16 surrogates.
    if (extra == 2 && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0))) return i;
    if (extra == 3 && ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))) return i;
    i += 1 + extra;
  }
  return std::string::npos;
}

void MoneySum::add(double x) {
  const double t = sum_ + x;
  carry_ += std::abs(sum_) >= std::abs(x) ? (sum_ - t) + x : (x - t) + sum_;
  sum_ = t;
}

}  // namespace pbflow::records
