// Age rules: "41-year-old", "aged 87", "9 yo", "turned 102", "Rose Delgado, 94,", "he is 47",
// "in her forties", "at 91." Age thresholds of generic advice ("adults aged 45 to 75",
// "6 months and older", "over 65") are not ages of a person and are skipped.
#include <string>

#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

// A threshold or range rather than one person's age.
bool IsGenericAgeContext(std::string_view text, size_t begin, size_t end) {
  std::string after = FoldKey(text.substr(end, std::min<size_t>(24, text.size() - end)));
  size_t i = 0;
  while (i < after.size() && after[i] == ' ') ++i;
  std::string_view a = std::string_view(after).substr(i);
  if (StartsWithAny(a, {"to ", "-", "\xE2\x80\x93", "through ", "and older", "and over", "and up",
                        "or older", "or over", "and above", "and younger", "and under", "+",
                        "months", "month", "weeks", "days", "or more", "or younger"})) {
    return true;
  }
  std::string before = LowerBefore(text, begin, 24);
  for (std::string_view cue : {"over ", "under ", "starting at", "beginning at", "between ",
                               "older than", "younger than", "above ", "below ", "by "}) {
    if (before.find(cue) != std::string::npos &&
        before.size() - before.find(cue) <= cue.size() + 8) {
      return true;
    }
  }
  return false;
}

}  // namespace

void DetectAges(const BlockContext& ctx) {
  std::string_view text = ctx.text;
  const Lexicon& lex = ctx.lex;
  bool has_digit = ctx.digits > 0;
  if (has_digit) {
    if (ctx.Has(kFeatOld))
      ForEachMatch(ctx, *lex.age_years_old, [&](const auto& g) {
        int n = ToInt(g[1]);
        size_t b = Offset(text, g[0]), e = b + g[0].size();
        if (n <= 120) AddAge(ctx, b, e, n, n, 0.95);
      });
    if (ctx.Has(kFeatOld))
      ForEachMatch(ctx, *lex.age_months_old, [&](const auto& g) {
        size_t b = Offset(text, g[0]);
        AddAge(ctx, b, b + g[0].size(), 0, 0, 0.95);
      });
    if (ctx.Has(kFeatAge))
      ForEachMatch(ctx, *lex.age_aged, [&](const auto& g) {
        int n = ToInt(g[1]);
        size_t b = Offset(text, g[0]), e = b + g[0].size();
        if (n > 120 || IsGenericAgeContext(text, b, e)) return;
        AddAge(ctx, b, e, n, n, 0.85);
      });
    if (ctx.Has(kFeatYo))
      ForEachMatch(ctx, *lex.age_yo, [&](const auto& g) {
        int n = ToInt(g[2]);
        size_t b = Offset(text, g[1]);
        if (n <= 120) AddAge(ctx, b, b + g[1].size(), n, n, 0.9);
      });
    if (ctx.Has(kFeatTurn))
      ForEachMatch(ctx, *lex.age_turned, [&](const auto& g) {
        int n = ToInt(g[1]);
        size_t b = Offset(text, g[0]), e = b + g[0].size();
        if (n >= 1 && n <= 120 && !IsGenericAgeContext(text, b, e)) AddAge(ctx, b, e, n, n, 0.85);
      });
    ForEachMatch(ctx, *lex.age_apposition, [&](const auto& g) {
      int n = ToInt(g[1]);
      size_t b = Offset(text, g[1]);
      std::string word = FoldKey(std::string_view(g[0].data(), g[0].size()));
      word = word.substr(0, word.find(','));
      // "March 3, 12 patients", "Suite 200," are not ages.
      if (n < 1 || n > 115 || MonthOf(word) || WeekdayOf(word) >= 0 || word == "suite" ||
          word == "room" || word == "unit" || word == "apt") {
        return;
      }
      AddAge(ctx, b, b + g[1].size(), n, n, 0.75);
    });
    if (ctx.Has(kFeatPronoun))
      ForEachMatch(ctx, *lex.age_pronoun, [&](const auto& g) {
        int n = ToInt(g[1]);
        size_t b = Offset(text, g[1]);
        if (n >= 1 && n <= 115) AddAge(ctx, b, b + g[1].size(), n, n, 0.8);
      });
    if (ctx.Has(kFeatAt))
      ForEachMatch(ctx, *lex.age_at, [&](const auto& g) {
        int n = ToInt(g[1]);
        size_t b = Offset(text, g[0]);
        if (n >= 13 && n <= 115) AddAge(ctx, b, b + 3 + g[1].size(), n, n, 0.6);
      });
    if (ctx.Has(kFeatCopula))
      ForEachMatch(ctx, *lex.age_name_copula, [&](const auto& g) {
        int n = ToInt(g[2]);
        if (n < 1 || n > 115) return;
        if (g[1].data() != nullptr) {
          std::string who = FoldKey(std::string_view(g[1].data(), g[1].size()));
          // Only a person's first name: "The score was 15", "Room 4 is 12" are not ages.
          if (!ctx.priors.IsFirstName(who) || MonthOf(who) || WeekdayOf(who) >= 0 ||
              IsStopWord(who)) {
            return;
          }
        }
        size_t b = Offset(text, g[2]);
        AddAge(ctx, b, b + g[2].size(), n, n, 0.75);
      });
  }
  if (ctx.Has(kFeatOld))
    ForEachMatch(ctx, *lex.age_spelled, [&](const auto& g) {
      std::string words = FoldKey(std::string_view(g[1].data(), g[1].size()));
      int n = NumberWord(words);
      size_t b = Offset(text, g[0]);
      if (n >= 0) AddAge(ctx, b, b + g[0].size(), n, n, 0.9);
    });
  if (ctx.Has(kFeatPossessivePronoun))
    ForEachMatch(ctx, *lex.age_decade, [&](const auto& g) {
      std::string decade = FoldKey(std::string_view(g[2].data(), g[2].size()));
      static constexpr std::pair<std::string_view, int> kDecades[] = {
          {"teens", 13},   {"twenties", 20},  {"thirties", 30}, {"forties", 40}, {"fifties", 50},
          {"sixties", 60}, {"seventies", 70}, {"eighties", 80}, {"nineties", 90}};
      int lo = -1, hi = -1;
      for (const auto& [name, start] : kDecades) {
        if (decade == name) lo = start;
      }
      if (lo < 0 && decade.size() == 3) lo = (decade[0] - '0') * 10;
      if (lo < 0) return;
      hi = lo == 13 ? 19 : lo + 9;
      if (g[1].data() != nullptr) {
        std::string q = FoldKey(std::string_view(g[1].data(), g[1].size()));
        if (q.rfind("early", 0) == 0)
          hi = lo + 3;
        else if (q.rfind("mid", 0) == 0)
          lo += 3, hi = lo + 3;
        else if (q.rfind("late", 0) == 0)
          lo += 6;
      }
      size_t b = Offset(text, g[0]);
      AddAge(ctx, b, b + g[0].size(), lo, hi, 0.85);
    });
}

}  // namespace sightline::analyzer::detect_internal
