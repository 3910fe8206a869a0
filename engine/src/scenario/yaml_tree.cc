#include "yaml_tree.h"

#include <optional>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pbflow::scenario {

const Node* Node::find(const std::string& key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Node* Node::find(const std::string& key) {
  for (auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Node& Node::set(const std::string& key, Node value, SourceLocation key_where) {
  if (Node* existing = find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  entries.push_back({key, std::move(key_where), std::move(value)});
  return entries.back().value;
}

std::string Node::describe() const {
  switch (kind) {
    case Kind::null: return "nothing (an empty value)";
    case Kind::sequence: return "a list";
    case Kind::map: return "a map";
    case Kind::scalar: break;
  }
  std::size_t cut = 37;
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  std::string shown = text.size() > 40 ? text.substr(0, cut) + "..." : text;
  return "`" + shown + "`";
}

namespace {

// The byte offset of the first byte that is not part of well-formed UTF-8
// (no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
std::size_t first_invalid_utf8(const std::string& text) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = b[i];
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else return i;
    if (i + len > n || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (b[i + k] < 0x80 || b[i + k] > 0xBF) return i;
    i += len;
  }
  return std::string::npos;
}

// Line and column (from 1, columns in bytes) of a byte offset.
SourceLocation location_of(const std::string& text, std::size_t offset, const std::string& file) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {file, line, static_cast<int>(offset - line_start) + 1};
}

class Converter {
 public:
  Converter(std::string file, const ParseLimits& limits) : file_(std::move(file)), limits_(limits) {}

  Node convert(const YAML::Node& in, int depth) {
    SourceLocation where = locate(in.Mark());
    if (++visited_ > limits_.max_nodes)
      throw InputError(where, "", "the document expands to more than " +
                                      std::to_string(limits_.max_nodes) +
                                      " values (an alias bomb?); refused");
    if (depth > limits_.max_depth)
      throw InputError(where, "", "nesting deeper than " + std::to_string(limits_.max_depth) +
                                      " levels; refused");
    Node out;
    out.where = where;
    switch (in.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = Node::Kind::null;
        break;
      case YAML::NodeType::Scalar:
        out.kind = Node::Kind::scalar;
        out.text = in.Scalar();
        out.quoted = in.Tag() == "!";
        break;
      case YAML::NodeType::Sequence:
        out.kind = Node::Kind::sequence;
        for (const auto& item : in) out.items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map:
        out.kind = Node::Kind::map;
        for (const auto& kv : in) {
          SourceLocation key_where = locate(kv.first.Mark());
          if (!kv.first.IsScalar())
            throw InputError(key_where, "", "a map key must be a plain name, found " +
                                                std::string(kv.first.IsMap() ? "a map" : "a list"));
          std::string key = kv.first.Scalar();
          if (const Entry* first = find_entry(out, key))
            throw InputError(key_where, key,
                             "duplicate key (first given at line " +
                                 std::to_string(first->key_where.line) + ")");
          out.entries.push_back({key, key_where, convert(kv.second, depth + 1)});
        }
        break;
    }
    return out;
  }

 private:
  static const Entry* find_entry(const Node& n, const std::string& key) {
    for (const auto& e : n.entries)
      if (e.key == key) return &e;
    return nullptr;
  }
  SourceLocation locate(const YAML::Mark& m) const {
    if (m.is_null()) return {file_, 0, 0};
    return {file_, m.line + 1, m.column + 1};
  }

  std::string file_;
  ParseLimits limits_;
  std::size_t visited_ = 0;
};

}  // namespace

namespace {

std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\x%02X", c);
          out += hex;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string scalar_text(const Node& n) {
  if (n.kind == Node::Kind::null) return "~";
  // Plain scalars came from plain YAML (or a --set value read as YAML), so
  // they read back plain; only quoted text needs its quotes.
  if (!n.quoted && !n.text.empty() && n.text.find_first_of("\n\t") == std::string::npos) return n.text;
  return double_quoted(n.text);
}

std::string key_text(const std::string& key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  return plain ? key : double_quoted(key);
}

void emit(const Node& n, int indent, std::string& out) {
  const std::string pad(indent, ' ');
  if (n.is_map()) {
    for (const auto& e : n.entries) {
      out += pad + key_text(e.key) + ":";
      const Node& v = e.value;
      if ((v.is_map() && !v.entries.empty()) || (v.is_sequence() && !v.items.empty())) {
        out += "\n";
        emit(v, indent + 2, out);
      } else {
        out += " " + (v.is_map() ? std::string("{}") : v.is_sequence() ? std::string("[]") : scalar_text(v)) + "\n";
      }
    }
  } else if (n.is_sequence()) {
    for (const auto& item : n.items) {
      if ((item.is_map() && !item.entries.empty()) || (item.is_sequence() && !item.items.empty())) {
        out += pad + "-\n";
        emit(item, indent + 2, out);
      } else {
        out += pad + "- " +
               (item.is_map() ? std::string("{}") : item.is_sequence() ? std::string("[]") : scalar_text(item)) + "\n";
      }
    }
  } else {
    out += pad + scalar_text(n) + "\n";
  }
}

}  // namespace

std::string to_canonical_yaml(const Node& root) {
  std::string out;
  emit(root, 0, out);
  return out;
}

namespace {

std::string line_text(const std::string& text, int line) {
  std::size_t at = 0;
  for (int l = 1; l < line && at != std::string::npos; ++l) {
    at = text.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  if (at == std::string::npos) return "";
  std::string out = text.substr(at, text.find('\n', at) - at);
  const std::size_t first = out.find_first_not_of(" ");
  return first == std::string::npos ? "" : out.substr(first);
}

// Tabs cannot indent YAML; say so where the tab is, not where the parser trips.
void check_indentation(const std::string& text, const std::string& file) {
  int line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    for (std::size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i)
      if (text[i] == '\t')
        throw InputError({file, line, static_cast<int>(i - start) + 1}, "",
                         "a tab in the indentation; YAML indents with spaces only (replace the tab with spaces)");
    start = end + 1;
  }
}

// Where the parser says a map value is illegal, the usual cause is the line
// before: a key written without its `:` ("name x"). That line, if so.
std::optional<int> line_missing_colon(const std::string& text, int error_line) {
  for (int l = error_line - 1; l >= 1; --l) {
    const std::string t = line_text(text, l);
    if (t.empty() || t[0] == '#') continue;
    if (t.find(':') == std::string::npos && t[0] != '-' && t[0] != '{' && t[0] != '[' && t[0] != '"' && t[0] != '\'')
      return l;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Node parse_yaml(const std::string& text, const std::string& file, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw InputError({file, 0, 0}, "", "file is " + std::to_string(text.size()) +
                                           " bytes, more than the " +
                                           std::to_string(limits.max_bytes) + " a scenario may be");
  if (text.find('\0') != std::string::npos)
    throw InputError({file, 1, 1}, "", "this is a binary file, not a YAML scenario");
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw InputError(location_of(text, bad, file), "",
                     std::string("the text is not valid UTF-8 (byte ") + byte +
                         "); save the file as UTF-8");
  }
  check_indentation(text, file);
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourceLocation where{file, e.mark.is_null() ? 0 : e.mark.line + 1,
                         e.mark.is_null() ? 0 : e.mark.column + 1};
    if (const auto missing = line_missing_colon(text, where.line))
      throw InputError({file, *missing, 1}, "",
                       "YAML syntax error: this line has no `:` after its key (`" + line_text(text, *missing) +
                           "`); write `key: value`");
    throw InputError(where, "", "YAML syntax error: " + e.msg);
  }
  Converter converter(file, limits);
  Node root = converter.convert(doc, 0);
  if (root.kind == Node::Kind::null)
    throw InputError({file, 1, 1}, "", "the file is empty; expected a scenario map starting with `pbflow: 1`");
  if (root.where.line == 0) root.where = {file, 1, 1};
  return root;
}

Node load_yaml_file(const std::string& path, const ParseLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError({path, 0, 0}, "", std::filesystem::exists(path, ec) ? "not a regular file" : "no such file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path, 0, 0}, "", "cannot open the file");
  // Read at most one byte more than allowed, so a huge file is refused, not
  // read; in chunks, so a small file costs only its size.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= limits.max_bytes && in) {
    in.read(chunk, sizeof chunk);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (text.size() > limits.max_bytes)
    throw InputError({path, 0, 0}, "", "the file is larger than the " + std::to_string(limits.max_bytes >> 20) +
                                           " MB a scenario may be");
  return parse_yaml(text, path, limits);
}

}  // namespace pbflow::scenario
