// Writing a set of outputs so that a reader only ever sees a whole set.
//
// Files are written into a private staging folder beside the destination,
// made with an unpredictable name (mkdtemp) and mode 0700, each file created
// exclusively and never through a link. commit() then puts the staging
// folder in the destination's place in one atomic step (renameat2 with
// RENAME_EXCHANGE, or RENAME_NOREPLACE for a new folder) and removes the old
// set. A run killed at any moment leaves the old set or the new one, never a
// mixture (and a hidden `.NAME.pbflow-XXXXXX` staging folder, which the
// next write to NAME removes once no live writer holds its lock).
// Writers to one destination are serialised by a lock on its parent folder;
// the last to commit wins, whole.
//
// A destination that holds anything pbflow does not write is refused, so
// `--out .` or a folder of the user's own files is never replaced.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "pbflow/results_io.h"
#include "pbflow/run_result.h"

namespace pbflow::results {

// The file names pbflow writes into an output folder.
const std::vector<std::string>& output_file_names();

// Throws InputError if `dir` exists and is not a folder pbflow may replace:
// not a folder, a symbolic link, or holding files pbflow does not write.
void check_output_folder(const std::string& dir);

class OutputFolder {
 public:
  explicit OutputFolder(const std::string& dir);  // checks dir, creates its parents and the staging folder
  ~OutputFolder();                                 // removes the staging folder unless committed
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Writes `name` in the staging folder.
  void write(const std::string& name, const std::function<void(std::ostream&)>& body);
  // The staging folder, for libraries that write a file by path and for
  // readers of what was staged.
  const std::string& staging() const { return staging_; }
  // Puts the staged set in the destination's place, whole.
  void commit();

 private:
  void remove_stale_staging(const std::string& prefix) const;
  std::string dir_, parent_, staging_;
  int staging_lock_ = -1;
  bool committed_ = false;
};

// A run's files (summary.json, outcomes.csv, flows.csv, timeseries.csv,
// trajectories.csv if kept, results.xlsx, report.html) written into a
// folder's staging area (writers.cc); the caller commits. Without the
// report when the caller writes its own (a what-if's).
void stage_run_outputs(const RunResult& r, OutputFolder& folder, bool with_report = true,
                       const WorkbookExtras& extras = {});

// Replaces one file in an existing folder atomically (an exclusive,
// unpredictable temporary in the same folder, then rename).
void replace_file(const std::string& dir, const std::string& name, const std::function<void(std::ostream&)>& body);

}  // namespace pbflow::results
