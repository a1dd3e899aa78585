// Ready-made hostile routes for LoopbackHttpServer (issue 9): broken servers and pathological
// content, each a Response (install with server.Route(path, ...)) or a Handler for a path
// prefix (server.RoutePrefix(prefix, ...)). Large and endless bodies are generated while
// they are sent, so none of these holds more than a few MB in memory.
// docs/reliability.md lists what sightline does with each one and the test that proves it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/support/loopback_http_server.h"

namespace sightline::testing::hostile {

// --- Broken connections -------------------------------------------------------------------
// (Connection refused: see RefusingLoopbackPort in loopback_http_server.h.)

// Half of the status line and headers, then a TCP reset.
Response ResetMidHeaders();
// Headers announcing `body_bytes`, about half of them, then a TCP reset.
Response ResetMidBody(std::size_t body_bytes = 64 * 1024);
// The whole response (status line included) at `bytes_per_second`: at 1 B/s the headers
// alone take about two minutes.
Response Trickle(std::size_t bytes_per_second = 1);
// A chunked HTML body that never ends (the server writes as fast as the client reads).
Response EndlessChunkedBody();
// Content-Length larger than the body (the server closes after the body).
Response ContentLengthTooLong(std::uint64_t announced = 100000);
// Content-Length smaller than the body (the rest is sent and the connection closed).
Response ContentLengthTooShort(std::uint64_t announced = 10);

// --- Compression -------------------------------------------------------------------------

// A gzip bomb decoding to `decoded_bytes` zero bytes ('\0'), built without ever holding the
// decoded data. Deflate cannot beat ~1032:1, so one layer of 1 GiB is ~1 MB on the wire;
// with `double_encoded` the body is gzip inside gzip ("Content-Encoding: gzip, gzip", which
// libcurl decodes in a chain) and 1 GiB fits in a few KB.
Response GzipBomb(std::uint64_t decoded_bytes = std::uint64_t{1} << 30, bool double_encoded = true);
// The size on the wire of GzipBomb(decoded_bytes, double_encoded)'s body.
std::uint64_t GzipBombWireSize(std::uint64_t decoded_bytes, bool double_encoded);

// --- Redirects ---------------------------------------------------------------------------

// For RoutePrefix(prefix, ...): prefix + "N" redirects (302) to prefix + "N+1" until N ==
// hops, which answers 200 "end of chain". Start at prefix + "0": `hops` redirects in all.
Handler RedirectChain(std::string prefix, int hops = 10000);
// For RoutePrefix(prefix, ...): prefix + "a" -> prefix + "b" -> prefix + "a" ...
Handler RedirectLoop(std::string prefix);
// 302 to a non-HTTP location (file:, ftp:, javascript:, data:, ...).
Response RedirectToNonHttp(std::string location = "file:///etc/passwd");
// 302 to the same path on "localhost:PORT", i.e. another host name for a loopback server.
Response RedirectToOtherHost(std::uint16_t port, std::string path = "/");

// --- Pathological content ----------------------------------------------------------------

// For RoutePrefix(prefix, ...): prefix + "YYYY/MM/" is a month page linking to the previous
// and next month and to each day, forever (years are not bounded). Anything else under the
// prefix is the month 2026/01.
Handler CalendarTrap(std::string prefix = "/calendar/");
// One HTML page with `count` distinct links href_prefix + "0" ... (default 100,000).
Response ManyLinks(std::size_t count = 100000, std::string href_prefix = "/link/");
// A well-formed HTML page of exactly `bytes` bytes (default 50 MB), generated on the fly;
// its last paragraph is "<p id=\"end\">end of the large page</p>".
Response LargePage(std::uint64_t bytes = 50ull * 1000 * 1000);
// HTML declared UTF-8 holding invalid sequences (overlongs, surrogates, stray continuation
// bytes, truncated sequences, bytes above U+10FFFF) around ordinary readable text.
Response InvalidUtf8Page();
// A sitemap whose DTD expands to 10^9 "lol"s (billion laughs); it also lists `page_url`.
Response BillionLaughsSitemap(std::string page_url);
// A robots.txt of `bytes` (default 10 MB): "User-agent: *" "Disallow: /private/" at the top,
// comment padding, and "Disallow: /beyond-limit/" in the last line (past any sane limit).
Response HugeRobotsTxt(std::uint64_t bytes = 10ull * 1000 * 1000);

}  // namespace sightline::testing::hostile
