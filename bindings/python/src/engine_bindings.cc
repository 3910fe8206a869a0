// pbflow::Engine for Python: load, run, compare. Long calls release the GIL.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sstream>

#include "bindings.h"
#include "pbflow/engine.h"
#include "pbflow/results_io.h"
#include "pbflow/scenario_io.h"

namespace py = pybind11;

namespace pbflow::python {

namespace {

RunOptions options(std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads, int block_size,
                   bool trajectories) {
  RunOptions o;
  o.replicas = replicas;
  o.seed = seed;
  o.threads = threads;
  o.block_size = block_size;
  o.trajectories = trajectories;
  return o;
}

}  // namespace

void bind_engine(py::module_& m) {
  py::class_<Engine>(m, "Engine", "A loaded, checked scenario, ready to run.")
      .def_static("load", &Engine::load, py::arg("path"), py::arg("overrides") = std::vector<std::string>{},
                  "Load a scenario file; overrides are 'dotted.key=value' strings.")
      .def_property_readonly("name", [](const Engine& e) { return e.scenario().name; })
      .def_property_readonly("countries",
                             [](const Engine& e) {
                               std::vector<std::string> out;
                               for (const auto& c : e.scenario().countries) out.push_back(c.iso3);
                               return out;
                             })
      .def_property_readonly("warnings", &Engine::warnings)
      .def(
          "run",
          [](const Engine& e, std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads,
             int block_size, bool trajectories) {
            RunOptions o = options(replicas, seed, threads, block_size, trajectories);
            py::gil_scoped_release release;
            return std::make_shared<RunResult>(e.run(o));
          },
          py::arg("replicas") = py::none(), py::arg("seed") = py::none(), py::arg("threads") = 0,
          py::arg("block_size") = RunOptions{}.block_size, py::arg("trajectories") = false, "Run the Monte Carlo.")
      .def(
          "compare_json",
          [](const Engine& e, std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads) {
            RunOptions o = options(replicas, seed, threads, 64, false);
            CompareResult c;
            {
              py::gil_scoped_release release;
              c = e.compare(o);
            }
            std::ostringstream out;
            write_compare_json(c, out);
            return out.str();
          },
          py::arg("replicas") = py::none(), py::arg("seed") = py::none(), py::arg("threads") = 0,
          "Compare the scenario's strategies; compare.json as text.");
  m.def("schema", &scenario_json_schema, "The JSON Schema of the scenario language, as text.");
}

}  // namespace pbflow::python
