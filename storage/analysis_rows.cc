// Reuse on unchanged pages: the latest stored copy of a URL, snapshots by hash, and the
// per-page analyses kept beside the snapshots (written by WritePage with the fetch, so a
// kill -9 never leaves an analysis without its page or the other way round). Also the
// one-page reads --resume uses instead of loading every body at once.
#include <fmt/format.h>

#include "storage/audit_store.h"
#include "storage/internal/codec.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

using internal::Stmt;

namespace {

// The Content-Type header among a fetch's stored headers ([[name, value], ...]).
std::string ContentTypeHeader(const std::string& headers_json) {
  for (const auto& h : internal::ParseJson(headers_json, nlohmann::json::array())) {
    if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string() &&
        h[0].get<std::string>() == "content-type") {
      return h[1].get<std::string>();
    }
  }
  return "";
}

}  // namespace

Result<std::optional<StoredCopy>> AuditStore::LoadLatestCopy(const std::string& site,
                                                             const std::string& url) {
  Impl::ReadHold held;
  // The same row LoadLatestBody reads: the newest fetch that has a body (a 304 row carries
  // the hash of the body it confirmed). Its type comes from the 200 that delivered this body,
  // not from a 304 (which has none). One statement: it runs for every page of a repeat audit.
  auto sel = Stmt::Prepare(
      impl_->ReadDb(held),
      "SELECT f.content_hash, t.content_type, t.headers_json FROM fetches f "
      "JOIN pages p ON p.id = f.page_id JOIN sites s ON s.id = p.site_id "
      "LEFT JOIN fetches t ON t.id = (SELECT d.id FROM fetches d WHERE d.page_id = f.page_id "
      "AND d.content_hash = f.content_hash AND d.not_modified = 0 "
      "ORDER BY d.audit_id DESC LIMIT 1) "
      "WHERE s.url = ? AND p.url = ? AND f.content_hash IS NOT NULL "
      "ORDER BY f.audit_id DESC LIMIT 1");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site).Bind(2, url);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<StoredCopy>();
  StoredCopy copy;
  copy.content_hash = sel->Text(0);
  if (!sel->IsNull(1)) {
    copy.content_type = sel->Text(1);
    copy.content_type_header = ContentTypeHeader(sel->Text(2));
  }
  return std::optional<StoredCopy>(std::move(copy));
}

Result<std::optional<std::string>> AuditStore::LoadSnapshot(const std::string& content_hash) {
  std::string compressed;
  size_t raw_size = 0;
  {
    Impl::ReadHold held;
    auto sel = Stmt::Prepare(impl_->ReadDb(held),
                             "SELECT raw_size, zstd FROM snapshots WHERE content_hash = ?");
    if (!sel) return Unexpected(sel.error());
    sel->Bind(1, content_hash);
    auto row = sel->Step();
    if (!row) return Unexpected(row.error());
    if (!*row) return std::optional<std::string>();
    raw_size = static_cast<size_t>(sel->Int(0));
    compressed = sel->Blob(1);
  }
  // Decompressed outside the lock: the other analysis threads read meanwhile.
  auto body = internal::DecompressSnapshot(compressed, raw_size);
  if (!body) {
    return Fail(ErrorCode::kCorrupt, fmt::format("{}: snapshot {}: {}", impl_->path, content_hash,
                                                 body.error().message));
  }
  return std::optional<std::string>(std::move(*body));
}

Result<std::optional<StoredAnalysis>> AuditStore::LoadAnalysis(const std::string& content_hash,
                                                               const std::string& variant) {
  StoredAnalysis out;
  std::string compressed;
  size_t raw_size = 0;
  {
    Impl::ReadHold held;
    auto sel = Stmt::Prepare(impl_->ReadDb(held),
                             "SELECT content_type, content_type_header, raw_size, zstd "
                             "FROM analyses WHERE content_hash = ? AND variant = ?");
    if (!sel) return Unexpected(sel.error());
    sel->Bind(1, content_hash).Bind(2, variant);
    auto row = sel->Step();
    if (!row) return Unexpected(row.error());
    if (!*row) return std::optional<StoredAnalysis>();
    out.content_type = sel->Text(0);
    out.content_type_header = sel->Text(1);
    raw_size = static_cast<size_t>(sel->Int(2));
    compressed = sel->Blob(3);
  }
  // Decompressed outside the lock: the other analysis threads read meanwhile.
  auto data = internal::DecompressSnapshot(compressed, raw_size);
  if (!data) {
    return Fail(ErrorCode::kCorrupt, fmt::format("{}: analysis of {}: {}", impl_->path,
                                                 content_hash, data.error().message));
  }
  out.variant = variant;
  out.data = std::move(*data);
  return std::optional<StoredAnalysis>(std::move(out));
}

Result<std::optional<crawler::FetchedPage>> AuditStore::LoadAuditPage(int64_t audit_id,
                                                                      const std::string& url) {
  std::lock_guard lock(impl_->mu);
  return internal::ReadAuditPage(impl_->db, audit_id, url);
}

Result<std::vector<std::string>> AuditStore::AuditPageUrls(int64_t audit_id) {
  if (auto s = Flush(); !s) return Unexpected(s.error());
  std::lock_guard lock(impl_->mu);
  auto sel = Stmt::Prepare(impl_->db,
                           "SELECT p.url FROM fetches f JOIN pages p ON p.id = f.page_id "
                           "WHERE f.audit_id = ? ORDER BY f.id");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id);
  std::vector<std::string> urls;
  if (auto s = sel->ForEachRow([&] { urls.push_back(sel->Text(0)); }); !s) {
    return Unexpected(s.error());
  }
  return urls;
}

}  // namespace sightline::storage
