// Organisations as the recording systems name them: one table of ids and
// names (docs/guide-real-data.md), so a donor or channel is matched through
// its known names and ids, never by the spelling of one system alone.
#pragma once

#include <string>
#include <vector>

namespace pbflow::records {

struct Organisation {
  std::string id;                  // IATI organisation identifier (XM-DAC-...), or empty if none is known
  std::string channel;             // the id a pbflow scenario gives it
  std::vector<std::string> names;  // names and abbreviations in FTS, IATI and common use; legacy ids
};

const std::vector<Organisation>& organisations();

// Names compared with case, punctuation and spacing ignored.
std::string normalised(const std::string& name);

// The organisation a name or id stands for, or null.
const Organisation* find_organisation(const std::string& name_or_id);

// Which of `names` (as FTS spells them) the user's `query` means: through
// the table, else the same name normalised. InputError listing the nearest
// names if none.
std::string match_fts_organisation(const std::string& query, const std::vector<std::string>& names);

}  // namespace pbflow::records
