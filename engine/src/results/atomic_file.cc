#include "results/atomic_file.h"

#include <filesystem>
#include <fstream>

#include "pbflow/errors.h"

namespace pbflow::results {

void write_atomically(const std::string& dir, const std::string& name, const std::function<void(std::ostream&)>& body) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw RuntimeFailure("cannot create the output folder " + dir + ": " + ec.message());
  const fs::path path = fs::path(dir) / name;
  fs::path partial = path;
  partial += ".partial";
  {
    std::ofstream out(partial);
    if (!out) throw RuntimeFailure("cannot write " + partial.string());
    body(out);
    if (!out) throw RuntimeFailure("error while writing " + partial.string());
  }
  fs::rename(partial, path, ec);
  if (ec) throw RuntimeFailure("cannot move " + partial.string() + " to " + path.string() + ": " + ec.message());
}

}  // namespace pbflow::results
