#include "analyzer/extract/charset.h"

#include <uchardet/uchardet.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <cstring>
#include <memory>

#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer {
namespace {

// The HTML Standard's prescan reads 1024 bytes; real pages put long comments or scripts
// before <meta charset>, and browsers look further, so we do too.
constexpr size_t kPrescanBytes = 4096;
// uchardet is slow on large inputs and does not need them to decide.
constexpr size_t kDetectSampleBytes = 64 * 1024;

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct UchardetDeleter {
  void operator()(uchardet_t u) const { uchardet_delete(u); }
};
using UchardetPtr = std::unique_ptr<std::remove_pointer_t<uchardet_t>, UchardetDeleter>;

std::string Lower(std::string_view s) { return internal::AsciiLower(internal::Trim(s)); }

// Reads `name="value"` pairs of one tag starting after "<meta"; stops at '>'.
void ReadMetaAttributes(std::string_view s, size_t* pos, std::string* charset,
                        std::string* http_equiv, std::string* content) {
  size_t i = *pos;
  while (i < s.size() && s[i] != '>') {
    while (i < s.size() && (internal::IsAsciiSpace(s[i]) || s[i] == '/')) ++i;
    size_t name_start = i;
    while (i < s.size() && !internal::IsAsciiSpace(s[i]) && s[i] != '=' && s[i] != '>' &&
           s[i] != '/') {
      ++i;
    }
    std::string name = internal::AsciiLower(s.substr(name_start, i - name_start));
    while (i < s.size() && internal::IsAsciiSpace(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && internal::IsAsciiSpace(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        const char quote = s[i++];
        const size_t end = s.find(quote, i);
        const size_t stop = end == std::string_view::npos ? s.size() : end;
        value = std::string(s.substr(i, stop - i));
        i = stop == s.size() ? stop : stop + 1;
      } else {
        size_t v = i;
        while (i < s.size() && !internal::IsAsciiSpace(s[i]) && s[i] != '>') ++i;
        value = std::string(s.substr(v, i - v));
      }
    }
    if (name.empty()) {
      if (i < s.size() && s[i] != '>') ++i;  // stray character: make progress
      continue;
    }
    if (name == "charset") *charset = value;
    if (name == "http-equiv") *http_equiv = Lower(value);
    if (name == "content") *content = value;
  }
  *pos = i;
}

// <meta charset> or <meta http-equiv=content-type content="...; charset=x"> near the top.
std::string PrescanMeta(std::string_view body) {
  const std::string_view s = body.substr(0, kPrescanBytes);
  size_t i = 0;
  while (i < s.size()) {
    const size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) break;
    if (s.substr(lt, 4) == "<!--") {
      const size_t end = s.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (lt + 6 <= s.size() && internal::AsciiLower(s.substr(lt + 1, 4)) == "meta" &&
        (internal::IsAsciiSpace(s[lt + 5]) || s[lt + 5] == '/')) {
      size_t pos = lt + 5;
      std::string charset, http_equiv, content;
      ReadMetaAttributes(s, &pos, &charset, &http_equiv, &content);
      if (!charset.empty()) return Lower(charset);
      if (http_equiv == "content-type") {
        std::string from_content = CharsetParameter(content);
        if (!from_content.empty()) return from_content;
      }
      i = pos;
      continue;
    }
    i = lt + 1;
  }
  return {};
}

std::string Detect(std::string_view body) {
  UchardetPtr detector(uchardet_new());
  if (!detector) return {};
  const std::string_view sample = body.substr(0, kDetectSampleBytes);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  return name == nullptr ? std::string() : Lower(name);
}

struct SubstitutionCounter {
  size_t count = 0;
};

// Writes U+FFFD for every illegal, irregular or unmapped sequence (ICU's default writes
// U+001A for some single-byte charsets) and counts them.
void CountingSubstitute(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                        UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to write
  auto* counter = static_cast<SubstitutionCounter*>(const_cast<void*>(context));
  ++counter->count;
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// Converts with ICU; false when ICU does not know the charset.
bool ConvertWithIcu(std::string_view body, const std::string& charset, DecodedBody* out) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status) || !converter) return false;
  SubstitutionCounter counter;
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter.get(), CountingSubstitute, &counter, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;

  std::u16string utf16;
  utf16.resize(body.size() + 16);
  const char* source = body.data();
  const char* source_limit = body.data() + body.size();
  size_t written = 0;
  for (;;) {
    UChar* target = reinterpret_cast<UChar*>(utf16.data()) + written;
    UChar* target_limit = reinterpret_cast<UChar*>(utf16.data()) + utf16.size();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, target_limit, &source, source_limit, nullptr,
                   /*flush=*/true, &status);
    written = static_cast<size_t>(target - reinterpret_cast<UChar*>(utf16.data()));
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      utf16.resize(utf16.size() * 2);
      continue;
    }
    break;
  }
  if (U_FAILURE(status)) return false;

  std::string utf8(written * 3 + 1, '\0');
  int32_t utf8_length = 0;
  int32_t substitutions = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(utf8.data(), static_cast<int32_t>(utf8.size()), &utf8_length,
                     reinterpret_cast<const UChar*>(utf16.data()), static_cast<int32_t>(written),
                     0xFFFD, &substitutions, &status);
  if (U_FAILURE(status)) return false;
  utf8.resize(static_cast<size_t>(utf8_length));
  out->utf8 = std::move(utf8);
  out->replaced = counter.count + static_cast<size_t>(substitutions);
  return true;
}

bool IsUtf8Label(const std::string& c) { return c == "utf-8"; }

}  // namespace

std::string CharsetParameter(std::string_view content_type_header) {
  const std::string lower = internal::AsciiLower(content_type_header);
  size_t pos = lower.find("charset");
  while (pos != std::string::npos) {
    size_t i = pos + 7;
    while (i < lower.size() && internal::IsAsciiSpace(lower[i])) ++i;
    if (i < lower.size() && lower[i] == '=') {
      ++i;
      while (i < lower.size() && internal::IsAsciiSpace(lower[i])) ++i;
      if (i < lower.size() && (lower[i] == '"' || lower[i] == '\'')) ++i;
      size_t end = i;
      while (end < lower.size() && lower[end] != ';' && lower[end] != '"' && lower[end] != '\'' &&
             !internal::IsAsciiSpace(lower[end])) {
        ++end;
      }
      return lower.substr(i, end - i);
    }
    pos = lower.find("charset", pos + 7);
  }
  return {};
}

std::string CanonicalCharset(std::string_view label) {
  const std::string l = Lower(label);
  if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "x-unicode20utf8" ||
      l == "unicode11utf8" || l == "unicode20utf8") {
    return "utf-8";
  }
  // The Encoding Standard decodes all of these as windows-1252.
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "iso_8859-1" || l == "latin1" || l == "l1" ||
      l == "us-ascii" || l == "ascii" || l == "ansi_x3.4-1968" || l == "cp1252" ||
      l == "x-cp1252" || l == "windows-1252" || l == "cp819" || l == "ibm819" ||
      l == "iso-ir-100" || l == "x-user-defined") {
    return "windows-1252";
  }
  if (l == "utf-16" || l == "utf-16le" || l == "unicode" || l == "ucs-2" || l == "csunicode" ||
      l == "iso-10646-ucs-2" || l == "unicodefeff") {
    return "utf-16le";
  }
  if (l == "utf-16be" || l == "unicodefffe") return "utf-16be";
  if (l == "iso-8859-9" || l == "latin5") return "windows-1254";
  if (l == "tis-620" || l == "iso-8859-11") return "windows-874";
  if (l == "gb2312" || l == "x-gbk" || l == "gbk") return "gbk";
  return l;
}

size_t RepairUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t replaced = 0;
  size_t i = 0;
  size_t run_start = 0;  // start of the pending run of valid bytes
  static const char kReplacement[] = "\xEF\xBF\xBD";
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    }
    size_t j = i + 1;
    bool ok = need > 0;
    for (size_t k = 0; ok && k < need; ++k, ++j) {
      if (j >= n) {
        ok = false;
        break;
      }
      const unsigned char cc = p[j];
      const unsigned char min = k == 0 ? lo : 0x80;
      const unsigned char max = k == 0 ? hi : 0xBF;
      if (cc < min || cc > max) {
        ok = false;
        break;
      }
    }
    if (ok) {
      i = j;
      continue;
    }
    out->append(in.substr(run_start, i - run_start));
    out->append(kReplacement, 3);
    ++replaced;
    i = need == 0 ? i + 1 : j;  // skip the maximal invalid subpart
    run_start = i;
  }
  out->append(in.substr(run_start, n - run_start));
  return replaced;
}

void NormalizeNfc(std::string* text) {
  // Every code point below U+0300 is NFC_Quick_Check=Yes and none composes with what
  // precedes it, so text without a UTF-8 lead byte >= 0xCC is already NFC; most pages are.
  bool maybe = false;
  for (const char c : *text) {
    if (static_cast<unsigned char>(c) >= 0xCC) {
      maybe = true;
      break;
    }
  }
  if (!maybe) return;
  // Looked up once. ICU's own lazy initialisation is thread-safe but invisible to
  // ThreadSanitizer (the system ICU is not instrumented): two analysis threads normalising
  // their first pages at once were reported as a race; the static's guard is visible to it.
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode init_status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFCInstance(init_status);
    return U_SUCCESS(init_status) ? instance : nullptr;
  }();
  if (nfc == nullptr) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(text->data(), static_cast<int32_t>(text->size()));
  if (nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) return;
  std::string normalized;
  normalized.reserve(text->size());
  icu::StringByteSink<std::string> sink(&normalized);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_SUCCESS(status)) *text = std::move(normalized);
}

DecodedBody DecodeBody(std::string_view body, std::string_view content_type_header, bool html) {
  DecodedBody out;
  std::string charset;
  // 1. Byte-order mark: the HTML Standard lets it override every declaration.
  if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") {
    charset = "utf-8";
    out.source = "bom";
    body.remove_prefix(3);
  } else if (body.size() >= 2 && body.substr(0, 2) == "\xFF\xFE") {
    charset = "utf-16le";
    out.source = "bom";
    body.remove_prefix(2);
  } else if (body.size() >= 2 && body.substr(0, 2) == "\xFE\xFF") {
    charset = "utf-16be";
    out.source = "bom";
    body.remove_prefix(2);
  }
  // 2./3. Declarations; an unknown label falls through to the next source.
  std::vector<std::pair<std::string, std::string>> declared;
  if (charset.empty()) {
    const std::string header = CharsetParameter(content_type_header);
    if (!header.empty()) declared.emplace_back(CanonicalCharset(header), "header");
    if (html) {
      const std::string meta = PrescanMeta(body);
      if (!meta.empty()) {
        std::string c = CanonicalCharset(meta);
        // A <meta> cannot declare UTF-16: the prescan only ran because the bytes are
        // ASCII-compatible (HTML Standard).
        if (c == "utf-16le" || c == "utf-16be") c = "utf-8";
        declared.emplace_back(c, "meta");
      }
    }
  }
  for (const auto& [label, source] : declared) {
    if (IsUtf8Label(label)) {
      charset = label;
      out.source = source;
      break;
    }
    UErrorCode status = U_ZERO_ERROR;
    ConverterPtr probe(ucnv_open(label.c_str(), &status));
    if (U_SUCCESS(status) && probe) {
      charset = label;
      out.source = source;
      break;
    }
    out.problems.push_back("unknown_charset_" + source);
  }
  if (declared.size() > 1 && declared[0].first != declared[1].first) {
    out.problems.push_back("charset_header_meta_conflict");
  }
  // 4. Detection: valid UTF-8 is UTF-8 (ASCII included); otherwise ask uchardet.
  std::string repaired;
  if (charset.empty()) {
    const size_t bad = RepairUtf8(body, &repaired);
    if (bad == 0) {
      charset = "utf-8";
      out.source = "detected";
    } else {
      std::string detected = CanonicalCharset(Detect(body));
      UErrorCode status = U_ZERO_ERROR;
      ConverterPtr probe(detected.empty() || IsUtf8Label(detected)
                             ? nullptr
                             : ucnv_open(detected.c_str(), &status));
      if (probe && U_SUCCESS(status)) {
        charset = detected;
        out.source = "detected";
      } else {
        charset = "windows-1252";
        out.source = "default";
      }
    }
  }

  if (IsUtf8Label(charset)) {
    if (repaired.empty() && !body.empty()) {
      out.replaced = RepairUtf8(body, &out.utf8);
    } else {
      out.utf8 = std::move(repaired);
    }
  } else if (!ConvertWithIcu(body, charset, &out)) {
    out.problems.push_back("charset_conversion_failed");
    charset = "utf-8";
    out.replaced = RepairUtf8(body, &out.utf8);
  }
  out.charset = charset;
  if (out.replaced > 0) out.problems.push_back("invalid_byte_sequences_replaced");
  // A BOM after conversion (e.g. a declared UTF-16 body that also carries one) is noise.
  if (out.utf8.starts_with("\xEF\xBB\xBF")) out.utf8.erase(0, 3);
  NormalizeNfc(&out.utf8);
  return out;
}

}  // namespace sightline::analyzer
