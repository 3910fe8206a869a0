// Functions whose loops run across replicas get an AVX2 clone beside the
// baseline, chosen by the loader on processors that have it; `flatten`
// inlines every helper into each clone. No FMA: each multiply and add rounds
// on its own, so both clones give the same bits.
#pragma once

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(PBFLOW_NO_CLONES)
#define PBFLOW_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default"), flatten))
#elif defined(__GNUC__) || defined(__clang__)
#define PBFLOW_VECTOR_CLONES __attribute__((flatten))
#else
#define PBFLOW_VECTOR_CLONES
#endif
