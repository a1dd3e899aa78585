// Retention (`--keep N`): old audits of a site go with their fetches, mentions and
// occurrences; snapshots, their stored analyses, pages and finding texts nothing refers to any
// more go too.
// Findings rows stay, so first_seen survives and a finding that comes back is not "first seen"
// again. The newest complete audit is always kept: the next audit's lifecycle compares against it.
#include <fmt/format.h>

#include "storage/audit_store.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

Status AuditStore::Prune(const std::string& site, int keep) {
  if (keep < 1) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--keep must be at least 1, not {}", keep));
  }
  std::lock_guard lock(impl_->mu);
  auto& db = impl_->db;
  auto site_id = internal::FindSiteId(db, site);
  if (!site_id) return Unexpected(site_id.error());
  if (!*site_id) return Ok();
  auto latest_complete = internal::PreviousCompleteAudit(db, **site_id, 0);
  if (!latest_complete) return Unexpected(latest_complete.error());

  auto tx = internal::Transaction::Begin(db);
  if (!tx) return Unexpected(tx.error());
  auto del = internal::Stmt::Prepare(
      db,
      "DELETE FROM audits WHERE site_id = ?1 AND state <> 'running' AND id <> ?2 AND id NOT IN "
      "(SELECT id FROM audits WHERE site_id = ?1 ORDER BY id DESC LIMIT ?3)");
  if (!del) return Unexpected(del.error());
  del->Bind(1, **site_id).Bind(2, latest_complete->value_or(0)).Bind(3, keep);
  if (auto s = del->Run(); !s) return s;
  const int deleted = db.Changes();
  if (deleted > 0) {
    if (auto s = db.Exec("DELETE FROM snapshots WHERE NOT EXISTS (SELECT 1 FROM fetches f "
                         "WHERE f.content_hash = snapshots.content_hash)");
        !s) {
      return s;
    }
    if (auto s = db.Exec("DELETE FROM analyses WHERE NOT EXISTS (SELECT 1 FROM fetches f "
                         "WHERE f.content_hash = analyses.content_hash)");
        !s) {
      return s;
    }
    if (auto s = db.Exec("DELETE FROM pages WHERE NOT EXISTS (SELECT 1 FROM fetches f "
                         "WHERE f.page_id = pages.id)");
        !s) {
      return s;
    }
    if (auto s = db.Exec("DELETE FROM finding_texts WHERE NOT EXISTS (SELECT 1 FROM "
                         "occurrences o WHERE o.text_id = finding_texts.id)");
        !s) {
      return s;
    }
  }
  return tx->Commit();
}

}  // namespace sightline::storage
