// Fuzzes the sitemap parser (crawler/sitemap.h) on arbitrary bytes: XML urlsets and indexes,
// gzip, plain-text lists, DTDs. Properties: never more than kSitemapMaxUrls entries, and
// every entry is an http(s) location.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crawler/sitemap.h"
#include "tests/fuzz/fuzz_checks.h"

using sightline::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const sightline::crawler::Sitemap sitemap = sightline::crawler::ParseSitemap(input);
  Check(sitemap.entries.size() <= sightline::crawler::kSitemapMaxUrls, "URL limit holds");
  for (const auto& entry : sitemap.entries) {
    std::string_view loc = entry.loc;
    Check(sightline::fuzz::HasHttpScheme(loc), "only http(s) entries", loc);
  }
  return 0;
}
