#include "compose.h"

#include <algorithm>
#include <filesystem>

namespace pbflow::scenario {

namespace fs = std::filesystem;

namespace {

// `{add: [...]}` or `{replace: [...]}`: how a file edits a list it extends.
const Node* list_edit(const Node& n, const char* verb) {
  if (!n.is_map() || n.entries.size() != 1 || n.entries.front().key != verb) return nullptr;
  const Node& items = n.entries.front().value;
  return items.is_sequence() ? &items : nullptr;
}

// The list an edit leaves: the base's items then the added ones, or the
// replacing ones. A plain list over a base's non-empty list is refused: it
// would drop the base's items without a word.
Node edited_list(const Node* base, const Node& top, const std::string& path) {
  if (const Node* added = list_edit(top, "add")) {
    Node out = base && base->is_sequence() ? *base : Node{};
    // A key that takes one item or a list (`supplementary: {month: 12, ...}`): the one item is kept.
    if (base && base->is_map()) out.items.push_back(*base);
    out.kind = Node::Kind::sequence;
    for (const Node& item : added->items) out.items.push_back(item);
    out.where = top.where;
    return out;
  }
  if (const Node* replacing = list_edit(top, "replace")) {
    Node out = *replacing;
    out.where = top.where;
    return out;
  }
  if (top.is_sequence() && base && base->is_sequence() && !base->items.empty())
    throw InputError(top.where, path,
                     "would replace the " + std::to_string(base->items.size()) + " item(s) of `" + path +
                         "` in the file it extends (" + base->where.str() + "); write `" + path +
                         ": {add: [...]}` to add to them, or `" + path + ": {replace: [...]}` to replace them");
  return top;
}

// A file that extends nothing may still write `{add: [...]}` or
// `{replace: [...]}` (a base it used to have, say): the edit of an empty list.
void resolve_list_edits(Node& n) {
  if (list_edit(n, "add") || list_edit(n, "replace")) {
    n = edited_list(nullptr, n, "");
    return;
  }
  for (auto& e : n.entries) resolve_list_edits(e.value);
  for (auto& item : n.items) resolve_list_edits(item);
}

void merge_at(Node& base, const Node& top, const std::string& path) {
  if (top.is_sequence() || list_edit(top, "add") || list_edit(top, "replace")) {
    base = edited_list(&base, top, path);
    return;
  }
  if (!base.is_map() || !top.is_map()) {
    base = top;
    return;
  }
  for (const auto& e : top.entries) {
    const std::string key_path = path.empty() ? e.key : path + "." + e.key;
    if (Node* existing = base.find(e.key)) {
      merge_at(*existing, e.value, key_path);
    } else {
      base.entries.push_back(e);
      resolve_list_edits(base.entries.back().value);  // an edit with nothing under it
    }
  }
}

}  // namespace

void deep_merge(Node& base, const Node& top) { merge_at(base, top, ""); }

// `text`, if given, is the first file's contents (a scenario given as text:
// `path` names it, and its `extends:` are relative to its folder).
static Node load_chain(const fs::path& path, std::vector<fs::path>& chain, const SourceLocation& asked_at,
                       const ParseLimits& limits, const std::string* text = nullptr) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (text) {
    if (ec) canonical = path;
  } else if (ec || !fs::exists(canonical)) {
    if (chain.empty()) throw InputError({path.string(), 0, 0}, "", "no such file");
    throw InputError(asked_at, "extends", "the file `" + path.string() + "` does not exist");
  }
  if (!text && fs::is_directory(canonical)) {
    if (chain.empty()) throw InputError({path.string(), 0, 0}, "", "is a folder, not a scenario file");
    throw InputError(asked_at, "extends", "`" + path.string() + "` is a folder, not a scenario file");
  }
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& p : chain) cycle += p.filename().string() + " -> ";
    throw InputError(asked_at, "extends", "files extend each other in a loop: " + cycle +
                                              canonical.filename().string());
  }
  if (chain.size() >= 32) throw InputError(asked_at, "extends", "more than 32 files extend each other");
  chain.push_back(canonical);
  Node doc = text ? parse_yaml(*text, path.string(), limits) : load_yaml_file(path.string(), limits);
  Node result = doc;
  if (doc.is_map()) {
    if (const Node* parent = doc.find("extends")) {
      if (!parent->is_scalar() || parent->text.empty())
        throw InputError(parent->where, "extends", "expected a file path, found " + parent->describe());
      fs::path parent_path = path.parent_path() / parent->text;
      Node base = load_chain(parent_path, chain, parent->where, limits);
      deep_merge(base, doc);
      result = std::move(base);
      auto& entries = result.entries;
      entries.erase(std::remove_if(entries.begin(), entries.end(),
                                   [](const Entry& e) { return e.key == "extends"; }),
                    entries.end());
      result.where = doc.where;
    }
  }
  chain.pop_back();
  return result;
}

Node load_with_extends(const std::string& path, const ParseLimits& limits) {
  std::vector<fs::path> chain;
  Node root = load_chain(path, chain, {path, 0, 0}, limits);
  resolve_list_edits(root);
  return root;
}

Node load_text_with_extends(const std::string& text, const std::string& name, const ParseLimits& limits) {
  std::vector<fs::path> chain;
  Node root = load_chain(name, chain, {name, 0, 0}, limits, &text);
  resolve_list_edits(root);
  return root;
}

void apply_override(Node& root, const std::string& assignment, const std::string& origin) {
  auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError({origin, 0, 0}, "", "expected KEY=VALUE, found `" + assignment + "`");
  apply_override(root, assignment.substr(0, eq), assignment.substr(eq + 1), origin);
}

void apply_override(Node& root, const std::string& path, const std::string& value, const std::string& origin) {
  SourceLocation where{origin + " " + path, 0, 0};
  Node parsed;
  if (value.find_first_not_of(" \t") == std::string::npos) {
    parsed.kind = Node::Kind::null;
  } else {
    parsed = parse_yaml(value, origin + " " + path);
  }
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (true) {
    auto dot = path.find('.', start);
    keys.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  for (const auto& k : keys)
    if (k.empty()) throw InputError(where, path, "empty key in the dotted path");
  Node* node = &root;
  std::string walked;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& key = keys[i];
    walked = walked.empty() ? key : walked + "." + key;
    bool last = i + 1 == keys.size();
    if (node->is_sequence()) {
      char* end = nullptr;
      long index = std::strtol(key.c_str(), &end, 10);
      if (*end != '\0' || index < 0 || index >= static_cast<long>(node->items.size()))
        throw InputError(where, walked, "is a list of " + std::to_string(node->items.size()) +
                                            " items; expected an index from 0");
      node = &node->items[index];
      if (last) {
        *node = parsed;
        node->where = where;
      }
      continue;
    }
    if (node->kind == Node::Kind::null) node->kind = Node::Kind::map;
    if (!node->is_map())
      throw InputError(where, walked, "cannot set a key inside " + node->describe());
    if (last) {
      Node value = parsed;
      value.where = where;
      node->set(key, std::move(value), where);
    } else {
      Node* next = node->find(key);
      if (!next) {
        Node empty;
        empty.kind = Node::Kind::map;
        empty.where = where;
        next = &node->set(key, std::move(empty), where);
      }
      node = next;
    }
  }
}

}  // namespace pbflow::scenario
