// The pre-parse pass: script/style bodies emptied, and an offset of the original HTML found
// again in the prepared text (how the 15 MB search engines read is located for the parser).
#include "analyzer/extract/internal/html_prepass.h"

#include <gtest/gtest.h>

#include <string>

namespace sightline::analyzer::internal {
namespace {

std::string Prepare(const std::string& html, PrepassResult* result) {
  std::string out;
  EXPECT_TRUE(PrepareHtml(html, 256, &out, result));
  return out;
}

TEST(HtmlPrepass, EmptiesScriptAndStyleButKeepsJsonLd) {
  PrepassResult r;
  const std::string out = Prepare(
      "<style>p{}</style><script>var a;</script><script type=application/ld+json>{}</script>"
      "<p>x</p>",
      &r);
  EXPECT_EQ(out,
            "<style></style><script></script><script type=application/ld+json>{}</script>"
            "<p>x</p>");
}

TEST(HtmlPrepass, MapsAnOffsetAcrossDroppedScriptBodies) {
  const std::string html = "<p>ab</p><script>0123456789</script><p>cd</p>";
  const size_t before = html.find("ab");
  const size_t inside = html.find("456");
  const size_t after = html.find("cd");
  for (const auto& [offset, expect_text] :
       {std::pair<size_t, std::string>{before, "ab"}, {inside, "</script>"}, {after, "cd"}}) {
    PrepassResult r;
    r.offset_to_map = offset;
    const std::string out = Prepare(html, &r);
    ASSERT_NE(r.mapped_offset, std::string::npos) << offset;
    EXPECT_EQ(out.substr(r.mapped_offset, expect_text.size()), expect_text) << offset;
  }
  PrepassResult past;
  past.offset_to_map = html.size();
  Prepare(html, &past);
  EXPECT_EQ(past.mapped_offset, std::string::npos);
}

}  // namespace
}  // namespace sightline::analyzer::internal
