// Fuzz target: the readers of `pbflow import` and `pbflow check` (FTS
// pages as JSON, IATI activity files as XML, published figures as CSV)
// and of a check folder read back (check.json), each given the same bytes.
// Damage must end in an InputError naming the file (a RuntimeFailure for
// the folder read back); any other exception, crash or sanitizer report is
// a bug.
#include <cstdint>
#include <string>

#include "fuzz_files.h"
#include "pbflow/errors.h"
#include "pbflow/records.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string page = pbflow::fuzz::write_file("page.json", data, size);
  const std::string file = pbflow::fuzz::write_file("file.xml", data, size);
  const std::string figures = pbflow::fuzz::write_file("figures.csv", data, size);
  pbflow::fuzz::write_file("check.json", data, size);
  try {
    pbflow::import_fts({page});
  } catch (const pbflow::InputError&) {
  }
  try {
    pbflow::import_iati({file});
  } catch (const pbflow::InputError&) {
  }
  try {
    pbflow::read_published_figures({figures});
  } catch (const pbflow::InputError&) {
  }
  try {
    pbflow::read_check_folder(pbflow::fuzz::work_folder());
  } catch (const pbflow::RuntimeFailure&) {
  }
  return 0;
}
