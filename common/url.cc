#include "common/url.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>

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

Result<CurlUrlPtr> ParseInto(std::string_view base, std::string_view reference) {
  CurlUrlPtr h(curl_url());
  if (!h) return Fail(ErrorCode::kInternal, "curl_url() failed");
  // curl needs NUL-terminated strings; URLs with embedded NULs are rejected.
  if (base.find('\0') != std::string_view::npos || reference.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "URL contains a NUL byte");
  }
  const unsigned flags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;
  if (!base.empty()) {
    const std::string b(base);
    const CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, b.c_str(), flags);
    if (rc != CURLUE_OK) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("bad base URL: ") + curl_url_strerror(rc));
    }
  }
  const std::string r(reference);
  const CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, r.c_str(), flags);
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
  if (!host || host->empty()) return Fail(ErrorCode::kInvalidArgument, "URL has no host");
  for (char& c : *host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!host->empty() && host->back() == '.') host->pop_back();
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
  out += path->empty() ? "/" : NormalizePercentEncoding(*path);
  if (!query->empty()) out.append("?").append(NormalizePercentEncoding(*query));
  return out;
}

}  // namespace

Result<std::string> NormalizeUrl(std::string_view url) {
  auto h = ParseInto({}, url);
  if (!h) return Unexpected(h.error());
  return Normalize(h->get());
}

Result<std::string> ResolveUrl(std::string_view base, std::string_view reference) {
  // Trim the ASCII whitespace HTML allows around attribute URLs.
  while (!reference.empty() && std::isspace(static_cast<unsigned char>(reference.front()))) {
    reference.remove_prefix(1);
  }
  while (!reference.empty() && std::isspace(static_cast<unsigned char>(reference.back()))) {
    reference.remove_suffix(1);
  }
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
