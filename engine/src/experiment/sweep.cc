// `pbflow sweep`: points from the sweep's design, each a run of the scenario
// with those keys set, on the same seed (so points share their random
// futures), outputs read from the point's summary.json. Finished points can
// be kept in SQLite and reused on --resume.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <limits>
#include <mutex>
#include <map>
#include <cmath>
#include <exception>
#include <sstream>

#include "experiment/distribution.h"
#include "experiment/memory.h"
#include "experiment/provenance.h"
#include "experiment/sampling.h"
#include "experiment/sweep_store.h"
#include "experiment/test_functions.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/limits.h"
#include "pbflow/results_io.h"
#include "pbflow/scenario_io.h"

namespace pbflow {

bool SweepOptions::IsValid(std::string* error) const {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (replicas && (*replicas < 1 || *replicas > limits::kMaxReplicas))
    return fail("--replicas must be from 1 to " + std::to_string(limits::kMaxReplicas));
  if (seed && *seed > limits::kMaxSeed) return fail("--seed must be from 0 to " + std::to_string(limits::kMaxSeed));
  if (jobs < 1 || jobs > limits::kMaxThreads) return fail("--jobs must be from 1 to " + std::to_string(limits::kMaxThreads));
  if (threads < 0 || threads > limits::kMaxThreads)
    return fail("--threads must be from 0 (every core) to " + std::to_string(limits::kMaxThreads));
  if (resume && db.empty()) return fail("--resume needs --db FILE.sqlite to resume from");
  if (shard_count < 1 || shard_index < 0 || shard_index >= shard_count)
    return fail("--shard I/N needs 0 <= I < N (the shard's index and the number of shards)");
  return true;
}

namespace {

const std::vector<std::string> kDefaultOutputs = {"totals.released", "totals.overhead", "totals.spent",
                                                  "totals.in_pipeline", "objective.mean"};

// A number in summary.json by dotted path, or an explanation of what is missing.
std::optional<double> lookup(const nlohmann::json& summary, const std::string& path, std::string* problem) {
  const nlohmann::json* node = &summary;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(key)) {
      if (problem && !node->is_object())
        *problem = "`" + path.substr(0, start - 1) + "` is " + (node->is_number() ? "a number" : "not a map") +
                   " in summary.json, with no `" + key + "` below it";
      if (problem && node->is_object()) {
        std::vector<std::string> keys;
        for (const auto& [k, v] : node->items()) keys.push_back(k);
        std::string list;
        for (std::size_t i = 0; i < keys.size() && i < 12; ++i) list += (i ? ", " : "") + keys[i];
        *problem = "summary.json has no `" + key + "` here; it has: " + list;
      }
      return std::nullopt;
    }
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (!node->is_number()) {
    if (problem) *problem = "that is not a number in summary.json (add .mean, .p50, ...)";
    return std::nullopt;
  }
  return node->get<double>();
}

// The composed scenario without its `sweep:` block: the block chooses the
// points but plays no part in running one, so more samples or another
// design can still reuse the points already run.
std::string without_sweep_block(const std::string& canonical) {
  std::istringstream in(canonical);
  std::string out, line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '-') inside = line.rfind("sweep:", 0) == 0;
    if (!inside) out += line + "\n";
  }
  return out;
}

// A parameter's range, list or distribution, as the store records it.
std::string range_json(const ParameterRange& p) {
  nlohmann::ordered_json j;
  if (!p.values.empty()) {
    j["values"] = p.values;
    return j.dump();
  }
  static const char* names[] = {"uniform", "normal", "lognormal", "triangular", "truncated_normal"};
  j["distribution"] = names[static_cast<int>(p.distribution)];
  if (p.min) j["min"] = *p.min;
  if (p.max) j["max"] = *p.max;
  switch (p.distribution) {
    case Distribution::normal:
    case Distribution::truncated_normal: j["mean"] = p.mean, j["sd"] = p.sd; break;
    case Distribution::lognormal: j["median"] = p.median, j["sigma"] = p.sigma; break;
    case Distribution::triangular: j["mode"] = p.mode; break;
    case Distribution::uniform: break;
  }
  return j.dump();
}

// The design's points, the same on every rank.
std::vector<experiment::Assignments> design_points(const Sweep& sw, std::uint64_t seed) {
  const int samples = sw.samples > 0 ? sw.samples : 16;
  if (sw.design == "lhs") return experiment::latin_hypercube(sw.parameters, samples, seed);
  if (sw.design == "grid") return experiment::full_grid(sw.parameters, sw.samples > 0 ? sw.samples : 3);
  if (sw.design == "sobol") return experiment::saltelli(sw.parameters, samples, seed);
  if (sw.design == "morris") return experiment::morris(sw.parameters, samples, sw.levels, seed);
  if (sw.design == "file") return experiment::from_file(sw.parameters, sw.file);
  return experiment::uniform_random(sw.parameters, samples, seed);
}

nlohmann::json summary_of(const RunResult& r) {
  std::ostringstream out;
  write_summary_json(r, out);
  return nlohmann::json::parse(out.str());
}

// One point: the scenario with the point's assignments, run on the sweep's
// seed and replicas. A failure comes back as +inf outputs with its message
// (thrown instead with fail_fast); a stopped point as NaN.
SweepPointOutcome run_point(const Engine& base, const std::vector<std::pair<std::string, std::string>>& point,
                            int replicas, std::uint64_t seed, const std::vector<std::string>& outputs, int threads,
                            const std::atomic<bool>* stop, bool fail_fast) {
  const Scenario& s = base.scenario();
  const std::vector<double> unfinished(outputs.size(), std::nan(""));
  auto failed = [&](const std::string& why) {
    return SweepPointOutcome{std::vector<double>(outputs.size(), std::numeric_limits<double>::infinity()), why};
  };
  if (stop && stop->load()) return {unfinished, {}};  // stopped: start no new point
  if (!s.sweep->test_function.empty()) return {{experiment::test_function(s.sweep->test_function, point)}, {}};
  std::vector<std::string> assignments = base.overrides();
  for (const auto& [path, value] : point) assignments.push_back(path + "=" + value);
  std::optional<Engine> loaded;
  try {
    loaded.emplace(reload_scenario(s, assignments), assignments);
  } catch (const InputError& e) {
    if (fail_fast) throw;
    return failed(e.what());
  }
  RunOptions run;
  run.replicas = replicas;
  run.seed = seed;
  run.threads = threads;
  run.record_flows = false;
  run.stop = stop;
  RunResult done;
  try {
    done = loaded->run(run);
  } catch (const Interrupted&) {
    return {unfinished, {}};
  } catch (const RuntimeFailure& e) {
    if (fail_fast) throw;
    return failed(e.what());
  }
  if (done.partial) return {unfinished, {}};  // a point counts only with all its replicas
  const nlohmann::json summary = summary_of(done);
  std::vector<double> values;
  for (const auto& path : outputs) values.push_back(*lookup(summary, path, nullptr));
  return {values, {}};
}

// The replicas, seed and outputs a sweep runs with.
struct SweepSettings {
  int replicas = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> outputs;
};
SweepSettings settings_of(const Scenario& s, const SweepOptions& o) {
  const Sweep& sw = *s.sweep;
  SweepSettings out;
  out.replicas = o.replicas.value_or(sw.replicas > 0 ? sw.replicas : s.simulation.replicas);
  out.seed = o.seed.value_or(s.simulation.seed);
  out.outputs = sw.outputs.empty() ? kDefaultOutputs : sw.outputs;
  if (!sw.test_function.empty()) out.outputs = {"test_function"};
  return out;
}

}  // namespace

SweepPointOutcome Engine::sweep_point(const std::vector<std::pair<std::string, std::string>>& assignments,
                                      const SweepOptions& o) const {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  const Scenario& s = scenario();
  if (!s.sweep) throw InputError({s.file, 0, 0}, "sweep", "this scenario has no `sweep:` block");
  const SweepSettings settings = settings_of(s, o);
  return run_point(*this, assignments, settings.replicas, settings.seed, settings.outputs, o.threads, o.stop,
                   o.fail_fast);
}

SweepResult Engine::sweep(const SweepOptions& o) const {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  const Scenario& s = scenario();
  if (!s.sweep) throw InputError({s.file, 0, 0}, "sweep", "this scenario has no `sweep:` block");
  const Sweep& sw = *s.sweep;
  auto began = std::chrono::steady_clock::now();
  SweepResult result;
  result.scenario = s.name;
  experiment::stamp(result, s);
  result.design = sw.design;
  const SweepSettings settings = settings_of(s, o);
  result.replicas = settings.replicas;
  result.seed = settings.seed;
  for (const auto& p : sw.parameters) result.parameters.push_back(p.path);
  result.outputs = settings.outputs;
  const bool analytic = !sw.test_function.empty();

  const std::vector<experiment::Assignments> points = design_points(sw, result.seed);
  result.samples = sw.samples > 0 ? sw.samples : 16;
  result.levels = sw.design == "morris" ? sw.levels : 0;
  result.points_planned = static_cast<int>(points.size());
  if (o.design_only) {
    result.outputs.clear();  // the points alone
    for (std::size_t i = 0; i < points.size(); ++i) result.points.push_back({static_cast<int>(i), points[i], {}, false});
    return result;
  }

  // The points that run at once must fit in memory, with every point's record.
  {
    RunOptions point;
    point.replicas = result.replicas;
    point.threads = o.jobs > 1 ? 1 : o.threads;
    point.record_flows = false;
    const double per_point_record = 64.0 * (result.parameters.size() + result.outputs.size()) + 256.0;
    const double need = memory_estimate(point) * o.jobs + per_point_record * static_cast<double>(points.size());
    const double limit = o.max_memory_bytes > 0 ? o.max_memory_bytes : 0.8 * experiment::machine_memory_bytes();
    if (need > limit)
      throw InputError({s.file, 0, 0}, "sweep",
                       "this sweep (" + std::to_string(points.size()) + " points, " + std::to_string(o.jobs) +
                           " at a time) needs about " + experiment::gigabytes(need) + " of memory, more than the " +
                           experiment::gigabytes(limit) + " allowed; use fewer replicas or jobs, or --max-memory GB");
  }

  // Check the outputs on a one-replica, one-month run before hours of work.
  if (!analytic) {
    RunOptions probe;
    probe.replicas = 1;
    probe.threads = 1;
    Engine small(reload_scenario(s,
                                 [&] {
                                   auto a = overrides();
                                   a.push_back("horizon.months=1");
                                   return a;
                                 }()),
                 overrides());
    const nlohmann::json summary = summary_of(small.run(probe));
    for (std::size_t i = 0; i < result.outputs.size(); ++i)
      if (!lookup(summary, result.outputs[i], &problem))
        throw InputError({s.file, 0, 0}, "sweep.outputs[" + std::to_string(i) + "]",
                         "`" + result.outputs[i] + "`: " + problem);
  }

  // Points are kept under everything they depend on: the composed scenario
  // (after extends: and --set), the engine, the seed, replicas and outputs.
  const experiment::Distribution ranks = experiment::Distribution::current();
  std::optional<experiment::SweepStore> store;
  result.points.resize(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    result.points[i].index = static_cast<int>(i);
    result.points[i].assignments = points[i];
  }
  // Only the leader opens the store; it tells every rank which points are
  // still to run (plan[1 + i]), or that it could not start (plan[0]).
  std::vector<char> plan(points.size() + 1, 0);
  std::exception_ptr refused;
  if (ranks.leader()) {
    try {
      if (!o.db.empty()) {
        experiment::SweepRun run{s.name, without_sweep_block(s.composed_text), version(), result.seed, result.replicas,
                                 result.outputs, result.design, result.samples, result.levels,
                                 static_cast<int>(points.size()), {}};
        for (const ParameterRange& p : sw.parameters) {
          bool numeric = true;  // a list of values that are not all numbers is kept as text
          for (const auto& v : p.values) {
            char* end = nullptr;
            std::strtod(v.c_str(), &end);
            numeric = numeric && !v.empty() && end == v.c_str() + v.size();
          }
          run.parameters.push_back({p.path, numeric});
          run.parameter_ranges.push_back(range_json(p));
        }
        store.emplace(o.db, run, o.resume);
      }
      for (std::size_t i = 0; store && o.resume && i < points.size(); ++i)
        if (auto saved = store->find(points[i])) {
          result.points[i].outputs = *saved;
          result.points[i].reused = true;
          plan[1 + i] = 1;
          ++result.reused;
        }
    } catch (...) {
      refused = std::current_exception();
      plan[0] = 1;
    }
  }
  ranks.broadcast(plan);
  if (refused) std::rethrow_exception(refused);
  if (plan[0]) throw RuntimeFailure("rank 0 could not start the sweep (its message says why)");
  std::vector<int> todo;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (!plan[1 + i] && static_cast<int>(i % o.shard_count) == o.shard_index) todo.push_back(static_cast<int>(i));
  result.shard_index = o.shard_index;
  result.shard_count = o.shard_count;

  // Each rank runs its share; the leader commits every point to the store
  // the moment its results arrive, so a kill loses only points under way.
  // A point that fails (an invalid combination of values) is recorded and
  // the sweep goes on, unless --fail-fast: its outputs come back as +inf
  // (NaN: stopped), its message kept on the rank that ran it.
  std::mutex failure_lock;
  std::map<int, std::string> failure_messages;
  auto compute = [&](int i, int threads) {
    const SweepPointOutcome point = run_point(*this, result.points[i].assignments, result.replicas, result.seed,
                                              result.outputs, threads, o.stop, o.fail_fast);
    if (!point.failure.empty()) {
      std::lock_guard<std::mutex> lock(failure_lock);
      failure_messages[i] = point.failure;
    }
    return point.outputs;
  };
  long long done = result.reused;
  int stopped = 0;
  auto finished = [&](int i, const std::vector<double>& values) {
    result.points[i].outputs = values;
    if (!values.empty() && std::isnan(values.front())) {
      ++stopped;
      return;
    }
    if (!values.empty() && std::isinf(values.front())) {
      std::lock_guard<std::mutex> lock(failure_lock);
      const auto message = failure_messages.find(i);
      const std::string why = message != failure_messages.end() ? message->second : "failed on another rank (its log says why)";
      result.failures.push_back({i, why});
      if (store) store->save_failure(i, result.points[i].assignments, why);
      if (o.progress) o.progress(++done, static_cast<long long>(points.size()));
      return;
    }
    if (store) store->save(i, result.points[i].assignments, values);
    if (o.progress) o.progress(++done, static_cast<long long>(points.size()));
  };
  if (o.runner) {  // elsewhere (Python's executors): the failures come back with the points
    if (ranks.leader())
      o.runner(todo, [&](int i, const std::vector<double>& values, const std::string& failure) {
        if (i < 0 || i >= static_cast<int>(points.size()) || values.size() != result.outputs.size())
          throw RuntimeFailure("a sweep runner returned a point the sweep did not ask for");
        if (!failure.empty()) {
          std::lock_guard<std::mutex> lock(failure_lock);
          failure_messages[i] = failure;
        }
        finished(i, values);
      });
  } else {
    ranks.run(todo, static_cast<int>(result.outputs.size()), o.jobs, o.threads, compute, finished);
  }
  result.computed = static_cast<int>(todo.size()) - stopped - static_cast<int>(result.failures.size());
  if (store && !result.partial && stopped == 0) store->finish();
  std::sort(result.failures.begin(), result.failures.end());
  if (!result.failures.empty())  // failed points have no outputs to show
    result.points.erase(std::remove_if(result.points.begin(), result.points.end(),
                                       [](const SweepPoint& p) { return !p.outputs.empty() && std::isinf(p.outputs.front()); }),
                        result.points.end());
  result.partial = stopped > 0;
  result.points_planned = static_cast<int>(points.size());
  if (o.shard_count > 1)  // a shard holds its own points (and any the store already had)
    result.points.erase(std::remove_if(result.points.begin(), result.points.end(),
                                       [](const SweepPoint& p) { return p.outputs.empty(); }),
                        result.points.end());
  if (result.partial)  // keep the points that finished (all of them already in the store)
    result.points.erase(std::remove_if(result.points.begin(), result.points.end(),
                                       [](const SweepPoint& p) { return !p.outputs.empty() && std::isnan(p.outputs.front()); }),
                        result.points.end());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return result;
}

}  // namespace pbflow
