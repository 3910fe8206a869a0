#include "experiment/sweep_store.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <cstdio>
#include <sstream>

#include "pbflow/errors.h"
#include "pbflow/sweep.h"
#include "scenario/sha256.h"

namespace pbflow::experiment {

namespace {

std::string key_of(const SweepStore::Assignments& point) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [path, value] : point) j[path] = value;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string outputs_text(const std::vector<std::string>& outputs) {
  std::string out;
  for (const auto& o : outputs) out += (out.empty() ? "" : ",") + o;
  return out;
}

// FNV-1a, 64 bits, over length-prefixed fields (so no two field lists join
// to the same bytes). Collisions cannot mislead: begin() compares the fields.
std::uint64_t fnv1a(std::uint64_t h, const std::string& s) {
  const std::string field = std::to_string(s.size()) + ":" + s;
  for (unsigned char c : field) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

// A prepared statement that finalises itself.
struct Statement {
  sqlite3_stmt* s = nullptr;
  sqlite3* db;
  std::string path;
  Statement(sqlite3* db_, const char* sql, const std::string& path_) : db(db_), path(path_) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
      throw RuntimeFailure("sweep store " + path + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(s); }
  Statement& text(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& integer(int i, std::int64_t v) {
    sqlite3_bind_int64(s, i, v);
    return *this;
  }
  void run() {
    if (sqlite3_step(s) != SQLITE_DONE) throw RuntimeFailure("cannot write the sweep store " + path + ": " + sqlite3_errmsg(db));
  }
  // A text cell, or an error naming the row if it is anything else.
  std::string column_text(int i, const std::string& what) const {
    if (sqlite3_column_type(s, i) != SQLITE_TEXT)
      throw RuntimeFailure("sweep store " + path + ": " + what + " is not text (damaged store?)");
    return reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  }
};

// The first line where two texts differ, for the message of a refused resume.
std::string first_difference(const std::string& stored, const std::string& now) {
  std::istringstream a(stored), b(now);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "";
    if (!more_a) la = "(end)";
    if (!more_b) lb = "(end)";
    if (la != lb) return "line " + std::to_string(line) + " of the composed scenario was `" + la + "`, is now `" + lb + "`";
  }
}

// Every table of a store; creating them again does nothing.
const char* store_schema() {
  return
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      "CREATE TABLE IF NOT EXISTS sweep_runs ("
      " run_key TEXT PRIMARY KEY, scenario TEXT NOT NULL, scenario_text TEXT NOT NULL, engine TEXT NOT NULL,"
      " seed INTEGER NOT NULL, replicas INTEGER NOT NULL, outputs TEXT NOT NULL,"
      " created TEXT NOT NULL DEFAULT (datetime('now')));"
      "CREATE TABLE IF NOT EXISTS sweep_points ("
      " run_key TEXT NOT NULL REFERENCES sweep_runs(run_key), point INTEGER NOT NULL,"
      " parameters TEXT NOT NULL,"  // JSON object: key path -> value
      " outputs TEXT NOT NULL,"     // JSON object: output path -> number
      " PRIMARY KEY (run_key, parameters));"
      // The design, so that sensitivity indices can be taken from the store alone.
      "CREATE TABLE IF NOT EXISTS sweep_designs ("
      " run_key TEXT PRIMARY KEY REFERENCES sweep_runs(run_key), design TEXT NOT NULL,"
      " samples INTEGER NOT NULL, levels INTEGER NOT NULL, points INTEGER NOT NULL);"
      "CREATE TABLE IF NOT EXISTS sweep_failures ("
      " run_key TEXT NOT NULL REFERENCES sweep_runs(run_key), point INTEGER NOT NULL, parameters TEXT NOT NULL,"
      " error TEXT NOT NULL, PRIMARY KEY (run_key, parameters));";
}

}  // namespace

std::string SweepRun::key() const {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const std::string& field : {scenario, scenario_text, engine, std::to_string(seed), std::to_string(replicas),
                                   outputs_text(outputs)})
    h = fnv1a(h, field);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

SweepStore::SweepStore(const std::string& path, const SweepRun& run, bool resume)
    : path_(path), run_(run), key_(run.key()) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw RuntimeFailure("the sweep store " + path + " is not a regular file" +
                         (S_ISLNK(st.st_mode) ? " (a symbolic link; give the file it points to)" : ""));
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, nullptr) !=
      SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    throw RuntimeFailure("cannot open the sweep store " + path + ": " + why);
  }
  sqlite3_busy_timeout(db_, 30000);
  // WAL: a point committed is kept if the process is killed the next moment.
  const char* schema = store_schema();
  char* error = nullptr;
  if (sqlite3_exec(db_, schema, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string why = error ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(db_);
    throw RuntimeFailure("sweep store " + path + " is not usable: " + why);
  }
  try {
    check_resumable(resume);
    Statement q(db_,
                "INSERT OR IGNORE INTO sweep_runs (run_key, scenario, scenario_text, engine, seed, replicas, outputs) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                path_);
    q.text(1, key_).text(2, run.scenario).text(3, run.scenario_text).text(4, run.engine);
    q.integer(5, static_cast<std::int64_t>(run.seed)).integer(6, run.replicas).text(7, outputs_text(run.outputs)).run();
    Statement d(db_,
                "INSERT OR REPLACE INTO sweep_designs (run_key, design, samples, levels, points) VALUES (?, ?, ?, ?, ?)",
                path_);
    d.text(1, key_).text(2, run.design).integer(3, run.samples).integer(4, run.levels).integer(5, run.points).run();
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

void SweepStore::check_resumable(bool resume) const {
  if (!resume) return;
  Statement q(db_, "SELECT run_key, scenario, scenario_text, engine, seed, replicas, outputs FROM sweep_runs ORDER BY rowid DESC", path_);
  std::string difference;
  bool any = false;
  while (sqlite3_step(q.s) == SQLITE_ROW) {
    any = true;
    SweepRun stored;
    stored.scenario = q.column_text(1, "a run's scenario");
    stored.scenario_text = q.column_text(2, "a run's scenario text");
    stored.engine = q.column_text(3, "a run's engine version");
    stored.seed = static_cast<std::uint64_t>(sqlite3_column_int64(q.s, 4));
    stored.replicas = sqlite3_column_int(q.s, 5);
    const std::string outputs = q.column_text(6, "a run's outputs");
    const bool same = q.column_text(0, "a run's key") == key_ && stored.scenario == run_.scenario &&
                      stored.scenario_text == run_.scenario_text && stored.engine == run_.engine &&
                      stored.seed == run_.seed && stored.replicas == run_.replicas && outputs == outputs_text(run_.outputs);
    if (same) return;
    if (!difference.empty()) continue;  // describe the newest other run only
    if (stored.scenario != run_.scenario) difference = "it holds scenario `" + stored.scenario + "`, this is `" + run_.scenario + "`";
    else if (stored.seed != run_.seed) difference = "its seed was " + std::to_string(stored.seed) + ", now " + std::to_string(run_.seed);
    else if (stored.replicas != run_.replicas)
      difference = "its replicas were " + std::to_string(stored.replicas) + ", now " + std::to_string(run_.replicas);
    else if (outputs != outputs_text(run_.outputs)) difference = "its outputs were " + outputs + ", now " + outputs_text(run_.outputs);
    else if (stored.engine != run_.engine) difference = "it was made by pbflow " + stored.engine + ", this is " + run_.engine;
    else difference = "the scenario changed since: " + first_difference(stored.scenario_text, run_.scenario_text);
  }
  if (any)
    throw InputError({path_, 0, 0}, "--resume",
                     "the store holds points of a different sweep, which would be stale here (" + difference +
                         "); resume with the same scenario, --set, seed and replicas, or give a new --db");
}

SweepStore::~SweepStore() { sqlite3_close(db_); }

std::optional<std::vector<double>> SweepStore::find(const Assignments& point) const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement q(db_, "SELECT outputs, rowid FROM sweep_points WHERE run_key = ? AND parameters = ?", path_);
  const std::string key = key_of(point);
  q.text(1, key_).text(2, key);
  if (sqlite3_step(q.s) != SQLITE_ROW) return std::nullopt;
  const std::string row = "the outputs of row " + std::to_string(sqlite3_column_int64(q.s, 1)) + " of sweep_points";
  const auto saved = nlohmann::json::parse(q.column_text(0, row), nullptr, false);
  if (saved.is_discarded() || !saved.is_object())
    throw RuntimeFailure("sweep store " + path_ + ": " + row + " is not a JSON object (damaged store?)");
  std::vector<double> values;
  for (const auto& name : run_.outputs) {
    auto it = saved.find(name);
    if (it == saved.end() || !it->is_number() || !std::isfinite(it->get<double>()))
      throw RuntimeFailure("sweep store " + path_ + ": " + row + " has no number for `" + name + "` (damaged store?)");
    values.push_back(it->get<double>());
  }
  return values;
}

void SweepStore::save(int index, const Assignments& point, const std::vector<double>& values) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < run_.outputs.size(); ++i) j[run_.outputs[i]] = values[i];
  std::lock_guard<std::mutex> lock(mutex_);
  Statement q(db_, "INSERT OR REPLACE INTO sweep_points (run_key, point, parameters, outputs) VALUES (?, ?, ?, ?)", path_);
  q.text(1, key_).integer(2, index).text(3, key_of(point)).text(4, j.dump()).run();
}

void SweepStore::save_failure(int index, const Assignments& point, const std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement q(db_, "INSERT OR REPLACE INTO sweep_failures (run_key, point, parameters, error) VALUES (?, ?, ?, ?)", path_);
  q.text(1, key_).integer(2, index).text(3, key_of(point)).text(4, error).run();
}

int SweepStore::saved_points() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement q(db_, "SELECT count(*) FROM sweep_points WHERE run_key = ?", path_);
  q.text(1, key_);
  return sqlite3_step(q.s) == SQLITE_ROW ? sqlite3_column_int(q.s, 0) : 0;
}

}  // namespace pbflow::experiment

namespace pbflow {

SweepResult read_sweep_store(const std::string& path) {
  sqlite3* db = nullptr;
  struct Close {
    sqlite3*& db;
    ~Close() { sqlite3_close(db); }
  } close{db};
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw RuntimeFailure("cannot open the sweep store " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
  SweepResult r;
  std::string key;
  {
    experiment::Statement q(db,
                            "SELECT run_key, scenario, scenario_text, engine, seed, replicas, outputs, created FROM "
                            "sweep_runs ORDER BY rowid DESC LIMIT 1",
                            path);
    if (sqlite3_step(q.s) != SQLITE_ROW) throw RuntimeFailure("the sweep store " + path + " holds no sweep");
    key = q.column_text(0, "the newest run's key");
    r.scenario = q.column_text(1, "the newest run's scenario");
    r.scenario_sha256 = scenario::sha256_hex(q.column_text(2, "the newest run's scenario text"));
    r.engine = q.column_text(3, "the newest run's engine");
    r.seed = static_cast<std::uint64_t>(sqlite3_column_int64(q.s, 4));
    r.replicas = sqlite3_column_int(q.s, 5);
    std::stringstream outputs(q.column_text(6, "the newest run's outputs"));
    for (std::string name; std::getline(outputs, name, ',');) r.outputs.push_back(name);
    if (sqlite3_column_type(q.s, 7) == SQLITE_TEXT) r.created = reinterpret_cast<const char*>(sqlite3_column_text(q.s, 7));
  }
  r.design = "unknown (a store from before designs were recorded)";
  {
    experiment::Statement d(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sweep_designs'", path);
    if (sqlite3_step(d.s) == SQLITE_ROW) {
      experiment::Statement q(db, "SELECT design, samples, levels FROM sweep_designs WHERE run_key = ?", path);
      q.text(1, key);
      if (sqlite3_step(q.s) == SQLITE_ROW) {
        r.design = q.column_text(0, "the design");
        r.samples = sqlite3_column_int(q.s, 1);
        r.levels = sqlite3_column_int(q.s, 2);
      }
    }
  }
  experiment::Statement q(db, "SELECT point, parameters, outputs, rowid FROM sweep_points WHERE run_key = ? ORDER BY point", path);
  q.text(1, key);
  while (sqlite3_step(q.s) == SQLITE_ROW) {
    const std::string row = "row " + std::to_string(sqlite3_column_int64(q.s, 3)) + " of sweep_points";
    const auto parameters = nlohmann::ordered_json::parse(q.column_text(1, "the parameters of " + row), nullptr, false);
    const auto values = nlohmann::json::parse(q.column_text(2, "the outputs of " + row), nullptr, false);
    if (!parameters.is_object() || !values.is_object())
      throw RuntimeFailure("sweep store " + path + ": " + row + " is not a pair of JSON objects (damaged store?)");
    SweepPoint point;
    point.index = sqlite3_column_int(q.s, 0);
    point.reused = true;
    for (const auto& [name, value] : parameters.items()) {
      if (!value.is_string()) throw RuntimeFailure("sweep store " + path + ": " + row + " has a parameter that is not text");
      point.assignments.push_back({name, value.get<std::string>()});
    }
    for (const std::string& name : r.outputs) {
      auto it = values.find(name);
      if (it == values.end() || !it->is_number())
        throw RuntimeFailure("sweep store " + path + ": " + row + " has no number for `" + name + "` (damaged store?)");
      point.outputs.push_back(it->get<double>());
    }
    if (r.parameters.empty())
      for (const auto& [name, value] : point.assignments) r.parameters.push_back(name);
    r.points.push_back(std::move(point));
  }
  r.reused = static_cast<int>(r.points.size());
  return r;
}

MergeReport merge_sweep_stores(const std::vector<std::string>& inputs, const std::string& output) {
  namespace fs = std::filesystem;
  if (inputs.empty()) throw InputError({}, "merge", "give the shards' stores to merge");
  if (fs::exists(output))
    throw InputError({output, 0, 0}, "--db", "the merged store must be a new file (this one exists; nothing was changed)");
  sqlite3* db = nullptr;
  struct Close {
    sqlite3*& db;
    ~Close() { sqlite3_close(db); }
  } close{db};
  if (sqlite3_open_v2(output.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    throw RuntimeFailure("cannot create the store " + output);
  auto exec = [&](const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string why = error ? error : "unknown error";
      sqlite3_free(error);
      throw RuntimeFailure("merging into " + output + ": " + why);
    }
  };
  exec(experiment::store_schema());
  MergeReport report;
  std::string key, identity;  // of the first store's sweep
  for (const std::string& input : inputs) {
    if (!fs::is_regular_file(input)) throw InputError({input, 0, 0}, "merge", "not a file");
    sqlite3_stmt* attach = nullptr;
    sqlite3_prepare_v2(db, "ATTACH DATABASE ? AS shard", -1, &attach, nullptr);
    sqlite3_bind_text(attach, 1, input.c_str(), -1, SQLITE_TRANSIENT);
    const int attached = sqlite3_step(attach);
    sqlite3_finalize(attach);
    if (attached != SQLITE_DONE) throw RuntimeFailure("cannot open the store " + input + ": " + sqlite3_errmsg(db));
    struct Detach {
      sqlite3* db;
      ~Detach() { sqlite3_exec(db, "DETACH DATABASE shard", nullptr, nullptr, nullptr); }
    } detach{db};
    std::string shard_key, shard_identity;
    {
      experiment::Statement q(db,
                              "SELECT r.run_key, r.engine, r.seed, r.replicas, r.outputs, d.design, d.samples, d.levels, "
                              "d.points FROM shard.sweep_runs r JOIN shard.sweep_designs d ON d.run_key = r.run_key "
                              "ORDER BY r.rowid DESC LIMIT 1",
                              input);
      if (sqlite3_step(q.s) != SQLITE_ROW)
        throw InputError({input, 0, 0}, "merge", "holds no sweep with a recorded design (a store of an older pbflow?)");
      shard_key = q.column_text(0, "the run key");
      shard_identity = "pbflow " + q.column_text(1, "engine") + ", seed " + std::to_string(sqlite3_column_int64(q.s, 2)) +
                       ", " + std::to_string(sqlite3_column_int(q.s, 3)) + " replicas, outputs " +
                       q.column_text(4, "outputs") + ", " + q.column_text(5, "design") + " design of " +
                       std::to_string(sqlite3_column_int(q.s, 6)) + " samples (" + std::to_string(sqlite3_column_int(q.s, 8)) +
                       " points)";
      if (key.empty()) {
        report.planned = sqlite3_column_int(q.s, 8);
      }
    }
    if (key.empty()) {
      key = shard_key;
      identity = shard_identity;
    } else if (shard_key != key || shard_identity != identity) {
      throw InputError({input, 0, 0}, "merge",
                       "holds another sweep than " + inputs.front() + ": " + shard_identity + " against " + identity +
                           (shard_key != key ? " (the scenario text, engine, seed, replicas or outputs differ)" : ""));
    }
    // The same point in two shards must have the same outputs.
    {
      experiment::Statement q(db,
                              "SELECT s.point FROM shard.sweep_points s JOIN main.sweep_points m ON "
                              "m.run_key = s.run_key AND m.parameters = s.parameters WHERE s.run_key = ? AND "
                              "m.outputs != s.outputs LIMIT 1",
                              input);
      q.text(1, key);
      if (sqlite3_step(q.s) == SQLITE_ROW)
        throw InputError({input, 0, 0}, "merge",
                         "point " + std::to_string(sqlite3_column_int(q.s, 0)) +
                             " has other outputs than in an earlier store: they are not shards of one sweep");
    }
    exec("INSERT OR IGNORE INTO main.sweep_runs SELECT * FROM shard.sweep_runs WHERE run_key = '" + key + "'");
    exec("INSERT OR IGNORE INTO main.sweep_designs SELECT * FROM shard.sweep_designs WHERE run_key = '" + key + "'");
    exec("INSERT OR IGNORE INTO main.sweep_points SELECT * FROM shard.sweep_points WHERE run_key = '" + key + "'");
    ++report.stores;
  }
  std::vector<char> present(report.planned, 0);
  {
    experiment::Statement q(db, "SELECT point FROM sweep_points WHERE run_key = ?", output);
    q.text(1, key);
    while (sqlite3_step(q.s) == SQLITE_ROW) {
      const int point = sqlite3_column_int(q.s, 0);
      if (point >= 0 && point < report.planned) present[point] = 1;
      ++report.points;
    }
  }
  for (int i = 0; i < report.planned; ++i)
    if (!present[i]) report.missing.push_back(i);
  return report;
}

}  // namespace pbflow
