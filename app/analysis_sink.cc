#include "app/analysis_sink.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "analyzer/extract/exposure.h"
#include "analyzer/extract/extractor.h"

namespace sightline::app {

struct AnalysisSink::Pool {
  explicit Pool(unsigned threads) : pool(threads) {}
  boost::asio::thread_pool pool;
};

AnalysisSink::AnalysisSink(storage::AuditStore& store, const analyzer::Detector& detector,
                           int64_t audit_id, std::string site, const Clock& clock, unsigned threads)
    : store_(store),
      detector_(detector),
      audit_id_(audit_id),
      site_(std::move(site)),
      clock_(clock),
      pool_(std::make_unique<Pool>(threads == 0 ? 1 : threads)) {}

AnalysisSink::~AnalysisSink() { Wait(); }

void AnalysisSink::OnPage(crawler::FetchedPage page, crawler::LinksCallback done) {
  boost::asio::post(pool_->pool, [this, page = std::move(page), done = std::move(done)]() mutable {
    Analyze(std::move(page), done);
  });
}

void AnalysisSink::Wait() { pool_->pool.join(); }

void AnalysisSink::Analyze(crawler::FetchedPage page, const crawler::LinksCallback& done) {
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

  // A 304 answers with no body: analyse the copy stored by the audit that got the validators.
  // Whatever Content-Type the 304 carries describes no body, so the stored copy's type is
  // sniffed by the extractor.
  crawler::FetchedPage analysed = page;
  if (page.not_modified) {
    auto body = store_.LoadLatestBody(site_, page.url);
    if (body && *body) {
      // Judged as the stored 200 it stands for (exposure.h's contract for 304s).
      analysed.body = std::move(**body);
      analysed.status = 200;
      analysed.not_modified = false;
      analysed.content_type.clear();
      std::erase_if(analysed.headers, [](const auto& h) { return h.first == "content-type"; });
    }
  }

  analyzer::PageContent content = analyzer::ExtractPage(analysed);
  const analyzer::ExposureVerdict verdict =
      analyzer::JudgeExposure(analysed, content, clock_.WallNow());
  std::vector<analyzer::Mention> mentions;
  if (!failed || page.not_modified) mentions = detector_.Detect(content);
  analyzer::PageAnalysis analysis = analyzer::AnalyzePage(content, mentions, verdict);

  if (!page.resumed) {
    storage::PageMeta meta;
    meta.title = content.title;
    meta.published = content.published_date.value_or("");
    meta.modified = content.modified_date.value_or("");
    meta.indexable = verdict.indexable;
    for (const auto& reason : verdict.reasons) meta.reasons.push_back(reason.code);
    Status stored = store_.RecordPage(audit_id_, page, meta, mentions);
    if (!stored) {
      std::lock_guard lock(mu_);
      if (!storage_error_) storage_error_ = stored.error();
    }
  }

  std::vector<std::string> links;
  links.reserve(content.links.size() + 1);
  for (const auto& link : content.links) links.push_back(link.url);
  if (!content.meta_refresh.empty()) links.push_back(content.meta_refresh);
  {
    std::lock_guard lock(mu_);
    analyses_.push_back(std::move(analysis));
  }
  done(std::move(links));
}

std::vector<analyzer::PageAnalysis> AnalysisSink::TakeAnalyses() {
  std::lock_guard lock(mu_);
  return std::move(analyses_);
}

SinkCounts AnalysisSink::counts() const {
  std::lock_guard lock(mu_);
  return counts_;
}

std::optional<Error> AnalysisSink::storage_error() const {
  std::lock_guard lock(mu_);
  return storage_error_;
}

}  // namespace sightline::app
