// SHA-256 (FIPS 180-4) of a text, as 64 lower-case hex digits: the
// fingerprint results carry of the scenario they were made from.
#pragma once

#include <string>

namespace pbflow::scenario {

std::string sha256_hex(const std::string& text);

}  // namespace pbflow::scenario
