// Finished sweep points kept in one SQLite file, so a long sweep can stop
// and resume, and its results open in any SQLite tool.
//
// Each point is committed in its own transaction the moment it finishes, so
// a sweep killed at any moment keeps every point it finished. Points belong
// to a run: the fully composed scenario text (after `extends:` and --set),
// the engine version, the seed, the replicas and the outputs. A point is
// reused only by a run that matches all of these exactly; resuming against
// a store that holds only other runs is refused, saying what differs.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace pbflow::experiment {

// Everything a point's outputs depend on besides its own parameter values.
struct SweepRun {
  std::string scenario;       // its name, for people
  std::string scenario_text;  // the composed scenario, canonical YAML
  std::string engine;         // pbflow's version
  std::uint64_t seed = 0;
  int replicas = 0;
  std::vector<std::string> outputs;
  // The design (recorded beside the run, not part of its key: points are
  // matched by their own parameter values).
  std::string design;
  int samples = 0, levels = 0, points = 0;

  std::string key() const;  // a hash of all of the above, as 16 hex digits
};

class SweepStore {
 public:
  using Assignments = std::vector<std::pair<std::string, std::string>>;

  // Opens (or creates) the store and registers `run`. With `resume`, throws
  // InputError if the store holds points of other runs only.
  SweepStore(const std::string& path, const SweepRun& run, bool resume);
  ~SweepStore();
  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;

  // The outputs saved for this point of this run, if it finished before.
  // Throws RuntimeFailure naming the row if the stored cell is damaged.
  std::optional<std::vector<double>> find(const Assignments& point) const;
  // Commits one finished point now, in its own transaction. Thread-safe.
  void save(int index, const Assignments& point, const std::vector<double>& values);
  // Records a point whose run failed (table sweep_failures), and why.
  void save_failure(int index, const Assignments& point, const std::string& error);
  int saved_points() const;  // points of this run in the store

 private:
  void check_resumable(bool resume) const;
  sqlite3* db_ = nullptr;
  std::string path_;
  SweepRun run_;
  std::string key_;
  mutable std::mutex mutex_;
};

}  // namespace pbflow::experiment
