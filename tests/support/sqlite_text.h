// Reads a SQLite file the way a curious person would: every text value of a table, so tests
// can check what the database does (or does not) hold. Test support only; read-only access.
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

}  // namespace sightline::testing
