// Builders shared by the storage tests: settled pages, page metadata and findings made by
// hand, and a fixed clock origin so timestamps in assertions are readable.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "common/clock.h"
#include "crawler/fetched_page.h"
#include "storage/audit_store.h"

namespace sightline::storage::testutil {

inline constexpr const char* kSite = "https://clinic.example/";

// 2026-01-01T00:00:00Z plus `days`.
inline WallTime Day(int days) {
  return WallTime(std::chrono::seconds(1'767'225'600LL + days * 86'400LL));
}

inline crawler::FetchedPage Page(const std::string& path, const std::string& body,
                                 const std::string& etag = "") {
  crawler::FetchedPage p;
  p.url = std::string(kSite) + path;
  p.final_url = p.url;
  p.status = 200;
  p.content_type = "text/html";
  p.body = body;
  p.etag = etag;
  p.headers = {{"content-type", "text/html; charset=utf-8"}};
  if (!etag.empty()) p.headers.push_back({"etag", etag});
  p.discovered_by = path.empty() ? crawler::Discovery::kSeed : crawler::Discovery::kLink;
  p.fetched_at = Day(0);
  return p;
}

inline PageMeta Meta(bool indexable = true, const std::string& published = "") {
  PageMeta m;
  m.title = "A page";
  m.published = published;
  m.indexable = indexable;
  m.reasons = indexable ? std::vector<std::string>{} : std::vector<std::string>{"noindex_meta"};
  return m;
}

inline analyzer::Finding MakeFinding(const std::string& id, const std::string& path,
                                     analyzer::Risk risk = analyzer::Risk::kHigh,
                                     bool indexable = true) {
  analyzer::Finding f;
  f.id = id;
  f.kind = analyzer::FindingKind::kPatientReidentification;
  f.risk = risk;
  f.anonymity_set = 0.5;
  f.summary = "A 41-year-old bus driver with Wilson's disease: about 0.5 people match.";
  f.pages = {std::string(kSite) + path};
  analyzer::FindingDetail d;
  d.type = analyzer::MentionType::kAge;
  d.text = "41-year-old";
  d.normalized = "41";
  d.url = f.pages[0];
  d.snippet = "A 41-year-old bus driver came in.";
  d.snippet_begin = 2;
  d.snippet_end = 13;
  d.prior = 0.013;
  f.details = {d};
  f.advice = "Remove the age and occupation.";
  f.indexable = indexable;
  if (!indexable) f.exposure_reasons = {"noindex_meta"};
  return f;
}

}  // namespace sightline::storage::testutil
