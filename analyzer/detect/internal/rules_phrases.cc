// Dictionary phrases over word tokens, longest first: conditions (data/conditions.tsv, with
// prevalence), occupations (data/occupations.tsv, with share of workers), relations, events,
// holidays (resolved to a day), age words ("toddler") and sex words. Conditions missing from
// the table are still found from the medical vocabulary (suffixes like -itis, -osis, eponyms
// like "Kikuchi disease") with a prior from how rare the term is.
#include <string>

#include "analyzer/detect/internal/date_math.h"
#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/negation.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsGenericReference(const BlockContext& ctx, size_t i) {
  int p1 = ctx.PrevWord(i);
  if (p1 < 0) return false;
  std::string_view prev = ctx.tokens[p1].fold;
  if (prev == "your" || prev == "their" || prev == "every" || prev == "any") return true;
  if (prev == "a" || prev == "an") {
    int p2 = ctx.PrevWord(static_cast<size_t>(p1));
    if (p2 < 0) return false;
    std::string_view v = ctx.tokens[p2].fold;
    return v == "see" || v == "ask" || v == "call" || v == "visit" || v == "consult" ||
           v == "find" || v == "contact" || v == "become";
  }
  return false;
}

void AddHoliday(const BlockContext& ctx, size_t b, size_t e, const std::string& key) {
  if (!ctx.published) {
    AddUnresolvedDate(ctx, b, e, 1, 0.9);
    return;
  }
  int y = CivilFromDays(*ctx.published).year;
  auto day = HolidayInYear(key, y);
  if (day && *day > *ctx.published + 31) day = HolidayInYear(key, y - 1);
  if (!day) {
    AddUnresolvedDate(ctx, b, e, 1, 0.9);
    return;
  }
  AddDateWindow(ctx, b, e, *day, *day, 0.9, false);
}

bool UnknownCondition(const BlockContext& ctx, size_t i) {
  const auto& t = ctx.tokens;
  const Token& tok = t[i];
  if (!tok.IsWord()) return false;
  std::string_view w = tok.fold;
  // Eponyms and named syndromes: "Kikuchi disease", "Behcet's syndrome".
  if (tok.cap && i + 1 < t.size() && t[i + 1].IsWord()) {
    std::string_view next = t[i + 1].fold;
    if (next == "disease" || next == "syndrome" || next == "palsy" || next == "anomaly" ||
        next == "sarcoma" || next == "lymphoma" || next == "ataxia") {
      std::string base(w);
      if (EndsWith(base, "'s")) base.resize(base.size() - 2);
      int level = ctx.priors.WordLevel(base);
      if (!IsStopWord(base) && (level == 0 || level >= 50) && MonthOf(base) == 0) {
        Mention& c =
            ctx.Add(MentionType::kCondition, tok.begin, t[i + 1].end,
                    FoldKey(ctx.text.substr(tok.begin, t[i + 1].end - tok.begin)), 0.7, 5e-5);
        if (IsNegatedCondition(t, i, i + 1)) c.attributes["negated"] = "true";
        return true;
      }
    }
  }
  // Every suffix below ends in 's', 'a' or 'y': most words are out after one comparison.
  if (w.size() < 8 || (w.back() != 's' && w.back() != 'a' && w.back() != 'y')) return false;
  static constexpr std::string_view kSuffixes[] = {
      "itis",  "osis",   "emia",   "aemia", "oma",  "pathy", "plasia", "trophy", "ectomy",
      "otomy", "ostomy", "plasty", "penia", "uria", "iasis", "algia",  "itides", "omas"};
  bool medical_suffix = false;
  for (std::string_view s : kSuffixes) medical_suffix = medical_suffix || EndsWith(w, s);
  if (!medical_suffix || !ctx.priors.IsMedicalTerm(w)) return false;
  int level = ctx.priors.WordLevel(w);
  double prior = level == 0 ? 1e-5 : level >= 80 ? 1e-4 : 1e-3;
  Mention& c = ctx.Add(MentionType::kCondition, tok.begin, tok.end, std::string(w), 0.6, prior);
  if (IsNegatedCondition(t, i, i)) c.attributes["negated"] = "true";
  return true;
}

}  // namespace

void DetectPhrases(const BlockContext& ctx) {
  const auto& t = ctx.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind == TokenKind::kPunct) continue;
    // Token::info says whether a phrase starts with this word (acronyms match case-sensitively
    // on upper-case tokens), so most tokens skip the matcher.
    PhraseMatcher::Match m;
    if ((t[i].info & kFeatPhraseStart) || t[i].upper) m = ctx.lex.phrases.LongestAt(ctx.text, t, i);
    if (!m.found) {
      UnknownCondition(ctx, i);
      continue;
    }
    const PhraseEntry& entry = ctx.lex.entries[m.payload];
    size_t b = t[m.first].begin, e = t[m.last].end;
    size_t next = m.last + 1;
    switch (entry.kind) {
      case PhraseKind::kCondition: {
        // "cutting salt": a verb with its object, not self-harm.
        if (IsGerundVerbUse(t, m.first, m.last)) break;
        Mention& c = ctx.Add(MentionType::kCondition, b, e, entry.canonical, 0.9, entry.prior);
        // Kept as a candidate so the span is not re-read as something else; Detect drops it.
        if (IsNegatedCondition(t, m.first, m.last)) c.attributes["negated"] = "true";
        break;
      }
      case PhraseKind::kOccupation: {
        // "Nurse Patricia": a title before a name, not a job mention of its own.
        bool title =
            IsHonorific(t[m.last].fold) && next < t.size() && t[next].cap && t[next].IsWord();
        if (!title && !IsGenericReference(ctx, m.first)) {
          ctx.Add(MentionType::kOccupation, b, e, entry.canonical, 0.85, entry.prior);
        }
        break;
      }
      case PhraseKind::kRelation: {
        // "family of eight", "mother of five".
        if (EndsWith(entry.canonical, " of")) {
          if (next >= t.size() ||
              (NumberWord(t[next].fold) < 0 && t[next].kind != TokenKind::kNumber)) {
            break;
          }
          e = t[next].end;
          ++next;
        }
        Mention& r =
            ctx.Add(MentionType::kRelation, b, e, FoldKey(ctx.text.substr(b, e - b)), 0.8, 1.0);
        if (entry.sex) r.attributes["sex"] = std::string(1, entry.sex);
        break;
      }
      case PhraseKind::kEvent: {
        if ((entry.canonical == "hurricane" || entry.canonical == "tropical storm") &&
            next < t.size() && t[next].cap) {
          e = t[next].end;
          ++next;
        }
        ctx.Add(MentionType::kEvent, b, e, FoldKey(ctx.text.substr(b, e - b)), 0.6, 1.0);
        break;
      }
      case PhraseKind::kHoliday:
        AddHoliday(ctx, b, e, entry.canonical);
        break;
      case PhraseKind::kAgeWord:
        AddAge(ctx, b, e, entry.age_lo, entry.age_hi, 0.75);
        break;
      case PhraseKind::kSexWord:
        ctx.Add(MentionType::kSex, b, e, std::string(1, entry.sex), 0.7, entry.prior);
        break;
    }
    i = next - 1;
  }
}

}  // namespace sightline::analyzer::detect_internal
