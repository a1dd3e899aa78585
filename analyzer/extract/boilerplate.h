// Boilerplate detection across a site: a block (nav, footer, sidebar) repeated on most pages
// is marked so the analyzer counts it once, not once per page. Feed every page's blocks with
// Add(), then Mark() each page. Not thread-safe for concurrent Add(); const members may be
// called from many threads once adding is done.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "analyzer/page_content.h"

namespace sightline::analyzer {

// Stable across runs and platforms: kind, hidden flag and whitespace-collapsed, NFC text
// (case kept). The element path is not part of it, as templates move blocks around.
uint64_t BlockFingerprint(const TextBlock& block);

class BoilerplateIndex {
 public:
  // A block is boilerplate when it appears on at least `min_share` of the pages and on at
  // least `min_pages` pages.
  explicit BoilerplateIndex(double min_share = 0.5, size_t min_pages = 3)
      : min_share_(min_share), min_pages_(min_pages) {}

  // Counts each distinct fingerprint once per page.
  void Add(const PageContent& page);
  void AddFingerprints(const std::vector<uint64_t>& fingerprints);

  bool IsBoilerplate(uint64_t fingerprint) const;
  // Sets TextBlock::boilerplate on every block of `page`.
  void Mark(PageContent& page) const;

  size_t pages() const { return pages_; }

 private:
  double min_share_;
  size_t min_pages_;
  size_t pages_ = 0;
  std::unordered_map<uint64_t, size_t> counts_;
};

}  // namespace sightline::analyzer
