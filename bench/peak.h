// The attainable peak of this core for the kernel's kind of work: an
// in-cache y += a x over rows of a block shaped like the kernel's state
// (row-major, replicas along a row), with the same Eigen row operations the
// kernel uses. Kernel figures are reported as a fraction of it.
#pragma once

namespace pbflow::bench {

// In-cache y += a x element updates per second on one core (measured once
// per process, about a quarter of a second).
double axpy_peak_per_second();

}  // namespace pbflow::bench
