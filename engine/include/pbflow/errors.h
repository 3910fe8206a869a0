// Errors meant for people: every scenario problem names where and what.
#pragma once

#include <stdexcept>
#include <string>

namespace pbflow {

// Where in which file a value came from. Lines and columns count from 1;
// 0 means unknown (a value that came from the command line, say).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string str() const;  // "file:line:col"
};

// An invalid scenario or invalid usage: exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, std::string key_path, std::string what);
  const SourceLocation& where() const { return where_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& detail() const { return detail_; }

 private:
  SourceLocation where_;
  std::string key_path_;
  std::string detail_;
};

// A run stopped (RunOptions::stop) before any replica or point had finished.
class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failure while running a valid scenario: exit code 1.
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pbflow
