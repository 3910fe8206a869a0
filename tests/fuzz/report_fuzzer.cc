// Fuzz target: the readers of `pbflow report` (summary.json and
// timeseries.csv, checked as untrusted input). An input is the two files
// joined by a line `----8<----`. Damage must end in a RuntimeFailure naming
// the file; any other exception, crash or sanitizer report is a bug.
#include <cstdint>
#include <string>

#include "fuzz_files.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string cut = "\n----8<----\n";
  const std::size_t at = input.find(cut);
  const std::string summary = input.substr(0, at);
  const std::string series = at == std::string::npos ? "" : input.substr(at + cut.size());
  pbflow::fuzz::write_file("summary.json", reinterpret_cast<const std::uint8_t*>(summary.data()), summary.size());
  pbflow::fuzz::write_file("timeseries.csv", reinterpret_cast<const std::uint8_t*>(series.data()), series.size());
  try {
    pbflow::report_html(pbflow::fuzz::work_folder());
  } catch (const pbflow::RuntimeFailure&) {
  }
  return 0;
}
