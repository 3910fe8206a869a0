// Helpers for tests: temporary scenario files, the shipped scenarios, and
// running the pbflow command.
#pragma once

#include <string>
#include <vector>

namespace pbflow::testing {

// A fresh temporary folder, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  // Writes `text` to `name` inside the folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::string path_;
};

std::string source_path(const std::string& relative);  // inside the repository
std::string read_text(const std::string& path);
// A results folder damaged on purpose: `json` with the first `"key": value`
// (up to the next comma) given `value` instead.
std::string with_json_value(std::string json, const std::string& key, const std::string& value);
std::vector<std::string> shipped_scenarios();         // every scenarios/**/*.yaml
std::string shared_examples_dir();                    // ../shared/examples, or "" if absent
std::string shared_data_dir();                        // ../shared/data (real FTS and IATI records), or "" if absent

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};
// Runs the pbflow command with these arguments (shell-quoted here).
CommandResult run_pbflow(const std::vector<std::string>& args);
// Starts pbflow in the background, its stdout and stderr into `output`
// (discarded by default); returns its process id.
int spawn_pbflow(const std::vector<std::string>& args, const std::string& output = "/dev/null");
// Waits for a spawned pbflow: its exit code, or minus the signal that ended it.
int wait_pbflow(int pid);

}  // namespace pbflow::testing
