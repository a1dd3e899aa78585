// Fuzzes the reader of occurrences.details_json (storage/internal/details_codec.h), a
// hand-written JSON parser. Properties: it accepts exactly the texts nlohmann-json accepts
// (checked with the input placed beside a valid detail, which survives only when the whole
// text is accepted), and the details it reads write back to text that reads the same.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storage/internal/details_codec.h"
#include "tests/fuzz/fuzz_checks.h"

using sightline::fuzz::Check;
namespace internal = sightline::storage::internal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);

  const std::string beside = "[{\"text\":\"ok\"}," + input + "]";
  const std::vector<sightline::analyzer::FindingDetail> read = internal::DetailsFromJson(beside);
  // nlohmann-json takes a NUL byte for the end of the text; this reader refuses one (its
  // writer escapes NUL, so a row never holds one raw).
  if (input.find('\0') == std::string::npos) {
    Check(!read.empty() == nlohmann::json::accept(beside), "accepts what nlohmann-json accepts",
          beside);
  } else {
    Check(read.empty() || nlohmann::json::accept(beside), "accepts nothing nlohmann-json refuses",
          beside);
  }
  if (!read.empty()) Check(read.front().text == "ok", "the valid detail reads back", beside);

  const auto details = internal::DetailsFromJson(input);
  const auto again = internal::DetailsFromJson(internal::DetailsToJson(details));
  Check(again.size() == details.size(), "written details read back", input);
  for (size_t i = 0; i < details.size(); ++i) {
    const auto& a = details[i];
    const auto& b = again[i];
    // Text read from valid JSON is valid UTF-8, so the writer keeps it byte for byte.
    Check(a.type == b.type && a.text == b.text && a.normalized == b.normalized && a.url == b.url &&
              a.snippet == b.snippet && a.snippet_begin == b.snippet_begin &&
              a.snippet_end == b.snippet_end && a.hidden == b.hidden &&
              a.inherited == b.inherited && a.prior == b.prior,
          "a detail reads back the same", input);
  }
  return 0;
}
