#include "analyzer/detect/internal/negation.h"

#include <algorithm>
#include <string_view>

namespace sightline::analyzer::detect_internal {
namespace {

constexpr size_t kWindowWords = 6;

bool In(std::initializer_list<std::string_view> set, std::string_view w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Words that end a negation's scope: what follows speaks of something else ("no fever but
// a fracture", "could not walk because of a fracture").
bool IsTermination(std::string_view w) {
  return In({"but",       "however",  "although", "though", "except",    "yet",   "which",
             "who",       "whose",    "because",  "due",    "since",     "after", "until",
             "caused",    "revealed", "showed",   "shows",  "confirmed", "found", "diagnosed",
             "developed", "has",      "had",      "have"},
            w);
}

bool IsScopeBreak(const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  return In({".", ";", ":", "!", "?", "(", ")"}, t.fold);
}

const Token* NextWord(const std::vector<Token>& t, size_t i) {
  return i + 1 < t.size() && t[i + 1].kind != TokenKind::kPunct ? &t[i + 1] : nullptr;
}

// "no" / "not" followed by a word that makes it a pseudo-negation.
bool IsPseudo(const std::vector<Token>& t, size_t i) {
  const Token* next = NextWord(t, i);
  if (!next) return false;
  return In({"one", "doubt", "idea", "matter", "only", "just", "until", "sure", "surprise",
             "wonder", "question", "change", "increase", "longer"},
            next->fold);
}

// A pre-condition negation cue ending at word i (the last word of the cue).
bool IsPreCue(const std::vector<Token>& t, size_t i) {
  std::string_view w = t[i].fold;
  if (In({"no", "not", "denies", "denied", "deny", "denying", "without", "never", "nor", "neither",
          "absent"},
         w)) {
    return !IsPseudo(t, i);
  }
  if (i == 0) return false;
  std::string_view prev = t[i - 1].fold;
  // "never had asthma", "has not had a fracture".
  if (In({"had", "has", "have"}, w)) return In({"never", "not", "hasn't", "hadn't"}, prev);
  if (w == "out") return In({"ruled", "rule", "rules", "ruling"}, prev);
  if (w == "for") return prev == "negative";
  if (w == "of") return In({"free", "absence", "evidence"}, prev) && i >= 2 && t[i - 2].Is("no");
  return false;
}

}  // namespace

bool IsNegatedCondition(const std::vector<Token>& t, size_t first, size_t last) {
  // Before: walk back over at most kWindowWords words inside the sentence.
  size_t words = 0;
  for (size_t k = first; k-- > 0 && words < kWindowWords;) {
    const Token& tok = t[k];
    if (IsScopeBreak(tok)) break;
    if (tok.kind == TokenKind::kPunct) continue;
    if (IsPreCue(t, k)) return true;
    if (IsTermination(tok.fold)) break;
    ++words;
    if (tok.sentence_start) break;
  }
  // After: "lupus was ruled out", "a fracture was excluded".
  size_t k = last + 1;
  while (k < t.size() && t[k].kind == TokenKind::kPunct && t[k].fold == ",") ++k;
  if (k < t.size() && In({"was", "were", "is", "been", "being"}, t[k].fold)) ++k;
  if (k < t.size() && t[k].Is("ruled") && k + 1 < t.size() && t[k + 1].Is("out")) return true;
  if (k < t.size() && t[k].Is("excluded")) return true;
  return false;
}

bool IsGerundVerbUse(const std::vector<Token>& t, size_t first, size_t last) {
  if (first != last || !t[first].IsWord()) return false;
  std::string_view w = t[first].fold;
  if (w.size() < 5 || w.substr(w.size() - 3) != "ing") return false;
  if (last + 1 >= t.size()) return false;
  const Token& next = t[last + 1];
  if (!next.IsWord() || next.cap || !next.space_before) return false;
  // "cutting herself", "drowning in", "stuttering and ...": not an object.
  if (In({"herself",  "himself",  "themselves", "myself",    "yourself",  "ourselves",  "again",
          "episodes", "episode",  "behavior",   "behaviour", "behaviors", "behaviours", "victim",
          "victims",  "incident", "accident",   "habit",     "scars",     "marks",      "wounds",
          "injuries", "and",      "or",         "but",       "in",        "at",         "on",
          "of",       "for",      "with",       "after",     "since",     "when",       "while",
          "as",       "is",       "was",        "were",      "had",       "has",        "that",
          "which",    "who"},
         next.fold)) {
    return false;
  }
  return true;
}

}  // namespace sightline::analyzer::detect_internal
