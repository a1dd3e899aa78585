// Sitemap parsing (sitemaps.org protocol 0.9): <urlset> files, <sitemapindex> files, gzip
// compressed files and plain-text lists of URLs. XML is read with pugixml, which never loads
// a DTD nor expands entities beyond the five predefined ones, so a billion-laughs file is
// inert. Per-file limits from the protocol: 50,000 URLs and 50 MB uncompressed; anything
// beyond is dropped and the file marked truncated. Never fails: problems are data.
// Stateless, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sightline::crawler {

inline constexpr size_t kSitemapMaxUrls = 50'000;
inline constexpr size_t kSitemapMaxBytes = 50 * 1000 * 1000;

struct SitemapEntry {
  std::string loc;
  std::optional<std::string> lastmod;  // as written (W3C datetime)
};

struct Sitemap {
  bool is_index = false;              // entries are sitemaps, not pages
  std::vector<SitemapEntry> entries;  // only http(s) locations
  bool truncated = false;             // a limit was hit
  std::vector<std::string> issues;    // "not XML", "unknown root element", ...
};

// `bytes` as served (gzip is detected by its magic number and decompressed).
Sitemap ParseSitemap(std::string_view bytes);

}  // namespace sightline::crawler
