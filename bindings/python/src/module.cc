// The `_pbflow` extension module: the C++ engine for Python. The core knows
// nothing of Python; everything Python-specific lives in bindings/. Each
// bind_* file mirrors a core header (bindings.h says which).
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"

namespace py = pybind11;

namespace {

// The exception raised for an InputError, carrying where and what.
void raise_input_error(const py::object& type, const pbflow::InputError& e) {
  py::object error = type(e.what());
  error.attr("file") = e.where().file;
  error.attr("line") = e.where().line;
  error.attr("column") = e.where().column;
  error.attr("key_path") = e.key_path();
  error.attr("detail") = e.detail();
  PyErr_SetObject(type.ptr(), error.ptr());
}

}  // namespace

PYBIND11_MODULE(_pbflow, m) {
  m.doc() = "pbflow: peacebuilding funding simulation engine (C++ core)";
  // Invalid scenarios and usage: a ValueError; runtime failures: a RuntimeError.
  static py::exception<pbflow::InputError> input_error(m, "InputError", PyExc_ValueError);
  static py::exception<pbflow::RuntimeFailure> runtime_failure(m, "RuntimeFailure", PyExc_RuntimeError);
  input_error.doc() =
      "An invalid scenario, option or usage. str() is the command line's message "
      "(FILE:LINE:COL: key.path: what); file, line, column, key_path and detail say each part "
      "(line and column 0 when unknown).";
  // Raised from Python too (with a message alone): where is then unknown.
  for (const char* name : {"file", "key_path", "detail"}) input_error.attr(name) = "";
  for (const char* name : {"line", "column"}) input_error.attr(name) = 0;
  runtime_failure.doc() = "A failure while running a valid scenario, or a damaged saved result.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const pbflow::InputError& e) {
      raise_input_error(input_error, e);
    } catch (const pbflow::RuntimeFailure& e) {
      runtime_failure(e.what());
    } catch (const pbflow::Interrupted& e) {
      PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    }
  });
  m.def("version", &pbflow::version, "pbflow's version, such as '0.1.0'.");
  pbflow::python::bind_scenario(m);
  pbflow::python::bind_results(m);
  pbflow::python::bind_engine(m);
  pbflow::python::bind_records(m);
}
