// Fuzz target: the scenario loader (YAML, extends:, validation, conversion,
// the funding network and the plan) and, for a scenario it accepts, a short
// run. Bad input must end in an InputError (exit 2) or a RuntimeFailure
// (exit 1); any other exception, crash or sanitizer report is a bug.
#include <cstdint>
#include <filesystem>

#include "fuzz_files.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/scenario_io.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The shipped scenarios beside the input, so `extends: japan_baseline.yaml` resolves.
  std::error_code ec;
  for (const char* folder : {"scenarios", "tests/data"})
    for (const auto& e : fs::directory_iterator(fs::path(PBFLOW_SOURCE_DIR) / folder, ec))
      if (e.path().extension() == ".yaml")
        fs::copy_file(e.path(), fs::path(pbflow::fuzz::work_folder()) / e.path().filename(),
                      fs::copy_options::overwrite_existing, ec);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = pbflow::fuzz::write_file("input.yaml", data, size);
  try {
    pbflow::Engine::load(path);
    // What was accepted also runs: one replica over a short horizon, set as
    // a user would, so every input costs little.
    pbflow::RunOptions o;
    o.replicas = 1;
    o.threads = 1;
    o.max_memory_bytes = 2e9;
    pbflow::Engine::load(path, {"horizon.months=4"}).run(o);
  } catch (const pbflow::InputError&) {
  } catch (const pbflow::RuntimeFailure&) {
  }
  return 0;
}
