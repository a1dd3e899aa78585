// archive.today: its Memento TimeMap lists every memento of a URL with its datetime (no
// digest), so matching is by date only. 404 means no memento. There is no API to ask for
// removal, which the removal advice says.
#include <fmt/format.h>

#include "crawler/archive/archive_formats.h"
#include "crawler/archive/internal/backend.h"

namespace sightline::archive {
namespace {

class ArchiveTodayBackend final : public ArchiveClient::Backend {
 public:
  explicit ArchiveTodayBackend(BackendConfig config)
      : config_(std::move(config)), http_(config_.http) {}

  const char* name() const override { return kArchiveToday; }

  bool Find(const LookupRequest& request, std::vector<RawCapture>* out,
            std::vector<std::string>* problems) override {
    const WallTime now = config_.clock->WallNow();
    std::vector<RawCapture> captures;
    std::string unused_from, unused_to;
    if (config_.cache != nullptr) {
      if (auto cached = config_.cache->Get(kArchiveToday, request.url, now);
          cached && internal::CapturesFromJson(*cached, &captures, &unused_from, &unused_to)) {
        out->insert(out->end(), captures.begin(), captures.end());
        return true;
      }
    }
    // The TimeMap takes the URL as it is, not percent-encoded (archive.today's own form).
    auto answer = http_.Get(config_.base + "/timemap/" + request.url);
    std::string problem;
    if (!answer) {
      problem = answer.error().message;
    } else if (answer->status == 404) {
      // No memento of this URL.
    } else if (answer->status != 200) {
      problem = fmt::format("HTTP {}", answer->status);
    } else {
      ParsedCopies parsed = ParseMementoTimeMap(answer->body, config_.base);
      if (!parsed.error.empty()) {
        problem = "malformed TimeMap (" + parsed.error + ")";
      } else {
        if (parsed.skipped > 0) {
          problems->push_back(
              fmt::format("archivetoday: skipped {} unreadable TimeMap entries", parsed.skipped));
        }
        for (const ArchivedCopy& copy : parsed.copies) {
          captures.push_back(RawCapture{copy.captured_at, {}, copy.url});
        }
      }
    }
    if (!problem.empty()) {
      problems->push_back("archivetoday: TimeMap failed: " + problem);
      return false;
    }
    if (config_.cache != nullptr) {
      config_.cache->Put(kArchiveToday, request.url, internal::CapturesToJson(captures, {}, {}),
                         now);
    }
    out->insert(out->end(), captures.begin(), captures.end());
    return true;
  }

 private:
  BackendConfig config_;
  internal::PoliteHttp http_;
};

}  // namespace

std::unique_ptr<ArchiveClient::Backend> MakeArchiveTodayBackend(BackendConfig config) {
  return std::make_unique<ArchiveTodayBackend>(std::move(config));
}

}  // namespace sightline::archive
