// Writing an output file so that a failure never leaves a half-written file
// in place of a good one: write NAME.partial, then rename it.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace pbflow::results {

// Creates `dir` if needed; throws RuntimeFailure naming the file on any error.
void write_atomically(const std::string& dir, const std::string& name, const std::function<void(std::ostream&)>& body);

}  // namespace pbflow::results
