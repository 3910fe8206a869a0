// The scenario language described as data: every key, its type, range,
// default and meaning. One description drives three things: structural
// validation (unknown keys, types, ranges, enums), the JSON Schema that
// `pbflow schema` prints, and docs/scenario-reference.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pbflow::scenario {

struct Spec;
using SpecPtr = std::shared_ptr<const Spec>;

struct Field {
  std::string name;
  SpecPtr spec;
  bool required = false;
  std::string default_text;  // as a user would write it; empty if none
  std::string doc;
};

// What a string must look like, beyond being text.
enum class StringFormat { text, identifier, iso3, currency_code, year_month, dotted_path, year };

struct Spec {
  enum class Type { number, integer, string, boolean, enumeration, map, dict, list, one_of };
  Type type = Type::string;
  std::string title;  // short type name for errors and docs ("share", "channel id")
  // number, integer
  std::optional<double> min, max;
  bool min_exclusive = false, max_exclusive = false;
  // string
  StringFormat format = StringFormat::text;
  // enumeration
  std::vector<std::string> values;
  // map: fixed fields
  std::vector<Field> fields;
  // dict: free keys (key_spec) to values; list: items
  SpecPtr key_spec;
  SpecPtr item;
  int min_items = 0;
  int max_items = -1;
  // one_of
  std::vector<SpecPtr> alternatives;

  const Field* field(const std::string& name) const;
  std::string expected() const;  // "a number in [0, 1)", "one of: a, b"
};

// The whole language, from the root of a scenario file.
const Spec& scenario_spec();

}  // namespace pbflow::scenario
