// Every kind of result as bytes and back, each field exact: how Python
// pickles results and sends them between processes. Reading throws
// RuntimeFailure if the bytes are damaged, cut short, of another kind of
// result, or from a pbflow with another archive layout.
#pragma once

#include <string>

#include "pbflow/compare.h"
#include "pbflow/difference.h"
#include "pbflow/discovery.h"
#include "pbflow/run_result.h"
#include "pbflow/sensitivity.h"
#include "pbflow/sweep.h"
#include "pbflow/trace.h"

namespace pbflow {

std::string to_bytes(const RunResult& r);
std::string to_bytes(const CompareResult& r);
std::string to_bytes(const TraceResult& r);
std::string to_bytes(const DifferenceResult& r);
std::string to_bytes(const SweepResult& r);
std::string to_bytes(const SensitivityResult& r);
std::string to_bytes(const DiscoveryResult& r);

void from_bytes(const std::string& bytes, RunResult& out);
void from_bytes(const std::string& bytes, CompareResult& out);
void from_bytes(const std::string& bytes, TraceResult& out);
void from_bytes(const std::string& bytes, DifferenceResult& out);
void from_bytes(const std::string& bytes, SweepResult& out);
void from_bytes(const std::string& bytes, SensitivityResult& out);
void from_bytes(const std::string& bytes, DiscoveryResult& out);

}  // namespace pbflow
