// pbflow::Engine's runs for Python: run, trace, compare, sweep (here or on
// an executor's workers), a sweep's single point, and the analyses of
// results: what-if difference, sensitivity, discovery. Long calls run with
// the GIL released and stop within about a second on Ctrl-C
// (interruptible.h). The pbflow package gives them keyword defaults and
// docstrings; these are its building blocks.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "interruptible.h"
#include "pbflow/difference.h"
#include "pbflow/discovery.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/sensitivity.h"

namespace py = pybind11;

namespace pbflow::python {

namespace {

RunOptions run_options(std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads, int block_size,
                       bool trajectories, bool record_flows, double max_memory_bytes) {
  RunOptions o;
  o.replicas = replicas;
  o.seed = seed;
  o.threads = threads;
  o.block_size = block_size;
  o.trajectories = trajectories;
  o.record_flows = record_flows;
  o.max_memory_bytes = max_memory_bytes;
  return o;
}

std::optional<Pillar> pillar_named(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  for (Pillar p : {Pillar::humanitarian, Pillar::development, Pillar::peace})
    if (*name == to_string(p)) return p;
  throw InputError({}, "pillar", "`" + *name + "` is not a pillar; expected humanitarian, development or peace");
}

// The run options every long call takes, as keyword arguments.
#define PBFLOW_RUN_ARGS                                                                                           \
  py::arg("replicas") = py::none(), py::arg("seed") = py::none(), py::arg("threads") = 0,                        \
      py::arg("block_size") = RunOptions{}.block_size, py::arg("trajectories") = false,                          \
      py::arg("record_flows") = true, py::arg("max_memory_bytes") = 0.0

}  // namespace

void bind_engine(py::module_& m) {
  m.def(
      "run",
      [](const Engine& e, std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads,
         int block_size, bool trajectories, bool record_flows, double max_memory_bytes) {
        RunOptions o = run_options(replicas, seed, threads, block_size, trajectories, record_flows, max_memory_bytes);
        return interruptible<std::shared_ptr<RunResult>>([&](const std::atomic<bool>* stop) {
          o.stop = stop;
          auto result = std::make_shared<RunResult>(e.run(o));
          if (result->partial) throw Interrupted("stopped");
          return result;
        });
      },
      py::arg("engine"), PBFLOW_RUN_ARGS, "Run the Monte Carlo.");

  m.def(
      "trace",
      [](const Engine& e, const std::vector<std::string>& countries, const std::optional<std::string>& pillar,
         std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads, int block_size,
         bool trajectories, bool record_flows, double max_memory_bytes) {
        RunOptions o = run_options(replicas, seed, threads, block_size, trajectories, record_flows, max_memory_bytes);
        TraceOptions t{countries, pillar_named(pillar)};
        return interruptible<std::shared_ptr<TraceResult>>([&](const std::atomic<bool>* stop) {
          o.stop = stop;
          auto result = std::make_shared<TraceResult>(e.trace(o, t));
          if (result->run.partial) throw Interrupted("stopped");
          return result;
        });
      },
      py::arg("engine"), py::arg("countries"), py::arg("pillar") = py::none(), PBFLOW_RUN_ARGS,
      "Run the Monte Carlo following the money route by route (every country if countries is empty).");

  m.def(
      "compare",
      [](const Engine& e, std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads,
         int block_size, bool trajectories, bool record_flows, double max_memory_bytes) {
        RunOptions o = run_options(replicas, seed, threads, block_size, trajectories, record_flows, max_memory_bytes);
        return interruptible<std::shared_ptr<CompareResult>>([&](const std::atomic<bool>* stop) {
          o.stop = stop;
          return std::make_shared<CompareResult>(e.compare(o));
        });
      },
      py::arg("engine"), PBFLOW_RUN_ARGS, "Compare the scenario's strategies on the same replicas.");

  m.def(
      "difference",
      [](const RunResult& whatif, const RunResult& baseline) {
        return std::make_shared<DifferenceResult>(paired_difference(whatif, baseline));
      },
      py::arg("whatif"), py::arg("baseline"), "The paired difference of two runs on the same seed and replicas.");

  m.def(
      "write_difference",
      [](const RunResult& whatif, const DifferenceResult& d, const std::string& dir) {
        py::gil_scoped_release release;
        write_difference_outputs(whatif, d, dir);
      },
      py::arg("whatif"), py::arg("difference"), py::arg("dir"),
      "Write what `pbflow run --against --out DIR` writes: the what-if's files, diff.json and diff.csv.");

  m.def(
      "sweep",
      [](const Engine& e, std::optional<int> replicas, std::optional<std::uint64_t> seed, int jobs, int threads,
         const std::string& db, bool resume, bool design_only, bool fail_fast, int shard_index, int shard_count,
         double max_memory_bytes, const py::object& runner) {
        SweepOptions o;
        o.replicas = replicas;
        o.seed = seed;
        o.jobs = jobs;
        o.threads = threads;
        o.db = db;
        o.resume = resume;
        o.design_only = design_only;
        o.fail_fast = fail_fast;
        o.shard_index = shard_index;
        o.shard_count = shard_count;
        o.max_memory_bytes = max_memory_bytes;
        if (!runner.is_none())
          // runner(points, done, stopped): run the points elsewhere, call
          // done(point, outputs, failure) for each, and give up when
          // stopped() says so. done and stopped are valid during the call.
          o.runner = [&runner, &o](const std::vector<int>& points, const SweepOptions::PointDone& done) {
            py::gil_scoped_acquire gil;
            const std::atomic<bool>* stop = o.stop;
            runner(points,
                   py::cpp_function([&done](int point, const std::vector<double>& outputs, const std::string& failure) {
                     done(point, outputs, failure);
                   }),
                   py::cpp_function([stop] { return stop && stop->load(); }));
          };
        using Pair = std::pair<std::shared_ptr<SweepResult>, std::shared_ptr<SensitivityResult>>;
        Pair out = interruptible<Pair>([&](const std::atomic<bool>* stop) {
          o.stop = stop;
          auto result = std::make_shared<SweepResult>(e.sweep(o));
          std::shared_ptr<SensitivityResult> indices;
          // A sobol or morris sweep ends with its sensitivity indices, as on the command line.
          if (!o.design_only && !result->partial && (result->design == "sobol" || result->design == "morris")) {
            indices = std::make_shared<SensitivityResult>(sensitivity(*result));
            if (!o.db.empty()) save_sensitivity_to_store(o.db, *indices);
          }
          return Pair{result, indices};
        });
        if (out.first->partial) throw Interrupted("stopped");
        return py::make_tuple(out.first, out.second ? py::cast(out.second) : py::none());
      },
      py::arg("engine"), py::arg("replicas") = py::none(), py::arg("seed") = py::none(), py::arg("jobs") = 1,
      py::arg("threads") = 0, py::arg("db") = "", py::arg("resume") = false, py::arg("design_only") = false,
      py::arg("fail_fast") = false, py::arg("shard_index") = 0, py::arg("shard_count") = 1,
      py::arg("max_memory_bytes") = 0.0, py::arg("runner") = py::none(),
      "Run the scenario's sweep: (SweepResult, SensitivityResult or None).");

  py::class_<SweepPointOutcome>(m, "SweepPointOutcome", "One point's outputs, or why it failed.")
      .def_readonly("outputs", &SweepPointOutcome::outputs)
      .def_readonly("failure", &SweepPointOutcome::failure);
  m.def(
      "sweep_point",
      [](const Engine& e, const std::vector<std::pair<std::string, std::string>>& assignments,
         std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads, bool fail_fast) {
        SweepOptions o;
        o.replicas = replicas;
        o.seed = seed;
        o.threads = threads;
        o.fail_fast = fail_fast;
        return interruptible<SweepPointOutcome>([&](const std::atomic<bool>* stop) {
          o.stop = stop;
          return e.sweep_point(assignments, o);
        });
      },
      py::arg("engine"), py::arg("assignments"), py::arg("replicas") = py::none(), py::arg("seed") = py::none(),
      py::arg("threads") = 1, py::arg("fail_fast") = false, "One point of the sweep, as the sweep runs it: (outputs, failure).");

  m.def(
      "sensitivity",
      [](const SweepResult& sweep, bool second_order, int bootstrap, std::uint64_t seed) {
        SensitivityOptions o;
        o.second_order = second_order;
        o.bootstrap = bootstrap;
        o.seed = seed;
        py::gil_scoped_release release;
        return std::make_shared<SensitivityResult>(sensitivity(sweep, o));
      },
      py::arg("sweep"), py::arg("second_order") = false, py::arg("bootstrap") = SensitivityOptions{}.bootstrap,
      py::arg("seed") = SensitivityOptions{}.seed, "Sobol' indices or Morris effects of a sobol or morris sweep.");

  m.def(
      "discover",
      [](const SweepResult& sweep, const std::string& output, double threshold, bool above, double alpha,
         double min_mass, double min_coverage) {
        DiscoveryOptions o;
        o.output = output;
        o.threshold = threshold;
        o.above = above;
        o.alpha = alpha;
        o.min_mass = min_mass;
        o.min_coverage = min_coverage;
        py::gil_scoped_release release;
        return std::make_shared<DiscoveryResult>(discover(sweep, o));
      },
      py::arg("sweep"), py::arg("output"), py::arg("threshold"), py::arg("above") = true,
      py::arg("alpha") = DiscoveryOptions{}.alpha, py::arg("min_mass") = DiscoveryOptions{}.min_mass,
      py::arg("min_coverage") = DiscoveryOptions{}.min_coverage, "PRIM's box over a sweep's points.");
}

}  // namespace pbflow::python
