// The `_pbflow` extension module: the C++ engine for Python. The core knows
// nothing of Python; everything Python-specific lives in bindings/.
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "pbflow/errors.h"

PYBIND11_MODULE(_pbflow, m) {
  m.doc() = "pbflow: peacebuilding funding simulation engine (C++ core)";
  // Invalid scenarios and usage: ValueError subclass; runtime failures: RuntimeError subclass.
  static pybind11::exception<pbflow::InputError> input_error(m, "InputError", PyExc_ValueError);
  static pybind11::exception<pbflow::RuntimeFailure> runtime_failure(m, "RuntimeFailure", PyExc_RuntimeError);
  pybind11::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const pbflow::InputError& e) {
      input_error(e.what());
    } catch (const pbflow::RuntimeFailure& e) {
      runtime_failure(e.what());
    }
  });
  pbflow::python::bind_results(m);
  pbflow::python::bind_engine(m);
}
