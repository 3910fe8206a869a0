// CSV cells: ids and codes pass as they are; anything with a comma, quote
// or newline is quoted (RFC 4180).
#pragma once

#include <string>

namespace pbflow::results {

inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace pbflow::results
