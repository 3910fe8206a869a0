// Declarations shared by the binding files; each mirrors core headers.
#pragma once

#include <pybind11/pybind11.h>

namespace pbflow::python {

void bind_scenario(pybind11::module_& m);  // pbflow/scenario_io.h, Engine's loading and scenario
void bind_results(pybind11::module_& m);   // pbflow/run_result.h, results_io.h, archive.h, and every result type
void bind_engine(pybind11::module_& m);    // pbflow/engine.h's runs, difference.h, sensitivity.h, discovery.h
void bind_records(pybind11::module_& m);   // pbflow/records.h and the engine's check

}  // namespace pbflow::python
