#include "records/pillar_tables.h"

#include <algorithm>
#include <cctype>

namespace pbflow::records {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::string fts_pillar(const std::vector<std::string>& clusters) {
  for (const std::string& c : clusters)
    if (lower(c).find("mine action") != std::string::npos) return "peace";
  return "humanitarian";
}

// The table of ../shared/data/README.md: 15210-15261, 15113, 15130 and
// 15150-15190 peace; 72010-74020 humanitarian; every other code development.
std::string purpose_pillar(const std::string& text) {
  if (text.size() != 5 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return "";
  const int code = std::stoi(text);
  if ((code >= 15210 && code <= 15261) || code == 15113 || code == 15130 || (code >= 15150 && code <= 15190))
    return "peace";
  if (code >= 72010 && code <= 74020) return "humanitarian";
  return "development";
}

}  // namespace pbflow::records
