// Shared by the end-to-end tests of tests/app: run the real `sightline` binary (bounded in
// time) and read its JSON report, checked against the JSON Schema in docs/ that its "schema"
// names, so every report the end-to-end tests see also proves the contract.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/reports/json_schema_validator.h"
#include "tests/support/subprocess.h"

namespace sightline::testing {

inline constexpr auto kCliLimit = std::chrono::seconds(120);

// `sightline ARGS...` with `input` on stdin, killed after kCliLimit.
inline ProcessResult RunSightline(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), SIGHTLINE_BINARY);
  return RunProcess(args, kCliLimit, input);
}

// Failures when `doc` claims a schema of docs/ (sightline.audit/1, sightline.diff/1) and does
// not conform to it.
inline void ExpectConformsToItsSchema(const nlohmann::json& doc) {
  if (!doc.is_object() || !doc.contains("schema")) return;
  const std::string schema = doc.value("schema", "");
  std::string file;
  if (schema == "sightline.audit/1") file = "report-schema.json";
  if (schema == "sightline.diff/1") file = "diff-schema.json";
  if (file.empty()) return;
  sightline::reports::testing::SchemaValidator validator(SIGHTLINE_SOURCE_DIR "/docs", file);
  std::string errors;
  for (const auto& e : validator.Validate(doc)) errors += e + "\n";
  EXPECT_EQ(errors, "") << schema;
}

// The JSON on the process's stdout; a test failure (and a discarded value) when it is not JSON
// or breaks its schema.
inline nlohmann::json ParseReport(const ProcessResult& r) {
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.out.substr(0, 400) << "\n" << r.err;
  if (!j.is_discarded()) ExpectConformsToItsSchema(j);
  return j;
}

}  // namespace sightline::testing
