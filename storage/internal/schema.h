// The database schema and its forward migrations, one step per version (PRAGMA user_version).
// v1: sites, audits, pages, snapshots, fetches, mentions, findings, occurrences.
// v2: archive_cache (archive look-ups) and finding_acks (`sightline ack`).
// v3: analyses (per-page analyses reused for unchanged bodies).
// v4: occurrences_history (the report's per-audit counts).
// v5: finding_texts (occurrence texts stored once per distinct content).
// v6: page_mentions (a fetch's mentions as one JSON array instead of a row each).
// Each step runs in its own transaction, so a crash mid-migration leaves the previous version.
#pragma once

#include "common/result.h"
#include "storage/internal/sqlite.h"

namespace sightline::storage::internal {

Result<int> SchemaVersion(Db& db);

// Migrates the database from its version up to `target` (tests build older files with a lower
// target). kCorrupt when the file is newer than this build or is not a sightline database.
Status Migrate(Db& db, int target);

}  // namespace sightline::storage::internal
