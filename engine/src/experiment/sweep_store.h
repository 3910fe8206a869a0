// Finished sweep points kept in one SQLite file, so a long sweep can stop
// and resume, and its results open in any SQLite tool.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace pbflow::experiment {

class SweepStore {
 public:
  explicit SweepStore(const std::string& path);  // creates the file and table if needed
  ~SweepStore();
  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;

  using Assignments = std::vector<std::pair<std::string, std::string>>;
  // The outputs saved for this point, if all of `outputs` were saved.
  std::optional<std::vector<double>> find(const std::string& scenario, std::uint64_t seed, int replicas,
                                          const Assignments& point, const std::vector<std::string>& outputs) const;
  void save(const std::string& scenario, std::uint64_t seed, int replicas, const Assignments& point,
            const std::vector<std::string>& outputs, const std::vector<double>& values);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace pbflow::experiment
