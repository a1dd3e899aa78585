#include "analyzer/extract/internal/dates.h"

#include <array>
#include <cctype>
#include <vector>

#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {
namespace {

// Exactly `n` ASCII digits at `pos`. More than 9 digits could overflow an int and is no date
// field anyway.
bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (n > 9 || pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

std::string FormatDate(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (EqualsIgnoreCase(name.substr(0, 3), kMonths[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Offset in minutes east of UTC for a zone token; false when unknown.
bool ZoneOffset(std::string_view zone, int* minutes) {
  if (zone.empty()) {
    *minutes = 0;
    return true;
  }
  if (zone[0] == '+' || zone[0] == '-') {
    std::string digits;
    for (char c : zone.substr(1)) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    if (digits.size() != 4 && digits.size() != 2) return false;
    const int h = std::stoi(digits.substr(0, 2));
    const int m = digits.size() == 4 ? std::stoi(digits.substr(2, 2)) : 0;
    *minutes = (zone[0] == '-' ? -1 : 1) * (h * 60 + m);
    return true;
  }
  struct Named {
    std::string_view name;
    int hours;
  };
  static constexpr Named kZones[] = {{"gmt", 0},  {"ut", 0},   {"utc", 0},  {"z", 0},
                                     {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                                     {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  for (const auto& z : kZones) {
    if (EqualsIgnoreCase(zone, z.name)) {
      *minutes = z.hours * 60;
      return true;
    }
  }
  return false;
}

std::optional<WallTime> Compose(int y, int mo, int d, int h, int mi, int s, int offset_min) {
  if (!ValidDate(y, mo, d) || h > 24 || mi > 59 || s > 60) return std::nullopt;
  // A WallTime counts nanoseconds; far-off years ("9999") would overflow it.
  if (y < kMinIso8601Year || y > kMaxIso8601Year) return std::nullopt;
  const long long days = DaysFromCivil(y, mo, d);
  const long long secs = days * 86400 + h * 3600 + mi * 60 + s - offset_min * 60LL;
  return WallTime(std::chrono::seconds(secs));
}

std::vector<std::string_view> Fields(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (IsAsciiSpace(s[i]) || s[i] == ',')) ++i;
    size_t j = i;
    while (j < s.size() && !IsAsciiSpace(s[j]) && s[j] != ',') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool ParseClock(std::string_view t, int* h, int* mi, int* s) {
  *s = 0;
  if (!Digits(t, 0, 2, h) || t.size() < 5 || t[2] != ':' || !Digits(t, 3, 2, mi)) return false;
  if (t.size() >= 8 && t[5] == ':') return Digits(t, 6, 2, s);
  return t.size() == 5;
}

std::optional<WallTime> ParseIso(std::string_view t) {
  int y, mo, d;
  if (!Digits(t, 0, 4, &y) || t.size() < 10 || t[4] != '-' || !Digits(t, 5, 2, &mo) ||
      t[7] != '-' || !Digits(t, 8, 2, &d)) {
    return std::nullopt;
  }
  int h = 0, mi = 0, s = 0, offset = 0;
  std::string_view rest = t.substr(10);
  if (!rest.empty() && (rest[0] == 'T' || rest[0] == 't' || rest[0] == ' ')) {
    rest.remove_prefix(1);
    if (!ParseClock(rest, &h, &mi, &s)) return std::nullopt;
    size_t i = 5;
    if (rest.size() >= 8 && rest[5] == ':') i = 8;
    if (i < rest.size() && rest[i] == '.') {  // fraction
      ++i;
      while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
    }
    rest = Trim(rest.substr(i));
    if (!ZoneOffset(rest, &offset)) return std::nullopt;
  } else if (!Trim(rest).empty()) {
    return std::nullopt;
  }
  return Compose(y, mo, d, h, mi, s, offset);
}

// RFC 822/1123 ("[Wdy,] DD Mon YYYY HH:MM[:SS] ZONE") and RFC 850 ("Weekday, DD-Mon-YY
// HH:MM:SS ZONE").
std::optional<WallTime> ParseRfc(std::string_view text) {
  std::vector<std::string_view> f = Fields(text);
  if (!f.empty() && MonthFromName(f[0]) == 0 &&
      !std::isdigit(static_cast<unsigned char>(f[0][0]))) {
    f.erase(f.begin());  // weekday
  }
  int d = 0, mo = 0, y = 0;
  size_t next = 0;
  if (f.size() >= 1 && f[0].find('-') != std::string_view::npos) {  // RFC 850 DD-Mon-YY
    const std::string_view dmy = f[0];
    const size_t a = dmy.find('-');
    const size_t b = dmy.find('-', a + 1);
    if (b == std::string_view::npos || !Digits(dmy, 0, a, &d)) return std::nullopt;
    mo = MonthFromName(dmy.substr(a + 1, b - a - 1));
    const std::string_view ys = dmy.substr(b + 1);
    if (!Digits(ys, 0, ys.size(), &y) || ys.empty()) return std::nullopt;
    next = 1;
  } else if (f.size() >= 3) {
    if (!Digits(f[0], 0, f[0].size(), &d)) return std::nullopt;
    mo = MonthFromName(f[1]);
    if (!Digits(f[2], 0, f[2].size(), &y) || f[2].empty()) return std::nullopt;
    next = 3;
  } else {
    return std::nullopt;
  }
  if (mo == 0 || f[next > 0 ? next - 1 : 0].empty()) return std::nullopt;
  if (y < 100) y += y < 70 ? 2000 : 1900;  // two-digit years as RFC 850 readers do
  int h = 0, mi = 0, s = 0, offset = 0;
  if (next < f.size()) {
    if (!ParseClock(f[next], &h, &mi, &s)) return std::nullopt;
    ++next;
  }
  if (next < f.size() && !ZoneOffset(f[next], &offset)) return std::nullopt;
  return Compose(y, mo, d, h, mi, s, offset);
}

}  // namespace

std::optional<std::string> IsoDatePrefix(std::string_view text) {
  text = Trim(text);
  int y, m, d;
  if (!Digits(text, 0, 4, &y) || text.size() < 10 || (text[4] != '-' && text[4] != '/') ||
      text[7] != text[4] || !Digits(text, 5, 2, &m) || !Digits(text, 8, 2, &d)) {
    return std::nullopt;
  }
  if (text.size() > 10 && std::isdigit(static_cast<unsigned char>(text[10]))) return std::nullopt;
  if (!ValidDate(y, m, d)) return std::nullopt;
  return FormatDate(y, m, d);
}

std::optional<std::string> DateFromUrlPath(std::string_view url) {
  // Skip scheme and host so a port or IP address is never read as a date.
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return std::nullopt;
  const size_t query = url.find_first_of("?#", start);
  const std::string_view path =
      url.substr(start, query == std::string_view::npos ? std::string_view::npos : query - start);
  for (size_t i = 0; i + 11 <= path.size(); ++i) {
    if (path[i] != '/') continue;
    int y, m, d;
    if (!Digits(path, i + 1, 4, &y) || path.size() < i + 11 || path[i + 5] != '/' ||
        !Digits(path, i + 6, 2, &m) || path[i + 8] != '/' || !Digits(path, i + 9, 2, &d)) {
      continue;
    }
    if (i + 11 < path.size() && path[i + 11] != '/' && path[i + 11] != '-' && path[i + 11] != '_' &&
        path[i + 11] != '.') {
      continue;
    }
    if (y >= 1990 && ValidDate(y, m, d)) return FormatDate(y, m, d);
  }
  return std::nullopt;
}

std::optional<WallTime> ParseRobotsDate(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (auto iso = ParseIso(text)) return iso;
  return ParseRfc(text);
}

}  // namespace sightline::analyzer::internal
