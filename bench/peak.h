// The attainable peak of this core for the kernel's kind of work: an
// in-L1 y += a x (one multiply, one add, two loads and a store a value),
// compiled with the kernel's vector clones so it runs on the same vector
// unit. Kernel figures are reported as a fraction of it.
#pragma once

namespace pbflow::bench {

// In-cache y += a x element updates per second on one core (measured once
// per process, about a quarter of a second).
double axpy_peak_per_second();

// Bytes per second that y += a x moves (read x and y, write y: 24 bytes a
// value) over 4 MB, beyond L2 and inside L3, where a block's kernel state
// lives: the bandwidth bound of a kernel that streams its state.
double l3_stream_bytes_per_second();

}  // namespace pbflow::bench
