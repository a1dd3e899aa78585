// CrawlScope: which URLs belong to the crawl, from the seeds and --scope. kDomain compares
// registrable domains (libpsl, public suffix list: www.example.co.uk and example.co.uk are
// one site, two github.io users are not); kHost compares host names; kPrefix keeps URLs on
// the seed's scheme://host:port below the seed's directory. Several seeds (a URL list) give
// the union of their scopes. Immutable after Create(); thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/url.h"
#include "crawler/crawler.h"

namespace sightline::crawler {

// The registrable domain ("eTLD+1") of a host; the host itself for IP literals, single
// labels ("localhost") and public suffixes.
std::string RegistrableDomain(std::string_view host);

// The normal form of a URL from its SplitUrl() parts (what NormalizeUrl() returns).
std::string JoinUrl(const UrlParts& parts);

class CrawlScope {
 public:
  static Result<CrawlScope> Create(Scope scope, const std::vector<std::string>& seeds);
  // `url` normalised or not; false when it does not parse.
  bool Contains(std::string_view url) const;
  // The same for a URL already split (parts of its normal form) and its normal form.
  bool Contains(const UrlParts& parts, std::string_view normal) const;

 private:
  struct Rule {
    std::string key;  // registrable domain, host, or URL prefix
  };
  Scope scope_ = Scope::kDomain;
  std::vector<Rule> rules_;
};

}  // namespace sightline::crawler
