// Functions whose loops run across replicas get clones for wider vector
// units (AVX2; AVX-512 as x86-64-v4) beside the baseline, chosen by the
// loader for the processor it runs on; `flatten` inlines every helper into
// each clone. No clone uses FMA (the build passes -ffp-contract=off): each
// multiply and add rounds on its own, so every clone gives the same bits.
// The sanitizer build (clang) has no clones and must match the golden
// outputs made with them (tests/golden_test.cc), which checks exactly that.
// GCC only (clang 14 cannot clone member functions defined out of line);
// -DPBFLOW_NO_CLONES turns them off.
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(PBFLOW_NO_CLONES)
#define PBFLOW_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default"), flatten))
#elif defined(__GNUC__) || defined(__clang__)
#define PBFLOW_VECTOR_CLONES __attribute__((flatten))
#else
#define PBFLOW_VECTOR_CLONES
#endif
