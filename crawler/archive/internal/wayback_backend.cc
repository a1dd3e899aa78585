// Wayback Machine: the CDX server API lists every distinct capture (collapse=digest) in the
// window with its payload digest; when it cannot answer, the availability API gives the one
// capture closest to the window's middle (no digest) and that degraded answer is not cached.
#include <fmt/format.h>

#include <algorithm>

#include "crawler/archive/archive_formats.h"
#include "crawler/archive/internal/backend.h"

namespace sightline::archive {
namespace {

class WaybackBackend final : public ArchiveClient::Backend {
 public:
  explicit WaybackBackend(BackendConfig config) : config_(std::move(config)), http_(config_.http) {}

  const char* name() const override { return kWayback; }

  bool Find(const LookupRequest& request, std::vector<RawCapture>* out,
            std::vector<std::string>* problems) override {
    std::string from = FormatArchiveTimestamp(request.from);
    std::string to = FormatArchiveTimestamp(request.to);
    const WallTime now = config_.clock->WallNow();
    if (config_.cache != nullptr) {
      if (auto cached = config_.cache->Get(kWayback, request.url, now)) {
        std::vector<RawCapture> captures;
        std::string cached_from, cached_to;
        if (internal::CapturesFromJson(*cached, &captures, &cached_from, &cached_to)) {
          // Same-width timestamps compare as dates.
          if (cached_from <= from && cached_to >= to) {
            out->insert(out->end(), captures.begin(), captures.end());
            return true;
          }
          // Ask once for the union so the next finding on this page is answered from cache.
          from = std::min(from, cached_from);
          to = std::max(to, cached_to);
        }
      }
    }
    const std::string cdx_url = fmt::format(
        "{}/cdx/search/cdx?url={}&matchType=exact&from={}&to={}&output=json"
        "&fl=timestamp,original,statuscode,digest&filter=statuscode:200&collapse=digest"
        "&limit={}",
        config_.base, internal::QueryEscape(request.url), from, to, config_.wayback_limit);
    std::string cdx_problem;
    auto answer = http_.Get(cdx_url);
    if (!answer) {
      cdx_problem = answer.error().message;
    } else if (answer->status != 200) {
      cdx_problem = fmt::format("HTTP {}", answer->status);
    } else {
      ParsedCopies parsed = ParseWaybackCdx(answer->body);
      if (parsed.error.empty()) {
        std::vector<RawCapture> captures;
        for (const ArchivedCopy& copy : parsed.copies) {
          if (copy.status != 0 && copy.status != 200) continue;
          captures.push_back(RawCapture{copy.captured_at, copy.digest, ReplayUrl(copy)});
        }
        if (parsed.skipped > 0) {
          problems->push_back(
              fmt::format("wayback: skipped {} unreadable CDX rows", parsed.skipped));
        }
        if (static_cast<int>(parsed.copies.size()) >= config_.wayback_limit) {
          problems->push_back(
              fmt::format("wayback: more than {} distinct captures; only the first {} were checked",
                          config_.wayback_limit, config_.wayback_limit));
        }
        if (config_.cache != nullptr) {
          config_.cache->Put(kWayback, request.url, internal::CapturesToJson(captures, from, to),
                             now);
        }
        out->insert(out->end(), captures.begin(), captures.end());
        return true;
      }
      cdx_problem = "malformed CDX answer (" + parsed.error + ")";
    }
    return Fallback(request, cdx_problem, out, problems);
  }

 private:
  std::string ReplayUrl(const ArchivedCopy& copy) const {
    return fmt::format("{}/web/{}/{}", config_.base, FormatArchiveTimestamp(copy.captured_at),
                       copy.original);
  }

  bool Fallback(const LookupRequest& request, const std::string& cdx_problem,
                std::vector<RawCapture>* out, std::vector<std::string>* problems) {
    const WallTime middle = request.from + (request.to - request.from) / 2;
    const std::string url =
        fmt::format("{}/wayback/available?url={}&timestamp={}", config_.base,
                    internal::QueryEscape(request.url), FormatArchiveTimestamp(middle));
    auto answer = http_.Get(url);
    std::string problem;
    if (!answer) {
      problem = answer.error().message;
    } else if (answer->status != 200) {
      problem = fmt::format("HTTP {}", answer->status);
    } else {
      ParsedCopies parsed = ParseWaybackAvailability(answer->body);
      if (parsed.error.empty()) {
        problems->push_back(fmt::format(
            "wayback: CDX API failed ({}); only the closest capture from the availability "
            "API was checked",
            cdx_problem));
        for (ArchivedCopy& copy : parsed.copies) {
          if (copy.status != 0 && copy.status != 200) continue;
          if (copy.original.empty()) copy.original = request.url;
          out->push_back(RawCapture{copy.captured_at, {}, ReplayUrl(copy)});
        }
        return true;
      }
      problem = "malformed availability answer (" + parsed.error + ")";
    }
    problems->push_back(fmt::format("wayback: CDX API failed ({}); availability API failed ({})",
                                    cdx_problem, problem));
    return false;
  }

  BackendConfig config_;
  internal::PoliteHttp http_;
};

}  // namespace

std::unique_ptr<ArchiveClient::Backend> MakeWaybackBackend(BackendConfig config) {
  return std::make_unique<WaybackBackend>(std::move(config));
}

}  // namespace sightline::archive
