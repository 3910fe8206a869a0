// Finished sweep points kept in one SQLite file (layout 2), so a long sweep
// can stop and resume, and its results open in any SQLite tool or pandas
// with typed columns (docs/guide-sweeps.md lists the tables).
//
// A store holds one sweep: the fully composed scenario text (after
// `extends:` and --set, without its sweep block), the engine version, the
// seed, the replicas, the outputs and the swept parameters. Each point is
// committed in its own transaction the moment it finishes, so a sweep killed
// at any moment keeps every point it finished. A point is reused only by the
// same sweep, matched by its own parameter values; a store of another sweep,
// or of an older layout, is refused with what differs.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace pbflow::experiment {

// Everything a point's outputs depend on besides its own parameter values,
// and what the store records about the sweep.
struct SweepRun {
  std::string scenario;       // its name, for people
  std::string scenario_text;  // the composed scenario, canonical YAML
  std::string engine;         // pbflow's version
  std::uint64_t seed = 0;
  int replicas = 0;
  std::vector<std::string> outputs;
  // The design (recorded, not part of the key: points are matched by their values).
  std::string design;
  int samples = 0, levels = 0, points = 0;
  std::vector<std::pair<std::string, bool>> parameters;  // key path, whether its values are numbers
  std::vector<std::string> parameter_ranges;              // each one's range or distribution, as JSON

  std::string key() const;  // a hash of the fields a point depends on, as 16 hex digits
};

inline constexpr int kStoreLayout = 2;

class SweepStore {
 public:
  using Assignments = std::vector<std::pair<std::string, std::string>>;

  // Opens (or creates) the store for `run`. Throws InputError if it holds
  // another sweep (saying what differs) or an older layout.
  SweepStore(const std::string& path, const SweepRun& run, bool resume);
  ~SweepStore();
  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;

  // The outputs saved for this point, if it finished before. Throws
  // RuntimeFailure naming the row if a stored cell is damaged.
  std::optional<std::vector<double>> find(const Assignments& point) const;
  // Commits one finished point now, in its own transaction. Thread-safe.
  void save(int index, const Assignments& point, const std::vector<double>& values);
  // Records a point whose run failed (table failures), and why.
  void save_failure(int index, const Assignments& point, const std::string& error);
  // Marks the sweep's end time.
  void finish();
  int saved_points() const;

 private:
  void check_same_sweep(bool resume) const;
  sqlite3* db_ = nullptr;
  std::string path_;
  SweepRun run_;
  std::string key_;
  mutable std::mutex mutex_;
};

}  // namespace pbflow::experiment
