#include "sim/random_streams.h"

#include "sim/vector_clones.h"

namespace pbflow::sim {

namespace {

// Philox4x32-10 (Salmon et al. 2011) as Random123 defines it, on one
// counter; written with plain 32- and 64-bit integer operations so that a
// loop of it vectorises. random_streams_test checks it against Random123.
// Each word is held in 64 bits (below 2^32), so a vectorised loop keeps one
// counter per 64-bit lane and needs no shuffles between 32- and 64-bit lanes.
struct Philox {
  std::uint64_t c0, c1, c2, c3;
  void rounds(std::uint32_t k0, std::uint32_t k1) {
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        k0 += PHILOX_W32_0;
        k1 += PHILOX_W32_1;
      }
      const std::uint64_t p0 = std::uint64_t{PHILOX_M4x32_0} * c0;
      const std::uint64_t p1 = std::uint64_t{PHILOX_M4x32_1} * c2;
      const std::uint64_t next0 = (p1 >> 32) ^ c1 ^ k0;
      const std::uint64_t next2 = (p0 >> 32) ^ c3 ^ k1;
      c1 = p1 & 0xffffffffu;
      c3 = p0 & 0xffffffffu;
      c0 = next0;
      c2 = next2;
    }
  }
};

}  // namespace

PBFLOW_VECTOR_CLONES
void RandomStreams::uniforms(int first_replica, int count, int slot, Purpose purpose, int month, DrawIndex index,
                             double* out) const {
  if (count <= 0) return;
  // The first and last counters checked: the replica field is the only one that varies.
  DrawCounter::make(first_replica, slot, purpose, month, index);
  const auto counter = DrawCounter::make(std::int64_t{first_replica} + count - 1, slot, purpose, month, index);
  const std::uint32_t w1 = counter.v[1], w2 = counter.v[2], w3 = counter.v[3];
  const std::uint32_t k0 = key_.v[0], k1 = key_.v[1];
  const std::uint32_t first = static_cast<std::uint32_t>(first_replica);
  for (int i = 0; i < count; ++i) {
    Philox x{static_cast<std::uint32_t>(first + static_cast<std::uint32_t>(i)), w1, w2, w3};
    x.rounds(k0, k1);
    // As uniform(): 27 + 26 bits. Each part and the sum are exact doubles
    // (below 2^53), and the scaling is by a power of two.
    const double high = static_cast<double>(static_cast<std::int32_t>(x.c0 >> 5));
    const double low = static_cast<double>(static_cast<std::int32_t>(x.c1 >> 6));
    out[i] = (high * 67108864.0 + low + 0.5) / 9007199254740992.0;
  }
}

}  // namespace pbflow::sim
