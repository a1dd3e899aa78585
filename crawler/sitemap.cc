#include "crawler/sitemap.h"

#include <cctype>
#include <cstring>
#include <exception>
#include <pugixml.hpp>

#include "crawler/internal/gunzip.h"

namespace sightline::crawler {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsHttpUrl(std::string_view s) {
  auto starts = [&](std::string_view p) {
    if (s.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

// Element name without a namespace prefix ("sm:url" -> "url").
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string ChildText(const pugi::xml_node& node, std::string_view child) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == child) {
      return std::string(Trim(c.child_value()));
    }
  }
  return {};
}

void ParseText(std::string_view text, Sitemap& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (!IsHttpUrl(line)) continue;
    if (out.entries.size() >= kSitemapMaxUrls) {
      out.truncated = true;
      break;
    }
    out.entries.push_back({std::string(line), std::nullopt});
  }
}

void ParseXml(std::string_view xml, Sitemap& out) {
  pugi::xml_document doc;
  // parse_default leaves out parse_doctype: a DOCTYPE (and any entity it declares) is skipped,
  // and only the predefined entities and character references are expanded.
  const pugi::xml_parse_result result =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!result) out.issues.push_back(std::string("malformed XML: ") + result.description());
  pugi::xml_node root;
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) {
      root = n;
      break;
    }
  }
  if (!root) return;
  const std::string_view root_name = LocalName(root);
  std::string_view item;
  if (root_name == "urlset") {
    item = "url";
  } else if (root_name == "sitemapindex") {
    item = "sitemap";
    out.is_index = true;
  } else {
    out.issues.push_back("unknown root element <" + std::string(root.name()) + ">");
    return;
  }
  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || LocalName(n) != item) continue;
    std::string loc = ChildText(n, "loc");
    if (!IsHttpUrl(loc)) continue;
    if (out.entries.size() >= kSitemapMaxUrls) {
      out.truncated = true;
      out.issues.push_back("more than 50,000 URLs; the rest was ignored");
      break;
    }
    SitemapEntry entry{std::move(loc), std::nullopt};
    std::string lastmod = ChildText(n, "lastmod");
    if (!lastmod.empty()) entry.lastmod = std::move(lastmod);
    out.entries.push_back(std::move(entry));
  }
}

}  // namespace

Sitemap ParseSitemap(std::string_view bytes) {
  Sitemap out;
  std::string inflated;
  if (internal::LooksGzipped(bytes)) {
    internal::GunzipResult g = internal::Gunzip(bytes, kSitemapMaxBytes);
    if (!g.ok) out.issues.push_back("gzip data is corrupt");
    if (g.truncated) {
      out.truncated = true;
      out.issues.push_back("larger than 50 MB uncompressed; the rest was ignored");
    }
    inflated = std::move(g.data);
    bytes = inflated;
  } else if (bytes.size() > kSitemapMaxBytes) {
    out.truncated = true;
    out.issues.push_back("larger than 50 MB; the rest was ignored");
    bytes = bytes.substr(0, kSitemapMaxBytes);
  }
  const std::string_view start = Trim(bytes.substr(0, 512));
  const bool xml = !start.empty() && (start.front() == '<' || start.substr(0, 3) == "\xEF\xBB\xBF");
  try {
    if (xml) {
      ParseXml(bytes, out);
    } else {
      ParseText(bytes, out);
    }
  } catch (const std::exception& e) {
    // pugixml only throws std::bad_alloc; keep what was read.
    out.issues.push_back(std::string("parse aborted: ") + e.what());
  }
  return out;
}

}  // namespace sightline::crawler
