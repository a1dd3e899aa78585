// Reads a SQLite file the way a curious person would — every text value of a table, the first
// column of a query, the integrity check — so tests can check what the database does (or does
// not) hold, also while another process writes it. Test support only; read-only access.
#pragma once

#include <sqlite3.h>

#include <string>

namespace sightline::testing {

// Every TEXT value of every row of `table` in the database at `path`, one per line; empty when
// the file or table cannot be read.
inline std::string SqliteTableText(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = "SELECT * FROM " + table;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        if (sqlite3_column_type(stmt, c) != SQLITE_TEXT) continue;
        out += reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        out += '\n';
      }
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

// The first column of every row `sql` returns, one per line (NULL as an empty line); empty
// when the file cannot be opened or the statement fails. Waits up to 2 s for a writer.
inline std::string SqliteQueryLines(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* value = sqlite3_column_text(stmt, 0);
      if (value != nullptr) out += reinterpret_cast<const char*>(value);
      out += '\n';
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

// PRAGMA integrity_check's verdict: "ok" for a sound file, SQLite's findings otherwise, ""
// when the file cannot be opened.
inline std::string SqliteIntegrityCheck(const std::string& path) {
  std::string verdict = SqliteQueryLines(path, "PRAGMA integrity_check");
  if (!verdict.empty() && verdict.back() == '\n') verdict.pop_back();
  return verdict;
}

}  // namespace sightline::testing
