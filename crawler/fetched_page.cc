#include "crawler/fetched_page.h"

namespace sightline::crawler {

const char* DiscoveryName(Discovery d) {
  switch (d) {
    case Discovery::kSeed:
      return "seed";
    case Discovery::kLink:
      return "link";
    case Discovery::kSitemap:
      return "sitemap";
    case Discovery::kRedirect:
      return "redirect";
  }
  return "link";
}

std::string FetchedPage::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

}  // namespace sightline::crawler
