// The build refuses a backward include (scripts/check-layers.py runs with
// every build): checked here on the real tree, and on a planted violation
// to show the check can fail.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sys/wait.h>

#include "support/test_files.h"

namespace pbflow::testing {
namespace {

CommandResult check_layers(const std::string& root) {
  const std::string command = "/usr/bin/python3 '" + source_path("scripts/check-layers.py") + "' '" + root + "' 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(Architecture, NoModuleIncludesALaterOne) {
  CommandResult r = check_layers(PBFLOW_SOURCE_DIR);
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(Architecture, ABackwardIncludeIsRefused) {
  TempDir dir;
  dir.write("engine/src/sim/kernel.h", "#pragma once\n#include \"sim/block.h\"\n#include \"strategy/policies.h\"\n");
  dir.write("engine/src/results/writer.cc", "#include \"pbflow/engine.h\"\n");
  dir.write("engine/cli/main.cc", "#include \"pbflow/engine.h\"\n#include \"experiment/distribution.h\"\n");
  CommandResult r = check_layers(dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("engine/src/sim/kernel.h:3: sim may not include strategy/policies.h"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("engine/src/results/writer.cc:1: results may not include pbflow/engine.h"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("engine/cli/main.cc:2: the command line uses the public API"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("kernel.h:2"), std::string::npos) << "its own module's header is allowed: " << r.out;
}

}  // namespace
}  // namespace pbflow::testing
