// Which pillar recorded money belongs to (docs/guide-real-data.md): FTS's
// clusters and the OECD DAC purpose codes of IATI, by documented tables.
#pragma once

#include <string>
#include <vector>

namespace pbflow::records {

// FTS flows are humanitarian unless a cluster says mine action (peace).
std::string fts_pillar(const std::vector<std::string>& clusters);

// DAC purpose code (five digits) -> "peace", "humanitarian" or
// "development"; empty if the text is not a five-digit code.
std::string purpose_pillar(const std::string& code);

}  // namespace pbflow::records
