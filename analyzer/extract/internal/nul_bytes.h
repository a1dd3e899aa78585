// Removes NUL bytes from HTML before it is parsed. In page text, where NULs nearly always
// are (a broken encoding or a corrupted template), the HTML Standard's tree builder ignores
// them, so browsers and search engines show the text without them. MyHTML drops them
// itself, but when multi-byte characters precede the NULs it copies the wrong byte ranges and
// emits text that is not UTF-8 and not the page's ("a’’’\0…" came out cut mid-character;
// found by extract_fuzzer). Removing them first gives the same text. Inside markup (a tag
// name, an attribute value, a comment) the Standard would put U+FFFD instead; those NULs
// only occur in hostile markup and carry no text a reader sees. Internal; pure function.
#pragma once

#include <cstddef>
#include <string>

namespace sightline::analyzer::internal {

// Removes every NUL byte from `html`, in place; returns how many it removed.
size_t RemoveNulBytes(std::string* html);

}  // namespace sightline::analyzer::internal
