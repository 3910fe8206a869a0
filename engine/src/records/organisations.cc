#include "records/organisations.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "pbflow/errors.h"

namespace pbflow::records {

// Ids from ../shared/data/README.md (Japan's MOFA and JICA, UNDP, UNHCR,
// UNICEF, WFP) and the DAC's list of ODA-eligible international
// organisations (the others; docs/guide-real-data.md says which).
const std::vector<Organisation>& organisations() {
  static const std::vector<Organisation> table = {
      {"XM-DAC-701-2", "japan", {"Japan, Government of", "Government of Japan", "Japan", "Ministry of Foreign Affairs of Japan", "Ministry of Foreign Affairs, Japan", "MOFA", "MOFA Japan", "JP-1"}},
      {"XM-DAC-701-8", "jica", {"Japan International Cooperation Agency", "JICA", "JP-8"}},
      {"XM-DAC-41114", "undp", {"United Nations Development Programme", "UNDP", "41114"}},
      {"XM-DAC-41121", "unhcr", {"United Nations High Commissioner for Refugees", "Office of the United Nations High Commissioner for Refugees", "UNHCR", "41121"}},
      {"XM-DAC-41122", "unicef", {"United Nations Children's Fund", "UNICEF", "41122"}},
      {"XM-DAC-41140", "wfp", {"World Food Programme", "World Food Program", "WFP", "41140"}},
      {"XM-DAC-928", "who", {"World Health Organization", "WHO", "928"}},
      {"XM-DAC-47066", "iom", {"International Organization for Migration", "IOM", "47066"}},
      {"XM-DAC-41127", "ocha", {"Office for the Coordination of Humanitarian Affairs", "United Nations Office for the Coordination of Humanitarian Affairs", "OCHA", "UN OCHA", "41127"}},
      {"XM-DAC-41119", "unfpa", {"United Nations Population Fund", "UNFPA", "41119"}},
      {"XM-DAC-41301", "fao", {"Food & Agriculture Organization of the United Nations", "Food and Agriculture Organization of the United Nations", "FAO", "41301"}},
      {"", "unmas", {"United Nations Mine Action Service", "UNMAS"}},
      {"", "unops", {"United Nations Office for Project Services", "UNOPS"}},
      {"", "icrc", {"International Committee of the Red Cross", "ICRC"}},
      {"", "ifrc", {"International Federation of Red Cross and Red Crescent Societies", "IFRC"}},
      {"", "jpf", {"Japan Platform", "JPF"}},
      {"", "pbf", {"Peacebuilding Fund", "United Nations Peacebuilding Fund", "UN Peacebuilding Fund", "PBF"}},
      {"", "cerf", {"Central Emergency Response Fund", "CERF"}},
  };
  return table;
}

std::string normalised(const std::string& name) {
  std::string out;
  bool space = false;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80) {
      if (space && !out.empty()) out += ' ';
      out += static_cast<char>(std::tolower(c));
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

const Organisation* find_organisation(const std::string& name_or_id) {
  const std::string key = normalised(name_or_id);
  if (key.empty()) return nullptr;
  for (const Organisation& o : organisations()) {
    if (!o.id.empty() && normalised(o.id) == key) return &o;
    for (const std::string& n : o.names)
      if (normalised(n) == key) return &o;
  }
  return nullptr;
}

std::string match_fts_organisation(const std::string& query, const std::vector<std::string>& names) {
  const Organisation* known = find_organisation(query);
  for (const std::string& n : names)
    if (known ? find_organisation(n) == known : normalised(n) == normalised(query)) return n;
  // The names the pages have, most frequent first, as a hint.
  std::map<std::string, int> counts;
  for (const std::string& n : names) ++counts[n];
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [n, k] : counts) ranked.push_back({-k, n});
  std::sort(ranked.begin(), ranked.end());
  std::string hint;
  for (std::size_t i = 0; i < ranked.size() && i < 8; ++i) hint += (i ? "; " : "") + ranked[i].second;
  throw InputError({}, "--donor",
                   "no flow in these pages comes from `" + query + "`" +
                       (known ? " (known as " + known->names.front() + ")" : "") +
                       "; their most frequent sources: " + hint);
}

}  // namespace pbflow::records
