// Fuzzes HTML extraction (analyzer/extract/extractor.h) on arbitrary bytes served as
// text/html. Properties: all extracted text is valid UTF-8, every block sits at its offset in
// PageContent::text, links are absolute http(s) URLs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/extract/extractor.h"
#include "tests/fuzz/fuzz_checks.h"

using sightline::fuzz::Check;
using sightline::fuzz::IsValidUtf8;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sightline::crawler::FetchedPage page;
  page.url = "https://example.com/dir/page.html";
  page.final_url = page.url;
  page.status = 200;
  page.content_type = "text/html";
  page.headers = {{"content-type", "text/html"}};
  page.body.assign(reinterpret_cast<const char*>(data), size);

  const sightline::analyzer::PageContent content = sightline::analyzer::ExtractPage(page);
  Check(IsValidUtf8(content.text), "page text is UTF-8");
  Check(IsValidUtf8(content.title), "title is UTF-8");
  for (const auto& block : content.blocks) {
    Check(IsValidUtf8(block.text), "block text is UTF-8", block.text);
    Check(block.offset <= content.text.size() &&
              content.text.compare(block.offset, block.text.size(), block.text) == 0,
          "block text sits at its offset");
  }
  for (const auto& link : content.links) {
    std::string_view url = link.url;
    Check(sightline::fuzz::HasHttpScheme(url), "links are http(s)", url);
    Check(IsValidUtf8(link.anchor), "anchor text is UTF-8");
  }
  return 0;
}
