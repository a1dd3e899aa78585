// The archive look-up cache table: (archive, url) -> JSON written by the archive client,
// stamped in Unix seconds so the time-to-live check is one comparison.
#include "storage/audit_store.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

using internal::Stmt;

Status AuditStore::PutArchiveCache(const std::string& archive, const std::string& url,
                                   const std::string& json, WallTime now) {
  std::lock_guard lock(impl_->mu);
  auto ins = Stmt::Prepare(impl_->db,
                           "INSERT INTO archive_cache(archive, url, fetched_at, json) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT(archive, url) DO UPDATE SET "
                           "fetched_at = excluded.fetched_at, json = excluded.json");
  if (!ins) return Unexpected(ins.error());
  const int64_t at =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return ins->Bind(1, archive).Bind(2, url).Bind(3, at).Bind(4, json).Run();
}

Result<std::optional<std::string>> AuditStore::GetArchiveCache(const std::string& archive,
                                                               const std::string& url, WallTime now,
                                                               std::chrono::hours ttl) {
  std::lock_guard lock(impl_->mu);
  auto sel = Stmt::Prepare(
      impl_->db, "SELECT fetched_at, json FROM archive_cache WHERE archive = ? AND url = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, archive).Bind(2, url);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  const WallTime stored{std::chrono::seconds(sel->Int(0))};
  if (now - stored > ttl) return std::optional<std::string>();
  return std::optional<std::string>(sel->Text(1));
}

}  // namespace sightline::storage
