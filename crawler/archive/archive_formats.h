// Parsers for the archives' answers, without I/O: Wayback CDX server JSON (array of rows, the
// first row naming the fields) and availability API JSON, Common Crawl's collinfo.json and
// its pywb CDX index (NDJSON, one capture per line), and archive.today's Memento TimeMap
// (RFC 7089, application/link-format). They accept any input: a body that cannot be read
// at all sets `error`; unreadable single rows are counted in `skipped`. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"

namespace sightline::archive {

struct ArchivedCopy {
  WallTime captured_at;
  std::string original;  // the URL the archive fetched
  int status = 0;        // HTTP status it got; 0 when the format does not say
  std::string digest;    // base32 SHA-1 of the payload; empty when not given
  std::string url;       // replay/memento URL when the format gives one
};

struct ParsedCopies {
  std::vector<ArchivedCopy> copies;
  std::string error;  // non-empty: the body as a whole is not in the expected format
  int skipped = 0;    // rows or lines that could not be read
};

// "20240305123456" (Wayback / CDX 14-digit form; shorter prefixes such as "2024" or
// "20240305" mean the start of that period) <-> WallTime, UTC.
bool ParseArchiveTimestamp(std::string_view text, WallTime* out);
std::string FormatArchiveTimestamp(WallTime t);

// Wayback CDX server, output=json: [["timestamp","original","statuscode","digest"], [...]].
// Columns are found by the header row's names; `[]` (no captures) is a valid empty answer.
ParsedCopies ParseWaybackCdx(std::string_view body);

// Wayback availability API: {"archived_snapshots": {"closest": {"available": true, "url": ..,
// "timestamp": .., "status": "200"}}}; `{"archived_snapshots": {}}` is a valid empty answer.
ParsedCopies ParseWaybackAvailability(std::string_view body);

struct CrawlInfo {
  std::string id;        // "CC-MAIN-2024-10"
  std::string name;      // "February/March 2024 Index"
  std::string cdx_api;   // ".../CC-MAIN-2024-10-index"
  std::string timegate;  // ".../CC-MAIN-2024-10/"
  WallTime from, to;     // when the crawl ran (from the entry's from/to, else from the id)
  bool has_range = false;
};

struct ParsedCrawls {
  std::vector<CrawlInfo> crawls;
  std::string error;
  int skipped = 0;
};

// collinfo.json: [{"id", "name", "timegate", "cdx-api", optional "from", "to"}, ...].
ParsedCrawls ParseCollInfo(std::string_view body);

// The dates a crawl ran, estimated from its id when collinfo.json gives none:
// "CC-MAIN-YYYY-WW" is named after the ISO week its crawl ended in (crawls run up to about
// three weeks), so the range is four weeks before that week's Monday to its Sunday's end;
// "CC-MAIN-2008-2009" spans both years; "CC-MAIN-2012" the year. False for other ids.
bool CrawlRangeFromId(std::string_view id, WallTime* from, WallTime* to);

// Common Crawl CDX index, output=json: one JSON object per line with "timestamp", "url",
// "status", "digest" (and urlkey, mime, length, offset, filename, which are ignored).
ParsedCopies ParseCommonCrawlIndex(std::string_view body);

// Memento TimeMap in link format: entries `<URI>; rel="memento"; datetime="RFC 1123 date"`
// separated by commas (and usually newlines); rel may be "first memento", "last memento"...
// Entries without a memento rel (original, timegate, self, timemap) are ignored; mementos
// are resolved against `base` when relative.
ParsedCopies ParseMementoTimeMap(std::string_view body, std::string_view base = {});

}  // namespace sightline::archive
