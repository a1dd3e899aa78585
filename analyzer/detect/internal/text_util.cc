#include "analyzer/detect/internal/text_util.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace sightline::analyzer::detect_internal {
namespace {

// Base letters for U+00C0..U+00FF ('\0' = keep as is).
constexpr char kLatin1Base[64] = {'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i',
                                  'i', 'i', 'i', 'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u',
                                  'u', 'u', 'u', 'y', 0,   0,   'a', 'a', 'a', 'a', 'a', 'a', 0,
                                  'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'd', 'n', 'o', 'o',
                                  'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y'};

// Base letters for U+0100..U+017F (Latin Extended-A; 0 = keep as is).
constexpr char kLatinExtABase[128] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'd', 'd', 'd', 'd', 'e',
    'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'g', 'g', 'g', 'g', 'g', 'g', 'g', 'g', 'h', 'h',
    'h', 'h', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 0,   0,   'j', 'j', 'k', 'k', 'k',
    'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n',
    'o', 'o', 'o', 'o', 'o', 'o', 0,   0,   'r', 'r', 'r', 'r', 'r', 'r', 's', 's', 's', 's', 's',
    's', 's', 's', 't', 't', 't', 't', 't', 't', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    'u', 'u', 'w', 'w', 'y', 'y', 'y', 'z', 'z', 'z', 'z', 'z', 'z', 's',
};

}  // namespace

void AppendFolded(std::string_view text, std::string* out) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    UChar32 cp = 0;
    int32_t pos = static_cast<int32_t>(i);
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(n), cp);
    size_t next = static_cast<size_t>(pos);
    if (cp < 0) {  // invalid UTF-8: keep the bytes
      out->append(text.substr(i, next - i));
    } else if (cp >= 0xC0 && cp <= 0xFF && kLatin1Base[cp - 0xC0] != 0) {
      out->push_back(kLatin1Base[cp - 0xC0]);
    } else if (cp >= 0x100 && cp <= 0x17F && kLatinExtABase[cp - 0x100] != 0) {
      out->push_back(kLatinExtABase[cp - 0x100]);
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
      out->push_back('\'');
    } else {
      UChar32 folded = u_foldCase(cp, U_FOLD_CASE_DEFAULT);
      char buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, folded, error);
      if (error) {
        out->append(text.substr(i, next - i));
      } else {
        out->append(buf, static_cast<size_t>(len));
      }
    }
    i = next;
  }
}

std::string FoldKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendFolded(text, &out);
  return out;
}

std::string NormalizeKey(std::string_view text) {
  std::string folded = FoldKey(text);
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    bool word = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    // An apostrophe between letters stays part of the word.
    if (c == '\'' && !out.empty() && out.back() != ' ' && i + 1 < folded.size() &&
        static_cast<unsigned char>(folded[i + 1]) != ' ') {
      word = true;
    }
    if (word) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(static_cast<char>(c));
    } else {
      pending_space = true;
    }
  }
  return out;
}

bool IsFoldedAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

bool IsNormalizedAscii(std::string_view text) {
  // Words of [a-z0-9] joined by single spaces; an apostrophe only between two word bytes
  // (NormalizeKey keeps exactly those and turns every other run of non-word bytes into one
  // space between words).
  auto word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  const size_t n = text.size();
  if (n == 0 || !word(text[0]) || !word(text[n - 1])) return false;
  for (size_t i = 1; i + 1 < n; ++i) {
    char c = text[i];
    if (word(c)) continue;
    if (c == ' ' && word(text[i - 1]) && word(text[i + 1])) continue;
    if (c == '\'' && word(text[i - 1]) && word(text[i + 1])) continue;
    return false;
  }
  return true;
}

bool StartsUpper(std::string_view word) {
  if (word.empty()) return false;
  unsigned char c = static_cast<unsigned char>(word[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  UChar32 cp = 0;
  int32_t pos = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), pos, static_cast<int32_t>(word.size()),
          cp);
  return cp > 0 && u_isupper(cp);
}

bool IsAllUpper(std::string_view word) {
  int letters = 0;
  for (unsigned char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
    if (c >= 0x80) return false;  // conservative: acronyms are ASCII
  }
  return letters >= 2;
}

bool HasDigit(std::string_view word) {
  for (char c : word) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool IsAsciiDigits(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace sightline::analyzer::detect_internal
