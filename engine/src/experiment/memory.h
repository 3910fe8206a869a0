// The machine's memory, and sizes written for people.
#pragma once

#include <string>

namespace pbflow::experiment {

double machine_memory_bytes();          // physical memory (8 GB if it cannot be read)
std::string gigabytes(double bytes);    // "1.25 GB"

}  // namespace pbflow::experiment
