#include "tests/support/hostile_routes.h"

#include <zlib.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <utility>

#include "tests/support/gzip_encoder.h"

namespace sightline::testing::hostile {

namespace {

using std::uint64_t;

// --- Gzip bomb ---------------------------------------------------------------------------
// A deflate segment ending in a full flush is byte-aligned, refers to nothing before it and
// compresses the same zeros to the same bytes wherever it stands, so one segment repeated N
// times is a valid deflate stream of N times its input. The gzip trailer's CRC-32 of the
// whole output comes from crc32_combine, again without materialising the data.

constexpr std::size_t kBombSegment = 1 << 20;

std::string RawDeflateZeros(std::size_t n) {
  const std::string zeros(n, '\0');
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    std::abort();
  }
  std::string out;
  std::array<unsigned char, 16384> buffer;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
  stream.avail_in = static_cast<uInt>(zeros.size());
  do {
    stream.next_out = buffer.data();
    stream.avail_out = static_cast<uInt>(buffer.size());
    deflate(&stream, Z_FULL_FLUSH);
    out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
  } while (stream.avail_out == 0);
  deflateEnd(&stream);
  return out;
}

uLong CrcOfZeros(uint64_t n) {
  static const std::string kZeros(kBombSegment, '\0');
  const auto* zeros = reinterpret_cast<const Bytef*>(kZeros.data());
  const uLong segment_crc = crc32(0L, zeros, static_cast<uInt>(kBombSegment));
  uLong result = crc32(0L, Z_NULL, 0);
  // Square-and-multiply over whole segments, then the remainder.
  uLong power = segment_crc;
  z_off_t power_length = static_cast<z_off_t>(kBombSegment);
  for (uint64_t segments = n / kBombSegment; segments > 0; segments >>= 1) {
    if (segments & 1) result = crc32_combine(result, power, power_length);
    power = crc32_combine(power, power, power_length);
    power_length *= 2;
  }
  const auto rest = static_cast<uInt>(n % kBombSegment);
  if (rest > 0) result = crc32_combine(result, crc32(0L, zeros, rest), rest);
  return result;
}

void AppendLittleEndian32(std::string& out, uint64_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

struct BombParts {
  std::string header = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10);
  std::string segment;    // kBombSegment zeros
  uint64_t segments = 0;  // how many times `segment` repeats
  std::string rest;       // the remaining zeros, if any
  std::string trailer;    // final empty block, CRC-32, size mod 2^32
};

std::shared_ptr<const BombParts> PlanBomb(uint64_t decoded_bytes) {
  auto parts = std::make_shared<BombParts>();
  parts->segment = RawDeflateZeros(kBombSegment);
  parts->segments = decoded_bytes / kBombSegment;
  if (decoded_bytes % kBombSegment) parts->rest = RawDeflateZeros(decoded_bytes % kBombSegment);
  parts->trailer = std::string("\x03\x00", 2);  // BFINAL=1, fixed Huffman, end of block
  AppendLittleEndian32(parts->trailer, CrcOfZeros(decoded_bytes));
  AppendLittleEndian32(parts->trailer, decoded_bytes & 0xFFFFFFFFu);
  return parts;
}

// Emits the single-layer bomb, 64 segments per piece.
BodyStream BombStream(std::shared_ptr<const BombParts> parts) {
  return [parts, stage = 0, emitted = uint64_t{0}](std::string& out) mutable {
    switch (stage) {
      case 0:
        out += parts->header;
        stage = 1;
        return true;
      case 1:
        for (int i = 0; i < 64 && emitted < parts->segments; ++i, ++emitted) {
          out += parts->segment;
        }
        if (emitted == parts->segments) stage = 2;
        return true;
      case 2:
        out += parts->rest;
        out += parts->trailer;
        stage = 3;
        return true;
      default:
        return false;
    }
  };
}

uint64_t SingleLayerSize(const BombParts& parts) {
  return parts.header.size() + parts.segments * parts.segment.size() + parts.rest.size() +
         parts.trailer.size();
}

std::string DoubleEncodedBomb(const std::shared_ptr<const BombParts>& parts) {
  GzipEncoder outer;
  std::string out;
  BodyStream inner = BombStream(parts);
  std::string piece;
  while (inner(piece)) {
    out += outer.Compress(piece);
    piece.clear();
  }
  out += outer.Finish();
  return out;
}

// --- Generated bodies of an exact size ---------------------------------------------------

// head + `unit` repeated + tail, exactly `total` bytes (or head + tail when that is more);
// the last, partial unit is replaced by pad(remaining bytes).
BodyStream ExactSizeStream(std::string head, std::string unit, std::string tail, uint64_t total,
                           std::string (*pad)(std::size_t)) {
  const uint64_t fixed = head.size() + tail.size();
  const uint64_t middle = total > fixed ? total - fixed : 0;
  auto block = std::make_shared<std::string>();
  while (block->size() + unit.size() <= 64 * 1024) *block += unit;
  return [head = std::move(head), unit = std::move(unit), tail = std::move(tail), block, pad,
          left = middle, stage = 0](std::string& out) mutable {
    if (stage == 0) {
      out += head;
      stage = 1;
      return true;
    }
    if (stage == 1) {
      if (left >= block->size()) {
        out += *block;
        left -= block->size();
      } else {
        // Whole units first, then padding for the bytes no unit fits in.
        const uint64_t units = left / unit.size();
        for (uint64_t i = 0; i < units; ++i) out += unit;
        out += pad(static_cast<std::size_t>(left - units * unit.size()));
        left = 0;
      }
      if (left == 0) stage = 2;
      return true;
    }
    if (stage == 2) {
      out += tail;
      stage = 3;
      return true;
    }
    return false;
  };
}

std::string SpacePad(std::size_t n) { return std::string(n, ' '); }

std::string CommentPad(std::size_t n) {
  if (n == 0) return {};
  return std::string(n - 1, '#') + "\n";
}

std::string Html(std::string_view title, std::string_view body) {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + std::string(title) +
         "</title></head>\n<body>\n" + std::string(body) + "</body></html>\n";
}

// "2026/11/" after the prefix -> {2026, 11}; {2026, 1} when it does not parse.
std::pair<long long, int> ParseMonth(std::string_view rest) {
  long long year = 0;
  int month = 0;
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return {2026, 1};
  auto year_part = rest.substr(0, slash);
  auto month_part = rest.substr(slash + 1, rest.find('/', slash + 1) - slash - 1);
  auto y = std::from_chars(year_part.data(), year_part.data() + year_part.size(), year);
  auto m = std::from_chars(month_part.data(), month_part.data() + month_part.size(), month);
  if (y.ec != std::errc() || m.ec != std::errc() || year < 0 || month < 1 || month > 12) {
    return {2026, 1};
  }
  return {year, month};
}

std::string MonthPath(const std::string& prefix, long long year, int month) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04lld/%02d/", year, month);
  return prefix + buffer;
}

}  // namespace

Response ResetMidHeaders() {
  Response r = Response::Html(Html("reset", "<p>never arrives</p>\n"));
  r.fault = Fault::kResetMidHeaders;
  return r;
}

Response ResetMidBody(std::size_t body_bytes) {
  Response r = Response::Html(std::string(body_bytes, 'x'));
  r.fault = Fault::kResetMidBody;
  return r;
}

Response Trickle(std::size_t bytes_per_second) {
  Response r = Response::Html(Html("slow", "<p>one byte at a time</p>\n"));
  r.trickle_bytes_per_second = bytes_per_second;
  return r;
}

Response EndlessChunkedBody() {
  Response r = Response::Html("");
  r.chunked = true;
  r.chunk_size = 64 * 1024;
  r.body_stream = [] {
    return [started = false](std::string& out) mutable {
      if (!started) {
        out += "<!DOCTYPE html>\n<html><body>\n";
        started = true;
      }
      for (int i = 0; i < 1000; ++i) out += "<p>and it goes on and on</p>\n";
      return true;
    };
  };
  return r;
}

Response ContentLengthTooLong(std::uint64_t announced) {
  Response r = Response::Html(Html("short", "<p>less than announced</p>\n"));
  r.content_length = announced;
  return r;
}

Response ContentLengthTooShort(std::uint64_t announced) {
  Response r = Response::Html(Html("long", "<p>more than announced</p>\n"));
  r.content_length = announced;
  return r;
}

Response GzipBomb(std::uint64_t decoded_bytes, bool double_encoded) {
  auto parts = PlanBomb(decoded_bytes);
  Response r;
  r.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  if (double_encoded) {
    r.headers.emplace_back("Content-Encoding", "gzip, gzip");
    r.body = DoubleEncodedBomb(parts);
  } else {
    r.headers.emplace_back("Content-Encoding", "gzip");
    r.content_length = SingleLayerSize(*parts);
    r.chunk_size = 64 * 1024;
    r.body_stream = [parts] { return BombStream(parts); };
  }
  return r;
}

std::uint64_t GzipBombWireSize(std::uint64_t decoded_bytes, bool double_encoded) {
  auto parts = PlanBomb(decoded_bytes);
  return double_encoded ? DoubleEncodedBomb(parts).size() : SingleLayerSize(*parts);
}

Handler RedirectChain(std::string prefix, int hops) {
  return [prefix = std::move(prefix), hops](const RecordedRequest& request) {
    int n = 0;
    std::string_view rest = std::string_view(request.path).substr(prefix.size());
    std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (n >= hops) return Response::Html(Html("end", "<p>end of chain</p>\n"));
    return Response::Redirect(prefix + std::to_string(n + 1));
  };
}

Handler RedirectLoop(std::string prefix) {
  return [prefix = std::move(prefix)](const RecordedRequest& request) {
    const bool at_a = request.path == prefix + "a";
    return Response::Redirect(prefix + (at_a ? "b" : "a"));
  };
}

Response RedirectToNonHttp(std::string location) { return Response::Redirect(std::move(location)); }

Response RedirectToOtherHost(std::uint16_t port, std::string path) {
  return Response::Redirect("http://localhost:" + std::to_string(port) + path);
}

Handler CalendarTrap(std::string prefix) {
  return [prefix = std::move(prefix)](const RecordedRequest& request) {
    auto [year, month] = ParseMonth(std::string_view(request.path).substr(prefix.size()));
    const long long prev_year = month == 1 ? year - 1 : year;
    const int prev_month = month == 1 ? 12 : month - 1;
    const long long next_year = month == 12 ? year + 1 : year;
    const int next_month = month == 12 ? 1 : month + 1;
    std::string body = "<h1>Events " + std::to_string(year) + "-" + std::to_string(month) +
                       "</h1>\n<a rel=\"prev\" href=\"" + MonthPath(prefix, prev_year, prev_month) +
                       "\">previous month</a>\n" + "<a rel=\"next\" href=\"" +
                       MonthPath(prefix, next_year, next_month) + "\">next month</a>\n<ul>\n";
    for (int day = 1; day <= 28; ++day) {
      body += "<li><a href=\"" + MonthPath(prefix, year, month) + "?day=" + std::to_string(day) +
              "\">" + std::to_string(day) + "</a></li>\n";
    }
    body += "</ul>\n";
    return Response::Html(Html("Calendar", body));
  };
}

Response ManyLinks(std::size_t count, std::string href_prefix) {
  std::string body;
  body.reserve(count * (2 * href_prefix.size() + 40));
  for (std::size_t i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    body += "<a href=\"" + href_prefix + n + "\">link " + n + "</a>\n";
  }
  return Response::Html(Html("Many links", body));
}

Response LargePage(std::uint64_t bytes) {
  Response r = Response::Html("");
  r.content_length = bytes;
  r.chunk_size = 64 * 1024;
  r.body_stream = [bytes] {
    return ExactSizeStream(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Large</title></head>"
        "<body>\n",
        "<p>Filler paragraph of a very large page, repeated many times.</p>\n",
        "<p id=\"end\">end of the large page</p>\n</body></html>\n", bytes, &SpacePad);
  };
  return r;
}

Response InvalidUtf8Page() {
  const std::string body = Html("Broken \xC3\x28 encoding",
                                "<p>Jane Roe wrote this page in Oak Ridge.</p>\n"
                                "<p>overlong slash \xC0\xAF and NUL \xC0\x80</p>\n"
                                "<p>surrogate \xED\xA0\x80 and stray continuation \x80\xBF</p>\n"
                                "<p>above U+10FFFF \xF4\x90\x80\x80 and \xF8\x88\x80\x80\x80</p>\n"
                                "<p>Latin-1 caf\xE9 and a BOM in the middle \xEF\xBB\xBF here</p>\n"
                                "<p>truncated at the end \xE2\x82");
  return Response::Html(body);
}

Response BillionLaughsSitemap(std::string page_url) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE urlset [\n"
      " <!ENTITY lol \"lol\">\n";
  std::string previous = "lol";
  for (int level = 1; level <= 9; ++level) {
    const std::string name = "lol" + std::to_string(level);
    xml += " <!ENTITY " + name + " \"";
    for (int i = 0; i < 10; ++i) xml += "&" + previous + ";";
    xml += "\">\n";
    previous = name;
  }
  xml +=
      "]>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
      "  <url><loc>" +
      page_url +
      "</loc></url>\n"
      "  <url><loc>" +
      page_url + "?&lol9;</loc></url>\n</urlset>\n";
  Response r = Response::Text(std::move(xml), "application/xml");
  return r;
}

Response HugeRobotsTxt(std::uint64_t bytes) {
  Response r = Response::Text("", "text/plain");
  r.content_length = bytes;
  r.chunk_size = 64 * 1024;
  r.body_stream = [bytes] {
    return ExactSizeStream("User-agent: *\nDisallow: /private/\n",
                           "# padding: a robots.txt far larger than any crawler reads.....\n",
                           "Disallow: /beyond-limit/\n", bytes, &CommentPad);
  };
  return r;
}

}  // namespace sightline::testing::hostile
