// What an Engine holds (engine.cc; check.cc runs it too).
#pragma once

#include <string>
#include <vector>

#include "pbflow/engine.h"
#include "pbflow/scenario.h"
#include "plan/flow_plan.h"

namespace pbflow {

struct Engine::Impl {
  Scenario scenario;
  std::vector<std::string> overrides;
  plan::FlowPlan plan;
};

}  // namespace pbflow
