// `pbflow trace`: where the money for a country's programmes went, route by
// route, from each budget line through every channel to the programme. Money
// is in the base currency, means over replicas. Route amounts add up: a
// programme's routes' spending is what the run says it spent, and each
// route's money entered = overhead on its hops + in its pipelines + spent
// (docs/outputs.md, "Trace").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pbflow/run_result.h"
#include "pbflow/scenario.h"

namespace pbflow {

struct TraceOptions {
  std::vector<std::string> countries;  // ISO3 codes, any case; empty: every country
  std::optional<Pillar> pillar;        // empty: all three
};

struct TraceHop {
  std::string channel;     // channel id
  bool core = false;       // the money arrived untagged (core money); the route's last core hop earmarked it
  bool local = false;      // a channel marked `local: true`
  double overhead = 0.0;   // taken here from the route's money
};

struct TraceRoute {
  std::string country;     // ISO3
  Pillar pillar = Pillar::humanitarian;
  int purpose = 0;         // DAC purpose code of the programme, or 0 (the pillar's general programme)
  std::string line;        // "donor/line"
  std::vector<TraceHop> hops;  // the channels, in the order the money passed them
  double entered = 0.0;    // left the budget line for this programme by this route
  double spent = 0.0;      // spent by the programme
  double in_pipeline = 0.0;  // still in the route's pipelines and the programme's balance
  double lag_months = 0.0;   // money-weighted months from release to spending (0 if nothing spent)
  double overhead() const;
  int intermediaries() const { return static_cast<int>(hops.size()); }
  bool reaches_local() const;
};

struct TraceProgramme {
  std::string country;
  Pillar pillar = Pillar::humanitarian;
  int purpose = 0;         // DAC purpose code, or 0 (the pillar's general programme)
  double spent = 0.0;        // the run's figure
  double entered = 0.0, overhead = 0.0, in_pipeline = 0.0, routes_spent = 0.0;  // sums over its routes
  double lag_months = 0.0;
  std::vector<double> spent_by_intermediaries;  // [k]: spent through routes with k channels
  double spent_via_local = 0.0;                 // through routes that reach a local channel
};

struct TraceResult {
  RunResult run;                          // the run the trace followed
  std::vector<TraceRoute> routes;         // every route that carried money, by programme then line
  std::vector<TraceProgramme> programmes;
  int empty_routes = 0;                   // routes the network allows that carried nothing
  bool local_channels = false;            // the scenario marks some channel `local: true`
  // Untagged money on the traced routes not yet earmarked at the horizon,
  // and the overhead it has paid (it may still go to other countries).
  double pending_core = 0.0, pending_core_overhead = 0.0;
};

}  // namespace pbflow
