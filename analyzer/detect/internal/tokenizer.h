// Word tokens of a block's text with ICU's word-break rules (UAX #29), spans as byte offsets
// into the block. Whitespace is dropped; each token records whether space/newline preceded it
// and whether it starts a sentence. Whitespace-delimited words of plain ASCII are segmented by
// a hand-written equivalent of ICU's rules (several times faster); any word holding a
// non-ASCII byte, '_' or '@' goes through ICU's BreakIterator over the UTF-8 (UText). A
// Tokenizer holds one iterator: create one per thread (cheap clone of a shared prototype).
#pragma once

#include <unicode/uversion.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace sightline::analyzer::detect_internal {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t begin = 0, end = 0;
  TokenKind kind = TokenKind::kPunct;
  bool cap = false;           // first letter upper case
  bool upper = false;         // an all-caps acronym ("COPD")
  bool space_before = false;  // whitespace between this and the previous token
  bool newline_before = false;
  bool sentence_start = false;
  std::string fold;   // case-folded text (words and numbers); the character for punctuation
  uint32_t info = 0;  // Lexicon::word_bits of fold (Feature | WordClass bits), set by Detector

  bool IsWord() const { return kind == TokenKind::kWord; }
  bool Is(std::string_view folded) const { return fold == folded; }
  std::string_view Text(std::string_view block) const { return block.substr(begin, end - begin); }
};

class Tokenizer {
 public:
  static Result<std::unique_ptr<Tokenizer>> Create();
  std::unique_ptr<Tokenizer> Clone() const;
  ~Tokenizer();

  void Tokenize(std::string_view text, std::vector<Token>* out);
  // The same tokens from ICU alone (the reference the ASCII fast path is tested against).
  void TokenizeWithIcu(std::string_view text, std::vector<Token>* out);

 private:
  struct State;
  explicit Tokenizer(std::unique_ptr<icu::BreakIterator> iterator);
  // ICU over text[begin, end); `end` must be a word boundary of the whole text.
  void IcuRegion(std::string_view text, size_t begin, size_t end, State* state,
                 std::vector<Token>* out);
  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace sightline::analyzer::detect_internal
