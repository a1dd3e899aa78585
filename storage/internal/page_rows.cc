// Page rows: one fetch per (audit, page), its snapshot stored once per content hash, and its
// mentions (one page_mentions row). Reading them back rebuilds FetchedPage for --resume.
#include <fmt/format.h>

#include "analyzer/mention.h"
#include "common/hash.h"
#include "storage/internal/codec.h"
#include "storage/internal/mentions_codec.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage::internal {

namespace {

using nlohmann::json;

Result<int64_t> PageId(Db& db, int64_t site_id, const std::string& url) {
  auto ins = Stmt::Prepare(db,
                           "INSERT INTO pages(site_id, url) VALUES (?, ?) "
                           "ON CONFLICT(site_id, url) DO NOTHING");
  if (!ins) return Unexpected(ins.error());
  if (auto s = ins->Bind(1, site_id).Bind(2, url).Run(); !s) return Unexpected(s.error());
  auto sel = Stmt::Prepare(db, "SELECT id FROM pages WHERE site_id = ? AND url = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site_id).Bind(2, url);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kInternal, "page row vanished: " + url);
  return sel->Int(0);
}

Status PutSnapshot(Db& db, const std::string& hash, const std::string& body) {
  auto has = Stmt::Prepare(db, "SELECT 1 FROM snapshots WHERE content_hash = ?");
  if (!has) return Unexpected(has.error());
  has->Bind(1, hash);
  auto row = has->Step();
  if (!row) return Unexpected(row.error());
  if (*row) return Ok();  // stored once per hash
  auto packed = CompressSnapshot(body);
  if (!packed) return Unexpected(packed.error());
  auto ins = Stmt::Prepare(db,
                           "INSERT INTO snapshots(content_hash, raw_size, zstd) "
                           "VALUES (?, ?, ?)");
  if (!ins) return Unexpected(ins.error());
  return ins->Bind(1, hash)
      .Bind(2, static_cast<int64_t>(body.size()))
      .BindBlobNoCopy(3, *packed)
      .Run();
}

Status PutAnalysis(Db& db, const std::string& hash, const StoredAnalysis& analysis) {
  auto packed = CompressSnapshot(analysis.data);
  if (!packed) return Unexpected(packed.error());
  // The newest analysis of a body wins (a different Content-Type may have come with it).
  auto ins = Stmt::Prepare(db,
                           "INSERT OR REPLACE INTO analyses(content_hash, variant, content_type, "
                           "content_type_header, raw_size, zstd) VALUES (?, ?, ?, ?, ?, ?)");
  if (!ins) return Unexpected(ins.error());
  return ins->Bind(1, hash)
      .Bind(2, analysis.variant)
      .Bind(3, analysis.content_type)
      .Bind(4, analysis.content_type_header)
      .Bind(5, static_cast<int64_t>(analysis.data.size()))
      .BindBlobNoCopy(6, *packed)
      .Run();
}

// The content hash and validators of the page's latest stored body (a 304 reuses them).
struct PreviousCopy {
  std::string hash, etag, last_modified;
};
Result<std::optional<PreviousCopy>> LatestCopy(Db& db, int64_t page_id) {
  auto sel = Stmt::Prepare(db,
                           "SELECT content_hash, etag, last_modified FROM fetches "
                           "WHERE page_id = ? AND content_hash IS NOT NULL "
                           "ORDER BY audit_id DESC LIMIT 1");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, page_id);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<PreviousCopy>();
  return std::optional<PreviousCopy>(PreviousCopy{sel->Text(0), sel->Text(1), sel->Text(2)});
}

json RedirectsJson(const crawler::FetchedPage& p) {
  json a = json::array();
  for (const auto& hop : p.redirects) {
    a.push_back({{"url", hop.url}, {"status", hop.status}, {"location", hop.location}});
  }
  return a;
}

json ExtraJson(const crawler::FetchedPage& p) {
  json e = {{"error_detail", p.error_detail},
            {"truncated", p.truncated},
            {"depth", p.depth},
            {"referrer", p.referrer},
            {"in_sitemap", p.in_sitemap},
            {"attempts", p.attempts},
            {"robots",
             {{"googlebot", p.robots.googlebot},
              {"bingbot", p.robots.bingbot},
              {"any", p.robots.any},
              {"status", p.robots.robots_status}}},
            {"timings",
             {{"connect_ms", p.timings.connect_ms},
              {"first_byte_ms", p.timings.first_byte_ms},
              {"total_ms", p.timings.total_ms}}}};
  if (p.sitemap_lastmod) e["sitemap_lastmod"] = *p.sitemap_lastmod;
  return e;
}

crawler::Discovery ParseDiscovery(const std::string& s) {
  for (auto d : {crawler::Discovery::kSeed, crawler::Discovery::kLink, crawler::Discovery::kSitemap,
                 crawler::Discovery::kRedirect}) {
    if (s == crawler::DiscoveryName(d)) return d;
  }
  return crawler::Discovery::kLink;
}

template <typename T>
T Get(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if constexpr (std::is_same_v<T, bool>) {
    return it->is_boolean() ? it->template get<bool>() : fallback;
  } else if constexpr (std::is_arithmetic_v<T>) {
    return it->is_number() ? it->template get<T>() : fallback;
  } else {
    return it->is_string() ? it->template get<T>() : fallback;
  }
}

}  // namespace

Status WritePage(Db& db, const PendingPage& pending) {
  const crawler::FetchedPage& p = pending.page;
  auto site_id = SiteIdOfAudit(db, pending.audit_id);
  if (!site_id) return Unexpected(site_id.error());
  auto page_id = PageId(db, *site_id, p.url);
  if (!page_id) return Unexpected(page_id.error());

  std::optional<std::string> hash;
  std::string etag = p.etag, last_modified = p.last_modified;
  if (p.not_modified && p.body.empty()) {
    // 304: the body is the one stored last time; keep its validators unless new ones came.
    auto prev = LatestCopy(db, *page_id);
    if (!prev) return Unexpected(prev.error());
    if (*prev) {
      hash = (*prev)->hash;
      if (etag.empty()) etag = (*prev)->etag;
      if (last_modified.empty()) last_modified = (*prev)->last_modified;
    }
  } else if (p.status != 0) {
    hash = pending.meta.body_sha256.empty() ? Sha256Hex(p.body) : pending.meta.body_sha256;
    if (auto s = PutSnapshot(db, *hash, p.body); !s) return s;
  }

  auto del = Stmt::Prepare(db, "DELETE FROM fetches WHERE audit_id = ? AND page_id = ?");
  if (!del) return Unexpected(del.error());
  if (auto s = del->Bind(1, pending.audit_id).Bind(2, *page_id).Run(); !s) return s;

  auto ins = Stmt::Prepare(
      db,
      "INSERT INTO fetches(audit_id, page_id, status, final_url, redirects_json, headers_json, "
      "content_type, etag, last_modified, content_hash, not_modified, indexable, reasons_json, "
      "discovered_by, title, published, modified, error, extra_json, fetched_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!ins) return Unexpected(ins.error());
  ins->Bind(1, pending.audit_id)
      .Bind(2, *page_id)
      .Bind(3, p.status)
      .Bind(4, p.final_url.empty() ? p.url : p.final_url)
      .Bind(5, DumpJson(RedirectsJson(p)))
      .Bind(6, DumpJson(p.headers))
      .Bind(7, p.content_type)
      .Bind(8, etag)
      .Bind(9, last_modified);
  if (hash) {
    ins->Bind(10, *hash);
  } else {
    ins->BindNull(10);
  }
  ins->Bind(11, p.not_modified ? 1 : 0)
      .Bind(12, pending.meta.indexable ? 1 : 0)
      .Bind(13, StringsToJson(pending.meta.reasons))
      .Bind(14, crawler::DiscoveryName(p.discovered_by))
      .Bind(15, pending.meta.title)
      .Bind(16, pending.meta.published)
      .Bind(17, pending.meta.modified)
      .Bind(18, p.error)
      .Bind(19, DumpJson(ExtraJson(p)))
      .Bind(20, FormatIso8601(p.fetched_at));
  if (auto s = ins->Run(); !s) return s;
  const int64_t fetch_id = db.LastInsertId();

  if (hash && pending.meta.analysis) {
    if (auto s = PutAnalysis(db, *hash, *pending.meta.analysis); !s) return s;
  }

  if (pending.mentions.empty()) return Ok();
  auto men = Stmt::Prepare(db, "INSERT INTO page_mentions(fetch_id, mentions_json) VALUES (?, ?)");
  if (!men) return Unexpected(men.error());
  return men->Bind(1, fetch_id).Bind(2, MentionsToJson(pending.mentions)).Run();
}

namespace {

constexpr const char* kPageColumns =
    "SELECT p.url, f.status, f.final_url, f.redirects_json, f.headers_json, f.content_type, "
    "f.etag, f.last_modified, f.not_modified, f.discovered_by, f.error, f.extra_json, "
    "f.fetched_at, s.raw_size, s.zstd, f.id FROM fetches f JOIN pages p ON p.id = f.page_id "
    "LEFT JOIN snapshots s ON s.content_hash = f.content_hash ";

// Reads every row of a kPageColumns query as resumed pages.
Result<std::vector<crawler::FetchedPage>> ReadPageRows(Db& db, Stmt& sel, int64_t* last_fetch_id) {
  std::vector<crawler::FetchedPage> pages;
  while (true) {
    auto row = sel.Step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    crawler::FetchedPage p;
    p.url = sel.Text(0);
    p.status = static_cast<int>(sel.Int(1));
    p.final_url = sel.Text(2);
    for (const auto& hop : ParseJson(sel.Text(3), json::array())) {
      p.redirects.push_back({Get<std::string>(hop, "url", ""), Get<int>(hop, "status", 0),
                             Get<std::string>(hop, "location", "")});
    }
    for (const auto& h : ParseJson(sel.Text(4), json::array())) {
      if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string()) {
        p.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
      }
    }
    p.content_type = sel.Text(5);
    p.etag = sel.Text(6);
    p.last_modified = sel.Text(7);
    p.not_modified = sel.Int(8) != 0;
    p.discovered_by = ParseDiscovery(sel.Text(9));
    p.error = sel.Text(10);
    json extra = ParseJson(sel.Text(11), json::object());
    p.error_detail = Get<std::string>(extra, "error_detail", "");
    p.truncated = Get<bool>(extra, "truncated", false);
    p.depth = Get<int>(extra, "depth", 0);
    p.referrer = Get<std::string>(extra, "referrer", "");
    p.in_sitemap = Get<bool>(extra, "in_sitemap", false);
    p.attempts = Get<int>(extra, "attempts", 1);
    if (extra.contains("sitemap_lastmod")) {
      p.sitemap_lastmod = Get<std::string>(extra, "sitemap_lastmod", "");
    }
    if (auto it = extra.find("robots"); it != extra.end() && it->is_object()) {
      p.robots.googlebot = Get<bool>(*it, "googlebot", true);
      p.robots.bingbot = Get<bool>(*it, "bingbot", true);
      p.robots.any = Get<bool>(*it, "any", true);
      p.robots.robots_status = Get<std::string>(*it, "status", "");
    }
    if (auto it = extra.find("timings"); it != extra.end() && it->is_object()) {
      p.timings.connect_ms = Get<double>(*it, "connect_ms", 0);
      p.timings.first_byte_ms = Get<double>(*it, "first_byte_ms", 0);
      p.timings.total_ms = Get<double>(*it, "total_ms", 0);
    }
    ParseIso8601(sel.Text(12), &p.fetched_at);
    if (!sel.IsNull(14)) {
      auto body = DecompressSnapshot(sel.Blob(14), static_cast<size_t>(sel.Int(13)));
      if (!body) {
        return Fail(ErrorCode::kCorrupt, fmt::format("{}: stored copy of {}: {}", db.path(), p.url,
                                                     body.error().message));
      }
      p.body = std::move(*body);
    }
    p.resumed = true;
    if (last_fetch_id != nullptr) *last_fetch_id = sel.Int(15);
    pages.push_back(std::move(p));
  }
  return pages;
}

}  // namespace

Result<std::vector<crawler::FetchedPage>> ReadAuditPages(Db& db, int64_t audit_id,
                                                         int64_t after_fetch_id, int limit,
                                                         int64_t* last_fetch_id) {
  auto sel = Stmt::Prepare(
      db, std::string(kPageColumns) + "WHERE f.audit_id = ? AND f.id > ? ORDER BY f.id LIMIT ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id).Bind(2, after_fetch_id).Bind(3, limit);
  return ReadPageRows(db, *sel, last_fetch_id);
}

Result<std::optional<crawler::FetchedPage>> ReadAuditPage(Db& db, int64_t audit_id,
                                                          const std::string& url) {
  auto site_id = SiteIdOfAudit(db, audit_id);
  if (!site_id) return Unexpected(site_id.error());
  auto sel = Stmt::Prepare(
      db, std::string(kPageColumns) + "WHERE p.site_id = ? AND p.url = ? AND f.audit_id = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, *site_id).Bind(2, url).Bind(3, audit_id);
  auto pages = ReadPageRows(db, *sel, nullptr);
  if (!pages) return Unexpected(pages.error());
  if (pages->empty()) return std::optional<crawler::FetchedPage>();
  return std::optional<crawler::FetchedPage>(std::move(pages->front()));
}

}  // namespace sightline::storage::internal
