// Parameter sweeps (`pbflow sweep`): a scenario's `sweep:` block turned into
// points, each run on the same random numbers, outputs read from its summary.
#pragma once

#include <atomic>
#include <functional>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pbflow {

struct SweepOptions {
  std::optional<int> replicas;        // default: sweep.replicas, else simulation.replicas
  std::optional<std::uint64_t> seed;  // default: the scenario's
  int jobs = 1;                       // points run at once (each on one thread); 1: one point at a time, all threads
  int threads = 0;                    // threads of a point when jobs is 1
  std::string db;                     // SQLite file that stores every finished point; empty: none
  bool resume = false;                // reuse points the db already holds
  bool design_only = false;           // return the design's points without running them
  bool fail_fast = false;             // a point that fails stops the sweep (else it is recorded and skipped)
  // A shard of the design: the points whose index modulo shard_count is
  // shard_index (a Slurm job array's task); 0 of 1: every point.
  int shard_index = 0, shard_count = 1;
  double max_memory_bytes = 0;        // 0: 80% of the machine's memory
  // Told (on the calling thread) how many points are done of how many.
  std::function<void(long long done, long long total)> progress;
  // When *stop turns true, no new point starts and points under way stop;
  // the result holds the points that finished (every one already in the
  // store), marked partial.
  const std::atomic<bool>* stop = nullptr;
  // Runs the points somewhere else (Python's executors) instead of here:
  // given the points still to run, it calls `done` once for each, in any
  // order, with what Engine::sweep_point gave for it; the sweep keeps them
  // (in the store too) as they come. Empty: the sweep runs them itself.
  using PointDone = std::function<void(int point, const std::vector<double>& outputs, const std::string& failure)>;
  std::function<void(const std::vector<int>& points, const PointDone& done)> runner;

  bool IsValid(std::string* error) const;
};

// One point's outputs, as Engine::sweep_point gives them: the numbers, or
// +inf for each with the reason it failed, or NaN for each if it was
// stopped before it finished.
struct SweepPointOutcome {
  std::vector<double> outputs;
  std::string failure;
};

struct SweepPoint {
  int index = 0;
  std::vector<std::pair<std::string, std::string>> assignments;  // key path -> value
  std::vector<double> outputs;                                   // in SweepResult::outputs order
  bool reused = false;                                           // read back from the db
};

struct SweepResult {
  std::string scenario;
  std::string scenario_sha256, engine, command, created;  // provenance, as RunResult's
  std::string design;
  int samples = 0;                    // the design's size: sobol base rows, morris trajectories, lhs/random points
  int levels = 0;                     // morris: its grid's levels
  int replicas = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> parameters;
  std::vector<std::string> outputs;   // dotted paths into summary.json
  std::vector<SweepPoint> points;
  int computed = 0, reused = 0;
  bool partial = false;               // stopped early: `points` holds those that finished
  std::vector<std::pair<int, std::string>> failures;  // points whose run failed, and why (not in `points`)
  int points_planned = 0;             // the design's points
  int shard_index = 0, shard_count = 1;
  double seconds = 0.0;
};

// The newest sweep a store holds (`--db`), read back for its report.
// Throws RuntimeFailure if the file is not a sweep store or is damaged.
SweepResult read_sweep_store(const std::string& path);

// Shards' stores combined into one (`pbflow merge`), after checking that
// they hold the same sweep (scenario text, engine, seed, replicas, outputs,
// design). Throws InputError naming the store that differs and how.
struct MergeReport {
  int stores = 0, points = 0, planned = 0;
  std::vector<int> missing;  // point indices no store holds
};
MergeReport merge_sweep_stores(const std::vector<std::string>& inputs, const std::string& output);

struct SensitivityResult;  // pbflow/sensitivity.h
// Keeps a sweep's sensitivity indices in its store (table sensitivity).
void save_sensitivity_to_store(const std::string& path, const SensitivityResult& indices);

}  // namespace pbflow
