#include "crawler/archive/internal/backend.h"

#include <nlohmann/json.hpp>

#include "crawler/archive/archive_formats.h"

namespace sightline::archive::internal {

std::string QueryEscape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (unsigned char c : value) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

std::string PathOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t slash = url.find('/', scheme + 3);
  if (slash == std::string_view::npos) return "/";
  return std::string(url.substr(slash));
}

std::string CapturesToJson(const std::vector<RawCapture>& captures, const std::string& from_ts,
                           const std::string& to_ts) {
  nlohmann::json doc = nlohmann::json::object();
  doc["from"] = from_ts;
  doc["to"] = to_ts;
  nlohmann::json list = nlohmann::json::array();
  for (const RawCapture& c : captures) {
    list.push_back({{"t", FormatArchiveTimestamp(c.at)}, {"d", c.digest}, {"u", c.url}});
  }
  doc["captures"] = std::move(list);
  // Replacement characters rather than an exception for non-UTF-8 bytes in archive URLs.
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool CapturesFromJson(std::string_view text, std::vector<RawCapture>* captures,
                      std::string* from_ts, std::string* to_ts) {
  const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  auto list = doc.find("captures");
  if (list == doc.end() || !list->is_array()) return false;
  auto str = [](const nlohmann::json& o, const char* key) -> std::string {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::vector<RawCapture> parsed;
  for (const nlohmann::json& item : *list) {
    if (!item.is_object()) return false;
    RawCapture c;
    if (!ParseArchiveTimestamp(str(item, "t"), &c.at)) return false;
    c.digest = str(item, "d");
    c.url = str(item, "u");
    parsed.push_back(std::move(c));
  }
  *captures = std::move(parsed);
  *from_ts = str(doc, "from");
  *to_ts = str(doc, "to");
  return true;
}

}  // namespace sightline::archive::internal
