// ISO 3166-1 alpha-3 country codes and their English short names.
#pragma once

#include <string>
#include <vector>

namespace pbflow::scenario {

bool is_iso3166_alpha3(const std::string& code);
const std::vector<std::string>& iso3166_alpha3_codes();
// The English short name of a code ("Ethiopia"), or empty.
const std::string& iso3166_name(const std::string& code);
// For text that is not a code: " (did you mean `ETH`, Ethiopia?)" when it is
// a country's name, " (write codes in capitals: `ETH`)" for `eth`, else empty.
std::string iso3166_suggestion(const std::string& text);
// Its alpha-2 code ("ET"), as IATI writes countries, or empty; and back.
const std::string& iso3166_alpha2(const std::string& alpha3);
const std::string& iso3166_alpha3_of(const std::string& alpha2);

}  // namespace pbflow::scenario
