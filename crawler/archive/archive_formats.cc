#include "crawler/archive/archive_formats.h"

#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sightline::archive {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::sys_days;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;
// 2200-01-01T00:00:00Z: later time_t values would overflow WallTime.
constexpr time_t kMaxTime = 7258118400;

// Parses without throwing; a discarded value means the text is not JSON.
json ParseJson(std::string_view body) {
  return json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
}

std::string StringField(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

int StatusFromText(const std::string& text) {
  if (text.size() != 3) return 0;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "2024-02-20T13:05:00", "2024-02-20T13:05:00Z", "2024-02-20": the digits are a CDX timestamp.
bool ParseLooseIsoDate(std::string_view text, WallTime* out) {
  std::string digits;
  for (char c : text.substr(0, 19)) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits.size() >= 8 && ParseArchiveTimestamp(digits, out);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                        s.front() == '\n' || s.front() == ',')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n' || s.back() == ',')) {
    s.remove_suffix(1);
  }
  return s;
}

bool RelHasMemento(std::string_view rel) {
  // rel is a space-separated list of relation types ("first memento", "memento").
  size_t pos = 0;
  while (pos < rel.size()) {
    size_t end = rel.find(' ', pos);
    if (end == std::string_view::npos) end = rel.size();
    if (rel.substr(pos, end - pos) == "memento") return true;
    pos = end + 1;
  }
  return false;
}

std::string ResolveAgainst(std::string_view base, const std::string& ref) {
  if (ref.find("://") != std::string::npos || base.empty()) return ref;
  std::string b(base);
  while (!b.empty() && b.back() == '/') b.pop_back();
  return ref.starts_with('/') ? b + ref : b + "/" + ref;
}

}  // namespace

bool ParseArchiveTimestamp(std::string_view text, WallTime* out) {
  if (text.size() < 4 || text.size() > 14 || text.size() % 2 != 0) return false;
  int parts[6] = {0, 1, 1, 0, 0, 0};  // year, month, day, hour, minute, second
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  parts[0] = std::stoi(std::string(text.substr(0, 4)));
  // WallTime counts nanoseconds in 64 bits (years 1678..2261); archives began in 1996.
  if (parts[0] < kMinYear || parts[0] > kMaxYear) return false;
  for (size_t i = 4, p = 1; i < text.size(); i += 2, ++p) {
    parts[p] = (text[i] - '0') * 10 + (text[i + 1] - '0');
  }
  const std::chrono::year_month_day ymd{std::chrono::year(parts[0]),
                                        std::chrono::month(static_cast<unsigned>(parts[1])),
                                        std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok() || parts[3] > 23 || parts[4] > 59 || parts[5] > 60) return false;
  // A leap second is read as the last ordinary second of its minute.
  if (parts[5] == 60) parts[5] = 59;
  *out = WallTime(sys_days(ymd)) + std::chrono::hours(parts[3]) + std::chrono::minutes(parts[4]) +
         std::chrono::seconds(parts[5]);
  return true;
}

std::string FormatArchiveTimestamp(WallTime t) {
  const auto day = std::chrono::floor<days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(t - day));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u%02d%02d%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

ParsedCopies ParseWaybackCdx(std::string_view body) {
  ParsedCopies result;
  const json doc = ParseJson(body);
  if (doc.is_discarded() || !doc.is_array()) {
    result.error = "not a JSON array";
    return result;
  }
  if (doc.empty()) return result;
  const json& header = doc[0];
  if (!header.is_array()) {
    result.error = "first row is not a header";
    return result;
  }
  int col_time = -1, col_original = -1, col_status = -1, col_digest = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    if (!header[i].is_string()) continue;
    const std::string& name = header[i].get_ref<const std::string&>();
    if (name == "timestamp") col_time = static_cast<int>(i);
    if (name == "original") col_original = static_cast<int>(i);
    if (name == "statuscode") col_status = static_cast<int>(i);
    if (name == "digest") col_digest = static_cast<int>(i);
  }
  if (col_time < 0 || col_original < 0) {
    result.error = "header row lacks timestamp/original";
    return result;
  }
  auto cell = [](const json& row, int col) -> std::string {
    if (col < 0 || static_cast<size_t>(col) >= row.size() || !row[col].is_string()) return {};
    return row[col].get<std::string>();
  };
  for (size_t r = 1; r < doc.size(); ++r) {
    const json& row = doc[r];
    ArchivedCopy copy;
    if (!row.is_array() || !ParseArchiveTimestamp(cell(row, col_time), &copy.captured_at)) {
      ++result.skipped;
      continue;
    }
    copy.original = cell(row, col_original);
    if (copy.original.empty()) {
      ++result.skipped;
      continue;
    }
    copy.status = StatusFromText(cell(row, col_status));
    copy.digest = cell(row, col_digest);
    if (copy.digest == "-") copy.digest.clear();
    result.copies.push_back(std::move(copy));
  }
  return result;
}

ParsedCopies ParseWaybackAvailability(std::string_view body) {
  ParsedCopies result;
  const json doc = ParseJson(body);
  if (doc.is_discarded() || !doc.is_object()) {
    result.error = "not a JSON object";
    return result;
  }
  auto snapshots = doc.find("archived_snapshots");
  if (snapshots == doc.end() || !snapshots->is_object()) {
    result.error = "no archived_snapshots";
    return result;
  }
  auto closest = snapshots->find("closest");
  if (closest == snapshots->end()) return result;  // nothing archived
  if (!closest->is_object()) {
    ++result.skipped;
    return result;
  }
  auto available = closest->find("available");
  if (available != closest->end() && available->is_boolean() && !available->get<bool>()) {
    return result;
  }
  ArchivedCopy copy;
  if (!ParseArchiveTimestamp(StringField(*closest, "timestamp"), &copy.captured_at)) {
    ++result.skipped;
    return result;
  }
  copy.status = StatusFromText(StringField(*closest, "status"));
  copy.url = StringField(*closest, "url");
  // The availability URL is the replay URL "<base>/web/<timestamp>/<original>".
  const std::string marker = "/web/" + StringField(*closest, "timestamp") + "/";
  if (size_t at = copy.url.find(marker); at != std::string::npos) {
    copy.original = copy.url.substr(at + marker.size());
  }
  result.copies.push_back(std::move(copy));
  return result;
}

bool CrawlRangeFromId(std::string_view id, WallTime* from, WallTime* to) {
  constexpr std::string_view kPrefix = "CC-MAIN-";
  if (!id.starts_with(kPrefix)) return false;
  std::string_view rest = id.substr(kPrefix.size());
  auto all_digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  auto year_start = [](int y) { return WallTime(sys_days(std::chrono::year(y) / 1 / 1)); };
  if (rest.size() == 4 && all_digits(rest)) {  // CC-MAIN-2012
    const int y = std::stoi(std::string(rest));
    if (y < kMinYear || y >= kMaxYear) return false;
    *from = year_start(y);
    *to = year_start(y + 1) - std::chrono::seconds(1);
    return true;
  }
  if (rest.size() != 7 && rest.size() != 9) return false;
  if (rest[4] != '-' || !all_digits(rest.substr(0, 4)) || !all_digits(rest.substr(5))) {
    return false;
  }
  const int y = std::stoi(std::string(rest.substr(0, 4)));
  const int second = std::stoi(std::string(rest.substr(5)));
  if (y < kMinYear || y >= kMaxYear || (rest.size() == 9 && second >= kMaxYear)) return false;
  if (rest.size() == 9) {  // CC-MAIN-2008-2009
    if (second < y) return false;
    *from = year_start(y);
    *to = year_start(second + 1) - std::chrono::seconds(1);
    return true;
  }
  if (second < 1 || second > 53) return false;
  // ISO 8601 week 1 is the week with 4 January in it; weeks start on Monday.
  const sys_days jan4 = sys_days(std::chrono::year(y) / 1 / 4);
  const unsigned iso_weekday = std::chrono::weekday(jan4).iso_encoding();  // Mon=1..Sun=7
  const sys_days monday = jan4 - days(iso_weekday - 1) + days(7 * (second - 1));
  *from = WallTime(monday - days(28));
  *to = WallTime(monday + days(7)) - std::chrono::seconds(1);
  return true;
}

ParsedCrawls ParseCollInfo(std::string_view body) {
  ParsedCrawls result;
  const json doc = ParseJson(body);
  if (doc.is_discarded() || !doc.is_array()) {
    result.error = "not a JSON array";
    return result;
  }
  for (const json& entry : doc) {
    if (!entry.is_object()) {
      ++result.skipped;
      continue;
    }
    CrawlInfo crawl;
    crawl.id = StringField(entry, "id");
    crawl.name = StringField(entry, "name");
    crawl.cdx_api = StringField(entry, "cdx-api");
    crawl.timegate = StringField(entry, "timegate");
    if (crawl.id.empty()) {
      ++result.skipped;
      continue;
    }
    if (ParseLooseIsoDate(StringField(entry, "from"), &crawl.from) &&
        ParseLooseIsoDate(StringField(entry, "to"), &crawl.to) && crawl.from <= crawl.to) {
      crawl.has_range = true;
      // A date without a time means the whole last day.
      if (StringField(entry, "to").size() <= 10) crawl.to += days(1) - std::chrono::seconds(1);
    } else {
      crawl.has_range = CrawlRangeFromId(crawl.id, &crawl.from, &crawl.to);
    }
    result.crawls.push_back(std::move(crawl));
  }
  return result;
}

ParsedCopies ParseCommonCrawlIndex(std::string_view body) {
  ParsedCopies result;
  size_t pos = 0;
  int lines = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = Trim(body.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    ++lines;
    const json entry = ParseJson(line);
    ArchivedCopy copy;
    if (entry.is_discarded() || !entry.is_object() ||
        !ParseArchiveTimestamp(StringField(entry, "timestamp"), &copy.captured_at)) {
      ++result.skipped;
      continue;
    }
    copy.original = StringField(entry, "url");
    copy.status = StatusFromText(StringField(entry, "status"));
    copy.digest = StringField(entry, "digest");
    result.copies.push_back(std::move(copy));
  }
  if (lines > 0 && result.copies.empty()) result.error = "no line is a capture record";
  return result;
}

ParsedCopies ParseMementoTimeMap(std::string_view body, std::string_view base) {
  ParsedCopies result;
  size_t pos = 0;
  int links_with_rel = 0;  // HTML also has '<...>'; only a link with a rel makes a TimeMap
  while (true) {
    const size_t open = body.find('<', pos);
    if (open == std::string_view::npos) break;
    const size_t close = body.find('>', open + 1);
    if (close == std::string_view::npos) {
      ++result.skipped;
      break;
    }
    const std::string target(Trim(body.substr(open + 1, close - open - 1)));
    // Parameters run to the next '<' that is outside a quoted value.
    size_t i = close + 1;
    bool quoted = false;
    std::string rel, datetime, key, value;
    bool in_value = false;
    auto finish_param = [&] {
      const std::string_view k = Trim(key);
      if (k == "rel") rel = value;
      if (k == "datetime") datetime = value;
      key.clear();
      value.clear();
      in_value = false;
    };
    for (; i < body.size(); ++i) {
      const char c = body[i];
      if (quoted) {
        if (c == '"') {
          quoted = false;
        } else {
          value.push_back(c);
        }
        continue;
      }
      if (c == '<') break;
      if (c == '"') {
        quoted = true;
      } else if (c == ';' || c == ',') {
        finish_param();
      } else if (c == '=' && !in_value) {
        in_value = true;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        (in_value ? value : key).push_back(c);
      }
    }
    finish_param();
    pos = i;
    if (!rel.empty()) ++links_with_rel;
    if (!RelHasMemento(rel)) continue;
    const time_t when = datetime.empty() ? -1 : curl_getdate(datetime.c_str(), nullptr);
    if (target.empty() || when < 0 || when > kMaxTime) {
      ++result.skipped;
      continue;
    }
    ArchivedCopy copy;
    copy.captured_at = std::chrono::system_clock::from_time_t(when);
    copy.url = ResolveAgainst(base, target);
    result.copies.push_back(std::move(copy));
  }
  if (links_with_rel == 0 && !Trim(body).empty()) result.error = "not a link-format TimeMap";
  return result;
}

}  // namespace sightline::archive
