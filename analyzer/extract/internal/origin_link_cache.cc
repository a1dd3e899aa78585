#include "analyzer/extract/internal/origin_link_cache.h"

namespace sightline::analyzer::internal {

std::string_view OriginLinkCache::OriginOf(std::string_view base) {
  const size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  const size_t path = base.find('/', scheme_end + 3);
  // A normalized URL always has a path ("http://host/"); without one it is not normalized.
  if (path == std::string_view::npos || path == scheme_end + 3) return {};
  return base.substr(0, path);
}

const std::string& OriginLinkCache::Key(std::string_view origin, std::string_view reference) {
  // A space cannot occur in a normalized origin, so the key is unambiguous.
  key_.assign(origin).push_back(' ');
  key_.append(reference);
  return key_;
}

const std::optional<std::string>* OriginLinkCache::Find(std::string_view origin,
                                                        std::string_view reference) {
  const auto it = entries_.find(Key(origin, reference));
  return it == entries_.end() ? nullptr : &it->second;
}

void OriginLinkCache::Store(std::string_view origin, std::string_view reference,
                            std::optional<std::string> resolved) {
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(Key(origin, reference), std::move(resolved));
}

OriginLinkCache& OriginLinkCache::ForThisThread() {
  thread_local OriginLinkCache cache;
  return cache;
}

}  // namespace sightline::analyzer::internal
