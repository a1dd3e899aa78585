// FetchedPage: what the crawler hands on for every URL it settled (fetched, not modified, or
// failed), and PageSink, the seam through which the analyzer and the store consume pages.
// The crawler knows nothing of HTML analysis or SQLite: the sink returns the page's links.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"

namespace sightline::crawler {

enum class Discovery { kSeed, kLink, kSitemap, kRedirect };
const char* DiscoveryName(Discovery d);  // "seed", "link", "sitemap", "redirect"

struct RedirectHop {
  std::string url;       // the URL that answered with a redirect
  int status = 0;        // 301, 302, 303, 307, 308
  std::string location;  // resolved target
};

struct FetchTimings {
  double connect_ms = 0;
  double first_byte_ms = 0;
  double total_ms = 0;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;  // names lower-case

// What the site's robots.txt (RFC 9309) says about this URL for the crawlers that matter.
struct RobotsAccess {
  bool googlebot = true;
  bool bingbot = true;
  bool any = true;            // the `*` group
  std::string robots_status;  // "ok", "missing" (4xx: allow all), "unreachable" (5xx/429/
                              // network: disallow all), "none" when not consulted
};

struct FetchedPage {
  std::string url;        // as requested, normalised
  std::string final_url;  // after redirects
  std::vector<RedirectHop> redirects;
  int status = 0;             // final HTTP status; 0 when no response (see error)
  std::string error;          // stable code when the fetch failed: "timeout", "connect", "reset",
                              // "too_many_redirects", "redirect_loop", "redirect_out_of_scope",
                              // "redirect_private", "robots_disallowed", "too_large", ...
  std::string error_detail;   // words for a person (never page text)
  HeaderList headers;         // of the final response
  std::string content_type;   // media type, lower-case, without parameters
  std::string body;           // decoded (gzip/br/deflate), capped at the size limit
  bool truncated = false;     // body was cut at the cap
  bool not_modified = false;  // 304 to a conditional request: body empty, reuse the snapshot
  std::string etag;
  std::string last_modified;
  Discovery discovered_by = Discovery::kSeed;
  int depth = 0;
  std::string referrer;  // page the URL was found on (empty for seeds)
  std::optional<std::string> sitemap_lastmod;
  bool in_sitemap = false;
  int attempts = 1;
  RobotsAccess robots;
  bool resumed = false;  // taken from an interrupted audit's stored copy, not the network
  FetchTimings timings;
  WallTime fetched_at{};

  // First value of a header (name lower-case), or empty.
  std::string Header(std::string_view name) const;
};

// Conditional-request validators from a previous audit.
struct Validators {
  std::string etag;
  std::string last_modified;
};

// Receives settled pages on the crawler's network thread. The sink must call `done` exactly
// once, from any thread, with the absolute URLs found on the page (empty for non-HTML or
// failures); the crawl ends only when every page has been released this way.
using LinksCallback = std::function<void(std::vector<std::string> links)>;

class PageSink {
 public:
  virtual ~PageSink() = default;
  virtual void OnPage(FetchedPage page, LinksCallback done) = 0;
};

}  // namespace sightline::crawler
