// NegEx-style negation and verb-use checks for condition mentions (Chapman et al. 2001): a
// condition inside the scope of a negation cue ("no fracture", "denies chest pain", "ruled
// out lupus", "negative for COVID-19", "lupus was ruled out") is not a condition the person
// has. Scope: up to six words before the condition within its sentence, cut by termination
// words ("but", "because", "which"); pseudo-negations ("no doubt", "not only") do not count.
// Pure functions over one block's tokens, thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "analyzer/detect/internal/tokenizer.h"

namespace sightline::analyzer::detect_internal {

// The condition spanning tokens [first, last] is negated by the words around it.
bool IsNegatedCondition(const std::vector<Token>& tokens, size_t first, size_t last);

// A single-word gerund condition used as a verb with an object ("cutting salt", "cutting
// back"): the word is not the condition ("cutting" = self-harm only as "cutting herself").
bool IsGerundVerbUse(const std::vector<Token>& tokens, size_t first, size_t last);

}  // namespace sightline::analyzer::detect_internal
