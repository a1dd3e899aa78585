#include "analyzer/detect/internal/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <array>
#include <climits>
#include <cstring>

#include "analyzer/detect/internal/string_table.h"
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
  static const StringTable kTable = [] {
    StringTable table;
    for (std::string_view a : kAbbrev) table.Upsert(a, 1);
    return table;
  }();
  if (t.kind != TokenKind::kWord) return false;
  if (t.fold.size() == 1) return true;  // an initial
  return kTable.Find(t.fold) != nullptr;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Bytes the ASCII fast path leaves to ICU: anything non-ASCII, and '_' and '@', which ICU's
// rules join to letters and digits in ways the fast path does not reproduce ("a@b.com",
// "snake_case", "x__").
bool NeedsIcu(char c) { return static_cast<unsigned char>(c) >= 0x80 || c == '_' || c == '@'; }

// The first byte at or after `from` that NeedsIcu, or `n`: eight bytes per step (a high bit,
// or a byte equal to '_' or '@', found with the "has zero byte" bit trick).
size_t FindNeedsIcu(std::string_view text, size_t from) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return ((x - kOnes) & ~x & kHigh) != 0; };
  const size_t n = text.size();
  size_t p = from;
  for (; p + 8 <= n; p += 8) {
    uint64_t v;
    std::memcpy(&v, text.data() + p, 8);
    if ((v & kHigh) || has_zero(v ^ (kOnes * '_')) || has_zero(v ^ (kOnes * '@'))) break;
  }
  while (p < n && !NeedsIcu(text[p])) ++p;
  return p;
}

// Byte classes for the fast path: bit 0 letter, bit 1 digit; bit 2 joins two letters
// (UAX #29 WB6/7: '.' and '\''), bit 3 joins two digits (WB11/12: '.', '\'', ',', ';').
// ICU's root rules take ':' out of MidLetter, so "a:b" is three pieces.
constexpr uint8_t kLetter = 1, kDigit = 2, kJoinsLetters = 4, kJoinsDigits = 8;

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kLetter;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  table['.'] = kJoinsLetters | kJoinsDigits;
  table['\''] = kJoinsLetters | kJoinsDigits;
  table[','] = kJoinsDigits;
  table[';'] = kJoinsDigits;
  return table;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

uint8_t ClassOf(char c) { return kByteClasses[static_cast<unsigned char>(c)]; }

}  // namespace

struct Tokenizer::State {
  bool space = false, newline = false, sentence = true;
};

namespace {

// One segment [start, end) of `text` with its ICU rule status, turned into a token (or into
// the space/newline flags of the next token).
void EmitPiece(std::string_view text, size_t start, size_t end, int32_t rule, bool* space,
               bool* newline, bool* sentence, std::vector<Token>* out) {
  std::string_view piece = text.substr(start, end - start);
  unsigned char c0 = static_cast<unsigned char>(piece[0]);
  bool is_space = rule < UBRK_WORD_NONE_LIMIT && (c0 == ' ' || c0 == '\t' || c0 == '\n' ||
                                                  c0 == '\r' || c0 == '\f' || piece == "\xC2\xA0");
  if (is_space) {
    *space = true;
    if (piece.find('\n') != std::string_view::npos) {
      *newline = true;
      *sentence = true;
    }
    return;
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
  t.space_before = *space;
  t.newline_before = *newline;
  t.sentence_start = *sentence;
  if (t.kind == TokenKind::kPunct) {
    t.fold.assign(piece);
  } else {
    AppendFolded(piece, &t.fold);
    t.cap = StartsUpper(piece);
    t.upper = IsAllUpper(piece);
  }
  // A sentence ends at . ! ? unless the period closes an abbreviation or an initial.
  if (t.kind == TokenKind::kPunct && (piece == "." || piece == "!" || piece == "?")) {
    *sentence = !(piece == "." && !out->empty() && !t.space_before && IsAbbreviation(out->back()));
  } else {
    *sentence = false;
  }
  *space = *newline = false;
  out->push_back(std::move(t));
}

// EmitPiece for a piece of the ASCII fast path (no UTF-8 decoding, the token built in place):
// the same token and flags. Pieces with status NONE are a run of spaces, CR LF, or one byte.
void EmitAsciiPiece(std::string_view text, size_t start, size_t end, int32_t rule, bool* space,
                    bool* newline, bool* sentence, std::vector<Token>* out) {
  const char c0 = text[start];
  if (rule == UBRK_WORD_NONE &&
      (c0 == ' ' || c0 == '\t' || c0 == '\n' || c0 == '\r' || c0 == '\f')) {
    *space = true;
    if (c0 == '\n' || (c0 == '\r' && end - start == 2)) {
      *newline = true;
      *sentence = true;
    }
    return;
  }
  bool ends_sentence = false;
  if (rule == UBRK_WORD_NONE && (c0 == '.' || c0 == '!' || c0 == '?')) {
    ends_sentence = !(c0 == '.' && !out->empty() && !*space && IsAbbreviation(out->back()));
  }
  Token& t = out->emplace_back();
  t.begin = static_cast<uint32_t>(start);
  t.end = static_cast<uint32_t>(end);
  t.space_before = *space;
  t.newline_before = *newline;
  t.sentence_start = *sentence;
  if (rule == UBRK_WORD_NONE) {
    t.kind = TokenKind::kPunct;
    t.fold.assign(1, c0);
  } else {
    t.kind = rule == UBRK_WORD_LETTER ? TokenKind::kWord : TokenKind::kNumber;
    t.fold.resize(end - start);
    int upper = 0;
    bool lower = false;
    for (size_t k = start; k < end; ++k) {
      char c = text[k];
      if (c >= 'A' && c <= 'Z') {
        ++upper;
        c = static_cast<char>(c + 32);
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      }
      t.fold[k - start] = c;
    }
    t.cap = c0 >= 'A' && c0 <= 'Z';
    t.upper = !lower && upper >= 2;
  }
  *sentence = ends_sentence;
  *space = *newline = false;
}

// ICU's word segmentation of plain ASCII without '_' and '@': runs of letters and digits
// (status 200 when the run ends in a letter, 100 when it ends in a digit — ICU reports the
// rule of the last join), joined across one middle character with the same class on both
// sides; runs of spaces and CR LF stay together; every other byte is a piece of its own.
// `end` is the end of the text or a whitespace byte, so look-ahead never needs more.
template <typename EmitFn>
void SegmentAscii(std::string_view text, size_t begin, size_t end, EmitFn&& emit) {
  size_t i = begin;
  while (i < end) {
    char c = text[i];
    uint8_t cls = ClassOf(c) & (kLetter | kDigit);
    if (cls != 0) {
      size_t j = i + 1;
      uint8_t last = cls;
      while (j < end) {
        uint8_t next = ClassOf(text[j]);
        if (next & (kLetter | kDigit)) {
          last = next;
          ++j;
          continue;
        }
        // A middle character joins two letters or two digits.
        uint8_t join = last == kLetter ? kJoinsLetters : kJoinsDigits;
        if ((next & join) && j + 1 < end && ClassOf(text[j + 1]) == last) {
          j += 2;
          continue;
        }
        break;
      }
      emit(i, j, last == kLetter ? UBRK_WORD_LETTER : UBRK_WORD_NUMBER);
      i = j;
    } else if (c == ' ') {
      size_t j = i + 1;
      while (j < end && text[j] == ' ') ++j;
      emit(i, j, UBRK_WORD_NONE);
      i = j;
    } else if (c == '\r' && i + 1 < end && text[i + 1] == '\n') {
      emit(i, i + 2, UBRK_WORD_NONE);
      i += 2;
    } else {
      emit(i, i + 1, UBRK_WORD_NONE);
      ++i;
    }
  }
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

void Tokenizer::IcuRegion(std::string_view text, size_t begin, size_t end, State* state,
                          std::vector<Token>* out) {
  std::string_view region = text.substr(begin, end - begin);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, region.data(), static_cast<int64_t>(region.size()), &status));
  if (U_FAILURE(status)) return;
  iterator_->setText(ut.get(), status);
  if (U_FAILURE(status)) return;
  int32_t start = iterator_->first();
  for (int32_t stop = iterator_->next(); stop != icu::BreakIterator::DONE;
       start = stop, stop = iterator_->next()) {
    EmitPiece(text, begin + static_cast<size_t>(start), begin + static_cast<size_t>(stop),
              iterator_->getRuleStatus(), &state->space, &state->newline, &state->sentence, out);
  }
}

void Tokenizer::TokenizeWithIcu(std::string_view text, std::vector<Token>* out) {
  out->clear();
  if (text.empty()) return;
  if (text.size() > static_cast<size_t>(INT32_MAX / 2)) text = text.substr(0, INT32_MAX / 2);
  State state;
  IcuRegion(text, 0, text.size(), &state, out);
}

void Tokenizer::Tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  if (text.empty()) return;
  if (text.size() > static_cast<size_t>(INT32_MAX / 2)) text = text.substr(0, INT32_MAX / 2);
  State state;
  auto emit = [&](size_t b, size_t e, int32_t rule) {
    EmitAsciiPiece(text, b, e, rule, &state.space, &state.newline, &state.sentence, out);
  };
  const size_t n = text.size();
  size_t cur = 0;
  while (cur < n) {
    size_t p = FindNeedsIcu(text, cur);
    if (p == n) {
      SegmentAscii(text, cur, n, emit);
      break;
    }
    // ICU takes the whitespace-delimited word holding byte p together with the whitespace
    // before it, so both ends of its region are breaks ICU would make in the whole text:
    // between an ASCII non-space byte and ASCII whitespace, nothing joins (UAX #29 WB3-WB4
    // only join CR LF, spaces, and Extend/Format characters, which are never ASCII).
    size_t word = p;
    while (word > cur && !IsAsciiSpace(text[word - 1])) --word;
    size_t region = word;
    while (region > cur && IsAsciiSpace(text[region - 1])) --region;
    SegmentAscii(text, cur, region, emit);
    size_t end = p;
    for (;;) {
      while (end < n && !IsAsciiSpace(text[end])) ++end;
      while (end < n && IsAsciiSpace(text[end])) ++end;
      // A non-ASCII byte right after the whitespace may be a combining mark that ICU
      // attaches to the space (WB4): keep that word in the region too.
      if (end < n && static_cast<unsigned char>(text[end]) >= 0x80) continue;
      break;
    }
    IcuRegion(text, region, end, &state, out);
    cur = end;
  }
}

}  // namespace sightline::analyzer::detect_internal
