// Resolved links that depend only on the base URL's origin: references starting with "/"
// ("/posts/7.html", "//cdn.example/x"). RFC 3986 §5.2.2 takes such a reference's path (or
// authority) from the reference and only the scheme and authority from the base, so the
// result for (origin, reference) is the same on every page of a site. Navigation, footer
// and popular-post links repeat on every page and each costs ~3 µs through curl's URL
// parser (4 % of an audit's CPU before this cache). One cache per thread, bounded: it is
// emptied when it reaches `kMaxEntries`. Internal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sightline::analyzer::internal {

class OriginLinkCache {
 public:
  static constexpr size_t kMaxEntries = 8192;

  // The origin ("https://host:port", userinfo included) of a base URL in the form
  // NormalizeUrl writes; empty when `base` is not of that form (then nothing is cached).
  static std::string_view OriginOf(std::string_view base);

  // True for references whose resolution depends only on the base's origin.
  static bool IsOriginRelative(std::string_view reference) {
    return !reference.empty() && reference.front() == '/';
  }

  // The cached resolution of `reference` against `origin` (nullopt inside: it failed), or
  // nullptr when not cached.
  const std::optional<std::string>* Find(std::string_view origin, std::string_view reference);
  void Store(std::string_view origin, std::string_view reference,
             std::optional<std::string> resolved);

  size_t size() const { return entries_.size(); }

  // The calling thread's cache.
  static OriginLinkCache& ForThisThread();

 private:
  // The map key of (origin, reference), built in key_ (reused, so look-ups do not allocate).
  const std::string& Key(std::string_view origin, std::string_view reference);

  std::unordered_map<std::string, std::optional<std::string>> entries_;
  std::string key_;
};

}  // namespace sightline::analyzer::internal
