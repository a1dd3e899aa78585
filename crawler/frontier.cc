#include "crawler/frontier.h"

#include <algorithm>

#include "common/url.h"

namespace sightline::crawler {

const char* AdmissionName(Admission a) {
  switch (a) {
    case Admission::kAdmitted:
      return "admitted";
    case Admission::kDuplicate:
      return "duplicate";
    case Admission::kInvalidUrl:
      return "invalid_url";
    case Admission::kOutOfScope:
      return "out_of_scope";
    case Admission::kMaxDepth:
      return "max_depth";
    case Admission::kMaxPages:
      return "max_pages";
    case Admission::kUrlTooLong:
      return "url_too_long";
    case Admission::kTooManySegments:
      return "too_many_segments";
    case Admission::kRepeatedSegments:
      return "repeated_segments";
    case Admission::kTooManyQueries:
      return "too_many_queries";
    case Admission::kNotFollowing:
      return "not_following";
  }
  return "skipped";
}

uint64_t UrlKey(std::string_view normal_url) {
  uint64_t h = 14695981039346656037ULL;
  for (char c : normal_url) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

Frontier::Frontier(FrontierOptions options, CrawlScope scope)
    : options_(std::move(options)), scope_(std::move(scope)) {}

Admission Frontier::CheckTraps(const UrlParts& parts, const std::string& normal) {
  const TrapLimits& limits = options_.limits;
  if (normal.size() > limits.max_url_length) return Admission::kUrlTooLong;
  // Path segments, and how often the same one repeats (/a/b/a/b/a/b/... session loops).
  std::unordered_map<std::string_view, int> counts;
  const std::string_view path = parts.path;
  int segments = 0;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (!segment.empty()) {
      ++segments;
      if (++counts[segment] > limits.max_repeated_segment) return Admission::kRepeatedSegments;
    }
    start = end + 1;
  }
  if (segments > limits.max_path_segments) return Admission::kTooManySegments;
  if (!parts.query.empty()) {
    const size_t q = normal.find('?');
    int& n = queries_per_path_[UrlKey(std::string_view(normal).substr(0, q))];
    if (n >= limits.max_queries_per_path) return Admission::kTooManyQueries;
    ++n;
  }
  return Admission::kAdmitted;
}

Admission Frontier::Add(CrawlJob job) {
  const Admission a = Admit(job);
  if (a == Admission::kAdmitted) Push(std::move(job));
  return a;
}

Admission Frontier::Admit(CrawlJob& job) {
  // Every page repeats its navigation links: a spelling parsed before is a duplicate now,
  // whatever was decided then (its normal form entered seen_ on that first parse), so it
  // costs a hash instead of a URL parse.
  const uint64_t spelling = UrlKey(job.url);
  if (parsed_spellings_.contains(spelling)) return Admission::kDuplicate;
  // One parse per URL: a page may hand over 100,000 links.
  auto parts = SplitUrl(job.url);
  if (!parts) return Admission::kInvalidUrl;
  parsed_spellings_.insert(spelling);
  std::string normal = JoinUrl(*parts);
  if (!seen_.insert(UrlKey(normal)).second) return Admission::kDuplicate;
  job.url = std::move(normal);
  const bool seed = job.discovered_by == Discovery::kSeed;
  if (!seed) {
    if (!options_.follow_links && job.discovered_by == Discovery::kLink) {
      return Admission::kNotFollowing;
    }
    if (!scope_.Contains(*parts, job.url)) return Admission::kOutOfScope;
    if (job.depth > options_.max_depth) return Admission::kMaxDepth;
  }
  if (admitted_ >= options_.max_pages) return Admission::kMaxPages;
  if (const Admission trap = CheckTraps(*parts, job.url); trap != Admission::kAdmitted && !seed) {
    return trap;
  }
  job.origin = parts->scheme + "://" + parts->host;
  const bool default_port = (parts->scheme == "http" && parts->port == 80) ||
                            (parts->scheme == "https" && parts->port == 443);
  if (!default_port) job.origin += ":" + std::to_string(parts->port);
  ++admitted_;
  return Admission::kAdmitted;
}

void Frontier::Push(CrawlJob job) {
  auto [it, inserted] = queues_.try_emplace(job.origin);
  if (inserted) origin_order_.push_back(job.origin);
  it->second.push_back(std::move(job));
  ++queued_;
}

bool Frontier::Claim(std::string_view normal_url) {
  return seen_.insert(UrlKey(normal_url)).second;
}

bool Frontier::Seen(std::string_view normal_url) const {
  return seen_.count(UrlKey(normal_url)) > 0;
}

void Frontier::Requeue(CrawlJob job) {
  auto [it, inserted] = queues_.try_emplace(job.origin);
  if (inserted) origin_order_.push_back(job.origin);
  it->second.push_front(std::move(job));
  ++queued_;
}

std::vector<std::string> Frontier::Origins() const {
  std::vector<std::string> out;
  for (const std::string& origin : origin_order_) {
    if (HasJobs(origin)) out.push_back(origin);
  }
  return out;
}

bool Frontier::HasJobs(const std::string& origin) const {
  const auto it = queues_.find(origin);
  return it != queues_.end() && !it->second.empty();
}

const CrawlJob* Frontier::Peek(const std::string& origin) const {
  const auto it = queues_.find(origin);
  if (it == queues_.end() || it->second.empty()) return nullptr;
  return &it->second.front();
}

std::optional<CrawlJob> Frontier::Pop(const std::string& origin) {
  const auto it = queues_.find(origin);
  if (it == queues_.end() || it->second.empty()) return std::nullopt;
  CrawlJob job = std::move(it->second.front());
  it->second.pop_front();
  --queued_;
  return job;
}

std::vector<CrawlJob> Frontier::Drain(const std::string& origin) {
  std::vector<CrawlJob> out;
  const auto it = queues_.find(origin);
  if (it == queues_.end()) return out;
  for (CrawlJob& job : it->second) out.push_back(std::move(job));
  queued_ -= it->second.size();
  it->second.clear();
  return out;
}

}  // namespace sightline::crawler
