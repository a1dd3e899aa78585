// Helpers for analyzer_extract_tests: FetchedPage builders and block lookups.
#pragma once

#include <string>
#include <utility>

#include "analyzer/page_content.h"
#include "crawler/fetched_page.h"

namespace sightline::analyzer::testing {

inline crawler::FetchedPage HtmlPage(std::string body,
                                     std::string url = "https://clinic.example/blog/post.html") {
  crawler::FetchedPage page;
  page.url = url;
  page.final_url = std::move(url);
  page.status = 200;
  page.content_type = "text/html";
  page.headers.emplace_back("content-type", "text/html; charset=utf-8");
  page.body = std::move(body);
  page.fetched_at = WallTime(std::chrono::seconds(1'750'000'000));  // 2025-06-15
  return page;
}

// A page with no charset anywhere in the headers.
inline crawler::FetchedPage UndeclaredPage(std::string body, std::string type = "text/html") {
  crawler::FetchedPage page = HtmlPage(std::move(body));
  page.headers.clear();
  page.headers.emplace_back("content-type", type);
  page.content_type = std::move(type);
  return page;
}

inline const TextBlock* FindBlock(const PageContent& c, const std::string& needle) {
  for (const auto& b : c.blocks) {
    if (b.text.find(needle) != std::string::npos) return &b;
  }
  return nullptr;
}

inline const Link* FindLink(const PageContent& c, const std::string& url) {
  for (const auto& l : c.links) {
    if (l.url == url) return &l;
  }
  return nullptr;
}

}  // namespace sightline::analyzer::testing
