// The scenario language exported as JSON Schema and as a Markdown reference,
// both walked from the same Spec that validation uses.
#include <nlohmann/json.hpp>

#include <sstream>

#include "pbflow/scenario_io.h"
#include "spec.h"

namespace pbflow {

namespace {

using nlohmann::json;
using scenario::Spec;
using scenario::StringFormat;

json string_schema(const Spec& s) {
  json j = {{"type", "string"}};
  switch (s.format) {
    case StringFormat::identifier: j["pattern"] = "^[A-Za-z][A-Za-z0-9_-]*$"; break;
    case StringFormat::iso3: j["pattern"] = "^[A-Z]{3}$"; break;
    case StringFormat::currency_code: j["pattern"] = "^[A-Z]{3}$"; break;
    case StringFormat::year_month: j["pattern"] = "^[0-9]{4}-(0[1-9]|1[0-2])$"; break;
    case StringFormat::dotted_path: j["pattern"] = "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$"; break;
    case StringFormat::year: j["pattern"] = "^[0-9]{4}$"; break;
    case StringFormat::text: break;
  }
  return j;
}

// `required` lists only where `require` is set: a file that extends another
// may leave out what its base provides (scenario_json_schema).
json to_schema(const Spec& s, bool require) {
  switch (s.type) {
    case Spec::Type::number:
    case Spec::Type::integer: {
      json j = {{"type", s.type == Spec::Type::integer ? "integer" : "number"}};
      if (s.min) j[s.min_exclusive ? "exclusiveMinimum" : "minimum"] = *s.min;
      if (s.max) j[s.max_exclusive ? "exclusiveMaximum" : "maximum"] = *s.max;
      return j;
    }
    case Spec::Type::string: return string_schema(s);
    case Spec::Type::boolean: return {{"type", "boolean"}};
    case Spec::Type::enumeration: return {{"enum", s.values}};
    case Spec::Type::map: {
      json props = json::object();
      json required = json::array();
      for (const auto& f : s.fields) {
        json p = to_schema(*f.spec, require);
        p["description"] = f.doc + (f.default_text.empty() ? "" : " (default: " + f.default_text + ")");
        props[f.name] = p;
        if (f.required && require) required.push_back(f.name);
      }
      json j = {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
      if (!required.empty()) j["required"] = required;
      return j;
    }
    case Spec::Type::dict: {
      json j = {{"type", "object"}, {"additionalProperties", to_schema(*s.item, require)}};
      json names = s.key_spec->type == Spec::Type::enumeration ? json{{"enum", s.key_spec->values}}
                                                                : string_schema(*s.key_spec);
      j["propertyNames"] = names;
      if (s.min_items > 0) j["minProperties"] = s.min_items;
      return j;
    }
    case Spec::Type::list: {
      json j = {{"type", "array"}, {"items", to_schema(*s.item, require)}};
      if (s.min_items > 0) j["minItems"] = s.min_items;
      if (s.max_items >= 0) j["maxItems"] = s.max_items;
      // Or an edit of the list an extended file has: {add: [...]} or {replace: [...]}.
      json edits = json::array({j});
      for (const char* verb : {"add", "replace"})
        edits.push_back({{"type", "object"},
                         {"properties", {{verb, {{"type", "array"}, {"items", to_schema(*s.item, require)}}}}},
                         {"required", {verb}},
                         {"additionalProperties", false}});
      return {{"anyOf", edits}};
    }
    case Spec::Type::one_of: {
      json alts = json::array();
      for (const auto& a : s.alternatives) alts.push_back(to_schema(*a, require));
      return {{"anyOf", alts}};
    }
  }
  return {};
}

std::string escape_cell(std::string s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void markdown_rows(const Spec& s, const std::string& path, std::ostringstream& out) {
  auto emit_children = [&](const Spec& child, const std::string& child_path) {
    if (child.type == Spec::Type::map || child.type == Spec::Type::dict) markdown_rows(child, child_path, out);
    if (child.type == Spec::Type::list && child.item->type == Spec::Type::map)
      markdown_rows(*child.item, child_path + "[]", out);
    if (child.type == Spec::Type::one_of)
      for (const auto& a : child.alternatives) {
        if (a->type == Spec::Type::map || a->type == Spec::Type::dict) markdown_rows(*a, child_path, out);
        if (a->type == Spec::Type::list && a->item->type == Spec::Type::map) markdown_rows(*a->item, child_path + "[]", out);
      }
  };
  if (s.type == Spec::Type::map) {
    for (const auto& f : s.fields) {
      std::string p = path.empty() ? f.name : path + "." + f.name;
      out << "| `" << p << "` | " << escape_cell(f.spec->expected()) << " | "
          << (f.required ? "**required**" : escape_cell(f.default_text.empty() ? "-" : f.default_text)) << " | "
          << escape_cell(f.doc) << " |\n";
      emit_children(*f.spec, p);
    }
  } else if (s.type == Spec::Type::dict) {
    std::string p = path + ".<" + s.key_spec->title + ">";
    if (s.item->type == Spec::Type::map || s.item->type == Spec::Type::dict || s.item->type == Spec::Type::one_of)
      emit_children(*s.item, p);
  }
}

}  // namespace

std::string scenario_json_schema() {
  // A file that extends another is checked without required keys (its base
  // provides them); one that extends nothing, with them.
  json j;
  j["$defs"] = {{"complete", to_schema(scenario::scenario_spec(), true)},
                {"extending", to_schema(scenario::scenario_spec(), false)}};
  j["type"] = "object";
  j["if"] = {{"required", {"extends"}}};
  j["then"] = {{"$ref", "#/$defs/extending"}};
  j["else"] = {{"$ref", "#/$defs/complete"}};
  j["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  j["$id"] = "urn:pbflow:scenario:1";
  j["title"] = "pbflow scenario (language version 1)";
  return j.dump(2) + "\n";
}

std::string scenario_reference_markdown() {
  std::ostringstream out;
  out << "| key | type | default | meaning |\n|---|---|---|---|\n";
  markdown_rows(scenario::scenario_spec(), "", out);
  return out.str();
}

}  // namespace pbflow
