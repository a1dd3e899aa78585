#include "storage/audit_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <utility>

#include "common/logging.h"
#include "storage/internal/codec.h"
#include "storage/internal/schema.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

namespace {

using internal::Stmt;

// The database holds patient-related snippets: owner-only, whatever the umask or an older
// version left behind.
Status RestrictMode(const std::string& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) return Ok();
    return Fail(ErrorCode::kIo, fmt::format("cannot stat {}: {}", file, std::strerror(errno)));
  }
  if ((st.st_mode & 077) == 0) return Ok();
  if (::chmod(file.c_str(), 0600) != 0) {
    return Fail(ErrorCode::kIo, fmt::format("{} is readable by others and cannot be made "
                                            "private: {}",
                                            file, std::strerror(errno)));
  }
  return Ok();
}

Status CreateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Fail(ErrorCode::kIo,
                fmt::format("cannot open or create database {}: {}", path, std::strerror(errno)));
  }
  ::close(fd);
  return Ok();
}

Status Pragmas(internal::Db& db, const OpenOptions& o) {
  if (auto s = db.Exec(fmt::format("PRAGMA busy_timeout = {}", o.busy_timeout.count())); !s) {
    return s;
  }
  if (auto s = db.Exec("PRAGMA foreign_keys = ON"); !s) return s;
  if (o.read_only) return Ok();
  // Switching a new file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY
  // without its busy handler when another process is opening the same new file: retry
  // within the busy timeout.
  const auto deadline = std::chrono::steady_clock::now() + o.busy_timeout;
  while (true) {
    auto wal = Stmt::Prepare(db, "PRAGMA journal_mode = WAL");
    Result<bool> row = wal ? wal->Step() : Result<bool>(Unexpected(wal.error()));
    if (row && *row && wal->Text(0) == "wal") break;
    if (std::chrono::steady_clock::now() >= deadline) {
      if (!row) return Unexpected(row.error());
      return Fail(ErrorCode::kIo, fmt::format("cannot switch {} to WAL mode", db.path()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // WAL + NORMAL: a killed process loses nothing committed; power loss may lose the last
  // batches but never consistency.
  if (auto s = db.Exec("PRAGMA synchronous = NORMAL"); !s) return s;
  if (o.max_page_count > 0) {
    if (auto s = db.Exec(fmt::format("PRAGMA max_page_count = {}", o.max_page_count)); !s) {
      return s;
    }
  }
  return Ok();
}

}  // namespace

AuditStore::AuditStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AuditStore::~AuditStore() {
  // Joins the writer first: it writes what is still queued.
  impl_->writer.reset();
}

const std::string& AuditStore::path() const { return impl_->path; }

Result<std::unique_ptr<AuditStore>> AuditStore::Open(const std::string& path,
                                                     const OpenOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  if (options.read_only) {
    if (::access(path.c_str(), R_OK) != 0) {
      return Fail(ErrorCode::kIo,
                  fmt::format("cannot read database {}: {}", path, std::strerror(errno)));
    }
  } else {
    if (auto s = CreateFile(path); !s) return Unexpected(s.error());
    for (const char* suffix : {"", "-wal", "-shm"}) {
      if (auto s = RestrictMode(path + suffix); !s) return Unexpected(s.error());
    }
  }
  auto db = internal::Db::Open(path, options.read_only);
  if (!db) return Unexpected(db.error());
  impl->db = std::move(*db);
  if (auto s = Pragmas(impl->db, options); !s) return Unexpected(s.error());
  if (options.read_only) {
    auto v = internal::SchemaVersion(impl->db);
    if (!v) return Unexpected(v.error());
    if (*v != kSchemaVersion) {
      return Fail(ErrorCode::kCorrupt,
                  fmt::format("database {} has schema version {}, this sightline reads {}; open "
                              "it once read-write to migrate",
                              path, *v, kSchemaVersion));
    }
  } else {
    if (auto s = internal::Migrate(impl->db, kSchemaVersion); !s) return Unexpected(s.error());
    for (const char* suffix : {"-wal", "-shm"}) {
      if (auto s = RestrictMode(path + suffix); !s) return Unexpected(s.error());
    }
    // Optional: without them, reads share the writer's connection (slower, same results).
    auto readers = std::make_unique<internal::ReaderPool>(path, options.busy_timeout);
    if (readers->Acquire()) impl->readers = std::move(readers);
  }
  Impl* raw = impl.get();
  impl->writer = std::make_unique<internal::PageWriter>(
      [raw](std::vector<internal::PendingPage>& batch) { return raw->WriteBatch(batch); },
      options.batch_pages, options.batch_interval, options.max_queued_bytes);
  return std::unique_ptr<AuditStore>(new AuditStore(std::move(impl)));
}

Status AuditStore::Impl::WriteBatch(std::vector<internal::PendingPage>& batch) {
  std::lock_guard lock(mu);
  auto tx = internal::Transaction::Begin(db);
  if (!tx) return Unexpected(tx.error());
  for (const auto& page : batch) {
    if (auto s = internal::WritePage(db, page); !s) return s;
  }
  return tx->Commit();
}

Result<int64_t> AuditStore::BeginAudit(const std::string& site, const std::string& options_json,
                                       WallTime now) {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->lock.held()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("this store is already writing audit {}", *impl_->locked_audit));
    }
  }
  // Waiting for another process's audit must not block this store's readers and writer.
  auto audit_lock = internal::AuditLock::Acquire(impl_->path, impl_->options.lock_wait);
  if (!audit_lock) return Unexpected(audit_lock.error());
  std::lock_guard lock(impl_->mu);
  auto tx = internal::Transaction::Begin(impl_->db);
  if (!tx) return Unexpected(tx.error());
  auto ins_site = Stmt::Prepare(impl_->db,
                                "INSERT INTO sites(url) VALUES (?) "
                                "ON CONFLICT(url) DO NOTHING");
  if (!ins_site) return Unexpected(ins_site.error());
  if (auto s = ins_site->Bind(1, site).Run(); !s) return Unexpected(s.error());
  auto site_id = internal::FindSiteId(impl_->db, site);
  if (!site_id) return Unexpected(site_id.error());
  auto ins = Stmt::Prepare(impl_->db,
                           "INSERT INTO audits(site_id, options_json, started_at, "
                           "state) VALUES (?, ?, ?, 'running')");
  if (!ins) return Unexpected(ins.error());
  if (auto s = ins->Bind(1, **site_id).Bind(2, options_json).Bind(3, FormatIso8601(now)).Run();
      !s) {
    return Unexpected(s.error());
  }
  const int64_t audit_id = impl_->db.LastInsertId();
  if (auto s = tx->Commit(); !s) return Unexpected(s.error());
  impl_->lock = std::move(*audit_lock);
  impl_->locked_audit = audit_id;
  return audit_id;
}

Status AuditStore::ResumeAudit(int64_t audit_id) {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->lock.held()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("this store is already writing audit {}", *impl_->locked_audit));
    }
  }
  // Waiting for another process's audit must not block this store's readers and writer.
  auto audit_lock = internal::AuditLock::Acquire(impl_->path, impl_->options.lock_wait);
  if (!audit_lock) return Unexpected(audit_lock.error());
  std::lock_guard lock(impl_->mu);
  auto upd = Stmt::Prepare(impl_->db,
                           "UPDATE audits SET state = 'running', finished_at = NULL "
                           "WHERE id = ? AND state IN ('interrupted', 'running')");
  if (!upd) return Unexpected(upd.error());
  if (auto s = upd->Bind(1, audit_id).Run(); !s) return s;
  if (impl_->db.Changes() == 0) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("audit {} is not an interrupted audit in {}", audit_id, impl_->path));
  }
  impl_->lock = std::move(*audit_lock);
  impl_->locked_audit = audit_id;
  return Ok();
}

Result<std::optional<int64_t>> AuditStore::FindInterruptedAudit(const std::string& site) {
  std::lock_guard lock(impl_->mu);
  if (!impl_->options.read_only) {
    if (auto s = impl_->MarkStaleLocked(); !s) return Unexpected(s.error());
  }
  auto sel = Stmt::Prepare(
      impl_->db,
      "SELECT a.id FROM audits a JOIN sites s ON s.id = a.site_id WHERE s.url = ? AND "
      "a.state = 'interrupted' AND a.id > (SELECT coalesce(max(c.id), 0) FROM audits c "
      "WHERE c.site_id = a.site_id AND c.state = 'complete') ORDER BY a.id DESC LIMIT 1");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(sel->Int(0));
}

Status AuditStore::MarkStaleAuditsInterrupted() {
  std::lock_guard lock(impl_->mu);
  return impl_->MarkStaleLocked();
}

Status AuditStore::Impl::MarkStaleLocked() {
  internal::AuditLock probe;
  if (!lock.held()) {
    auto acquired = internal::AuditLock::Acquire(path, std::chrono::milliseconds(0));
    if (!acquired) {
      if (acquired.error().code == ErrorCode::kBusy) return Ok();  // its audit is alive
      return Unexpected(acquired.error());
    }
    probe = std::move(*acquired);
  }
  auto upd = Stmt::Prepare(db,
                           "UPDATE audits SET state = 'interrupted' "
                           "WHERE state = 'running' AND id <> ?");
  if (!upd) return Unexpected(upd.error());
  return upd->Bind(1, locked_audit.value_or(0)).Run();
}

Status AuditStore::AbandonAudit(int64_t audit_id, WallTime now) {
  Status flushed = Flush();
  std::lock_guard lock(impl_->mu);
  auto upd = Stmt::Prepare(impl_->db,
                           "UPDATE audits SET state = 'interrupted', finished_at = ? "
                           "WHERE id = ? AND state = 'running'");
  if (!upd) return Unexpected(upd.error());
  Status s = upd->Bind(1, FormatIso8601(now)).Bind(2, audit_id).Run();
  if (impl_->locked_audit == audit_id) {
    impl_->lock.Release();
    impl_->locked_audit.reset();
  }
  if (!flushed) return flushed;
  return s;
}

namespace {

std::vector<analyzer::Mention> MentionsToStore(const OpenOptions& options,
                                               const std::vector<analyzer::Mention>& mentions) {
  std::vector<analyzer::Mention> out = mentions;
  if (options.redact_text) {
    for (auto& m : out) {
      m.text = options.redact_text(m.text);
      m.normalized = options.redact_text(m.normalized);
    }
  }
  return out;
}

}  // namespace

Status AuditStore::RecordPage(int64_t audit_id, const crawler::FetchedPage& page,
                              const PageMeta& meta,
                              const std::vector<analyzer::Mention>& mentions) {
  return impl_->writer->Enqueue(
      internal::PendingPage{audit_id, page, meta, MentionsToStore(impl_->options, mentions)});
}

Status AuditStore::RecordPage(int64_t audit_id, crawler::FetchedPage&& page, const PageMeta& meta,
                              const std::vector<analyzer::Mention>& mentions) {
  return impl_->writer->Enqueue(internal::PendingPage{audit_id, std::move(page), meta,
                                                      MentionsToStore(impl_->options, mentions)});
}

Status AuditStore::Flush() { return impl_->writer->Flush(); }

Result<std::optional<crawler::Validators>> AuditStore::LoadValidators(const std::string& site,
                                                                      const std::string& url) {
  Impl::ReadHold held;
  auto sel = Stmt::Prepare(
      impl_->ReadDb(held),
      "SELECT f.etag, f.last_modified FROM fetches f JOIN pages p ON p.id = f.page_id "
      "JOIN sites s ON s.id = p.site_id WHERE s.url = ? AND p.url = ? AND "
      "f.content_hash IS NOT NULL ORDER BY f.audit_id DESC LIMIT 1");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site).Bind(2, url);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row || (sel->Text(0).empty() && sel->Text(1).empty())) {
    return std::optional<crawler::Validators>();
  }
  return std::optional<crawler::Validators>(crawler::Validators{sel->Text(0), sel->Text(1)});
}

Result<std::optional<std::string>> AuditStore::LoadLatestBody(const std::string& site,
                                                              const std::string& url) {
  std::lock_guard lock(impl_->mu);
  auto sel = Stmt::Prepare(
      impl_->db,
      "SELECT sn.raw_size, sn.zstd FROM fetches f JOIN pages p ON p.id = f.page_id "
      "JOIN sites s ON s.id = p.site_id JOIN snapshots sn ON sn.content_hash = f.content_hash "
      "WHERE s.url = ? AND p.url = ? ORDER BY f.audit_id DESC LIMIT 1");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site).Bind(2, url);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  auto body = internal::DecompressSnapshot(sel->Blob(1), static_cast<size_t>(sel->Int(0)));
  if (!body) {
    return Fail(ErrorCode::kCorrupt,
                fmt::format("{}: stored copy of {}: {}", impl_->path, url, body.error().message));
  }
  return std::optional<std::string>(std::move(*body));
}

Result<std::vector<crawler::FetchedPage>> AuditStore::LoadAuditPages(int64_t audit_id) {
  std::vector<crawler::FetchedPage> pages;
  auto s = ForEachAuditPage(audit_id, [&](crawler::FetchedPage page) {
    pages.push_back(std::move(page));
    return Ok();
  });
  if (!s) return Unexpected(s.error());
  return pages;
}

Status AuditStore::ForEachAuditPage(int64_t audit_id,
                                    const std::function<Status(crawler::FetchedPage page)>& fn) {
  if (auto s = Flush(); !s) return s;
  constexpr int kChunk = 32;
  int64_t after = 0;
  while (true) {
    Result<std::vector<crawler::FetchedPage>> chunk;
    {
      std::lock_guard lock(impl_->mu);
      chunk = internal::ReadAuditPages(impl_->db, audit_id, after, kChunk, &after);
    }
    if (!chunk) return Unexpected(chunk.error());
    for (auto& page : *chunk) {
      if (auto s = fn(std::move(page)); !s) return s;
    }
    if (chunk->size() < static_cast<size_t>(kChunk)) return Ok();
  }
}

Status AuditStore::Acknowledge(const std::string& finding_id, const std::string& note,
                               WallTime now) {
  std::lock_guard lock(impl_->mu);
  auto has = Stmt::Prepare(impl_->db, "SELECT 1 FROM findings WHERE fingerprint = ?");
  if (!has) return Unexpected(has.error());
  has->Bind(1, finding_id);
  auto row = has->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) {
    return Fail(ErrorCode::kNotFound, fmt::format("no finding {} in {}", finding_id, impl_->path));
  }
  auto ins = Stmt::Prepare(impl_->db,
                           "INSERT INTO finding_acks(fingerprint, note, acked_at) VALUES (?, ?, ?) "
                           "ON CONFLICT(fingerprint) DO UPDATE SET note = excluded.note, "
                           "acked_at = excluded.acked_at");
  if (!ins) return Unexpected(ins.error());
  return ins->Bind(1, finding_id).Bind(2, note).Bind(3, FormatIso8601(now)).Run();
}

}  // namespace sightline::storage
