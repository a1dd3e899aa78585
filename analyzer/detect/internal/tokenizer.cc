#include "analyzer/detect/internal/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <climits>

#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// Abbreviations whose period does not end a sentence.
bool IsAbbreviation(const Token& t) {
  static constexpr std::string_view kAbbrev[] = {
      "dr",   "mr",  "mrs",  "ms",     "st",   "mt",   "ft",   "prof", "sr",    "jr",  "rev", "sgt",
      "vs",   "lt",  "capt", "gen",    "inc",  "co",   "corp", "ave",  "blvd",  "rd",  "apt", "ste",
      "sept", "jan", "feb",  "mar",    "apr",  "jun",  "jul",  "aug",  "sep",   "oct", "nov", "dec",
      "e.g",  "i.e", "etc",  "approx", "dept", "univ", "a.m",  "p.m",  "d.o.b", "y.o"};
  if (t.kind != TokenKind::kWord) return false;
  if (t.fold.size() == 1) return true;  // an initial
  for (std::string_view a : kAbbrev) {
    if (t.fold == a) return true;
  }
  return false;
}

}  // namespace

Tokenizer::Tokenizer(std::unique_ptr<icu::BreakIterator> iterator)
    : iterator_(std::move(iterator)) {}
Tokenizer::~Tokenizer() = default;

Result<std::unique_ptr<Tokenizer>> Tokenizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getUS(), status));
  if (U_FAILURE(status) || !it) {
    return Fail(
        ErrorCode::kUnavailable,
        std::string("ICU word break iterator unavailable (libicu data): ") + u_errorName(status));
  }
  return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(it)));
}

std::unique_ptr<Tokenizer> Tokenizer::Clone() const {
  return std::unique_ptr<Tokenizer>(
      new Tokenizer(std::unique_ptr<icu::BreakIterator>(iterator_->clone())));
}

void Tokenizer::Tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  if (text.empty()) return;
  if (text.size() > static_cast<size_t>(INT32_MAX / 2)) text = text.substr(0, INT32_MAX / 2);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
  if (U_FAILURE(status)) return;
  iterator_->setText(ut.get(), status);
  if (U_FAILURE(status)) return;
  bool space = false, newline = false, sentence = true;
  int32_t start = iterator_->first();
  for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE;
       start = end, end = iterator_->next()) {
    std::string_view piece = text.substr(start, end - start);
    int32_t rule = iterator_->getRuleStatus();
    unsigned char c0 = static_cast<unsigned char>(piece[0]);
    bool is_space =
        rule < UBRK_WORD_NONE_LIMIT &&
        (c0 == ' ' || c0 == '\t' || c0 == '\n' || c0 == '\r' || c0 == '\f' || piece == "\xC2\xA0");
    if (is_space) {
      space = true;
      if (piece.find('\n') != std::string_view::npos) {
        newline = true;
        sentence = true;
      }
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(end);
    if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) {
      t.kind = TokenKind::kNumber;
    } else if (rule >= UBRK_WORD_LETTER) {
      t.kind = TokenKind::kWord;
    } else {
      t.kind = TokenKind::kPunct;
    }
    t.space_before = space;
    t.newline_before = newline;
    t.sentence_start = sentence;
    if (t.kind == TokenKind::kPunct) {
      t.fold.assign(piece);
    } else {
      AppendFolded(piece, &t.fold);
      t.cap = StartsUpper(piece);
      t.upper = IsAllUpper(piece);
    }
    // A sentence ends at . ! ? unless the period closes an abbreviation or an initial.
    if (t.kind == TokenKind::kPunct && (piece == "." || piece == "!" || piece == "?")) {
      sentence = !(piece == "." && !out->empty() && !t.space_before && IsAbbreviation(out->back()));
    } else {
      sentence = false;
    }
    space = newline = false;
    out->push_back(std::move(t));
  }
}

}  // namespace sightline::analyzer::detect_internal
