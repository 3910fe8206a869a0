// Reading back files pbflow wrote (results folders, and later sweep stores,
// compare outputs and imports) as untrusted input: a file must be a regular
// file of bounded size, and every key, row and cell is checked for shape and
// type. Damage is a RuntimeFailure (exit 1) that names the file, the key or
// row and column, and what was expected; never a crash, a hang on a FIFO, or
// a library's jargon.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace pbflow::results {

inline constexpr std::size_t kMaxResultFileBytes = std::size_t{1} << 30;

// The whole file. Refuses what is not a regular file (a FIFO, a device, a
// folder) without blocking on it, and files larger than max_bytes.
std::string read_regular_file(const std::string& path, std::size_t max_bytes = kMaxResultFileBytes);

// A JSON document whose lookups name the file and the key path on failure.
class JsonFile {
 public:
  static JsonFile read(const std::string& path, std::size_t max_bytes = kMaxResultFileBytes);
  JsonFile(nlohmann::ordered_json root, std::string path) : root_(std::move(root)), path_(std::move(path)) {}

  const nlohmann::ordered_json& root() const { return root_; }
  const std::string& path() const { return path_; }
  // The value at a dotted key path ("totals.spent"); keys are taken whole
  // when given as a list, for keys that hold dots.
  const nlohmann::ordered_json& at(const std::vector<std::string>& keys) const;
  const nlohmann::ordered_json& object(const std::vector<std::string>& keys) const;
  const nlohmann::ordered_json& list(const std::vector<std::string>& keys) const;   // a JSON array
  std::vector<std::string> texts(const std::vector<std::string>& keys) const;       // an array of text
  double number(const std::vector<std::string>& keys) const;
  int integer(const std::vector<std::string>& keys) const;  // a whole number an int holds
  std::string text(const std::vector<std::string>& keys) const;
  // Optional values: the fallback if the key is absent, an error if it has the wrong type.
  double number_or(const std::vector<std::string>& keys, double fallback) const;
  std::string text_or(const std::vector<std::string>& keys, const std::string& fallback) const;
  bool has(const std::vector<std::string>& keys) const;

 private:
  [[noreturn]] void fail(const std::vector<std::string>& keys, const std::string& what) const;
  nlohmann::ordered_json root_;
  std::string path_;
};

// CSV records as RFC 4180 writes them (quoted cells may hold commas,
// quotes and line breaks; a UTF-8 byte order mark and CRLF line ends are
// allowed), each cell with the line and column it starts at (from 1). A
// blank line is a record of one empty cell. Malformed text (a quoted cell
// never closed, text after a closing quote) throws CsvSyntaxError, which
// each reader turns into its own error.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
  std::vector<int> columns;
};
struct CsvSyntaxError {
  int line = 0, column = 0;
  std::string what;
};
std::vector<CsvRecord> split_csv(const std::string& text);

// A CSV table (RFC 4180: quoted cells may hold commas, quotes and line
// breaks) whose rows all have the header's width.
class CsvTable {
 public:
  static CsvTable read(const std::string& path, std::size_t max_bytes = kMaxResultFileBytes);
  static CsvTable parse(const std::string& text, const std::string& path);

  const std::vector<std::string>& header() const { return header_; }
  std::size_t rows() const { return rows_.size(); }
  int column(const std::string& name) const;           // -1 if the header has no such column
  int require_column(const std::string& name) const;   // an error if it has not
  const std::string& cell(std::size_t row, int column) const;
  double number(std::size_t row, int column) const;    // a finite number, or an error naming row and column
  int integer(std::size_t row, int column) const;      // a whole number an int holds, likewise

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;  // the line each row starts on, for messages
};

}  // namespace pbflow::results
