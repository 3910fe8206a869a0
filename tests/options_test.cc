// Every options struct's IsValid: each field at and just past its limits,
// with the message naming the option (the bindings show the same words).
#include <gtest/gtest.h>

#include <limits>

#include "pbflow/engine.h"
#include "pbflow/limits.h"

namespace pbflow {
namespace {

template <typename Options>
std::string problem(const Options& o) {
  std::string why;
  return o.IsValid(&why) ? "" : why;
}

TEST(Options, RunOptionsRefuseEachFieldPastItsLimits) {
  EXPECT_EQ(problem(RunOptions{}), "");
  auto with = [](auto change) {
    RunOptions o;
    change(o);
    return problem(o);
  };
  EXPECT_EQ(with([](RunOptions& o) { o.replicas = 1; }), "");
  EXPECT_EQ(with([](RunOptions& o) { o.replicas = static_cast<int>(limits::kMaxReplicas); }), "");
  EXPECT_NE(with([](RunOptions& o) { o.replicas = 0; }).find("--replicas"), std::string::npos);
  EXPECT_NE(with([](RunOptions& o) { o.replicas = static_cast<int>(limits::kMaxReplicas) + 1; }).find("--replicas"),
            std::string::npos);
  EXPECT_EQ(with([](RunOptions& o) { o.seed = limits::kMaxSeed; }), "");
  EXPECT_NE(with([](RunOptions& o) { o.seed = limits::kMaxSeed + 1; }).find("--seed"), std::string::npos);
  EXPECT_EQ(with([](RunOptions& o) { o.threads = limits::kMaxThreads; }), "");
  EXPECT_NE(with([](RunOptions& o) { o.threads = -1; }).find("--threads"), std::string::npos);
  EXPECT_NE(with([](RunOptions& o) { o.threads = limits::kMaxThreads + 1; }).find("--threads"), std::string::npos);
  EXPECT_EQ(with([](RunOptions& o) { o.block_size = limits::kMaxBlockSize; }), "");
  EXPECT_NE(with([](RunOptions& o) { o.block_size = 0; }).find("--block-size"), std::string::npos);
  EXPECT_NE(with([](RunOptions& o) { o.block_size = limits::kMaxBlockSize + 1; }).find("--block-size"), std::string::npos);
  EXPECT_NE(with([](RunOptions& o) { o.max_memory_bytes = -1; }).find("--max-memory"), std::string::npos);
  EXPECT_NE(with([](RunOptions& o) { o.max_memory_bytes = std::numeric_limits<double>::infinity(); }).find("--max-memory"), std::string::npos);
}

TEST(Options, SweepOptionsRefuseEachFieldPastItsLimits) {
  EXPECT_EQ(problem(SweepOptions{}), "");
  auto with = [](auto change) {
    SweepOptions o;
    change(o);
    return problem(o);
  };
  EXPECT_NE(with([](SweepOptions& o) { o.replicas = 0; }).find("--replicas"), std::string::npos);
  EXPECT_NE(with([](SweepOptions& o) { o.seed = limits::kMaxSeed + 1; }).find("--seed"), std::string::npos);
  EXPECT_NE(with([](SweepOptions& o) { o.jobs = 0; }).find("--jobs"), std::string::npos);
  EXPECT_NE(with([](SweepOptions& o) { o.jobs = limits::kMaxThreads + 1; }).find("--jobs"), std::string::npos);
  EXPECT_NE(with([](SweepOptions& o) { o.threads = -1; }).find("--threads"), std::string::npos);
  EXPECT_NE(with([](SweepOptions& o) { o.resume = true; }).find("--db"), std::string::npos);
  EXPECT_EQ(with([](SweepOptions& o) {
              o.resume = true;
              o.db = "x.sqlite";
            }),
            "");
}

TEST(Options, AnInvalidRunIsRefusedBeforeItStarts) {
  RunOptions o;
  o.block_size = 0;
  Engine engine = Engine::load(PBFLOW_SOURCE_DIR "/tests/data/small.yaml");
  EXPECT_THROW(engine.run(o), InputError);
  SweepOptions s;
  s.jobs = 0;
  EXPECT_THROW(engine.sweep(s), InputError);
}

}  // namespace
}  // namespace pbflow
