// The database schema and its forward migrations, one step per version (PRAGMA user_version).
// v1: sites, audits, pages, snapshots, fetches, mentions, findings, occurrences.
// v2: archive_cache (archive look-ups) and finding_acks (`sightline ack`).
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
