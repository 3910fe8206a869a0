// ISO 3166-1 alpha-3 country codes.
#pragma once

#include <string>
#include <vector>

namespace pbflow::scenario {

bool is_iso3166_alpha3(const std::string& code);
const std::vector<std::string>& iso3166_alpha3_codes();

}  // namespace pbflow::scenario
