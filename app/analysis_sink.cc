#include "app/analysis_sink.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <filesystem>

#include "analyzer/extract/exposure.h"
#include "analyzer/extract/extractor.h"
#include "analyzer/mention.h"
#include "app/analysis_cache.h"
#include "app/subject_spill_file.h"
#include "common/batch_thread.h"
#include "common/hash.h"
#include "common/logging.h"

namespace sightline::app {

struct AnalysisSink::Pool {
  explicit Pool(unsigned threads) : pool(threads) {}
  boost::asio::thread_pool pool;
};

AnalysisSink::AnalysisSink(storage::AuditStore& store, const DetectorLoader& detector,
                           int64_t audit_id, std::string site, const Clock& clock, unsigned threads,
                           std::string analyzer_fingerprint)
    : store_(store),
      detector_(detector),
      audit_id_(audit_id),
      site_(std::move(site)),
      clock_(clock),
      fingerprint_(std::move(analyzer_fingerprint)),
      pool_(std::make_unique<Pool>(threads == 0 ? 1 : threads)) {
  // The stories wait for the site-wide linkage on disk beside the database (the disk the
  // user gave the audit); where no file can be made they stay in memory, as before.
  auto spill = SubjectSpillFile::Create(std::filesystem::path(store_.path()).parent_path());
  if (spill) {
    linkage_ = analyzer::SiteLinkage(std::move(*spill));
  } else {
    spdlog::warn("patient stories kept in memory: {}", spill.error().message);
  }
}

AnalysisSink::~AnalysisSink() { Wait(); }

void AnalysisSink::OnPage(crawler::FetchedPage page, crawler::LinksCallback done) {
  boost::asio::post(pool_->pool, [this, page = std::move(page), done = std::move(done)]() mutable {
    Analyze(std::move(page), done);
  });
}

void AnalysisSink::Wait() { pool_->pool.join(); }

void AnalysisSink::Analyze(crawler::FetchedPage page, const crawler::LinksCallback& done) {
  MarkThreadAsBatch();
  const bool failed = page.status == 0 || !page.error.empty();
  {
    std::lock_guard lock(mu_);
    if (page.resumed) {
      ++counts_.resumed;
    } else if (page.not_modified) {
      ++counts_.not_modified;
    } else if (failed) {
      ++counts_.failed;
    } else {
      ++counts_.fetched;
    }
  }

  // The body this fetch stands for: its own, or for a 304 the stored copy it confirmed, judged
  // as the 200 that delivered it (exposure.h's contract for 304s) with that 200's type.
  std::optional<storage::StoredCopy> copy;
  if (page.not_modified) {
    auto latest = store_.LoadLatestCopy(site_, page.url);
    if (latest && *latest) copy = std::move(**latest);
  }
  crawler::FetchedPage analysed;
  const crawler::FetchedPage* judged = &page;
  if (copy) {
    analysed = page;
    analysed.status = 200;
    analysed.not_modified = false;
    analysed.content_type = copy->content_type;
    std::erase_if(analysed.headers, [](const auto& h) { return h.first == "content-type"; });
    if (!copy->content_type_header.empty()) {
      analysed.headers.emplace_back("content-type", copy->content_type_header);
    }
    judged = &analysed;
  }

  // A body analysed before (same hash, same analyzer, same URL and type) is not analysed again.
  std::string hash;
  if (copy) {
    hash = copy->content_hash;
  } else if (!failed && page.body.size() <= analyzer::kIndexingLimitBytes) {
    hash = Sha256Hex(page.body);
  }
  const std::string& url_as = judged->final_url.empty() ? judged->url : judged->final_url;
  const std::string variant =
      fingerprint_.empty() || hash.empty() ? std::string() : AnalysisVariant(fingerprint_, url_as);
  std::optional<AnalysisRecord> record;
  if (!variant.empty()) {
    auto stored = store_.LoadAnalysis(hash, variant);
    if (stored && *stored && (*stored)->content_type == judged->content_type &&
        (*stored)->content_type_header == judged->Header("content-type")) {
      record = DecodeAnalysisRecord((*stored)->data);
    }
  }

  analyzer::ExposureVerdict verdict;
  // Detected only when the body is analysed; a reuse stores none (see RecordPage below).
  std::vector<analyzer::Mention> mentions;
  std::optional<storage::StoredAnalysis> to_store;
  if (record) {
    verdict = analyzer::JudgeExposure(*judged, ExposureContent(record->exposure), clock_.WallNow());
    record->analysis.indexable = verdict.indexable;
    for (const auto& r : verdict.reasons) record->analysis.exposure_reasons.push_back(r.code);
    std::lock_guard lock(mu_);
    ++counts_.reused;
  } else {
    const Result<const analyzer::Detector*> detector = detector_.Get();
    if (!detector) {
      RecordFailure(detector.error());
      done({});
      return;
    }
    if (copy) {
      auto body = store_.LoadSnapshot(copy->content_hash);
      if (body && *body) analysed.body = std::move(**body);
    }
    analyzer::PageContent content = analyzer::ExtractPage(*judged);
    verdict = analyzer::JudgeExposure(*judged, content, clock_.WallNow());
    record.emplace();
    if (!failed || page.not_modified) mentions = (*detector)->Detect(content);
    record->analysis = analyzer::AnalyzePage(content, mentions, verdict);
    record->title = content.title;
    record->published = content.published_date.value_or("");
    record->modified = content.modified_date.value_or("");
    record->links.reserve(content.links.size() + 1);
    for (const auto& link : content.links) record->links.push_back(link.url);
    if (!content.meta_refresh.empty()) record->links.push_back(content.meta_refresh);
    record->exposure = ExposureInputsOf(content);
    // Bodies over the indexing limit change the verdict by their size alone: not kept.
    if (!variant.empty() && judged->body.size() <= analyzer::kIndexingLimitBytes) {
      to_store =
          storage::StoredAnalysis{variant, judged->content_type, judged->Header("content-type"),
                                  EncodeAnalysisRecord(*record)};
    }
  }

  std::vector<std::string> links = std::move(record->links);
  if (!page.resumed) {
    storage::PageMeta meta;
    meta.title = std::move(record->title);
    meta.published = std::move(record->published);
    meta.modified = std::move(record->modified);
    meta.indexable = verdict.indexable;
    for (const auto& reason : verdict.reasons) meta.reasons.push_back(reason.code);
    meta.analysis = std::move(to_store);
    // The hash of the page's own body (not a 304's stored copy, which the store looks up).
    if (!copy) meta.body_sha256 = hash;
    // Mentions are stored with the fetch whose body was analysed; a fetch that reused the
    // analysis does not store the same ~100 mentions again.
    Status stored = store_.RecordPage(audit_id_, std::move(page), meta, mentions);
    if (!stored) RecordFailure(stored.error());
  }
  Status kept = [&] {
    std::lock_guard lock(mu_);
    return linkage_.Add(std::move(record->analysis));
  }();
  if (!kept) RecordFailure(kept.error());
  done(std::move(links));
}

analyzer::SiteLinkage AnalysisSink::TakeLinkage() {
  std::lock_guard lock(mu_);
  return std::move(linkage_);
}

SinkCounts AnalysisSink::counts() const {
  std::lock_guard lock(mu_);
  return counts_;
}

std::optional<Error> AnalysisSink::failure() const {
  std::lock_guard lock(mu_);
  return failure_;
}

void AnalysisSink::RecordFailure(const Error& error) {
  std::lock_guard lock(mu_);
  if (!failure_) failure_ = error;
}

}  // namespace sightline::app
