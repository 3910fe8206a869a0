// Text that could become code or break a table: CSV cells are quoted and
// neutralised by one writer, invalid UTF-8 is refused where it is, and
// control characters never reach the terminal.
#include <gtest/gtest.h>

#include <sstream>

#include "results/csv.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

TEST(Csv, FormulaPrefixesAreNeutralisedAndQuoted) {
  for (const char* formula : {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tcmd", "\rcmd", "=HYPERLINK(\"x\",\"y\")"}) {
    const std::string cell = results::csv_text(formula);
    EXPECT_EQ(cell.rfind("\"'", 0), 0u) << formula << " became " << cell;
  }
  EXPECT_EQ(results::csv_text("=A1,B1"), "\"'=A1,B1\"");
  EXPECT_EQ(results::csv_text("a,b"), "\"a,b\"");
  EXPECT_EQ(results::csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(results::csv_text("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(results::csv_text("SDN"), "SDN");
}

TEST(Csv, NumbersStayNumbersAndUserValuesAreTextUnlessWhollyNumeric) {
  std::ostringstream out;
  results::CsvWriter csv(out);
  csv.number(-0.05).value("-0.05").value("1e-3").value("-1+1").value("0x10").value("inf").value("a,b").empty();
  csv.end_row();
  EXPECT_EQ(out.str(), "-0.050000000000000003,-0.05,1e-3,\"'-1+1\",0x10,inf,\"a,b\",\n");
}

std::string small_with(const TempDir& dir, const std::string& extra) {
  dir.write("small.yaml", read_text(source_path("tests/data/small.yaml")));
  return dir.write("s.yaml", "pbflow: 1\nextends: small.yaml\n" + extra);
}

TEST(Csv, SweptTextCannotRunAsAFormulaOrShiftColumns) {
  TempDir dir;
  const std::string file =
      small_with(dir, "sweep:\n  design: {kind: grid}\n  replicas: 2\n  parameters:\n"
                      "    name: {values: [\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\", \"a,b,c\", \"-2+3\"]}\n"
                      "  outputs: [totals.spent]\n");
  CommandResult r = run_pbflow({"sweep", file, "--out", dir.path() + "/out", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string csv = read_text(dir.path() + "/out/sweep.csv");
  EXPECT_NE(csv.find("\n0,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n1,\"a,b,c\","), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n2,\"'-2+3\","), std::string::npos) << csv;
}

TEST(Csv, FuturesCsvQuotesTextValues) {
  TempDir dir;
  const std::string file = small_with(
      dir, "compare:\n  replicas: 2\n  strategies:\n    own: {}\n    alt: {kind: fixed}\n"
           "uncertainties:\n  futures: 2\n  replicas: 2\n  parameters:\n    name: {values: [\"a,b,c\", \"=1+1\"]}\n");
  CommandResult r = run_pbflow({"compare", file, "--out", dir.path() + "/out", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string csv = read_text(dir.path() + "/out/futures.csv");
  std::istringstream lines(csv);
  std::string header, row;
  std::getline(lines, header);
  EXPECT_EQ(header, "strategy,future,name,objective,regret,satisficing");
  bool quoted = false, neutral = false;
  while (std::getline(lines, row)) {
    quoted = quoted || row.find(",\"a,b,c\",") != std::string::npos;
    neutral = neutral || row.find(",\"'=1+1\",") != std::string::npos;
  }
  EXPECT_TRUE(quoted) << csv;
  EXPECT_TRUE(neutral) << csv;
}

TEST(Utf8, InvalidBytesAreRefusedAtValidationWithTheirPlace) {
  TempDir dir;
  const std::string file = small_with(dir, "name: \"caf\xE9 au lait\"\n");
  CommandResult r = run_pbflow({"validate", file});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find(file + ":3:11: the text is not valid UTF-8 (byte 0xE9)"), std::string::npos) << r.out;
  // Overlong forms and surrogates are not UTF-8 either.
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
    const std::string f = small_with(dir, std::string("name: x") + bad + "y\n");
    EXPECT_EQ(run_pbflow({"validate", f}).exit_code, 2) << bad;
  }
  const std::string good = small_with(dir, "name: \"平和構築 — paix\"\n");
  EXPECT_EQ(run_pbflow({"validate", good}).exit_code, 0);
  CommandResult set = run_pbflow({"validate", source_path("tests/data/small.yaml"), "--set", "name=caf\xE9"});
  EXPECT_EQ(set.exit_code, 2) << set.out;
  EXPECT_NE(set.out.find("--set name"), std::string::npos) << set.out;
  EXPECT_NE(set.out.find("not valid UTF-8"), std::string::npos) << set.out;
}

TEST(Terminal, ControlCharactersInNamesAreShownEscaped) {
  // ESC ] 0 ; ... BEL retitles a terminal; U+009B (CSI) starts a command.
  CommandResult r = run_pbflow({"run", source_path("tests/data/small.yaml"), "-n", "2", "--set",
                                "name=\"x\\e]0;pwned\\ay\\u009Bz\""});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
  EXPECT_EQ(r.out.find("\xC2\x9B"), std::string::npos);
  EXPECT_NE(r.out.find("x\\x1B]0;pwned\\x07y\\u009Bz"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace pbflow::testing
