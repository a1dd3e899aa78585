#include "crawler/crawler.h"

#include <fcntl.h>
#include <unistd.h>

#include "common/url.h"
#include "crawler/internal/crawl_engine.h"
#include "crawler/scope.h"

#ifndef SIGHTLINE_VERSION
#define SIGHTLINE_VERSION "0.0.0"
#endif

namespace sightline::crawler {

std::string DefaultUserAgent() {
  return std::string("sightline/") + SIGHTLINE_VERSION +
         " (+https://github.com/sightline-audit/sightline)";
}

class Crawler::Impl {
 public:
  Impl(CrawlOptions options, CrawlScope scope, PageSink* sink, int read_fd, int write_fd)
      : options_(std::move(options)),
        scope_(std::move(scope)),
        sink_(sink),
        read_fd_(read_fd),
        write_fd_(write_fd) {}
  ~Impl() {
    ::close(read_fd_);
    ::close(write_fd_);
  }

  Result<CrawlSummary> Run() {
    if (ran_.exchange(true)) return Fail(ErrorCode::kInvalidArgument, "Run() called twice");
    internal::CrawlEngine engine(options_, scope_, sink_, read_fd_);
    return engine.Run();
  }

  void Stop() {
    // write() is async-signal-safe; the engine watches the pipe's read end.
    const char byte = 's';
    [[maybe_unused]] const ssize_t n = ::write(write_fd_, &byte, 1);
  }

 private:
  CrawlOptions options_;
  CrawlScope scope_;
  PageSink* sink_;
  int read_fd_;
  int write_fd_;
  std::atomic<bool> ran_{false};
};

Result<std::unique_ptr<Crawler>> Crawler::Create(CrawlOptions options, PageSink* sink) {
  if (sink == nullptr) return Fail(ErrorCode::kInvalidArgument, "no page sink");
  std::vector<std::string> seeds;
  for (const std::string& seed : options.seeds) {
    if (auto normal = NormalizeUrl(seed)) seeds.push_back(*normal);
  }
  if (seeds.empty()) return Fail(ErrorCode::kInvalidArgument, "no valid http(s) seed URL");
  if (options.max_pages < 1 || options.max_depth < 0 || options.concurrency < 1 ||
      options.per_host < 1 || options.max_retries < 1 || options.max_body_bytes == 0 ||
      options.delay.count() < 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "crawl limits must be positive (pages, concurrency, per-host, retries, body)");
  }
  if (options.clock == nullptr) options.clock = &DefaultClock();
  auto scope = CrawlScope::Create(options.scope, seeds);
  if (!scope) return Unexpected(scope.error());
  options.seeds = std::move(seeds);
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
    return Fail(ErrorCode::kInternal, "cannot create the stop pipe");
  }
  auto impl = std::make_unique<Impl>(std::move(options), std::move(*scope), sink, fds[0], fds[1]);
  return std::unique_ptr<Crawler>(new Crawler(std::move(impl)));
}

Crawler::Crawler(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Crawler::~Crawler() = default;

Result<CrawlSummary> Crawler::Run() { return impl_->Run(); }
void Crawler::Stop() { impl_->Stop(); }

}  // namespace sightline::crawler
