// Fuzzes URL normalisation (common/url.h). Input: "URL" or "BASE\nREFERENCE".
// Properties checked beyond "does not crash": a normal form is a fixed point of
// NormalizeUrl, anything that normalises can be split and has an origin, and UrlResolver
// (the base parsed once) resolves every reference exactly as ResolveUrl does.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/url.h"
#include "tests/fuzz/fuzz_checks.h"

using sightline::fuzz::Check;

namespace {

void CheckNormalForm(const std::string& normal) {
  auto again = sightline::NormalizeUrl(normal);
  Check(again.has_value(), "a normal form parses again", normal);
  if (*again != normal) Check(false, "normalisation is idempotent", normal + " -> " + *again);
  auto parts = sightline::SplitUrl(normal);
  Check(parts.has_value(), "a normal form splits", normal);
  Check(!parts->path.empty() && parts->path[0] == '/', "path starts with /", normal);
  Check(parts->scheme == "http" || parts->scheme == "https", "scheme is http(s)", normal);
  Check(sightline::UrlOrigin(normal).has_value(), "a normal form has an origin", normal);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto normal = sightline::NormalizeUrl(input)) CheckNormalForm(*normal);
  if (auto newline = input.find('\n'); newline != std::string_view::npos) {
    std::string_view base = input.substr(0, newline);
    std::string_view reference = input.substr(newline + 1);
    auto resolved = sightline::ResolveUrl(base, reference);
    if (resolved) CheckNormalForm(*resolved);
    auto via_resolver = sightline::UrlResolver(base).Resolve(reference);
    Check(via_resolver.has_value() == resolved.has_value(), "UrlResolver fails as ResolveUrl does",
          std::string(input));
    if (resolved) Check(*via_resolver == *resolved, "UrlResolver agrees", std::string(input));
  }
  return 0;
}
