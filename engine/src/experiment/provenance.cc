#include "experiment/provenance.h"

#include <chrono>
#include <ctime>

#include "pbflow/compare.h"
#include "pbflow/engine.h"
#include "pbflow/run_result.h"
#include "pbflow/sweep.h"
#include "scenario/sha256.h"

namespace pbflow::experiment {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

template <typename Result>
void stamp(Result& result, const Scenario& s) {
  result.scenario_sha256 = scenario::sha256_hex(s.composed_text);
  result.engine = version();
  result.created = utc_now();
}

template void stamp(RunResult&, const Scenario&);
template void stamp(CompareResult&, const Scenario&);
template void stamp(SweepResult&, const Scenario&);

}  // namespace pbflow::experiment
