// Frontier: the URLs still to fetch, one FIFO queue per origin, and the memory of every URL
// already admitted (64-bit hashes of the normal form, so a large crawl stays compact). Add()
// normalises, dedupes and applies scope and trap limits (max pages and depth, URL length,
// path segments, repeated segments, distinct query strings per path), returning why a URL
// was skipped. Not thread-safe: the network thread owns it.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/clock.h"
#include "crawler/crawler.h"
#include "crawler/fetched_page.h"
#include "crawler/scope.h"

namespace sightline::crawler {

struct CrawlJob {
  std::string url;     // normal form
  std::string origin;  // scheme://host[:port]
  int depth = 0;
  Discovery discovered_by = Discovery::kSeed;
  std::string referrer;
  bool from_public = false;  // found on (or redirected from) a page served by a public address
  int attempts = 0;          // tries made so far
  SteadyTime not_before{};   // retry back-off
  // Set while following redirects: the URL first asked for and the hops so far.
  std::string original_url;
  std::vector<RedirectHop> redirects;
};

struct FrontierOptions {
  int max_pages = 1000;
  int max_depth = 20;
  bool follow_links = true;  // false: only seeds (and nothing discovered) are admitted
  TrapLimits limits;
};

// Why a URL was not admitted; kAdmitted when it was queued.
enum class Admission {
  kAdmitted,
  kDuplicate,   // not counted as skipped: already admitted once
  kInvalidUrl,  // not http(s), or does not parse
  kOutOfScope,
  kMaxDepth,
  kMaxPages,
  kUrlTooLong,
  kTooManySegments,
  kRepeatedSegments,
  kTooManyQueries,
  kNotFollowing,  // URL-list mode without --follow
};
const char* AdmissionName(Admission a);  // "out_of_scope", "max_pages", ...

// FNV-1a 64: the frontier's key for a normalised URL.
uint64_t UrlKey(std::string_view normal_url);

class Frontier {
 public:
  Frontier(FrontierOptions options, CrawlScope scope);

  // Normalises job.url (resolving nothing: it must be absolute) and queues it.
  Admission Add(CrawlJob job);
  // Add() in two steps: Admit() decides (and remembers the URL, normalising job.url and
  // setting job.origin); Push() queues an admitted job.
  Admission Admit(CrawlJob& job);
  void Push(CrawlJob job);
  // Marks a URL (a redirect target) as taken without queueing it; false if it was known.
  bool Claim(std::string_view normal_url);
  bool Seen(std::string_view normal_url) const;
  // Puts a job back at the front of its origin's queue (a retry).
  void Requeue(CrawlJob job);

  bool InScope(std::string_view url) const { return scope_.Contains(url); }

  // Origins with queued jobs, in first-seen order.
  std::vector<std::string> Origins() const;
  bool HasJobs(const std::string& origin) const;
  const CrawlJob* Peek(const std::string& origin) const;
  std::optional<CrawlJob> Pop(const std::string& origin);
  // Removes and returns every queued job of an origin (origin given up, or stop).
  std::vector<CrawlJob> Drain(const std::string& origin);

  size_t queued() const { return queued_; }
  int admitted() const { return admitted_; }

 private:
  Admission CheckTraps(const UrlParts& parts, const std::string& normal);

  FrontierOptions options_;
  CrawlScope scope_;
  std::unordered_set<uint64_t> seen_;              // normal forms (UrlKey)
  std::unordered_set<uint64_t> parsed_spellings_;  // URLs as handed to Admit, parsed once
  std::unordered_map<uint64_t, int> queries_per_path_;
  std::map<std::string, std::deque<CrawlJob>> queues_;
  std::vector<std::string> origin_order_;
  size_t queued_ = 0;
  int admitted_ = 0;
};

}  // namespace sightline::crawler
