// A scenario document as a plain tree that remembers where every value came
// from (file, line, column). yaml-cpp is read once into this tree and goes no
// further; extends-merging, --set overrides and validation all work on it.
#pragma once

#include <string>
#include <vector>

#include "pbflow/errors.h"

namespace pbflow::scenario {

struct Entry;

struct Node {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string text;          // scalar text
  bool quoted = false;       // a quoted scalar is always a string
  std::vector<Node> items;   // sequence
  std::vector<Entry> entries;  // map, in file order, keys unique
  SourceLocation where;

  bool is_map() const { return kind == Kind::map; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  const Node* find(const std::string& key) const;
  Node* find(const std::string& key);
  Node& set(const std::string& key, Node value, SourceLocation key_where);
  std::string describe() const;  // "a map", "the number 3", "the text \"abc\""
};

struct Entry {
  std::string key;
  SourceLocation key_where;
  Node value;
};

// Limits that keep hostile files from exhausting memory or the stack.
struct ParseLimits {
  std::size_t max_bytes = 32u << 20;
  std::size_t max_nodes = 2'000'000;  // after aliases are expanded
  int max_depth = 200;
};

// The tree as YAML text that reads back to the same tree: block maps and
// lists in their order, scalars plain or double-quoted as they were. The
// same tree always gives the same bytes.
std::string to_canonical_yaml(const Node& root);

// Reads one YAML document from text; `file` names it in error messages.
Node parse_yaml(const std::string& text, const std::string& file, const ParseLimits& limits = {});
// Reads a file (refusing binary, empty and oversized ones) and parses it.
Node load_yaml_file(const std::string& path, const ParseLimits& limits = {});

}  // namespace pbflow::scenario
