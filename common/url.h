// URL parsing, resolution and normalisation on libcurl's URL API (curl_url), shared by the
// crawler (frontier dedupe, scope) and the analyzer (links against <base href>).
// Normal form: lower-case scheme and host, no default port, no fragment, dot segments removed,
// percent-encoding normalised (unreserved characters decoded, hex upper-cased; dot segments
// removed after decoding, so "/%2e/" is "/"), query kept. Hosts: trailing dots dropped (a host
// of only dots is rejected); a host whose last label is a number is an IPv4 address as the
// WHATWG URL standard, browsers and curl read it ("1." / "0x7f.1" / "2130706433" -> dotted
// quad), and rejected when not a valid one ("256.0.0.1", "1..2"), so the crawler's
// private-address check sees the address that will be connected to. The normal form is a
// fixed point: NormalizeUrl(NormalizeUrl(x)) == NormalizeUrl(x) (checked by url_fuzzer).
// Only http and https URLs are accepted. Thread-safe: no shared state.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace sightline {

struct UrlParts {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-case; IPv6 literals keep their brackets
  int port = 0;        // the effective port (80/443 when none was given)
  std::string path;    // starts with '/'
  std::string query;   // without '?'; empty when absent
};

// Parses an absolute http(s) URL and returns its normal form.
Result<std::string> NormalizeUrl(std::string_view url);

// Resolves `reference` (absolute or relative) against the absolute `base` and normalises
// (RFC 3986 §5.2; "" and "#frag" are the base document itself, without its fragment).
Result<std::string> ResolveUrl(std::string_view base, std::string_view reference);

// ResolveUrl for many references against one base (a page's links): the base is parsed once.
// Resolve(r) == ResolveUrl(base, r) for every r. Resolve is const and may be called from
// several threads at once.
class UrlResolver {
 public:
  explicit UrlResolver(std::string_view base);
  ~UrlResolver();
  UrlResolver(UrlResolver&&) noexcept;
  UrlResolver& operator=(UrlResolver&&) noexcept;

  Result<std::string> Resolve(std::string_view reference) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits a URL already in normal form (or any absolute http(s) URL).
Result<UrlParts> SplitUrl(std::string_view url);

// scheme://host[:port] of a URL, e.g. for robots.txt lookup.
Result<std::string> UrlOrigin(std::string_view url);

}  // namespace sightline
