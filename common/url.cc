#include "common/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace sightline {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* h) const { curl_url_cleanup(h); }
};
using CurlUrlPtr = std::unique_ptr<CURLU, CurlUrlDeleter>;

struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX of unreserved characters, upper-cases the hex of the rest, and encodes bytes
// that may not appear raw (space, controls, non-ASCII), so equivalent URLs compare equal.
std::string NormalizePercentEncoding(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == '%' && i + 2 < in.size()) {
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        const auto decoded = static_cast<unsigned char>(hi * 16 + lo);
        if (IsUnreserved(decoded)) {
          out.push_back(static_cast<char>(decoded));
        } else {
          out.push_back('%');
          out.push_back(kHex[hi]);
          out.push_back(kHex[lo]);
        }
        i += 2;
        continue;
      }
    }
    if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}' || c == '%') {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// RFC 3986 §5.2.4 remove_dot_segments on an absolute path. curl already did this, but only
// on the path as written: "%2e" becomes "." in NormalizePercentEncoding afterwards, so the
// segments are removed again or "/%2e/" would only collapse on a second pass.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  bool trailing_slash = false;
  while (i < path.size()) {
    if (path[i] == '/') ++i;
    const size_t end = std::min(path.find('/', i), path.size());
    const std::string_view segment = path.substr(i, end - i);
    const bool last = end == path.size();
    if (segment == ".") {
      trailing_slash = last;
    } else if (segment == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else {
      out.push_back(segment);
      trailing_slash = false;
    }
    i = end;
  }
  std::string result;
  for (const std::string_view segment : out) result.append("/").append(segment);
  if (trailing_slash || result.empty()) result.push_back('/');
  return result;
}

bool HasDotSegment(std::string_view path) {
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '/') continue;
    size_t j = i + 1;
    while (j < path.size() && path[j] == '.' && j - i <= 2) ++j;
    if (j > i + 1 && j - i <= 3 && (j == path.size() || path[j] == '/')) return true;
  }
  return false;
}

// One part of a WHATWG IPv4 address: decimal, 0x-hex or 0-octal; nullopt when malformed or
// larger than 2^32 (parts are bounded later).
std::optional<uint64_t> ParseIpv4Number(std::string_view part) {
  if (part.empty()) return std::nullopt;
  int base = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    part.remove_prefix(2);
    base = 16;
  } else if (part.size() >= 2 && part[0] == '0') {
    part.remove_prefix(1);
    base = 8;
  }
  uint64_t value = 0;
  for (const char c : part) {
    const int digit = HexValue(c);
    if (digit < 0 || digit >= base) return std::nullopt;
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    if (value > 0xFFFFFFFFull) return std::nullopt;
  }
  return value;
}

// Whether the WHATWG URL standard parses `host` as IPv4: its last label is a number
// (digits, or "0x" and hex digits).
bool EndsInNumber(std::string_view host) {
  const size_t dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  bool digits = true;
  for (const char c : last) digits = digits && c >= '0' && c <= '9';
  if (digits) return true;
  if (last.size() < 2 || last[0] != '0' || (last[1] != 'x' && last[1] != 'X')) return false;
  for (const char c : last.substr(2)) {
    if (HexValue(c) < 0) return false;
  }
  return true;
}

// WHATWG IPv4 parser: "1", "0x7f.1", "0177.0.0.1" -> dotted quad. nullopt when the host is
// numeric but not a valid address (which the standard and browsers reject).
std::optional<std::string> CanonicalIpv4(std::string_view host) {
  std::vector<uint64_t> parts;
  size_t i = 0;
  while (true) {
    const size_t dot = std::min(host.find('.', i), host.size());
    auto n = ParseIpv4Number(host.substr(i, dot - i));
    if (!n) return std::nullopt;
    parts.push_back(*n);
    if (parts.size() > 4) return std::nullopt;
    if (dot == host.size()) break;
    i = dot + 1;
  }
  for (size_t k = 0; k + 1 < parts.size(); ++k) {
    if (parts[k] > 255) return std::nullopt;
  }
  const int last_bits = 8 * static_cast<int>(5 - parts.size());
  if (last_bits < 32 && parts.back() >= (uint64_t{1} << last_bits)) return std::nullopt;
  uint64_t address = parts.back();
  for (size_t k = 0; k + 1 < parts.size(); ++k) address += parts[k] << (8 * (3 - k));
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    if (!out.empty()) out.push_back('.');
    out += std::to_string((address >> shift) & 0xFF);
  }
  return out;
}

Result<std::string> GetPart(CURLU* h, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  const CURLUcode rc = curl_url_get(h, part, &raw, flags);
  CurlString owned(raw);
  if (rc == CURLUE_NO_QUERY || rc == CURLUE_NO_FRAGMENT || rc == CURLUE_NO_PORT ||
      rc == CURLUE_NO_USER || rc == CURLUE_NO_PASSWORD || rc == CURLUE_NO_OPTIONS) {
    return std::string();
  }
  if (rc != CURLUE_OK) return Fail(ErrorCode::kInvalidArgument, curl_url_strerror(rc));
  return std::string(owned.get());
}

constexpr unsigned kParseFlags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;

// `base` then `reference` parsed into one handle; either may be empty (not both).
Result<CurlUrlPtr> ParseInto(std::string_view base, std::string_view reference) {
  CurlUrlPtr h(curl_url());
  if (!h) return Fail(ErrorCode::kInternal, "curl_url() failed");
  // curl needs NUL-terminated strings; URLs with embedded NULs are rejected.
  if (base.find('\0') != std::string_view::npos || reference.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "URL contains a NUL byte");
  }
  if (!base.empty()) {
    const std::string b(base);
    const CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, b.c_str(), kParseFlags);
    if (rc != CURLUE_OK) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("bad base URL: ") + curl_url_strerror(rc));
    }
    if (reference.empty()) return h;
  }
  const std::string r(reference);
  const CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, r.c_str(), kParseFlags);
  if (rc != CURLUE_OK) {
    return Fail(ErrorCode::kInvalidArgument, std::string("bad URL: ") + curl_url_strerror(rc));
  }
  return h;
}

Result<std::string> Normalize(CURLU* h) {
  auto scheme = GetPart(h, CURLUPART_SCHEME);
  if (!scheme) return Unexpected(scheme.error());
  for (char& c : *scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (*scheme != "http" && *scheme != "https") {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("not an http(s) URL: scheme ").append(*scheme));
  }
  auto host = GetPart(h, CURLUPART_HOST);
  if (!host) return Fail(ErrorCode::kInvalidArgument, "URL has no host");
  for (char& c : *host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // "example.com." names the same host; checked for emptiness only afterwards so that a
  // host of dots ("http://../") is rejected rather than printed as "http:///".
  while (!host->empty() && host->back() == '.') host->pop_back();
  if (host->empty()) return Fail(ErrorCode::kInvalidArgument, "URL has no host");
  // curl percent-decodes the host ("4%2500" -> "4%00"); only characters that print back to
  // the same host are accepted (letters, digits, "-._~", and raw UTF-8 for IDNs).
  if (host->front() != '[') {
    for (const char c : *host) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x80 && !IsUnreserved(u)) {
        return Fail(ErrorCode::kInvalidArgument, "URL host has a character not allowed there");
      }
    }
  }
  if (host->front() != '[' && EndsInNumber(*host)) {
    auto ipv4 = CanonicalIpv4(*host);
    if (!ipv4) return Fail(ErrorCode::kInvalidArgument, "URL has an invalid IPv4 host");
    *host = *std::move(ipv4);
  }
  auto port = GetPart(h, CURLUPART_PORT);
  auto path = GetPart(h, CURLUPART_PATH);
  auto query = GetPart(h, CURLUPART_QUERY);
  if (!port || !path || !query) return Fail(ErrorCode::kInvalidArgument, "malformed URL");

  // Built with append(): GCC 12 at -O3 reports a false -Wrestrict for `"x" + std::string`.
  std::string out = *scheme;
  out.append("://").append(*host);
  const bool default_port = port->empty() || (*scheme == "http" && *port == "80") ||
                            (*scheme == "https" && *port == "443");
  if (!default_port) out.append(":").append(*port);
  std::string normal_path = path->empty() ? "/" : NormalizePercentEncoding(*path);
  if (HasDotSegment(normal_path)) normal_path = RemoveDotSegments(normal_path);
  out += normal_path;
  if (!query->empty()) out.append("?").append(NormalizePercentEncoding(*query));
  return out;
}

// The ASCII whitespace HTML allows around attribute URLs, trimmed.
std::string_view TrimHtmlSpace(std::string_view reference) {
  while (!reference.empty() && std::isspace(static_cast<unsigned char>(reference.front()))) {
    reference.remove_prefix(1);
  }
  while (!reference.empty() && std::isspace(static_cast<unsigned char>(reference.back()))) {
    reference.remove_suffix(1);
  }
  return reference;
}

// RFC 3986 §5.2.2: an empty or fragment-only reference is the base document itself; curl
// 7.88 would resolve it like "." and drop the last path segment.
bool IsTheBaseDocument(std::string_view trimmed_reference) {
  return trimmed_reference.empty() || trimmed_reference.front() == '#';
}

}  // namespace

Result<std::string> NormalizeUrl(std::string_view url) {
  auto h = ParseInto({}, url);
  if (!h) return Unexpected(h.error());
  return Normalize(h->get());
}

struct UrlResolver::Impl {
  Result<std::string> normal_base;  // what "" and "#frag" resolve to
  Result<CurlUrlPtr> parsed_base;   // copied for each reference; null: no base (absolute only)
};

UrlResolver::UrlResolver(std::string_view base)
    : impl_(std::make_unique<Impl>(
          Impl{NormalizeUrl(base), base.empty() ? Result<CurlUrlPtr>() : ParseInto(base, {})})) {}
UrlResolver::~UrlResolver() = default;
UrlResolver::UrlResolver(UrlResolver&&) noexcept = default;
UrlResolver& UrlResolver::operator=(UrlResolver&&) noexcept = default;

Result<std::string> UrlResolver::Resolve(std::string_view reference) const {
  reference = TrimHtmlSpace(reference);
  if (IsTheBaseDocument(reference)) return impl_->normal_base;
  if (reference.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "URL contains a NUL byte");
  }
  if (!impl_->parsed_base) return Unexpected(impl_->parsed_base.error());
  if (!*impl_->parsed_base) {
    auto alone = ParseInto({}, reference);
    if (!alone) return Unexpected(alone.error());
    return Normalize(alone->get());
  }
  CurlUrlPtr h(curl_url_dup(impl_->parsed_base->get()));
  if (!h) return Fail(ErrorCode::kInternal, "curl_url_dup() failed");
  const std::string r(reference);
  const CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, r.c_str(), kParseFlags);
  if (rc != CURLUE_OK) {
    return Fail(ErrorCode::kInvalidArgument, std::string("bad URL: ") + curl_url_strerror(rc));
  }
  return Normalize(h.get());
}

Result<std::string> ResolveUrl(std::string_view base, std::string_view reference) {
  reference = TrimHtmlSpace(reference);
  if (IsTheBaseDocument(reference)) return NormalizeUrl(base);
  auto h = ParseInto(base, reference);
  if (!h) return Unexpected(h.error());
  return Normalize(h->get());
}

Result<UrlParts> SplitUrl(std::string_view url) {
  auto normal = NormalizeUrl(url);
  if (!normal) return Unexpected(normal.error());
  auto h = ParseInto({}, *normal);
  if (!h) return Unexpected(h.error());
  UrlParts parts;
  parts.scheme = GetPart(h->get(), CURLUPART_SCHEME).value_or("");
  parts.host = GetPart(h->get(), CURLUPART_HOST).value_or("");
  const std::string port = GetPart(h->get(), CURLUPART_PORT).value_or("");
  parts.port = port.empty() ? (parts.scheme == "https" ? 443 : 80) : std::stoi(port);
  parts.path = GetPart(h->get(), CURLUPART_PATH).value_or("/");
  parts.query = GetPart(h->get(), CURLUPART_QUERY).value_or("");
  return parts;
}

Result<std::string> UrlOrigin(std::string_view url) {
  auto parts = SplitUrl(url);
  if (!parts) return Unexpected(parts.error());
  std::string origin = parts->scheme;
  origin.append("://").append(parts->host);
  const bool default_port = (parts->scheme == "http" && parts->port == 80) ||
                            (parts->scheme == "https" && parts->port == 443);
  if (!default_port) origin.append(":").append(std::to_string(parts->port));
  return origin;
}

}  // namespace sightline
