#include "storage/internal/schema.h"

#include <fmt/format.h>

#include "storage/audit_store.h"
#include "storage/internal/finding_texts.h"

namespace sightline::storage::internal {

namespace {

// Timestamps are ISO 8601 UTC text ("2026-11-24T20:02:35Z"), which sorts chronologically.
// findings.*_audit carry no foreign key: Prune deletes old audits but keeps findings history.
constexpr const char* kV1 = R"sql(
CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE
);
CREATE TABLE audits (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  options_json TEXT NOT NULL DEFAULT '{}',
  started_at TEXT NOT NULL,
  finished_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'interrupted')),
  pages_fetched INTEGER NOT NULL DEFAULT 0,
  pages_failed INTEGER NOT NULL DEFAULT 0,
  not_modified INTEGER NOT NULL DEFAULT 0,
  pages_skipped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX audits_by_site ON audits(site_id, id);
CREATE TABLE pages (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  url TEXT NOT NULL,
  UNIQUE (site_id, url)
);
CREATE TABLE snapshots (
  content_hash TEXT PRIMARY KEY,
  raw_size INTEGER NOT NULL,
  zstd BLOB NOT NULL
);
CREATE TABLE fetches (
  id INTEGER PRIMARY KEY,
  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  page_id INTEGER NOT NULL REFERENCES pages(id),
  status INTEGER NOT NULL,
  final_url TEXT NOT NULL,
  redirects_json TEXT NOT NULL DEFAULT '[]',
  headers_json TEXT NOT NULL DEFAULT '[]',
  content_type TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  content_hash TEXT REFERENCES snapshots(content_hash),
  not_modified INTEGER NOT NULL DEFAULT 0,
  indexable INTEGER NOT NULL DEFAULT 0,
  reasons_json TEXT NOT NULL DEFAULT '[]',
  discovered_by TEXT NOT NULL DEFAULT 'seed',
  title TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  modified TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  extra_json TEXT NOT NULL DEFAULT '{}',
  fetched_at TEXT NOT NULL,
  UNIQUE (audit_id, page_id)
);
CREATE INDEX fetches_by_page ON fetches(page_id, audit_id);
CREATE INDEX fetches_by_hash ON fetches(content_hash);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  fetch_id INTEGER NOT NULL REFERENCES fetches(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  text TEXT NOT NULL,
  normalized TEXT NOT NULL,
  block INTEGER NOT NULL,
  span_begin INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  hidden INTEGER NOT NULL,
  confidence REAL NOT NULL,
  prior REAL NOT NULL,
  attributes_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX mentions_by_fetch ON mentions(fetch_id);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  fingerprint TEXT NOT NULL,
  kind TEXT NOT NULL,
  first_seen_audit INTEGER NOT NULL,
  last_seen_audit INTEGER NOT NULL,
  resolved_audit INTEGER,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  earliest_page_date TEXT,
  ever_indexable INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, fingerprint)
);
CREATE INDEX findings_by_fingerprint ON findings(fingerprint);
CREATE TABLE occurrences (
  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  status TEXT NOT NULL CHECK (status IN ('new', 'persisting', 'resolved')),
  resolved_reason TEXT NOT NULL DEFAULT '',
  risk TEXT NOT NULL,
  k REAL NOT NULL,
  summary TEXT NOT NULL,
  details_json TEXT NOT NULL,
  pages_json TEXT NOT NULL,
  advice TEXT NOT NULL,
  indexable INTEGER NOT NULL,
  reasons_json TEXT NOT NULL DEFAULT '[]',
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  ever_indexable INTEGER NOT NULL,
  since_published INTEGER NOT NULL DEFAULT 0,
  previous_risk TEXT,
  PRIMARY KEY (audit_id, finding_id)
);
)sql";

constexpr const char* kV2 = R"sql(
CREATE TABLE archive_cache (
  archive TEXT NOT NULL,
  url TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (archive, url)
);
CREATE TABLE finding_acks (
  fingerprint TEXT PRIMARY KEY,
  note TEXT NOT NULL,
  acked_at TEXT NOT NULL
);
)sql";

// Per-page analyses reused when a page comes back unchanged (304, or a 200 with the same
// content hash): keyed by the body's hash and a variant naming the analyzer build, its data
// and the URL the body was analysed as. Pruned with the snapshots (no foreign key, so
// retention can delete in any order).
constexpr const char* kV3 = R"sql(
CREATE TABLE analyses (
  content_hash TEXT NOT NULL,
  variant TEXT NOT NULL,
  content_type TEXT NOT NULL DEFAULT '',
  content_type_header TEXT NOT NULL DEFAULT '',
  raw_size INTEGER NOT NULL,
  zstd BLOB NOT NULL,
  PRIMARY KEY (content_hash, variant)
);
)sql";

// Every report shows the site's history: per audit, its findings counted by status and risk.
// Read from the occurrence rows (~3 KB each, details inline) that took 0.1 s for ten audits
// of 7,221 findings and grew with every nightly audit kept; from this index it is 0.02 s.
constexpr const char* kV4 = R"sql(
CREATE INDEX occurrences_history ON occurrences(audit_id, status, risk);
)sql";

// Occurrence texts stored once per distinct content (finding_texts.h says why); the rows
// written inline before are moved by MoveOccurrenceTextsOut between the two halves.
constexpr const char* kV5Tables = R"sql(
CREATE TABLE finding_texts (
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL UNIQUE,
  summary TEXT NOT NULL,
  details_json TEXT NOT NULL,
  pages_json TEXT NOT NULL,
  advice TEXT NOT NULL,
  reasons_json TEXT NOT NULL
);
CREATE TABLE occurrences_v5 (
  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  status TEXT NOT NULL CHECK (status IN ('new', 'persisting', 'resolved')),
  resolved_reason TEXT NOT NULL DEFAULT '',
  risk TEXT NOT NULL,
  k REAL NOT NULL,
  indexable INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  ever_indexable INTEGER NOT NULL,
  since_published INTEGER NOT NULL DEFAULT 0,
  previous_risk TEXT,
  text_id INTEGER NOT NULL REFERENCES finding_texts(id),
  PRIMARY KEY (audit_id, finding_id)
);
)sql";
constexpr const char* kV5Swap = R"sql(
DROP TABLE occurrences;
ALTER TABLE occurrences_v5 RENAME TO occurrences;
CREATE INDEX occurrences_history ON occurrences(audit_id, status, risk);
CREATE INDEX occurrences_by_text ON occurrences(text_id);
)sql";

// A fetch's mentions in one row (mentions_codec.h says why and how to query them); the rows
// of `mentions` become one array per fetch. json_valid guards the attribute column, which
// only sightline wrote: a bad value becomes {} instead of failing the migration.
constexpr const char* kV6 = R"sql(
CREATE TABLE page_mentions (
  fetch_id INTEGER PRIMARY KEY REFERENCES fetches(id) ON DELETE CASCADE,
  mentions_json TEXT NOT NULL
);
INSERT INTO page_mentions(fetch_id, mentions_json)
  SELECT fetch_id, json_group_array(json_array(type, text, normalized, block, span_begin,
           span_end, json(CASE WHEN hidden THEN 'true' ELSE 'false' END), confidence, prior,
           json(CASE WHEN json_valid(attributes_json) THEN attributes_json ELSE '{}' END)))
  FROM (SELECT * FROM mentions ORDER BY fetch_id, id)
  GROUP BY fetch_id;
DROP TABLE mentions;
)sql";

Status V5(Db& db) {
  if (auto s = db.Exec(kV5Tables); !s) return s;
  if (auto s = MoveOccurrenceTextsOut(db); !s) return s;
  return db.Exec(kV5Swap);
}

// Step N takes a database from version N to N + 1.
Status RunStep(Db& db, int version) {
  switch (version) {
    case 0:
      return db.Exec(kV1);
    case 1:
      return db.Exec(kV2);
    case 2:
      return db.Exec(kV3);
    case 3:
      return db.Exec(kV4);
    case 4:
      return V5(db);
    case 5:
      return db.Exec(kV6);
    default:
      break;
  }
  return Fail(ErrorCode::kInternal, fmt::format("no migration from schema version {}", version));
}
static_assert(kSchemaVersion == 6, "RunStep needs a case for every version below kSchemaVersion");

}  // namespace

Result<int> SchemaVersion(Db& db) {
  auto stmt = Stmt::Prepare(db, "PRAGMA user_version");
  if (!stmt) return Unexpected(stmt.error());
  auto row = stmt->Step();
  if (!row) return Unexpected(row.error());
  return static_cast<int>(stmt->Int(0));
}

Status Migrate(Db& db, int target) {
  // The version is read inside each step's write transaction, so two processes opening a new
  // file at once do not both run the same step.
  while (true) {
    auto tx = Transaction::Begin(db);
    if (!tx) return Unexpected(tx.error());
    auto version = SchemaVersion(db);
    if (!version) return Unexpected(version.error());
    if (*version > kSchemaVersion) {
      return Fail(ErrorCode::kCorrupt,
                  fmt::format("database {} has schema version {}, newer than this sightline "
                              "({}); use a newer sightline",
                              db.path(), *version, kSchemaVersion));
    }
    if (*version >= target) return tx->Commit();
    if (*version == 0) {
      // An empty file is ours to initialise; any other database is not.
      auto tables = Stmt::Prepare(db, "SELECT count(*) FROM sqlite_schema");
      if (!tables) return Unexpected(tables.error());
      auto row = tables->Step();
      if (!row) return Unexpected(row.error());
      if (tables->Int(0) != 0) {
        return Fail(ErrorCode::kCorrupt,
                    fmt::format("{} is an SQLite database but not a sightline one", db.path()));
      }
    }
    if (auto s = RunStep(db, *version); !s) return s;
    if (auto s = db.Exec(fmt::format("PRAGMA user_version = {}", *version + 1)); !s) return s;
    if (auto s = tx->Commit(); !s) return s;
  }
}

}  // namespace sightline::storage::internal
