#include "results/read_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <limits>
#include <cstdlib>
#include <cstring>

#include "pbflow/errors.h"

namespace pbflow::results {

namespace {

std::string dotted(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ".") + k;
  return out;
}

std::string kind_of(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: return "null";
    case nlohmann::ordered_json::value_t::object: return "an object";
    case nlohmann::ordered_json::value_t::array: return "a list";
    case nlohmann::ordered_json::value_t::string: return "text";
    case nlohmann::ordered_json::value_t::boolean: return "true or false";
    case nlohmann::ordered_json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string shown(const std::string& s) { return "`" + (s.size() > 40 ? s.substr(0, 37) + "..." : s) + "`"; }

}  // namespace

std::string read_regular_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw RuntimeFailure("cannot read " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw RuntimeFailure(path + " is not a regular file");
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    throw RuntimeFailure(path + " is " + std::to_string(st.st_size) + " bytes, more than the " +
                         std::to_string(max_bytes) + " pbflow reads");
  }
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      throw RuntimeFailure("cannot read " + path + ": " + std::strerror(e));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {
      ::close(fd);
      throw RuntimeFailure(path + " grew past the " + std::to_string(max_bytes) + " bytes pbflow reads");
    }
  }
  ::close(fd);
  return text;
}

JsonFile JsonFile::read(const std::string& path, std::size_t max_bytes) {
  const std::string text = read_regular_file(path, max_bytes);
  try {
    return JsonFile(nlohmann::ordered_json::parse(text), path);
  } catch (const nlohmann::json::parse_error& e) {
    throw RuntimeFailure(path + " is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::exception&) {  // a number too large for a double, say
    throw RuntimeFailure(path + " is not JSON pbflow can read (a number out of range?)");
  }
}

void JsonFile::fail(const std::vector<std::string>& keys, const std::string& what) const {
  throw RuntimeFailure(path_ + ": `" + dotted(keys) + "` " + what);
}

bool JsonFile::has(const std::vector<std::string>& keys) const {
  const nlohmann::ordered_json* node = &root_;
  for (const auto& k : keys) {
    if (!node->is_object()) return false;
    auto it = node->find(k);
    if (it == node->end()) return false;
    node = &*it;
  }
  return true;
}

const nlohmann::ordered_json& JsonFile::at(const std::vector<std::string>& keys) const {
  const nlohmann::ordered_json* node = &root_;
  std::vector<std::string> so_far;
  for (const auto& k : keys) {
    if (!node->is_object())
      fail(so_far, "should be an object holding `" + k + "`, found " + kind_of(*node));
    auto it = node->find(k);
    so_far.push_back(k);
    if (it == node->end()) fail(so_far, "is missing");
    node = &*it;
  }
  return *node;
}

const nlohmann::ordered_json& JsonFile::object(const std::vector<std::string>& keys) const {
  const auto& j = at(keys);
  if (!j.is_object()) fail(keys, "should be an object, found " + kind_of(j));
  return j;
}

const nlohmann::ordered_json& JsonFile::list(const std::vector<std::string>& keys) const {
  const auto& j = at(keys);
  if (!j.is_array()) fail(keys, "should be a list, found " + kind_of(j));
  return j;
}

std::vector<std::string> JsonFile::texts(const std::vector<std::string>& keys) const {
  const auto& j = list(keys);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) fail(keys, "[" + std::to_string(i) + "] should be text, found " + kind_of(j[i]));
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

double JsonFile::number(const std::vector<std::string>& keys) const {
  const auto& j = at(keys);
  if (!j.is_number()) fail(keys, "should be a number, found " + kind_of(j));
  const double v = j.get<double>();
  if (!std::isfinite(v)) fail(keys, "should be a finite number");
  return v;
}

int JsonFile::integer(const std::vector<std::string>& keys) const {
  const double v = number(keys);
  if (v != std::floor(v) || v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
    fail(keys, "should be a whole number (at most " + std::to_string(std::numeric_limits<int>::max()) + ")");
  return static_cast<int>(v);
}

std::string JsonFile::text(const std::vector<std::string>& keys) const {
  const auto& j = at(keys);
  if (!j.is_string()) fail(keys, "should be text, found " + kind_of(j));
  return j.get<std::string>();
}

double JsonFile::number_or(const std::vector<std::string>& keys, double fallback) const {
  return has(keys) ? number(keys) : fallback;
}

std::string JsonFile::text_or(const std::vector<std::string>& keys, const std::string& fallback) const {
  return has(keys) ? text(keys) : fallback;
}

CsvTable CsvTable::read(const std::string& path, std::size_t max_bytes) {
  return parse(read_regular_file(path, max_bytes), path);
}

std::vector<CsvRecord> split_csv(const std::string& text) {
  std::vector<CsvRecord> records;
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  int line = 1;
  std::size_t line_start = i;
  auto column = [&] { return static_cast<int>(i - line_start) + 1; };
  while (i < text.size()) {
    CsvRecord record{line, {}, {column()}};
    std::string cell;
    bool quoted = false, was_quoted = false;
    for (;; ++i) {
      if (i == text.size()) {
        if (quoted) throw CsvSyntaxError{record.line, record.columns.back(), "a quoted cell never closes"};
        break;
      }
      const char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            ++line;
            line_start = i + 1;
          }
          cell += c;
        }
      } else if (c == '"' && cell.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == ',') {
        record.cells.push_back(std::move(cell));
        record.columns.push_back(column() + 1);
        cell.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        line_start = i;
        break;
      } else if (was_quoted) {
        throw CsvSyntaxError{line, column(), "text after a quoted cell's closing quote"};
      } else {
        cell += c;
      }
    }
    record.cells.push_back(std::move(cell));
    records.push_back(std::move(record));
  }
  return records;
}

CsvTable CsvTable::parse(const std::string& text, const std::string& path) {
  CsvTable t;
  t.path_ = path;
  std::vector<CsvRecord> records;
  try {
    records = split_csv(text);
  } catch (const CsvSyntaxError& e) {
    throw RuntimeFailure(path + ": line " + std::to_string(e.line) + ", column " + std::to_string(e.column) + ": " +
                         e.what);
  }
  if (records.empty()) throw RuntimeFailure(path + " is empty; expected a header row");
  t.header_ = std::move(records.front().cells);
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].cells.size() != t.header_.size())
      throw RuntimeFailure(path + ": line " + std::to_string(records[r].line) + " has " +
                           std::to_string(records[r].cells.size()) + " cells, the header has " +
                           std::to_string(t.header_.size()));
    t.rows_.push_back(std::move(records[r].cells));
    t.lines_.push_back(records[r].line);
  }
  return t;
}

int CsvTable::column(const std::string& name) const {
  for (std::size_t k = 0; k < header_.size(); ++k)
    if (header_[k] == name) return static_cast<int>(k);
  return -1;
}

int CsvTable::require_column(const std::string& name) const {
  const int k = column(name);
  if (k < 0) throw RuntimeFailure(path_ + ": no column `" + name + "` in the header");
  return k;
}

const std::string& CsvTable::cell(std::size_t row, int column) const { return rows_.at(row).at(column); }

double CsvTable::number(std::size_t row, int column) const {
  const std::string& s = cell(row, column);
  char* end = nullptr;
  errno = 0;
  const double v = s.empty() ? 0.0 : std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v) || errno == ERANGE)
    throw RuntimeFailure(path_ + ": line " + std::to_string(lines_[row]) + ", column `" + header_[column] +
                         "`: expected a number, found " + (s.empty() ? std::string("an empty cell") : shown(s)));
  return v;
}

int CsvTable::integer(std::size_t row, int column) const {
  const double v = number(row, column);
  if (v != std::floor(v) || v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
    throw RuntimeFailure(path_ + ": line " + std::to_string(lines_[row]) + ", column `" + header_[column] +
                         "`: expected a whole number, found " + shown(cell(row, column)));
  return static_cast<int>(v);
}

}  // namespace pbflow::results
