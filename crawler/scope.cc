#include "crawler/scope.h"

#include <libpsl.h>

#include <algorithm>

#include "common/url.h"

namespace sightline::crawler {
namespace {

// The newest list the system has (Debian's publicsuffix package), else the built-in one.
// psl_latest() reads a file once; the context is immutable and shared by all threads.
const psl_ctx_t* Psl() {
  static const psl_ctx_t* ctx = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return ctx;
}

bool IsIpLiteral(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;
  return !host.empty() && std::all_of(host.begin(), host.end(),
                                      [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

}  // namespace

std::string RegistrableDomain(std::string_view host) {
  std::string h(host);
  if (IsIpLiteral(h) || h.find('.') == std::string::npos || Psl() == nullptr) return h;
  const char* domain = psl_registrable_domain(Psl(), h.c_str());
  return domain != nullptr ? std::string(domain) : h;
}

Result<CrawlScope> CrawlScope::Create(Scope scope, const std::vector<std::string>& seeds) {
  CrawlScope out;
  out.scope_ = scope;
  for (const std::string& seed : seeds) {
    auto parts = SplitUrl(seed);
    if (!parts)
      return Fail(ErrorCode::kInvalidArgument,
                  "bad seed URL " + seed + ": " + parts.error().message);
    switch (scope) {
      case Scope::kHost:
        out.rules_.push_back({parts->host});
        break;
      case Scope::kDomain:
        out.rules_.push_back({RegistrableDomain(parts->host)});
        break;
      case Scope::kPrefix: {
        auto origin = UrlOrigin(seed);
        if (!origin) return Unexpected(origin.error());
        const std::string dir = parts->path.substr(0, parts->path.rfind('/') + 1);
        out.rules_.push_back({*origin + dir});
        break;
      }
    }
  }
  return out;
}

bool CrawlScope::Contains(std::string_view url) const {
  auto parts = SplitUrl(url);
  if (!parts) return false;
  return Contains(*parts, JoinUrl(*parts));
}

bool CrawlScope::Contains(const UrlParts& parts, std::string_view normal) const {
  std::string key;
  if (scope_ == Scope::kHost) key = parts.host;
  if (scope_ == Scope::kDomain) key = RegistrableDomain(parts.host);
  for (const Rule& rule : rules_) {
    if (scope_ == Scope::kPrefix) {
      if (normal.substr(0, rule.key.size()) == rule.key) return true;
    } else if (key == rule.key) {
      return true;
    }
  }
  return false;
}

std::string JoinUrl(const UrlParts& parts) {
  std::string out = parts.scheme + "://" + parts.host;
  const bool default_port = (parts.scheme == "http" && parts.port == 80) ||
                            (parts.scheme == "https" && parts.port == 443);
  if (!default_port) out += ":" + std::to_string(parts.port);
  out += parts.path.empty() ? "/" : parts.path;
  if (!parts.query.empty()) out += "?" + parts.query;
  return out;
}

}  // namespace sightline::crawler

namespace sightline::crawler {

const char* ScopeName(Scope s) {
  switch (s) {
    case Scope::kHost:
      return "host";
    case Scope::kDomain:
      return "domain";
    case Scope::kPrefix:
      return "prefix";
  }
  return "domain";
}

Result<Scope> ParseScope(std::string_view name) {
  if (name == "host") return Scope::kHost;
  if (name == "domain") return Scope::kDomain;
  if (name == "prefix") return Scope::kPrefix;
  return Fail(ErrorCode::kInvalidArgument,
              "unknown scope '" + std::string(name) + "' (host, domain or prefix)");
}

}  // namespace sightline::crawler
