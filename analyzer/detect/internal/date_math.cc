#include "analyzer/detect/internal/date_math.h"

#include <fmt/format.h>

namespace sightline::analyzer::detect_internal {

std::optional<int64_t> ParseIsoDay(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (!ValidDate(y, m, d)) return std::nullopt;
  return DaysFromCivil(y, m, d);
}

std::string FormatDay(int64_t days) {
  CivilDate c = CivilFromDays(days);
  if (c.year < 0 || c.year > 9999)
    return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
  // By hand: four of these per date mention, and fmt::format's parsing showed in profiles.
  std::string out = "0000-00-00";
  auto put = [&](size_t end, int value, int width) {
    for (int k = 0; k < width; ++k, value /= 10) out[end - k] = static_cast<char>('0' + value % 10);
  };
  put(3, c.year, 4);
  put(6, c.month, 2);
  put(9, c.day, 2);
  return out;
}

int64_t NthWeekday(int y, int m, int weekday, int n) {
  if (n < 0) {
    int64_t last = DaysFromCivil(y, m, DaysInMonth(y, m));
    return last - ((Weekday(last) - weekday + 7) % 7);
  }
  int64_t first = DaysFromCivil(y, m, 1);
  return first + ((weekday - Weekday(first) + 7) % 7) + 7 * (n - 1);
}

int64_t EasterSunday(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return DaysFromCivil(y, month, day);
}

std::optional<int64_t> HolidayInYear(std::string_view key, int y) {
  struct Fixed {
    std::string_view key;
    int month, day;
  };
  static constexpr Fixed kFixed[] = {
      {"christmas eve", 12, 24},      {"christmas day", 12, 25},   {"christmas", 12, 25},
      {"new year's eve", 12, 31},     {"new year's day", 1, 1},    {"new year's", 1, 1},
      {"new years day", 1, 1},        {"new years eve", 12, 31},   {"valentine's day", 2, 14},
      {"valentine's day eve", 2, 13}, {"halloween", 10, 31},       {"veterans day", 11, 11},
      {"veterans' day", 11, 11},      {"independence day", 7, 4},  {"fourth of july", 7, 4},
      {"the fourth of july", 7, 4},   {"st patrick's day", 3, 17}, {"saint patrick's day", 3, 17},
      {"juneteenth", 6, 19}};
  for (const Fixed& f : kFixed) {
    if (key == f.key) return DaysFromCivil(y, f.month, f.day);
  }
  if (key == "thanksgiving" || key == "thanksgiving day") return NthWeekday(y, 11, 4, 4);
  if (key == "black friday") return NthWeekday(y, 11, 4, 4) + 1;
  if (key == "labor day") return NthWeekday(y, 9, 1, 1);
  if (key == "memorial day") return NthWeekday(y, 5, 1, -1);
  if (key == "mother's day") return NthWeekday(y, 5, 0, 2);
  if (key == "father's day") return NthWeekday(y, 6, 0, 3);
  if (key == "martin luther king day" || key == "mlk day") return NthWeekday(y, 1, 1, 3);
  if (key == "presidents day" || key == "presidents' day") return NthWeekday(y, 2, 1, 3);
  if (key == "easter" || key == "easter sunday") return EasterSunday(y);
  if (key == "good friday") return EasterSunday(y) - 2;
  return std::nullopt;
}

}  // namespace sightline::analyzer::detect_internal
