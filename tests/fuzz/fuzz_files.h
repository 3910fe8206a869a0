// What the fuzz targets share: a private folder for the files an input
// becomes, since the loader and the report read files, as users' runs do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pbflow::fuzz {

// A temporary folder, made once per process (and removed at exit).
const std::string& work_folder();
// Writes bytes to a file in the work folder; returns its path.
std::string write_file(const std::string& name, const std::uint8_t* data, std::size_t size);

}  // namespace pbflow::fuzz
