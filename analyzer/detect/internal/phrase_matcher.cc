#include "analyzer/detect/internal/phrase_matcher.h"

#include <algorithm>

#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {

void PhraseMatcher::Add(std::string_view phrase, uint32_t payload) {
  std::string key = NormalizeKey(phrase);
  if (key.empty()) return;
  size_t words = 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' '));
  max_words_ = std::max(max_words_, words);
  for (size_t pos = key.find(' '); pos != std::string::npos; pos = key.find(' ', pos + 1)) {
    phrases_.Upsert(std::string_view(key).substr(0, pos), 0);
  }
  first_words_.push_back(key.substr(0, key.find(' ')));
  uint32_t& slot = phrases_.Upsert(key, 0);
  if (slot == 0) slot = payload + 1;
}

void PhraseMatcher::AddExact(std::string_view token, uint32_t payload) {
  uint32_t& slot = exact_.Upsert(token, 0);
  if (slot == 0) slot = payload + 1;
}

bool IsPhraseGlue(const Token& t, const Token& previous_word) {
  if (t.kind != TokenKind::kPunct) return false;
  if (t.fold == "-" || t.fold == "/" || t.fold == "&" || t.fold == "," || t.fold == "'" ||
      t.fold == "\xE2\x80\x93") {
    return true;
  }
  // "St. Luke", "c. diff": a period after a short abbreviation.
  return t.fold == "." && previous_word.kind == TokenKind::kWord && previous_word.fold.size() <= 3;
}

PhraseMatcher::Match PhraseMatcher::LongestAt(std::string_view text,
                                              const std::vector<Token>& tokens, size_t i) const {
  Match best;
  if (i >= tokens.size() || tokens[i].kind == TokenKind::kPunct) return best;
  if (tokens[i].upper) {
    if (const uint32_t* v = exact_.Find(tokens[i].Text(text)); v && *v) {
      best = {i, i, *v - 1, true};
    }
  }
  // Most tokens start no phrase: look the fold up before building any key.
  const uint32_t* first = phrases_.Find(tokens[i].fold);
  if (!first) return best;
  std::string key;
  size_t words = 0;
  size_t j = i;
  while (j < tokens.size() && words < max_words_) {
    const Token& t = tokens[j];
    if (t.kind == TokenKind::kPunct) break;
    if (!key.empty()) key.push_back(' ');
    key.append(t.fold);
    ++words;
    const uint32_t* v = j == i ? first : phrases_.Find(key);
    if (!v) break;
    if (*v != 0) best = {i, j, *v - 1, true};
    // Skip glue punctuation to the next word.
    size_t k = j + 1;
    while (k < tokens.size() && IsPhraseGlue(tokens[k], t) && k - j <= 2) ++k;
    j = k;
  }
  return best;
}

}  // namespace sightline::analyzer::detect_internal
