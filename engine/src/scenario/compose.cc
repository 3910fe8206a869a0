#include "compose.h"

#include <algorithm>
#include <filesystem>

namespace pbflow::scenario {

namespace fs = std::filesystem;

void deep_merge(Node& base, const Node& top) {
  if (!base.is_map() || !top.is_map()) {
    base = top;
    return;
  }
  for (const auto& e : top.entries) {
    if (Node* existing = base.find(e.key))
      deep_merge(*existing, e.value);
    else
      base.entries.push_back(e);
  }
}

static Node load_chain(const fs::path& path, std::vector<fs::path>& chain, const SourceLocation& asked_at,
                       const ParseLimits& limits) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (ec || !fs::exists(canonical)) {
    if (chain.empty()) throw InputError({path.string(), 0, 0}, "", "no such file");
    throw InputError(asked_at, "extends", "the file `" + path.string() + "` does not exist");
  }
  if (fs::is_directory(canonical)) {
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
  Node doc = load_yaml_file(path.string(), limits);
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
  return load_chain(path, chain, {path, 0, 0}, limits);
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
