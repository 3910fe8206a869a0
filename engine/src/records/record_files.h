// Reading a record file safely: its size checked before it is read, its
// bytes checked as UTF-8, and a byte offset turned into a line and column.
#pragma once

#include <string>

#include "pbflow/errors.h"

namespace pbflow::records {

// The whole file, or InputError (missing, unreadable, a folder, larger than
// kMaxRecordFileBytes).
std::string read_record_file(const std::string& path);

// The line and column (from 1) of byte `offset` of `text`.
SourceLocation place_of(const std::string& file, const std::string& text, std::size_t offset);

// The offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_bad_utf8(const std::string& text);

// A Kahan-Babuska sum: money totals to well under a cent for any order.
class MoneySum {
 public:
  void add(double x);
  double value() const { return sum_ + carry_; }

 private:
  double sum_ = 0.0, carry_ = 0.0;
};

}  // namespace pbflow::records
