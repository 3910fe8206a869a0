#include "experiment/sweep_store.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <cstdio>
#include <sstream>

#include "pbflow/errors.h"
#include "pbflow/sweep.h"
#include "experiment/sampling.h"
#include "pbflow/sensitivity.h"
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

// A column or table name, quoted for SQL.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string column_list(const std::vector<std::string>& names, const std::string& prefix = "") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + prefix + quoted(n);
  return out;
}

void exec(sqlite3* db, const std::string& sql, const std::string& path) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error ? error : "unknown error";
    sqlite3_free(error);
    throw RuntimeFailure("sweep store " + path + ": " + why);
  }
}

bool has_table(sqlite3* db, const std::string& name, const std::string& path) {
  Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", path);
  q.text(1, name);
  return sqlite3_step(q.s) == SQLITE_ROW;
}

// A store of layout 2, an empty file, or an error saying what it is.
void check_layout(sqlite3* db, const std::string& path) {
  if (has_table(db, "store_info", path)) {
    Statement q(db, "SELECT value FROM store_info WHERE name = 'layout'", path);
    const std::string layout = sqlite3_step(q.s) == SQLITE_ROW ? q.column_text(0, "the layout") : "?";
    if (layout != std::to_string(kStoreLayout))
      throw InputError({path, 0, 0}, "--db",
                       "this store has layout " + layout + "; this pbflow reads layout " + std::to_string(kStoreLayout) +
                           " only (give a new --db, or open it with the pbflow that made it)");
    return;
  }
  if (has_table(db, "sweep_runs", path))
    throw InputError({path, 0, 0}, "--db",
                     "this store was made by an older pbflow (layout 1: points as JSON text); this pbflow keeps typed "
                     "columns (layout 2) and will not misread it: give a new --db, or open it with the pbflow that made it");
  if (has_table(db, "sweep", path)) throw InputError({path, 0, 0}, "--db", "this file is not a pbflow sweep store");
}

// The tables every store has; the points' and outputs' columns follow the sweep.
const char* kFixedTables =
    "CREATE TABLE IF NOT EXISTS store_info (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sweep ("
    " run_key TEXT PRIMARY KEY, scenario TEXT NOT NULL, scenario_sha256 TEXT NOT NULL, scenario_text TEXT NOT NULL,"
    " engine TEXT NOT NULL, seed INTEGER NOT NULL, replicas INTEGER NOT NULL, outputs TEXT NOT NULL,"
    " design TEXT NOT NULL, samples INTEGER NOT NULL, levels INTEGER NOT NULL, points INTEGER NOT NULL,"
    " host TEXT NOT NULL, started TEXT NOT NULL, ended TEXT);"
    "CREATE TABLE IF NOT EXISTS parameters (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind IN ('number', 'text')), distribution TEXT NOT NULL, min REAL, max REAL,"
    " range TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS failures (point INTEGER NOT NULL, key TEXT PRIMARY KEY, error TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sensitivity (output TEXT NOT NULL, parameter TEXT NOT NULL, measure TEXT NOT NULL,"
    " value REAL NOT NULL, low_95 REAL NOT NULL, high_95 REAL NOT NULL, PRIMARY KEY (output, parameter, measure));";

std::string host_name() {
  char name[256] = {0};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
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
  try {
    // WAL: a point committed is kept if the process is killed the next moment.
    exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", path_);
    check_layout(db_, path_);
    exec(db_, kFixedTables, path_);
    exec(db_, "INSERT OR IGNORE INTO store_info VALUES ('layout', '" + std::to_string(kStoreLayout) + "')", path_);
    check_same_sweep(resume);
    Statement q(db_,
                "INSERT INTO sweep (run_key, scenario, scenario_sha256, scenario_text, engine, seed, replicas, outputs,"
                " design, samples, levels, points, host, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
                " ON CONFLICT (run_key) DO UPDATE SET design = excluded.design, samples = excluded.samples,"
                " levels = excluded.levels, points = excluded.points, host = excluded.host, started = excluded.started,"
                " ended = NULL",
                path_);
    q.text(1, key_).text(2, run.scenario).text(3, scenario::sha256_hex(run.scenario_text)).text(4, run.scenario_text);
    q.text(5, run.engine).integer(6, static_cast<std::int64_t>(run.seed)).integer(7, run.replicas);
    q.text(8, outputs_text(run.outputs)).text(9, run.design).integer(10, run.samples).integer(11, run.levels);
    q.integer(12, run.points).text(13, host_name()).run();
    std::vector<std::string> names;
    std::string columns;
    for (std::size_t i = 0; i < run.parameters.size(); ++i) {
      const auto& [name, numeric] = run.parameters[i];
      const std::string range = i < run.parameter_ranges.size() ? run.parameter_ranges[i] : "{}";
      const auto parsed = nlohmann::json::parse(range, nullptr, false);
      Statement p(db_,
                  "INSERT OR IGNORE INTO parameters (position, name, kind, distribution, min, max, range) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  path_);
      p.integer(1, static_cast<std::int64_t>(i)).text(2, name).text(3, numeric ? "number" : "text");
      p.text(4, parsed.is_object() ? parsed.value("distribution", std::string("list")) : "list");
      for (int c : {5, 6}) {
        const char* end = c == 5 ? "min" : "max";
        if (parsed.is_object() && parsed.contains(end) && parsed[end].is_number())
          sqlite3_bind_double(p.s, c, parsed[end].get<double>());
        else
          sqlite3_bind_null(p.s, c);
      }
      p.text(7, range).run();
      columns += ", " + quoted(name) + (numeric ? " REAL" : " TEXT");
    }
    exec(db_, "CREATE TABLE IF NOT EXISTS points (id INTEGER PRIMARY KEY, point INTEGER NOT NULL, key TEXT NOT NULL UNIQUE" +
                  columns + ")",
         path_);
    std::string output_columns;
    for (const auto& name : run.outputs) output_columns += ", " + quoted(name) + " REAL";
    exec(db_, "CREATE TABLE IF NOT EXISTS outputs (id INTEGER PRIMARY KEY REFERENCES points(id)" + output_columns + ")",
         path_);
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

// One sweep a store: the same scenario, engine, seed, replicas, outputs and
// parameters (the design may change: points are matched by their values).
void SweepStore::check_same_sweep(bool resume) const {
  Statement q(db_, "SELECT run_key, scenario, scenario_text, engine, seed, replicas, outputs FROM sweep", path_);
  if (sqlite3_step(q.s) != SQLITE_ROW) return;  // a new store
  SweepRun stored;
  stored.scenario = q.column_text(1, "the sweep's scenario");
  stored.scenario_text = q.column_text(2, "the sweep's scenario text");
  stored.engine = q.column_text(3, "the sweep's engine version");
  stored.seed = static_cast<std::uint64_t>(sqlite3_column_int64(q.s, 4));
  stored.replicas = sqlite3_column_int(q.s, 5);
  const std::string outputs = q.column_text(6, "the sweep's outputs");
  std::string difference;
  if (q.column_text(0, "the sweep's key") != key_) {
    if (stored.scenario != run_.scenario) difference = "it holds scenario `" + stored.scenario + "`, this is `" + run_.scenario + "`";
    else if (stored.seed != run_.seed) difference = "its seed was " + std::to_string(stored.seed) + ", now " + std::to_string(run_.seed);
    else if (stored.replicas != run_.replicas)
      difference = "its replicas were " + std::to_string(stored.replicas) + ", now " + std::to_string(run_.replicas);
    else if (outputs != outputs_text(run_.outputs)) difference = "its outputs were " + outputs + ", now " + outputs_text(run_.outputs);
    else if (stored.engine != run_.engine) difference = "it was made by pbflow " + stored.engine + ", this is " + run_.engine;
    else difference = "the scenario changed since: " + first_difference(stored.scenario_text, run_.scenario_text);
  } else {
    std::vector<std::string> names;
    Statement p(db_, "SELECT name FROM parameters ORDER BY position", path_);
    while (sqlite3_step(p.s) == SQLITE_ROW) names.push_back(p.column_text(0, "a parameter's name"));
    std::vector<std::string> now;
    for (const auto& [name, numeric] : run_.parameters) now.push_back(name);
    if (names != now) difference = "its parameters were " + column_list(names) + ", now " + column_list(now);
  }
  if (difference.empty()) return;
  if (resume)
    throw InputError({path_, 0, 0}, "--resume",
                     "the store holds points of a different sweep, which would be stale here (" + difference +
                         "); resume with the same scenario, --set, seed and replicas, or give a new --db");
  throw InputError({path_, 0, 0}, "--db",
                   "the store holds another sweep (" + difference + "); a store keeps one sweep: give a new --db");
}

SweepStore::~SweepStore() { sqlite3_close(db_); }

std::optional<std::vector<double>> SweepStore::find(const Assignments& point) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string sql =
      "SELECT o.id, " + column_list(run_.outputs, "o.") + " FROM outputs o JOIN points p ON p.id = o.id WHERE p.key = ?";
  Statement q(db_, sql.c_str(), path_);
  q.text(1, key_of(point));
  if (sqlite3_step(q.s) != SQLITE_ROW) return std::nullopt;
  const std::string row = "row " + std::to_string(sqlite3_column_int64(q.s, 0)) + " of outputs";
  std::vector<double> values;
  for (std::size_t i = 0; i < run_.outputs.size(); ++i) {
    const int type = sqlite3_column_type(q.s, static_cast<int>(i) + 1);
    const double v = sqlite3_column_double(q.s, static_cast<int>(i) + 1);
    if ((type != SQLITE_FLOAT && type != SQLITE_INTEGER) || !std::isfinite(v))
      throw RuntimeFailure("sweep store " + path_ + ": " + row + " has no number for `" + run_.outputs[i] +
                           "` (damaged store?)");
    values.push_back(v);
  }
  return values;
}

void SweepStore::save(int index, const Assignments& point, const std::vector<double>& values) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  std::string marks;
  for (const auto& [name, numeric] : run_.parameters) {
    names.push_back(name);
    marks += ", ?";
  }
  exec(db_, "BEGIN IMMEDIATE", path_);
  try {
    {
      const std::string sql = "INSERT INTO points (point, key" + (names.empty() ? "" : ", " + column_list(names)) +
                              ") VALUES (?, ?" + marks + ") ON CONFLICT (key) DO UPDATE SET point = excluded.point";
      Statement q(db_, sql.c_str(), path_);
      q.integer(1, index).text(2, key_of(point));
      for (std::size_t i = 0; i < run_.parameters.size(); ++i) {
        const std::string& value = point[i].second;
        char* end = nullptr;
        const double number = std::strtod(value.c_str(), &end);
        if (run_.parameters[i].second && end == value.c_str() + value.size() && !value.empty())
          sqlite3_bind_double(q.s, static_cast<int>(i) + 3, number);
        else
          q.text(static_cast<int>(i) + 3, value);
      }
      q.run();
    }
    std::string output_marks;
    for (std::size_t i = 0; i < run_.outputs.size(); ++i) output_marks += ", ?";
    const std::string sql = "INSERT OR REPLACE INTO outputs (id" + (run_.outputs.empty() ? "" : ", " + column_list(run_.outputs)) +
                            ") VALUES ((SELECT id FROM points WHERE key = ?)" + output_marks + ")";
    Statement o(db_, sql.c_str(), path_);
    o.text(1, key_of(point));
    for (std::size_t i = 0; i < values.size(); ++i) sqlite3_bind_double(o.s, static_cast<int>(i) + 2, values[i]);
    o.run();
    Statement f(db_, "DELETE FROM failures WHERE key = ?", path_);
    f.text(1, key_of(point)).run();
    exec(db_, "COMMIT", path_);
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void SweepStore::save_failure(int index, const Assignments& point, const std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement q(db_, "INSERT OR REPLACE INTO failures (point, key, error) VALUES (?, ?, ?)", path_);
  q.integer(1, index).text(2, key_of(point)).text(3, error).run();
}

void SweepStore::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement q(db_, "UPDATE sweep SET ended = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE run_key = ?", path_);
  q.text(1, key_).run();
}

int SweepStore::saved_points() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement q(db_, "SELECT count(*) FROM outputs", path_);
  return sqlite3_step(q.s) == SQLITE_ROW ? sqlite3_column_int(q.s, 0) : 0;
}

}  // namespace pbflow::experiment

namespace pbflow {

namespace {

// An open database, closed when it goes; `flags` as sqlite3_open_v2's.
struct Database {
  sqlite3* db = nullptr;
  Database(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      throw RuntimeFailure("cannot open the sweep store " + path + ": " + why);
    }
  }
  ~Database() { sqlite3_close(db); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
};

// The sweep a store (or an attached one, `schema.`) holds: its row and its parameters.
struct StoredSweep {
  std::string key, identity;
  SweepResult result;
  std::vector<std::pair<std::string, std::string>> parameters;  // name, kind
};

StoredSweep stored_sweep(sqlite3* db, const std::string& path, const std::string& schema = "") {
  StoredSweep out;
  const std::string sql = "SELECT run_key, scenario, scenario_sha256, engine, seed, replicas, outputs, design, samples,"
                          " levels, points, started FROM " + schema + "sweep";
  experiment::Statement q(db, sql.c_str(), path);
  if (sqlite3_step(q.s) != SQLITE_ROW) throw InputError({path, 0, 0}, "--db", "the store holds no sweep");
  SweepResult& r = out.result;
  out.key = q.column_text(0, "the sweep's key");
  r.scenario = q.column_text(1, "the sweep's scenario");
  r.scenario_sha256 = q.column_text(2, "the sweep's scenario SHA-256");
  r.engine = q.column_text(3, "the sweep's engine");
  r.seed = static_cast<std::uint64_t>(sqlite3_column_int64(q.s, 4));
  r.replicas = sqlite3_column_int(q.s, 5);
  std::stringstream outputs(q.column_text(6, "the sweep's outputs"));
  for (std::string name; std::getline(outputs, name, ',');) r.outputs.push_back(name);
  r.design = q.column_text(7, "the sweep's design");
  r.samples = sqlite3_column_int(q.s, 8);
  r.levels = sqlite3_column_int(q.s, 9);
  r.points_planned = sqlite3_column_int(q.s, 10);
  r.created = q.column_text(11, "the sweep's start");
  const std::string psql = "SELECT name, kind FROM " + schema + "parameters ORDER BY position";
  experiment::Statement p(db, psql.c_str(), path);
  while (sqlite3_step(p.s) == SQLITE_ROW) {
    out.parameters.push_back({p.column_text(0, "a parameter's name"), p.column_text(1, "a parameter's kind")});
    r.parameters.push_back(out.parameters.back().first);
  }
  out.identity = "pbflow " + r.engine + ", seed " + std::to_string(r.seed) + ", " + std::to_string(r.replicas) +
                 " replicas, outputs " + experiment::column_list(r.outputs) + ", parameters " +
                 experiment::column_list(r.parameters) + ", " + r.design + " design of " + std::to_string(r.samples) +
                 " samples (" + std::to_string(r.points_planned) + " points)";
  return out;
}

}  // namespace

SweepResult read_sweep_store(const std::string& path) {
  const Database store(path, SQLITE_OPEN_READONLY);
  sqlite3* db = store.db;
  experiment::check_layout(db, path);
  StoredSweep stored = stored_sweep(db, path);
  SweepResult& r = stored.result;
  const std::string sql = "SELECT p.id, p.point" +
                          (r.parameters.empty() ? std::string() : ", " + experiment::column_list(r.parameters, "p.")) +
                          (r.outputs.empty() ? std::string() : ", " + experiment::column_list(r.outputs, "o.")) +
                          " FROM points p JOIN outputs o ON o.id = p.id ORDER BY p.point";
  experiment::Statement q(db, sql.c_str(), path);
  const int k = static_cast<int>(r.parameters.size());
  while (sqlite3_step(q.s) == SQLITE_ROW) {
    const std::string row = "row " + std::to_string(sqlite3_column_int64(q.s, 0)) + " of points and outputs";
    SweepPoint point;
    point.index = sqlite3_column_int(q.s, 1);
    point.reused = true;
    for (int j = 0; j < k; ++j) {
      const int column = 2 + j;
      const int type = sqlite3_column_type(q.s, column);
      if (type == SQLITE_FLOAT || type == SQLITE_INTEGER)
        point.assignments.push_back({r.parameters[j], experiment::number_text(sqlite3_column_double(q.s, column))});
      else
        point.assignments.push_back({r.parameters[j], q.column_text(column, "a parameter value of " + row)});
    }
    for (std::size_t o = 0; o < r.outputs.size(); ++o) {
      const int column = 2 + k + static_cast<int>(o);
      const int type = sqlite3_column_type(q.s, column);
      if (type != SQLITE_FLOAT && type != SQLITE_INTEGER)
        throw RuntimeFailure("sweep store " + path + ": " + row + " has no number for `" + r.outputs[o] + "` (damaged store?)");
      point.outputs.push_back(sqlite3_column_double(q.s, column));
    }
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
  // Every shard holds the same sweep.
  std::vector<StoredSweep> shards;
  for (const std::string& input : inputs) {
    if (!fs::is_regular_file(input)) throw InputError({input, 0, 0}, "merge", "not a file");
    const Database store(input, SQLITE_OPEN_READONLY);
    sqlite3* db = store.db;
    experiment::check_layout(db, input);
    shards.push_back(stored_sweep(db, input));
    const StoredSweep& first = shards.front();
    const StoredSweep& now = shards.back();
    if (now.key != first.key || now.identity != first.identity || now.parameters != first.parameters)
      throw InputError({input, 0, 0}, "merge",
                       "holds another sweep than " + inputs.front() + ": " + now.identity + " against " + first.identity +
                           (now.key != first.key ? " (the scenario text, engine, seed, replicas or outputs differ)" : ""));
  }
  const Database merged(output, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* db = merged.db;
  const SweepResult& sweep = shards.front().result;
  const std::string params = experiment::column_list(sweep.parameters);
  const std::string outs = experiment::column_list(sweep.outputs);
  MergeReport report;
  report.planned = sweep.points_planned;
  for (std::size_t n = 0; n < inputs.size(); ++n) {
    experiment::Statement attach(db, "ATTACH DATABASE ? AS shard", output);
    attach.text(1, inputs[n]).run();
    struct Detach {
      sqlite3* db;
      ~Detach() { sqlite3_exec(db, "DETACH DATABASE shard", nullptr, nullptr, nullptr); }
    } detach{db};
    if (n == 0) {
      // The merged store takes the first shard's tables as they are.
      experiment::Statement q(db, "SELECT sql FROM shard.sqlite_master WHERE type = 'table' AND sql IS NOT NULL", output);
      std::vector<std::string> creates;
      while (sqlite3_step(q.s) == SQLITE_ROW) creates.push_back(q.column_text(0, "a table's definition"));
      for (const auto& create : creates) experiment::exec(db, create, output);
      for (const char* table : {"store_info", "sweep", "parameters", "sensitivity"})
        experiment::exec(db, std::string("INSERT INTO main.") + table + " SELECT * FROM shard." + table, output);
    } else {
      // A point two shards share must have the same outputs.
      std::string differs;
      for (const auto& o : sweep.outputs)
        differs += (differs.empty() ? "" : " OR ") + ("so." + experiment::quoted(o)) + " IS NOT mo." + experiment::quoted(o);
      if (!differs.empty()) {
        const std::string sql = "SELECT sp.point FROM shard.points sp JOIN shard.outputs so ON so.id = sp.id"
                                " JOIN main.points mp ON mp.key = sp.key JOIN main.outputs mo ON mo.id = mp.id WHERE " +
                                differs + " LIMIT 1";
        experiment::Statement q(db, sql.c_str(), output);
        if (sqlite3_step(q.s) == SQLITE_ROW)
          throw InputError({inputs[n], 0, 0}, "merge",
                           "point " + std::to_string(sqlite3_column_int(q.s, 0)) +
                               " has other outputs than in an earlier store: they are not shards of one sweep");
      }
    }
    const std::string cols = params.empty() ? "" : ", " + params;
    experiment::exec(db, "INSERT OR IGNORE INTO main.points (point, key" + cols + ") SELECT point, key" + cols +
                             " FROM shard.points WHERE id IN (SELECT id FROM shard.outputs)", output);
    experiment::exec(db, "INSERT OR IGNORE INTO main.outputs (id" + (outs.empty() ? "" : ", " + outs) + ") SELECT mp.id" +
                             (outs.empty() ? "" : ", " + experiment::column_list(sweep.outputs, "so.")) +
                             " FROM shard.outputs so JOIN shard.points sp ON sp.id = so.id JOIN main.points mp ON mp.key = sp.key",
                     output);
    experiment::exec(db, "INSERT OR IGNORE INTO main.failures SELECT * FROM shard.failures", output);
    ++report.stores;
  }
  experiment::exec(db, "DELETE FROM failures WHERE key IN (SELECT p.key FROM points p JOIN outputs o ON o.id = p.id)", output);
  std::vector<char> present(std::max(0, report.planned), 0);
  experiment::Statement q(db, "SELECT p.point FROM points p JOIN outputs o ON o.id = p.id", output);
  while (sqlite3_step(q.s) == SQLITE_ROW) {
    const int point = sqlite3_column_int(q.s, 0);
    if (point >= 0 && point < report.planned) present[point] = 1;
    ++report.points;
  }
  for (int i = 0; i < report.planned; ++i)
    if (!present[i]) report.missing.push_back(i);
  return report;
}

void save_sensitivity_to_store(const std::string& path, const SensitivityResult& indices) {
  const Database store(path, SQLITE_OPEN_READWRITE);
  sqlite3* db = store.db;
  experiment::check_layout(db, path);
  experiment::exec(db, "BEGIN IMMEDIATE; DELETE FROM sensitivity", path);
  for (const SensitivityIndex& i : indices.indices) {
    experiment::Statement q(db, "INSERT OR REPLACE INTO sensitivity VALUES (?, ?, ?, ?, ?, ?)", path);
    q.text(1, i.output).text(2, i.parameter).text(3, i.measure);
    sqlite3_bind_double(q.s, 4, i.value);
    sqlite3_bind_double(q.s, 5, i.low);
    sqlite3_bind_double(q.s, 6, i.high);
    q.run();
  }
  experiment::exec(db, "COMMIT", path);
}

}  // namespace pbflow
