// `pbflow import fts PAGE...` and `pbflow import iati FILE...`: recorded
// flows read, counted and written as tables (docs/guide-real-data.md).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace pbflow::cli {

struct ImportArgs {
  std::vector<std::string> files;
  std::string donor;
  std::string out;
  std::string scenario;  // --scenario OUT.yaml: seed a scenario from the donor's recorded payments
  std::string base;      // --base BASE.yaml: the seeded scenario extends it
  CLI::App* command = nullptr;
  CLI::App* fts = nullptr;
  CLI::App* iati = nullptr;
};

void add_import_command(CLI::App& app, ImportArgs& args);

// `pbflow check SCENARIO --against-fts PAGES... | --against-iati FILES...`
struct CheckArgs {
  std::string scenario;
  std::vector<std::string> overrides, fts, iati, figures;
  std::string donor, records_donor, out;
  int replicas = 0;
  int year = 0;
  bool quiet = false;
  CLI::App* command = nullptr;
};
void add_check_command(CLI::App& app, CheckArgs& args);
int check_scenario(const CheckArgs& args);
// Runs the chosen import; throws InputError for bad input.
int import_files(const ImportArgs& args);

}  // namespace pbflow::cli
