// pbflow's facade: the one class the command line and the bindings wrap.
//
//   pbflow::Engine engine = pbflow::Engine::load("scenarios/japan_baseline.yaml");
//   pbflow::RunOptions options;           // defaults from the scenario
//   options.replicas = 200;
//   pbflow::RunResult result = engine.run(options);
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pbflow/compare.h"
#include "pbflow/run_result.h"
#include "pbflow/scenario.h"
#include "pbflow/records.h"
#include "pbflow/sweep.h"
#include "pbflow/trace.h"

namespace pbflow {

// pbflow's version, such as "0.1.0".
const char* version();

// Options of a run. Every field has a default; IsValid explains a bad one.
struct RunOptions {
  std::optional<int> replicas;          // default: the scenario's simulation.replicas
  std::optional<std::uint64_t> seed;    // default: the scenario's simulation.seed
  int threads = 0;                      // 0: every core
  int block_size = 16;                  // replicas advanced together (16: two blocks stay in the shared cache); results do not depend on it
  bool record_flows = true;             // per-edge totals for flows.csv
  bool trajectories = false;            // keep every replica's monthly country states
  double max_memory_bytes = 0;          // 0: 80% of the machine's memory
  // Told (one call at a time, from any thread) how many replicas are done
  // of how many, as blocks finish; empty: no one listens.
  std::function<void(long long done, long long total)> progress;
  // When *stop turns true, the run stops within about a second: it returns
  // the replicas finished so far, marked partial (RunResult::partial), or
  // throws Interrupted if none had finished. Null: it runs to the end.
  const std::atomic<bool>* stop = nullptr;

  bool IsValid(std::string* error) const;
};

// `pbflow check` (docs/guide-real-data.md).
struct CheckOptions {
  std::string donor;        // the scenario's donor the records are of; empty: the one the records' donor is known as, else the first
  std::optional<int> year;  // the simulated calendar year set beside every recorded year; default: the same year if the horizon covers it, else its first whole year
};

class Engine {
 public:
  // Loads and checks a scenario (file, `extends:`, overrides, network).
  // Throws InputError if anything is invalid.
  static Engine load(const std::string& path, const std::vector<std::string>& overrides = {});
  // From a scenario already loaded; `overrides` are those it was loaded with
  // (compare reloads its file with more).
  explicit Engine(Scenario scenario, std::vector<std::string> overrides = {});
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  const Scenario& scenario() const;
  const std::vector<std::string>& overrides() const;  // the --set assignments it was loaded with
  const std::vector<std::string>& warnings() const;  // harmless oddities of the network

  // Memory a run with these options would need, in bytes (an estimate).
  double memory_estimate(const RunOptions& options) const;
  // Runs the Monte Carlo. Throws InputError if the run would not fit in
  // memory (the message names the estimate and the override). An
  // `optimised` strategy is fitted first, on training replicas.
  RunResult run(const RunOptions& options = {}) const;
  // The same scenario under another strategy (an `optimised` one needs its shares).
  RunResult run(const RunOptions& options, const Strategy& strategy) const;
  // Runs the Monte Carlo as run() does, following the money for the chosen
  // programmes route by route (pbflow/trace.h). Throws InputError for a
  // country the scenario lacks.
  TraceResult trace(const RunOptions& options, const TraceOptions& trace) const;
  // Runs every strategy of the scenario's `compare:` block on the same
  // replicas, and across its `uncertainties:` futures if it has them.
  // `options.replicas` overrides compare.replicas. Throws InputError if the
  // scenario has no `compare:` block.
  CompareResult compare(const RunOptions& options = {}) const;
  // Runs every point of the scenario's `sweep:` block (docs/guide-sweeps.md).
  // Throws InputError if it has none, or if an output names no number of
  // summary.json.
  SweepResult sweep(const SweepOptions& options = {}) const;
  // One point of the sweep (its parameters' assignments), run exactly as
  // sweep() runs it, with the options' replicas, seed, threads and stop:
  // what a runner elsewhere (SweepOptions::runner) computes.
  SweepPointOutcome sweep_point(const std::vector<std::pair<std::string, std::string>>& assignments,
                                const SweepOptions& options = {}) const;
  // Runs the scenario and sets the money its donor's lines sent to each
  // channel and country in each recorded calendar year beside the recorded
  // payments (pbflow/records.h), with the simulated 5-95% band. `label`
  // names the records (files and hashes) and `records_donor` whose they are.
  CheckResult check_against(const RunOptions& options, const std::vector<RecordedPayment>& records,
                            const std::string& label, const std::string& records_donor,
                            const CheckOptions& check = {}) const;

 private:
  void check_memory(const RunOptions& options) const;        // InputError if the run would not fit
  RunResult describe_run(const RunOptions& options) const;   // a result's header, before any replica
  Strategy strategy_to_run(const RunOptions& options) const;  // the scenario's, an `optimised` one fitted
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What `pbflow check` sets a scenario against (docs/guide-real-data.md).
struct CheckRequest {
  std::vector<std::string> fts_pages, iati_files, figure_files;  // one of the three (figures: read_published_figures)
  std::string records_donor;  // the donor in the records; empty: the scenario's (CheckOptions::donor, else its first)
  CheckOptions options;
};
// Imports the records, finds the donor in them through the organisation
// table, runs the scenario and compares (Engine::check_against).
CheckResult check_records(const Engine& engine, const RunOptions& run, const CheckRequest& request);

}  // namespace pbflow
