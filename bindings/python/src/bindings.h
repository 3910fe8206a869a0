// Declarations shared by the binding files; each mirrors a core header.
#pragma once

#include <pybind11/pybind11.h>

namespace pbflow::python {

void bind_engine(pybind11::module_& m);   // pbflow/engine.h, pbflow/compare.h
void bind_results(pybind11::module_& m);  // pbflow/run_result.h, pbflow/results_io.h

}  // namespace pbflow::python
