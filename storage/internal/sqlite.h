// RAII wrappers for sqlite3* and sqlite3_stmt*, and the mapping of SQLite result codes to
// sightline errors (kIo naming the file and the cause, kBusy, kCorrupt). Internal to storage.
// Thread-safety: a Db is used under the owning store's mutex; a Stmt belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sightline::storage::internal {

class Db {
 public:
  Db() = default;
  ~Db();
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Opens an existing file (the caller created it with the right mode).
  static Result<Db> Open(const std::string& path, bool read_only);

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  // Error for SQLite result `rc` on this connection: "<what> <path>: <cause>".
  Error MakeError(int rc, std::string_view what) const;
  int64_t LastInsertId() const;
  int Changes() const;

 private:
  friend class Stmt;
  // Prepared statements not in use, by SQL text: Stmt::Prepare takes one back instead of
  // compiling the SQL again (preparing was ~13 % of a repeat audit's CPU). Guarded like the
  // rest of the Db: by the owning store's mutex.
  void FinalizeIdle();

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> idle_;
};

// A prepared statement. Bind* indexes are 1-based like SQLite's. Destroying it resets it and
// hands it back to its Db for the next Prepare of the same SQL.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  static Result<Stmt> Prepare(Db& db, std::string_view sql);

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& BindBlob(int i, std::string_view v);
  // Binds without a copy: `v` must outlive the next Step/Run.
  Stmt& BindBlobNoCopy(int i, std::string_view v);
  Stmt& BindNull(int i);
  Stmt& Bind(int i, const std::optional<int64_t>& v) { return v ? Bind(i, *v) : BindNull(i); }

  // true: a row is available; false: done.
  Result<bool> Step();
  // Steps through every row, calling `on_row()` (which reads this statement's columns) for
  // each; the first step error is returned.
  template <typename OnRow>
  Status ForEachRow(OnRow on_row) {
    while (true) {
      auto row = Step();
      if (!row) return Unexpected(row.error());
      if (!*row) return Ok();
      on_row();
    }
  }
  // Steps a statement that returns no rows (or ignores them) and resets it.
  Status Run();
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::string Blob(int col) const;
  std::optional<int64_t> OptInt(int col) const;

 private:
  Db* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Db& db);
  ~Transaction();
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_ = nullptr;
};

}  // namespace sightline::storage::internal
