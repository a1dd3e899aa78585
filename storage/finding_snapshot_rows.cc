// Which stored bodies of a page contained a finding: the archive look-up compares their
// digests with the captures an archive reports, so a capture of exactly that content is
// matched even when its date falls outside the finding's exposure window.
#include "storage/audit_store.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

using internal::Stmt;

Result<std::vector<std::string>> AuditStore::SnapshotHashesWithFinding(
    int64_t audit_id, const std::string& fingerprint, const std::string& page_url) {
  std::lock_guard lock(impl_->mu);
  // Audits up to `audit_id` of the same site in which the finding was present (new or
  // persisting), and the page's fetch in each: its own body or, for a 304, the stored one.
  auto sel = Stmt::Prepare(impl_->db,
                           "SELECT DISTINCT fe.content_hash FROM findings f "
                           "JOIN occurrences o ON o.finding_id = f.id AND o.status != 'resolved' "
                           "JOIN fetches fe ON fe.audit_id = o.audit_id "
                           "JOIN pages p ON p.id = fe.page_id "
                           "WHERE f.site_id = (SELECT site_id FROM audits WHERE id = ?1) "
                           "AND f.fingerprint = ?2 AND o.audit_id <= ?1 "
                           "AND (p.url = ?3 OR fe.final_url = ?3) "
                           "AND fe.content_hash IS NOT NULL "
                           "AND fe.content_hash IN (SELECT content_hash FROM snapshots) "
                           "ORDER BY fe.content_hash");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id).Bind(2, fingerprint).Bind(3, page_url);
  std::vector<std::string> hashes;
  Status rows = sel->ForEachRow([&] { hashes.push_back(sel->Text(0)); });
  if (!rows) return Unexpected(rows.error());
  return hashes;
}

}  // namespace sightline::storage
