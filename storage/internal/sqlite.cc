#include "storage/internal/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>
#include <utility>

namespace sightline::storage::internal {

namespace {

ErrorCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kBusy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kCorrupt;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_NOLFS:
    case SQLITE_AUTH:
      return ErrorCode::kIo;
    default:
      return ErrorCode::kInternal;
  }
}

}  // namespace

Db::~Db() {
  FinalizeIdle();
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

void Db::FinalizeIdle() {
  for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  idle_.clear();
}

Db::Db(Db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      idle_(std::move(other.idle_)) {
  other.idle_.clear();
}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    FinalizeIdle();
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    idle_ = std::move(other.idle_);
    other.idle_.clear();
  }
  return *this;
}

Result<Db> Db::Open(const std::string& path, bool read_only) {
  Db db;
  db.path_ = path;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_FULLMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = db.MakeError(rc, "cannot open database");
    return Unexpected(std::move(e));
  }
  sqlite3_extended_result_codes(db.db_, 1);
  return db;
}

Status Db::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (message != nullptr) sqlite3_free(message);
  if (rc != SQLITE_OK) return Unexpected(MakeError(rc, "cannot write database"));
  return Ok();
}

Error Db::MakeError(int rc, std::string_view what) const {
  std::string cause = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  int os_errno = db_ != nullptr ? sqlite3_system_errno(db_) : 0;
  if (os_errno != 0) cause += fmt::format(" ({})", std::strerror(os_errno));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      cause += "; another process is using the database";
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      cause += fmt::format(
          "; the file or its directory is not writable (SQLite needs to write "
          "{0}, {0}-wal and {0}-shm)",
          path_);
      break;
    case SQLITE_FULL:
      cause += "; free some disk space or prune old audits (--keep N)";
      break;
    default:
      break;
  }
  return Error{CodeFor(rc), fmt::format("{} {}: {}", what, path_, cause)};
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Db::Changes() const { return sqlite3_changes(db_); }

namespace {

// Resets a statement and parks it in its Db's idle set (or finalizes it when one with the
// same SQL is already parked).
void Release(Db* db, sqlite3_stmt* stmt, std::unordered_map<std::string, sqlite3_stmt*>* idle) {
  if (stmt == nullptr) return;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  const char* sql = sqlite3_sql(stmt);
  if (db == nullptr || idle == nullptr || sql == nullptr || !idle->emplace(sql, stmt).second) {
    sqlite3_finalize(stmt);
  }
}

}  // namespace

Stmt::~Stmt() { Release(db_, stmt_, db_ != nullptr ? &db_->idle_ : nullptr); }

Stmt::Stmt(Stmt&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    Release(db_, stmt_, db_ != nullptr ? &db_->idle_ : nullptr);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Result<Stmt> Stmt::Prepare(Db& db, std::string_view sql) {
  Stmt s;
  s.db_ = &db;
  if (auto it = db.idle_.find(std::string(sql)); it != db.idle_.end()) {
    s.stmt_ = it->second;
    db.idle_.erase(it);
    return s;
  }
  int rc =
      sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &s.stmt_, nullptr);
  if (rc != SQLITE_OK) return Unexpected(db.MakeError(rc, "cannot read database"));
  return s;
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlobNoCopy(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const int primary = rc & 0xff;
  const bool writing =
      !sqlite3_stmt_readonly(stmt_) || primary == SQLITE_READONLY || primary == SQLITE_FULL;
  Error e = db_->MakeError(rc, writing ? "cannot write database" : "cannot read database");
  sqlite3_reset(stmt_);
  return Unexpected(std::move(e));
}

Status Stmt::Run() {
  auto r = Step();
  Reset();
  if (!r) return Unexpected(r.error());
  return Ok();
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::string Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return std::string(static_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::optional<int64_t> Stmt::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

Result<Transaction> Transaction::Begin(Db& db) {
  auto s = db.Exec("BEGIN IMMEDIATE");
  if (!s) return Unexpected(s.error());
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Status Transaction::Commit() {
  Db* db = std::exchange(db_, nullptr);
  auto s = db->Exec("COMMIT");
  if (!s) {
    (void)db->Exec("ROLLBACK");
    return s;
  }
  return Ok();
}

}  // namespace sightline::storage::internal
