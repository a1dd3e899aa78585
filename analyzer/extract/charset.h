// Charset sniffing and decoding of a response body to NFC-normalised UTF-8.
// Order follows the HTML Standard's encoding sniffing: a byte-order mark wins, then the HTTP
// Content-Type charset, then a <meta charset> / http-equiv prescan, then detection (valid
// UTF-8, else uchardet), else windows-1252. Labels map as the Encoding Standard says
// (iso-8859-1 and us-ascii mean windows-1252). Conversion uses ICU; invalid or unmappable
// sequences become U+FFFD. Never fails. Stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sightline::analyzer {

struct DecodedBody {
  std::string utf8;     // NFC, valid UTF-8, BOM removed
  std::string charset;  // canonical label actually used, e.g. "utf-8", "windows-1252"
  std::string source;   // "bom", "header", "meta", "detected", "default"
  size_t replaced = 0;  // invalid or unmappable sequences replaced by U+FFFD
  std::vector<std::string> problems;
};

// `content_type_header` is the raw Content-Type header value (may be empty); `html` enables
// the <meta> prescan.
DecodedBody DecodeBody(std::string_view body, std::string_view content_type_header, bool html);

// The charset parameter of a Content-Type value, lower-case, unquoted; empty when absent.
std::string CharsetParameter(std::string_view content_type_header);

// Maps an encoding label to the name used for decoding ("utf-8", "windows-1252",
// "utf-16le", ...) per the Encoding Standard's common aliases; other labels are returned
// lower-cased for ICU to resolve.
std::string CanonicalCharset(std::string_view label);

// Replaces invalid UTF-8 sequences by U+FFFD (one per maximal invalid subpart); returns
// the number of replacements.
size_t RepairUtf8(std::string_view in, std::string* out);

// NFC normalisation of valid UTF-8, in place; a no-op (and cheap) for text already in NFC.
void NormalizeNfc(std::string* text);

}  // namespace sightline::analyzer
