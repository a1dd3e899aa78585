#include "common/clock.h"

#include <ctime>

namespace sightline {

const Clock& DefaultClock() {
  static const RealClock clock;
  return clock;
}

std::string FormatIso8601(WallTime t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

// Exactly `n` ASCII digits at `pos` (no sign, no spaces, unlike sscanf's %d).
bool FixedDigits(const std::string& s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool ParseIso8601(const std::string& text, WallTime* out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() != 10 && text.size() != 20) return false;
  if (!FixedDigits(text, 0, 4, &y) || text[4] != '-' || !FixedDigits(text, 5, 2, &mo) ||
      text[7] != '-' || !FixedDigits(text, 8, 2, &d)) {
    return false;
  }
  if (text.size() == 20 && (text[10] != 'T' || !FixedDigits(text, 11, 2, &h) || text[13] != ':' ||
                            !FixedDigits(text, 14, 2, &mi) || text[16] != ':' ||
                            !FixedDigits(text, 17, 2, &s) || text[19] != 'Z')) {
    return false;
  }
  // Outside these years system_clock's nanosecond count would overflow.
  if (y < kMinIso8601Year || y > kMaxIso8601Year) return false;
  if (h > 23 || mi > 59 || s > 60) return false;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                        std::chrono::day(d)};
  if (!ymd.ok()) return false;
  *out = std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s);
  return true;
}

}  // namespace sightline
