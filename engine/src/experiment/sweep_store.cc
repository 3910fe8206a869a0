#include "experiment/sweep_store.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "pbflow/errors.h"

namespace pbflow::experiment {

namespace {

std::string key_of(const SweepStore::Assignments& point) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [path, value] : point) j[path] = value;
  return j.dump();
}

// A prepared statement that finalises itself.
struct Statement {
  sqlite3_stmt* s = nullptr;
  Statement(sqlite3* db, const char* sql, const std::string& path) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
      throw RuntimeFailure("sweep store " + path + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(s); }
};

}  // namespace

SweepStore::SweepStore(const std::string& path) : path_(path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    throw RuntimeFailure("cannot open the sweep store " + path + ": " + why);
  }
  sqlite3_busy_timeout(db_, 30000);  // MPI ranks open the same file at once
  const char* schema =
      "CREATE TABLE IF NOT EXISTS points ("
      " scenario TEXT NOT NULL, seed INTEGER NOT NULL, replicas INTEGER NOT NULL,"
      " parameters TEXT NOT NULL,"   // JSON object: key path -> value
      " outputs TEXT NOT NULL,"      // JSON object: output path -> number
      " PRIMARY KEY (scenario, seed, replicas, parameters));";
  char* error = nullptr;
  if (sqlite3_exec(db_, schema, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string why = error ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(db_);
    throw RuntimeFailure("sweep store " + path + " is not usable: " + why);
  }
}

SweepStore::~SweepStore() { sqlite3_close(db_); }

std::optional<std::vector<double>> SweepStore::find(const std::string& scenario, std::uint64_t seed, int replicas,
                                                    const Assignments& point,
                                                    const std::vector<std::string>& outputs) const {
  Statement q(db_, "SELECT outputs FROM points WHERE scenario = ? AND seed = ? AND replicas = ? AND parameters = ?",
              path_);
  const std::string key = key_of(point);
  sqlite3_bind_text(q.s, 1, scenario.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(q.s, 2, static_cast<sqlite3_int64>(seed));
  sqlite3_bind_int(q.s, 3, replicas);
  sqlite3_bind_text(q.s, 4, key.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(q.s) != SQLITE_ROW) return std::nullopt;
  const auto saved = nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(q.s, 0)));
  std::vector<double> values;
  for (const auto& name : outputs) {
    if (!saved.contains(name) || !saved[name].is_number()) return std::nullopt;
    values.push_back(saved[name].get<double>());
  }
  return values;
}

void SweepStore::save(const std::string& scenario, std::uint64_t seed, int replicas, const Assignments& point,
                      const std::vector<std::string>& outputs, const std::vector<double>& values) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < outputs.size(); ++i) j[outputs[i]] = values[i];
  Statement q(db_, "INSERT OR REPLACE INTO points (scenario, seed, replicas, parameters, outputs) VALUES (?, ?, ?, ?, ?)",
              path_);
  const std::string key = key_of(point), out = j.dump();
  sqlite3_bind_text(q.s, 1, scenario.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(q.s, 2, static_cast<sqlite3_int64>(seed));
  sqlite3_bind_int(q.s, 3, replicas);
  sqlite3_bind_text(q.s, 4, key.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q.s, 5, out.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(q.s) != SQLITE_DONE) throw RuntimeFailure("cannot save to the sweep store " + path_ + ": " + sqlite3_errmsg(db_));
}

}  // namespace pbflow::experiment
