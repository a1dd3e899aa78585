#include "tests/support/hostile_site.h"

#include <utility>

namespace sightline::testing {

namespace {

std::string GoodPage(std::string_view title, std::string_view extra) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
         std::string(title) + "</title></head>\n<body><article>\n<h1>" + std::string(title) +
         "</h1>\n<p>" + HostileSite::kGoodPageText + "</p>\n<p>" + std::string(extra) +
         "</p>\n<p><a href=\"/\">home</a></p>\n</article></body></html>\n";
}

}  // namespace

HostileSite::HostileSite(const HostileSiteOptions& options) {
  using namespace hostile;
  Add("/reset-mid-headers", "connection reset in the middle of the response headers",
      ResetMidHeaders());
  Add("/reset-mid-body", "connection reset after half of the body", ResetMidBody());
  if (options.include_trickle) Add("/trickle", "response at 1 byte per second", Trickle(1));
  Add("/endless", "chunked body that never ends", EndlessChunkedBody());
  Add("/length-too-long", "Content-Length larger than the body", ContentLengthTooLong());
  Add("/length-too-short", "Content-Length smaller than the body", ContentLengthTooShort());
  Add("/gzip-bomb", "gzip inside gzip, a few KB decoding to 1 GiB of zeros",
      GzipBomb(options.gzip_bomb_bytes, true));
  Add("/gzip-bomb-single", "single gzip layer, ~1 MB decoding to 1 GiB of zeros",
      GzipBomb(options.gzip_bomb_bytes, false));
  AddPrefix("/redirects/0", "/redirects/", "a chain of redirects",
            RedirectChain("/redirects/", options.redirect_hops));
  AddPrefix("/loop/a", "/loop/", "a redirect loop", RedirectLoop("/loop/"));
  Add("/to-file", "redirect to file:///etc/passwd", RedirectToNonHttp("file:///etc/passwd"));
  Add("/to-javascript", "redirect to javascript:", RedirectToNonHttp("javascript:alert(1)"));
  Add("/to-other-host", "redirect to another host name (localhost)",
      RedirectToOtherHost(server_.port(), "/good/1.html"));
  AddPrefix("/calendar/2026/11/", "/calendar/", "calendar trap with infinite months",
            CalendarTrap("/calendar/"));
  Add("/many-links", "one page with " + std::to_string(options.many_links) + " links",
      ManyLinks(options.many_links, "/link/"));
  Add("/large", "a " + std::to_string(options.large_page_bytes) + "-byte page",
      LargePage(options.large_page_bytes));
  Add("/invalid-utf8", "HTML declared UTF-8 with invalid sequences", InvalidUtf8Page());
  Add("/not-found", "404", Response::Status(404, "gone\n"));
  Add("/server-error", "500", Response::Status(500, "oops\n"));

  server_.Route("/robots.txt", HugeRobotsTxt(options.robots_bytes));
  server_.Route("/sitemap.xml", BillionLaughsSitemap(Url("/good/from-sitemap.html")));

  good_pages_ = {"/", "/good/1.html", "/good/2.html", "/good/from-sitemap.html"};
  server_.Route("/good/1.html", Response::Html(GoodPage("Week one", "The first week.")));
  server_.Route("/good/2.html", Response::Html(GoodPage("Week two", "The second week.")));
  server_.Route("/good/from-sitemap.html",
                Response::Html(GoodPage("Only in the sitemap", "Not linked from home.")));
  server_.Route(kDisallowedPath, Response::Html(GoodPage("Private", "robots.txt says no.")));
  server_.Route(kBeyondLimitPath, Response::Html(GoodPage("Beyond", "Past 500 KiB.")));

  std::string home =
      "<h1>A hostile practice site</h1>\n<p>" + std::string(kGoodPageText) + "</p>\n<ul>\n";
  for (const char* path : {"/good/1.html", "/good/2.html", kDisallowedPath, kBeyondLimitPath}) {
    home += "<li><a href=\"" + std::string(path) + "\">" + path + "</a></li>\n";
  }
  for (const auto& c : cases_) {
    home += "<li><a href=\"" + c.path + "\">" + c.description + "</a></li>\n";
  }
  home += "<li><a href=\"" + RefusedUrl() + "\">a server that refuses connections</a></li>\n";
  home += "</ul>\n";
  server_.Route("/", Response::Html("<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
                                    "charset=\"utf-8\"><title>Hostile site</title></head>\n"
                                    "<body>\n" +
                                    home + "</body></html>\n"));
}

void HostileSite::Add(std::string path, std::string description, Response response) {
  server_.Route(path, std::move(response));
  cases_.push_back({std::move(path), std::move(description)});
}

void HostileSite::AddPrefix(std::string path, std::string prefix, std::string description,
                            Handler handler) {
  server_.RoutePrefix(std::move(prefix), std::move(handler));
  cases_.push_back({std::move(path), std::move(description)});
}

}  // namespace sightline::testing
