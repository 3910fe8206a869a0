// "Did you mean ...?" for misspelt keys and references.
#pragma once

#include <string>
#include <vector>

namespace pbflow::scenario {

// The candidate closest to `word` by edit distance, if close enough to be a
// plausible typo; empty otherwise.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);
// " (did you mean `x`?)" or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace pbflow::scenario
