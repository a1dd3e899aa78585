// Person names: honorific + capitalised words ("Dr. Helen Okafor", "Mrs. Price", "Baby
// Noah"), "named X"/"patient X", initials ("J. Thornton"), Census first names followed by
// surname-like words ("Grace Holloway"), lone first names that are not common English words
// ("Maria") or that have a person cue ("her husband Tom"), "the Pruitt family", and
// possessives before a relation ("Ahmed's mother"). A word that is common English in lower
// case (SCOWL) needs such context: Rose, Hope, Will, Mark, May are words first.
// Prior = Census first-name share x surname share.
#include <string>

#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

std::string_view Base(std::string_view fold) {
  if (fold.size() > 2 && fold.substr(fold.size() - 2) == "'s")
    return fold.substr(0, fold.size() - 2);
  return fold;
}

size_t EndWithoutPossessive(const BlockContext& ctx, const Token& t) {
  std::string_view raw = t.Text(ctx.text);
  if (raw.size() > 2 && raw.substr(raw.size() - 2) == "'s") return t.end - 2;
  if (raw.size() > 4 && raw.substr(raw.size() - 4) == "\xE2\x80\x99s") return t.end - 4;
  return t.end;
}

bool CommonWord(const BlockContext& ctx, std::string_view base) {
  int level = ctx.priors.WordLevel(base);
  return level > 0 && level <= 55;
}

bool SurnameLike(const BlockContext& ctx, std::string_view base) {
  int level = ctx.priors.WordLevel(base);
  if (level == 0 || level >= 60) return true;
  return ctx.priors.SurnameShare(base) >= 2e-5;  // "Brown", "Young", "King"
}

// Could this token be part of a name at all?
bool NameToken(const BlockContext& ctx, const Token& t) {
  if (!t.IsWord() || !t.cap) return false;
  std::string_view b = Base(t.fold);
  constexpr uint32_t kNever = kClsStop | kClsMonth | kClsWeekday | kClsHonorific |
                              kClsFacilityStrong | kClsFacilityWeak | kClsNotName;
  if (b.size() == t.fold.size()) {
    if (t.info & kNever) return false;  // the token's own bits: the same tests, one look-up
  } else if (WordClassesOf(b) & kNever) {
    return false;  // a possessive: the classes of the word without 's
  }
  // "Dayton, OH": a state code is not a surname.
  return !(t.upper && b.size() == 2 && !ctx.priors.UsStateCode(b).empty());
}

// Extends a name over following capitalised tokens ("Dorothy Mae Jenkins", "Mary-Jo Smith").
size_t ExtendName(const BlockContext& ctx, size_t last, int max_more, bool surname_only) {
  const auto& t = ctx.tokens;
  size_t j = last;
  while (max_more > 0 && j + 1 < t.size()) {
    // Stop after a possessive: "Ahmed's Mother".
    if (Base(t[j].fold).size() != t[j].fold.size()) break;
    size_t k = j + 1;
    if (t[k].kind == TokenKind::kPunct && t[k].fold == "-" && !t[k].space_before &&
        k + 1 < t.size())
      ++k;
    if (t[k].space_before && t[k].newline_before) break;
    if (!NameToken(ctx, t[k])) break;
    std::string_view b = Base(t[k].fold);
    if (surname_only && !ctx.priors.IsFirstName(b) &&
        (!SurnameLike(ctx, b) || (CommonWord(ctx, b) && ctx.priors.SurnameShare(b) < 5e-5))) {
      break;
    }
    j = k;
    --max_more;
  }
  return j;
}

std::string Role(const BlockContext& ctx, size_t first, std::string_view honorific) {
  const auto& t = ctx.tokens;
  if (honorific == "dr" || honorific == "doctor" || honorific == "nurse" || honorific == "prof" ||
      honorific == "professor") {
    for (size_t k = first, n = 0; k-- > 0 && n < 6; ++n) {
      std::string_view w = t[k].fold;
      if (w == "i'm" || w == "am" || w == "about" || w == "by" || w == "meet" || w == "contact")
        return "author";
      if (t[k].sentence_start) break;
    }
    return "colleague";
  }
  for (size_t k = first, n = 0; k-- > 0 && n < 8; ++n) {
    std::string_view w = t[k].fold;
    if (t[k].info & kClsPatientCue) return "patient";
    if (t[k].info & kClsRelation) return "relative";
    if (w == "colleague" || w == "resident" || w == "nurse" || w == "surgeon") return "colleague";
    if (t[k].sentence_start) break;
  }
  return "unknown";
}

void AddName(const BlockContext& ctx, size_t first, size_t last, double confidence,
             std::string_view honorific, std::vector<bool>* claimed) {
  const auto& t = ctx.tokens;
  size_t b = t[first].begin, e = EndWithoutPossessive(ctx, t[last]);
  std::string norm;
  double prior = 1.0;
  bool any_share = false;
  for (size_t k = first; k <= last; ++k) {
    if (t[k].kind == TokenKind::kPunct) continue;
    if (!norm.empty() && t[k].space_before) norm.push_back(' ');
    norm.append(t[k].Text(ctx.text).substr(0, (k == last ? e : t[k].end) - t[k].begin));
  }
  std::string_view first_base = Base(t[first].fold), last_base = Base(t[last].fold);
  double f = first != last || honorific.empty() ? ctx.priors.FirstNameShare(first_base) : 0;
  double s = first != last || !honorific.empty() ? ctx.priors.SurnameShare(last_base) : 0;
  if (f > 0) prior *= f, any_share = true;
  if (s > 0) prior *= s, any_share = true;
  if (first != last && s == 0) prior *= 1e-5, any_share = true;  // a rare surname
  if (!any_share) prior = 1e-5;
  Mention& m = ctx.Add(MentionType::kPersonName, b, e, norm, confidence, prior);
  m.attributes["role"] = Role(ctx, first, honorific);
  if (!honorific.empty()) m.attributes["title"] = std::string(honorific);
  for (size_t k = first; k <= last; ++k) (*claimed)[k] = true;
}

bool StrongTitle(std::string_view w) {
  static constexpr std::string_view kTitles[] = {
      "dr",         "doctor",    "mr",       "mrs",    "ms",       "miss",    "mx",
      "prof",       "professor", "nurse",    "sgt",    "sergeant", "officer", "pastor",
      "rev",        "reverend",  "judge",    "coach",  "captain",  "capt",    "lt",
      "lieutenant", "detective", "deputy",   "senora", "senor",    "sra",     "srta",
      "corporal",   "colonel",   "chaplain", "rabbi",  "imam",     "baby"};
  for (std::string_view x : kTitles) {
    if (w == x) return true;
  }
  return false;
}

}  // namespace

void DetectNames(const BlockContext& ctx) {
  const auto& t = ctx.tokens;
  std::vector<bool> claimed(t.size(), false);
  for (size_t i = 0; i < t.size(); ++i) {
    if (claimed[i] || !t[i].IsWord()) continue;
    std::string_view w = t[i].fold;
    // 1. Honorifics.
    if (t[i].cap && (t[i].info & kClsHonorific)) {
      size_t j = i + 1;
      if (j < t.size() && t[j].fold == "." && !t[j].space_before) ++j;
      if (j < t.size() && NameToken(ctx, t[j])) {
        bool strong = StrongTitle(w);
        std::string_view b = Base(t[j].fold);
        if (strong || ctx.priors.IsFirstName(b) || !CommonWord(ctx, b)) {
          size_t last = ExtendName(ctx, j, 3, false);
          AddName(ctx, j, last, strong ? 0.95 : 0.8, w, &claimed);
          i = last;
          continue;
        }
      }
    }
    // 2. "named X", "patient X".
    if (!t[i].cap && (t[i].info & kClsPatientCue) &&
        (w == "named" || w == "called" || w == "patient" || w == "pt")) {
      size_t j = i + 1;
      if (j < t.size() && NameToken(ctx, t[j]) &&
          (w == "named" || w == "called" || !CommonWord(ctx, Base(t[j].fold)))) {
        size_t last = ExtendName(ctx, j, 3, false);
        AddName(ctx, j, last, w == "named" || w == "called" ? 0.9 : 0.85, "", &claimed);
        i = last;
        continue;
      }
    }
    if (!t[i].cap) continue;
    std::string_view base = Base(w);
    // 3. Initial + surname: "J. Thornton".
    if (w.size() == 1 && i + 2 < t.size() && t[i + 1].fold == "." && !t[i + 1].space_before &&
        NameToken(ctx, t[i + 2]) && SurnameLike(ctx, Base(t[i + 2].fold)) &&
        !CommonWord(ctx, Base(t[i + 2].fold))) {
      size_t last = ExtendName(ctx, i + 2, 1, true);
      AddName(ctx, i, last, 0.8, "", &claimed);
      i = last;
      continue;
    }
    if (!NameToken(ctx, t[i])) continue;
    if (int p = ctx.PrevWord(i); p >= 0 && (t[p].fold == "hurricane" || t[p].fold == "storm" ||
                                            t[p].fold == "typhoon" || t[p].fold == "cyclone")) {
      continue;  // "Hurricane Milton" names a storm
    }
    // 4. "the Pruitt family".
    if (i + 1 < t.size() && t[i + 1].fold == "family" && !CommonWord(ctx, base) &&
        !ctx.priors.UsStateCode(base).size()) {
      AddName(ctx, i, i, 0.8, "", &claimed);
      ctx.out->back().attributes["role"] = "relative";
      continue;
    }
    bool first_name = ctx.priors.IsFirstName(base);
    // Only the first-name rules and the possessive rule (5) read `common`: skip the look-up
    // into the 400k-word table for other capitalised words.
    bool common = (first_name || base.size() != w.size()) && CommonWord(ctx, base);
    if (first_name) {
      size_t last = ExtendName(ctx, i, 3, true);
      if (last > i) {
        std::string_view lb = Base(t[last].fold);
        bool strong_surname = !CommonWord(ctx, lb) || ctx.priors.SurnameShare(lb) >= 2e-4;
        if (!common || strong_surname) {
          AddName(ctx, i, last, 0.85, "", &claimed);
          i = last;
          continue;
        }
      }
      int p = ctx.PrevWord(i, true);
      std::string_view prev = p >= 0 ? std::string_view(t[p].fold) : std::string_view();
      bool cue = p >= 0 && ((t[p].info & (kClsRelation | kClsPatientCue)) || prev == "baby" ||
                            (prev == "and" && p > 0 && claimed[p - 1]));
      // "Rose, 94," — a name with an age in apposition.
      if (i + 2 < t.size() && t[i + 1].fold == "," && t[i + 2].kind == TokenKind::kNumber)
        cue = true;
      bool possessive_relation =
          base.size() != w.size() && i + 1 < t.size() && (t[i + 1].info & kClsRelation);
      if (!common || cue || possessive_relation) {
        AddName(ctx, i, i, cue ? 0.75 : 0.6, "", &claimed);
        continue;
      }
      continue;
    }
    // 5. Possessive before a relation: "Ahmed's mother".
    if (base.size() != w.size() && !common && i + 1 < t.size() && (t[i + 1].info & kClsRelation) &&
        !ctx.priors.LookupPlace(base, ctx.region_hint)) {
      AddName(ctx, i, i, 0.7, "", &claimed);
      continue;
    }
  }
}

}  // namespace sightline::analyzer::detect_internal
