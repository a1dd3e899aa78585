// Date rules: numeric (09/30/1958, 2024-03-14), month-name dates (September 30th, 14 March
// 2024, September 1958), bare months in context ("in May"), weekdays ("last Friday",
// "Tuesday night"), relative days/weeks/months/seasons ("this morning", "last week", "two
// weeks ago"), all resolved against the page's published date into a day or a window.
// Holidays come from the phrase dictionary (rules_phrases.cc). Recurring days ("every
// Sunday", "the first Saturday of every month") are not dates of an event.
#include <cctype>
#include <string>

#include "analyzer/detect/internal/date_math.h"
#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

// A birth label right before the date ("DOB: 09/30/1958", "born on September 30", "date of
// birth 1/2/1950", "her birthday, May 7"), with nothing but connectors in between. A birth
// word further back is not enough: "A birthday to remember 2024-05-07" is a post's listing.
bool IsDobContext(std::string_view text, size_t begin) {
  std::string before = LowerBefore(text, begin, 32);
  auto trim = [&] {
    while (!before.empty() &&
           std::string_view(" \t:-,(=#").find(before.back()) != std::string_view::npos) {
      before.pop_back();
    }
  };
  auto ends_with = [&](std::string_view w) {
    if (before.size() < w.size() || before.compare(before.size() - w.size(), w.size(), w) != 0)
      return false;
    size_t at = before.size() - w.size();
    return at == 0 || !std::isalnum(static_cast<unsigned char>(before[at - 1]));
  };
  trim();
  for (int round = 0; round < 3; ++round) {
    bool stripped = false;
    for (std::string_view w : {"on", "is", "was", "of", "the", "in", "date", "dated"}) {
      if (w == "date" && ends_with("birth date")) continue;
      if (ends_with(w)) {
        before.resize(before.size() - w.size());
        trim();
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  for (std::string_view cue :
       {"dob", "d.o.b", "d.o.b.", "born", "birth", "birthday", "birthdate", "birth date"}) {
    if (ends_with(cue)) return true;
  }
  return false;
}

int PublishedYear(const BlockContext& ctx) {
  return ctx.published ? CivilFromDays(*ctx.published).year : 0;
}

// A month/day without a year: the occurrence nearest before the published date (posts tell
// what happened), allowing a month ahead for announcements.
std::optional<int64_t> ResolveMonthDay(const BlockContext& ctx, int month, int day) {
  if (!ctx.published) return std::nullopt;
  int y = PublishedYear(ctx);
  if (!ValidDate(y, month, day)) return std::nullopt;
  int64_t d = DaysFromCivil(y, month, day);
  if (d > *ctx.published + 31 && ValidDate(y - 1, month, day)) d = DaysFromCivil(y - 1, month, day);
  return d;
}

void AddDay(const BlockContext& ctx, size_t b, size_t e, int y, int m, int d, double conf) {
  if (y == 0) {
    auto day = ResolveMonthDay(ctx, m, d);
    if (day) {
      AddDateWindow(ctx, b, e, *day, *day, conf, IsDobContext(ctx.text, b));
    } else if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      AddUnresolvedDate(ctx, b, e, 1, conf);
    }
    return;
  }
  if (!ValidDate(y, m, d)) return;
  int64_t day = DaysFromCivil(y, m, d);
  AddDateWindow(ctx, b, e, day, day, conf, IsDobContext(ctx.text, b));
}

void AddMonth(const BlockContext& ctx, size_t b, size_t e, int y, int m, double conf) {
  if (y == 0) y = PublishedYear(ctx);
  if (y == 0) {
    AddUnresolvedDate(ctx, b, e, 30, conf);
    return;
  }
  AddDateWindow(ctx, b, e, DaysFromCivil(y, m, 1), DaysFromCivil(y, m, DaysInMonth(y, m)), conf,
                false);
}

int TwoDigitYear(const BlockContext& ctx, int yy) {
  int pub = PublishedYear(ctx);
  int century_cut = pub ? pub % 100 : 30;
  return yy <= century_cut ? 2000 + yy : 1900 + yy;
}

void RegexDates(const BlockContext& ctx) {
  std::string_view text = ctx.text;
  const Lexicon& lex = ctx.lex;
  if (ctx.digits == 0) return;
  if (text.find('/') != std::string_view::npos)
    ForEachMatch(ctx, *lex.date_numeric, [&](const auto& g) {
      int m = ToInt(g[1]), d = ToInt(g[2]), y = ToInt(g[3]);
      if (g[3].size() == 2) y = TwoDigitYear(ctx, y);
      size_t b = Offset(text, g[0]);
      AddDay(ctx, b, b + g[0].size(), y, m, d, 0.9);
    });
  if (text.find('-') != std::string_view::npos)
    ForEachMatch(ctx, *lex.date_iso, [&](const auto& g) {
      size_t b = Offset(text, g[0]);
      AddDay(ctx, b, b + g[0].size(), ToInt(g[1]), ToInt(g[2]), ToInt(g[3]), 0.9);
    });
  auto month_of = [](const re2::StringPiece& p) {
    return MonthOf(FoldKey(std::string_view(p.data(), p.size())));
  };
  if (!ctx.Has(kFeatMonth)) return;
  ForEachMatch(ctx, *lex.date_month_day, [&](const auto& g) {
    int y = g[3].data() ? ToInt(g[3]) : 0;
    size_t b = Offset(text, g[0]);
    AddDay(ctx, b, b + g[0].size(), y, month_of(g[1]), ToInt(g[2]), 0.92);
  });
  ForEachMatch(ctx, *lex.date_day_month, [&](const auto& g) {
    int y = g[3].data() ? ToInt(g[3]) : 0;
    size_t b = Offset(text, g[0]);
    AddDay(ctx, b, b + g[0].size(), y, month_of(g[2]), ToInt(g[1]), 0.92);
  });
  ForEachMatch(ctx, *lex.date_month_year, [&](const auto& g) {
    size_t b = Offset(text, g[0]);
    AddMonth(ctx, b, b + g[0].size(), ToInt(g[2]), month_of(g[1]), 0.85);
  });
}

struct Season {
  std::string_view name;
  int first_month;
};
constexpr Season kSeasons[] = {
    {"spring", 3}, {"summer", 6}, {"fall", 9}, {"autumn", 9}, {"winter", 12}};

// "last|this|next|past" + unit.
bool RelativeUnit(const BlockContext& ctx, size_t i, size_t j) {
  const auto& t = ctx.tokens;
  std::string_view mod = t[i].fold;
  std::string_view unit = t[j].fold;
  int dir = mod == "last" || mod == "past" ? -1 : mod == "next" ? 1 : 0;
  size_t b = t[i].begin, e = t[j].end;
  if (unit == "week" || unit == "weekend" || unit == "month" || unit == "year") {
    int days = unit == "week" ? 7 : unit == "weekend" ? 2 : unit == "month" ? 30 : 365;
    if (!ctx.published) {
      AddUnresolvedDate(ctx, b, e, days, 0.75);
      return true;
    }
    int64_t p = *ctx.published;
    CivilDate c = CivilFromDays(p);
    int64_t first = p, last = p;
    if (unit == "week") {
      int64_t monday = p - ((Weekday(p) + 6) % 7);
      first = monday + 7 * dir;
      last = first + 6;
    } else if (unit == "weekend") {
      int64_t saturday = p - ((Weekday(p) + 1) % 7);
      first = saturday + (dir > 0 ? 7 : dir < 0 && saturday == p ? -7 : 0);
      last = first + 1;
    } else if (unit == "month") {
      int y = c.year, m = c.month + dir;
      if (m < 1) m = 12, --y;
      if (m > 12) m = 1, ++y;
      first = DaysFromCivil(y, m, 1);
      last = DaysFromCivil(y, m, DaysInMonth(y, m));
    } else {
      first = DaysFromCivil(c.year + dir, 1, 1);
      last = DaysFromCivil(c.year + dir, 12, 31);
    }
    AddDateWindow(ctx, b, e, first, last, 0.75, false);
    return true;
  }
  for (const Season& s : kSeasons) {
    if (unit != s.name) continue;
    if (!ctx.published) {
      AddUnresolvedDate(ctx, b, e, 91, 0.7);
      return true;
    }
    int y = PublishedYear(ctx) + dir;
    int64_t first = DaysFromCivil(s.first_month == 12 ? y - 1 : y, s.first_month, 1);
    int end_month = s.first_month == 12 ? 2 : s.first_month + 2;
    int64_t last = DaysFromCivil(y, end_month, DaysInMonth(y, end_month));
    AddDateWindow(ctx, b, e, first, last, 0.7, false);
    return true;
  }
  return false;
}

void TokenDates(const BlockContext& ctx) {
  const auto& t = ctx.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!t[i].IsWord()) continue;
    // Every branch below starts at a relative-date cue, a weekday, a month, or two words
    // before "ago": most words are none of these.
    if (!(t[i].info & (kClsDateCue | kClsWeekday | kClsMonth)) &&
        !(i + 2 < t.size() && t[i + 2].fold == "ago")) {
      continue;
    }
    std::string_view w = t[i].fold;
    int64_t pub = ctx.published.value_or(0);
    bool has_pub = ctx.published.has_value();
    if (w == "yesterday" || w == "today" || w == "tonight") {
      if (!has_pub) {
        AddUnresolvedDate(ctx, t[i].begin, t[i].end, 1, 0.7);
      } else {
        int64_t d = w == "yesterday" ? pub - 1 : pub;
        AddDateWindow(ctx, t[i].begin, t[i].end, d, d, 0.7, false);
      }
      continue;
    }
    if ((w == "this" || w == "last" || w == "next" || w == "past") && i + 1 < t.size() &&
        t[i + 1].IsWord()) {
      std::string_view u = t[i + 1].fold;
      if (u == "morning" || u == "afternoon" || u == "evening" || u == "night") {
        if (w == "next") continue;
        int64_t d = (w == "last" && u == "night") ? pub - 1 : pub;
        if (has_pub)
          AddDateWindow(ctx, t[i].begin, t[i + 1].end, d, d, 0.75, false);
        else
          AddUnresolvedDate(ctx, t[i].begin, t[i + 1].end, 1, 0.75);
        ++i;
        continue;
      }
      if (WeekdayOf(u) < 0 && RelativeUnit(ctx, i, i + 1)) {
        ++i;
        continue;
      }
    }
    // "two weeks ago", "a month ago", "3 days ago".
    if (i + 2 < t.size() && t[i + 2].fold == "ago") {
      int n = t[i].kind == TokenKind::kNumber ? ToInt(re2::StringPiece(t[i].fold))
              : w == "a" || w == "an"         ? 1
                                              : NumberWord(w);
      std::string_view u = t[i + 1].fold;
      int unit = u.substr(0, 3) == "day"     ? 1
                 : u.substr(0, 4) == "week"  ? 7
                 : u.substr(0, 5) == "month" ? 30
                 : u.substr(0, 4) == "year"  ? 365
                                             : 0;
      if (n > 0 && unit > 0) {
        if (has_pub) {
          int64_t d = pub - static_cast<int64_t>(n) * unit;
          int64_t slack = unit == 1 ? 0 : unit / 2;
          AddDateWindow(ctx, t[i].begin, t[i + 2].end, d - slack, d + slack, 0.75, false);
        } else {
          AddUnresolvedDate(ctx, t[i].begin, t[i + 2].end, unit, 0.75);
        }
        i += 2;
        continue;
      }
    }
    int wd = (t[i].info & kClsWeekday) ? WeekdayOf(w) : -1;
    if (wd >= 0 && t[i].cap) {
      int p1 = ctx.PrevWord(i), p2 = p1 > 0 ? ctx.PrevWord(static_cast<size_t>(p1)) : -1;
      std::string_view prev = p1 >= 0 ? std::string_view(t[p1].fold) : std::string_view();
      std::string_view prev2 = p2 >= 0 ? std::string_view(t[p2].fold) : std::string_view();
      if (prev == "every" || prev == "each" || prev == "other" || prev2 == "every" ||
          prev == "first" || prev == "second" || prev == "third" || prev == "fourth" ||
          (i + 1 < t.size() && t[i + 1].fold == "of")) {
        continue;  // recurring, not one day
      }
      size_t b = t[i].begin, e = t[i].end;
      int dir = 0;
      if (prev == "last" || prev == "past" || prev == "this" || prev == "next") {
        b = t[p1].begin;
        dir = prev == "next" ? 1 : prev == "this" ? 0 : -1;
      }
      if (i + 1 < t.size() && t[i + 1].IsWord()) {
        std::string_view n = t[i + 1].fold;
        if (n == "night" || n == "morning" || n == "afternoon" || n == "evening") e = t[i + 1].end;
      }
      if (!has_pub) {
        AddUnresolvedDate(ctx, b, e, 7, 0.8);
        continue;
      }
      int64_t d;
      int w0 = Weekday(pub);
      if (dir < 0) {
        int delta = (w0 - wd + 7) % 7;
        d = pub - (delta == 0 ? 7 : delta);
      } else if (dir > 0) {
        int delta = (wd - w0 + 7) % 7;
        d = pub + (delta == 0 ? 7 : delta);
      } else {
        d = pub - (w0 - wd + 7) % 7;
      }
      AddDateWindow(ctx, b, e, d, d, 0.8, false);
      continue;
    }
    int month = (t[i].info & kClsMonth) ? MonthOf(w) : 0;
    if (month && t[i].cap && w.size() >= 3 && w != "mar" && w != "jan" && w != "dec" &&
        w != "sept" && w != "sep" && w != "oct" && w != "nov" && w != "aug" && w != "jun" &&
        w != "jul" && w != "apr" && w != "feb") {
      int p1 = ctx.PrevWord(i);
      std::string_view prev = p1 >= 0 ? std::string_view(t[p1].fold) : std::string_view();
      if (w == "may") {
        static constexpr std::string_view kCue[] = {"in",      "on",   "of",    "during", "since",
                                                    "until",   "by",   "early", "late",   "mid",
                                                    "this",    "last", "next",  "and",    "or",
                                                    "through", "from", "till",  "before", "after"};
        bool cue = false;
        for (std::string_view c : kCue) cue = cue || prev == c;
        if (!cue) continue;
      }
      AddMonth(ctx, t[i].begin, t[i].end, 0, month, 0.7);
    }
  }
}

}  // namespace

void DetectDates(const BlockContext& ctx) {
  RegexDates(ctx);
  TokenDates(ctx);
}

}  // namespace sightline::analyzer::detect_internal
