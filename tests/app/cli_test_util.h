// Shared by the end-to-end tests of tests/app: run the real `sightline` binary (bounded in
// time) and read its JSON report.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/subprocess.h"

namespace sightline::testing {

inline constexpr auto kCliLimit = std::chrono::seconds(120);

// `sightline ARGS...` with `input` on stdin, killed after kCliLimit.
inline ProcessResult RunSightline(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), SIGHTLINE_BINARY);
  return RunProcess(args, kCliLimit, input);
}

// The JSON on the process's stdout; a test failure (and a discarded value) when it is not JSON.
inline nlohmann::json ParseReport(const ProcessResult& r) {
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.out.substr(0, 400) << "\n" << r.err;
  return j;
}

}  // namespace sightline::testing
