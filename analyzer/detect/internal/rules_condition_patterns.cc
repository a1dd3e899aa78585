// Condition patterns beyond the dictionary: injuries told as verbs ("broke his pelvis",
// "tore her ACL", "dislocated a shoulder") and compounds whose head noun names a condition
// ("smoke inhalation", "vitamin D deficiency", "carbon monoxide poisoning", "peanut
// allergy"). Both honour negation ("never broke a bone"). Prior: unknown-term level (1e-3).
#include <string>

#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/negation.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

bool In(std::initializer_list<std::string_view> set, std::string_view w) {
  for (std::string_view s : set) {
    if (s == w) return true;
  }
  return false;
}

bool IsBodyPart(std::string_view w) {
  return In({"pelvis",  "hip",      "hips",    "wrist",     "wrists",  "arm",        "arms",
             "leg",     "legs",     "ankle",   "ankles",    "femur",   "collarbone", "clavicle",
             "rib",     "ribs",     "skull",   "jaw",       "nose",    "elbow",      "shoulder",
             "knee",    "kneecap",  "neck",    "back",      "spine",   "vertebra",   "vertebrae",
             "tibia",   "fibula",   "humerus", "finger",    "fingers", "toe",        "toes",
             "foot",    "hand",     "thumb",   "acl",       "mcl",     "meniscus",   "achilles",
             "tendon",  "ligament", "eardrum", "cheekbone", "bone",    "bones",      "heel",
             "sternum", "tailbone", "shin",    "forearm",   "spleen",  "aorta",      "appendix"},
            w);
}

bool IsDeterminer(std::string_view w) {
  return In({"his", "her", "their", "my", "a", "an", "the", "both", "one", "two", "several", "its",
             "your", "our", "left", "right"},
            w);
}

// Words before a head that are advice or degree, not part of the condition's name.
bool IsNonModifier(std::string_view w) {
  return IsStopWord(w) || NumberWord(w) >= 0 ||
         In({"prevent",  "preventing", "avoid",    "avoiding", "treat", "treating", "reduce",
             "reducing", "cause",      "causes",   "caused",   "risk",  "risks",    "cut",
             "stop",     "help",       "helps",    "severe",   "mild",  "acute",    "chronic",
             "possible", "suspected",  "bad",      "serious",  "minor", "major",    "new",
             "old",      "an",         "is",       "was",      "be",    "been",     "had",
             "has",      "have",       "not",      "no",       "any",   "more",     "less",
             "signs",    "sign",       "symptoms", "common",   "rare",  "likely",   "unlikely",
             "other",    "such",       "like"},
            w);
}

void InjuryVerbs(const BlockContext& ctx) {
  const auto& t = ctx.tokens;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (!t[i].IsWord() || !(t[i].info & kClsInjuryVerb)) continue;
    std::string_view injury = InjuryOf(t[i].fold);
    if (injury.empty()) continue;
    size_t k = i + 1;
    for (int d = 0; d < 2 && k < t.size() && t[k].IsWord() && IsDeterminer(t[k].fold); ++d) ++k;
    if (k >= t.size() || !t[k].IsWord()) continue;
    std::string part = t[k].fold;
    size_t last = k;
    if (part == "rotator" && k + 1 < t.size() && t[k + 1].Is("cuff")) {
      part = "rotator cuff";
      last = k + 1;
    } else if (!IsBodyPart(part)) {
      continue;
    }
    if (IsNegatedCondition(t, i, last)) continue;
    ctx.Add(MentionType::kCondition, t[i].begin, t[last].end, part + " " + std::string(injury), 0.8,
            1e-3);
    i = last;
  }
}

void HeadCompounds(const BlockContext& ctx) {
  const auto& t = ctx.tokens;
  for (size_t h = 1; h < t.size(); ++h) {
    if (!t[h].IsWord() || !(t[h].info & kClsConditionHead)) continue;
    // Up to three modifier words right before the head, no punctuation between them
    // ("vitamin D", "carbon monoxide", "B12" is a word-and-number token).
    size_t first = h;
    for (size_t k = h; k-- > 0 && h - k <= 3;) {
      const Token& m = t[k];
      if (m.kind == TokenKind::kPunct) break;
      if (m.kind == TokenKind::kNumber && !HasDigit(m.fold)) break;
      if (m.IsWord() && (IsNonModifier(m.fold) || m.fold.ends_with("'s"))) break;
      if (m.kind == TokenKind::kNumber && k + 1 == h) break;  // "3 injuries"
      first = k;
    }
    if (first == h) continue;
    if (IsNegatedCondition(t, first, h)) continue;
    ctx.Add(MentionType::kCondition, t[first].begin, t[h].end,
            NormalizeKey(ctx.text.substr(t[first].begin, t[h].end - t[first].begin)), 0.7, 1e-3);
  }
}

}  // namespace

void DetectConditionPatterns(const BlockContext& ctx) {
  InjuryVerbs(ctx);
  HeadCompounds(ctx);
}

}  // namespace sightline::analyzer::detect_internal
