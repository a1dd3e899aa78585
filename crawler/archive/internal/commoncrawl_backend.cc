// Common Crawl: collinfo.json lists the crawls; only those whose dates overlap the finding's
// window are asked (newest first, at most commoncrawl_max_crawls), each through its own CDX
// index. A crawl's index never changes, so each (crawl, URL) answer is cached on its own.
// Archive-provided index URLs are re-based on the configured base.
#include <fmt/format.h>

#include <algorithm>

#include "crawler/archive/archive_formats.h"
#include "crawler/archive/internal/backend.h"

namespace sightline::archive {
namespace {

constexpr char kCollInfoKey[] = "collinfo.json";

class CommonCrawlBackend final : public ArchiveClient::Backend {
 public:
  explicit CommonCrawlBackend(BackendConfig config)
      : config_(std::move(config)), http_(config_.http) {}

  const char* name() const override { return kCommonCrawl; }

  bool Find(const LookupRequest& request, std::vector<RawCapture>* out,
            std::vector<std::string>* problems) override {
    std::vector<CrawlInfo> crawls;
    if (!Crawls(&crawls, problems)) return false;
    std::vector<const CrawlInfo*> relevant;
    for (const CrawlInfo& crawl : crawls) {
      if (crawl.has_range && crawl.from <= request.to && crawl.to >= request.from) {
        relevant.push_back(&crawl);
      }
    }
    std::sort(relevant.begin(), relevant.end(),
              [](const CrawlInfo* a, const CrawlInfo* b) { return a->from > b->from; });
    if (static_cast<int>(relevant.size()) > config_.commoncrawl_max_crawls) {
      problems->push_back(
          fmt::format("commoncrawl: {} crawls overlap the window; only the newest {} were checked",
                      relevant.size(), config_.commoncrawl_max_crawls));
      relevant.resize(static_cast<size_t>(config_.commoncrawl_max_crawls));
    }
    int failed = 0;
    for (const CrawlInfo* crawl : relevant) {
      if (!FindInCrawl(*crawl, request.url, out, problems)) ++failed;
    }
    return relevant.empty() || failed < static_cast<int>(relevant.size());
  }

 private:
  bool Crawls(std::vector<CrawlInfo>* crawls, std::vector<std::string>* problems) {
    const WallTime now = config_.clock->WallNow();
    if (config_.cache != nullptr) {
      if (auto cached = config_.cache->Get(kCommonCrawl, kCollInfoKey, now)) {
        ParsedCrawls parsed = ParseCollInfo(*cached);
        if (parsed.error.empty()) {
          *crawls = std::move(parsed.crawls);
          return true;
        }
      }
    }
    auto answer = http_.Get(config_.base + "/collinfo.json");
    std::string problem;
    if (!answer) {
      problem = answer.error().message;
    } else if (answer->status != 200) {
      problem = fmt::format("HTTP {}", answer->status);
    } else {
      ParsedCrawls parsed = ParseCollInfo(answer->body);
      if (parsed.error.empty()) {
        if (config_.cache != nullptr) {
          config_.cache->Put(kCommonCrawl, kCollInfoKey, answer->body, now);
        }
        *crawls = std::move(parsed.crawls);
        return true;
      }
      problem = "malformed answer (" + parsed.error + ")";
    }
    problems->push_back("commoncrawl: list of crawls (collinfo.json) failed: " + problem);
    return false;
  }

  bool FindInCrawl(const CrawlInfo& crawl, const std::string& url, std::vector<RawCapture>* out,
                   std::vector<std::string>* problems) {
    const WallTime now = config_.clock->WallNow();
    const std::string key = crawl.id + " " + url;
    std::vector<RawCapture> captures;
    std::string unused_from, unused_to;
    if (config_.cache != nullptr) {
      if (auto cached = config_.cache->Get(kCommonCrawl, key, now);
          cached && internal::CapturesFromJson(*cached, &captures, &unused_from, &unused_to)) {
        out->insert(out->end(), captures.begin(), captures.end());
        return true;
      }
    }
    const std::string index_path =
        crawl.cdx_api.empty() ? "/" + crawl.id + "-index" : internal::PathOf(crawl.cdx_api);
    const std::string query = fmt::format("{}{}{}url={}&output=json", config_.base, index_path,
                                          index_path.find('?') == std::string::npos ? "?" : "&",
                                          internal::QueryEscape(url));
    auto answer = http_.Get(query);
    std::string problem;
    if (!answer) {
      problem = answer.error().message;
    } else if (answer->status == 404) {
      // pywb answers "No Captures found" with 404: a valid empty answer.
    } else if (answer->status != 200) {
      problem = fmt::format("HTTP {}", answer->status);
    } else {
      ParsedCopies parsed = ParseCommonCrawlIndex(answer->body);
      if (!parsed.error.empty()) {
        problem = "malformed answer (" + parsed.error + ")";
      } else {
        if (parsed.skipped > 0) {
          problems->push_back(fmt::format("commoncrawl: {}: skipped {} unreadable lines", crawl.id,
                                          parsed.skipped));
        }
        const std::string replay_path =
            crawl.timegate.empty() ? "/" + crawl.id + "/" : internal::PathOf(crawl.timegate);
        for (const ArchivedCopy& copy : parsed.copies) {
          if (copy.status != 0 && copy.status != 200) continue;
          captures.push_back(RawCapture{copy.captured_at, copy.digest,
                                        fmt::format("{}{}{}{}/{}", config_.base, replay_path,
                                                    replay_path.ends_with('/') ? "" : "/",
                                                    FormatArchiveTimestamp(copy.captured_at),
                                                    copy.original.empty() ? url : copy.original)});
        }
      }
    }
    if (!problem.empty()) {
      problems->push_back(fmt::format("commoncrawl: {} index failed: {}", crawl.id, problem));
      return false;
    }
    if (config_.cache != nullptr) {
      config_.cache->Put(kCommonCrawl, key, internal::CapturesToJson(captures, {}, {}), now);
    }
    out->insert(out->end(), captures.begin(), captures.end());
    return true;
  }

  BackendConfig config_;
  internal::PoliteHttp http_;
};

}  // namespace

std::unique_ptr<ArchiveClient::Backend> MakeCommonCrawlBackend(BackendConfig config) {
  return std::make_unique<CommonCrawlBackend>(std::move(config));
}

}  // namespace sightline::archive
