#include "pbflow/errors.h"

namespace pbflow {

std::string SourceLocation::str() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out.append(":").append(std::to_string(line));
    out.append(":").append(std::to_string(column));
  }
  return out;
}

static std::string compose(const SourceLocation& where, const std::string& key_path,
                           const std::string& what) {
  std::string out = where.str() + ": ";
  if (!key_path.empty()) out += key_path + ": ";
  return out + what;
}

InputError::InputError(SourceLocation where, std::string key_path, std::string what)
    : std::runtime_error(compose(where, key_path, what)),
      where_(std::move(where)),
      key_path_(std::move(key_path)),
      detail_(std::move(what)) {}

}  // namespace pbflow
