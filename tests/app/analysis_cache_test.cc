// The stored per-page analysis: a record reads back exactly as written, anything else is
// refused (so the page is analysed again), and the few page facts it keeps for the exposure
// verdict give the same verdict as the whole page on real extracted HTML.
#include "app/analysis_cache.h"

#include <gtest/gtest.h>

#include "analyzer/extract/exposure.h"
#include "analyzer/extract/extractor.h"
#include "common/clock.h"

namespace sightline::app {
namespace {

using namespace analyzer;

LinkedDetail Linked(const std::string& text, uint64_t fingerprint) {
  LinkedDetail d;
  d.detail.type = MentionType::kCondition;
  d.detail.text = text;
  d.detail.normalized = "wilson disease";
  d.detail.url = "https://clinic.example/a";
  d.detail.snippet = "She has " + text + ".";
  d.detail.snippet_begin = 8;
  d.detail.snippet_end = 8 + text.size();
  d.detail.hidden = true;
  d.detail.prior = 1.0 / 30000;
  d.detail.inherited = true;
  d.attributes = {{"population", "4123"}, {"role", "patient"}};
  d.confidence = 0.875;
  d.block_fingerprint = 0xfedcba9876543210ull;  // above INT64_MAX: kept unsigned
  d.block = 7;
  (void)fingerprint;
  return d;
}

AnalysisRecord FullRecord() {
  AnalysisRecord r;
  PageAnalysis& p = r.analysis;
  p.url = "https://clinic.example/a";
  p.published_date = "2024-03-08";
  p.profile_page = true;
  p.subjects.push_back({p.url, "a 41-year-old woman", 2, 5, {Linked("Wilson's disease", 1)}});
  ProfileFact fact;
  fact.key = "locality";
  fact.value = "Chardon, OH";
  fact.url = p.url;
  fact.snippet = "Visit us in Chardon, OH.";
  fact.population = 5156;
  fact.from_json_ld = true;
  fact.block_fingerprint = 42;
  p.profile.push_back(fact);
  p.personal.push_back({"family_member", Linked("my son Max", 2)});
  p.criticism.push_back({Linked("Dr. Smith", 3), {"incompetent", "lazy"}, true});
  p.facility_places.push_back({"riverside general hospital", Linked("Fairview", 4)});
  p.loose_identifiers.push_back(Linked("John Miller", 5));
  p.block_fingerprints = {1, 2, 0xffffffffffffffffull};
  r.title = "An unusual tremor \xff";  // invalid UTF-8 from the web must not break the record
  r.published = "2024-03-08";
  r.modified = "2024-04-01";
  r.links = {"https://clinic.example/b", "https://clinic.example/c"};
  r.exposure.is_html = true;
  r.exposure.title = "Tremor";
  r.exposure.robots_meta = {{"robots", "noindex"}};
  r.exposure.canonical = "https://clinic.example/a";
  r.exposure.visible_chars = 1234;
  r.exposure.first_heading = "Not found";
  r.exposure.nosnippet_blocks = 2;
  return r;
}

TEST(AnalysisRecord, ReadsBackExactlyWhatWasWritten) {
  const AnalysisRecord r = FullRecord();
  const std::string data = EncodeAnalysisRecord(r);
  auto back = DecodeAnalysisRecord(data);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(EncodeAnalysisRecord(*back), data);
  const PageAnalysis& p = back->analysis;
  EXPECT_EQ(p.url, r.analysis.url);
  EXPECT_TRUE(p.profile_page);
  ASSERT_EQ(p.subjects.size(), 1u);
  EXPECT_EQ(p.subjects[0].cue, "a 41-year-old woman");
  EXPECT_EQ(p.subjects[0].last_block, 5u);
  const LinkedDetail& d = p.subjects[0].details.at(0);
  EXPECT_EQ(d.detail.type, MentionType::kCondition);
  EXPECT_EQ(d.detail.prior, 1.0 / 30000) << "doubles are kept bit for bit";
  EXPECT_TRUE(d.detail.inherited);
  EXPECT_EQ(d.block_fingerprint, 0xfedcba9876543210ull);
  EXPECT_EQ(d.Attribute("population"), "4123");
  EXPECT_EQ(p.profile.at(0).population, 5156);
  EXPECT_TRUE(p.profile.at(0).from_json_ld);
  EXPECT_EQ(p.criticism.at(0).terms, (std::vector<std::string>{"incompetent", "lazy"}));
  EXPECT_EQ(p.facility_places.at(0).facility, "riverside general hospital");
  EXPECT_EQ(p.block_fingerprints.back(), 0xffffffffffffffffull);
  EXPECT_EQ(back->title, r.title);
  EXPECT_EQ(back->links, r.links);
  EXPECT_EQ(back->exposure.first_heading, std::optional<std::string>("Not found"));
  EXPECT_EQ(back->exposure.nosnippet_blocks, 2u);
}

TEST(AnalysisRecord, AnythingElseIsRefusedSoThePageIsAnalysedAgain) {
  EXPECT_FALSE(DecodeAnalysisRecord("").has_value());
  EXPECT_FALSE(DecodeAnalysisRecord("not a record at all \x01\x02").has_value());
  std::string data = EncodeAnalysisRecord(FullRecord());
  EXPECT_FALSE(DecodeAnalysisRecord(std::string_view(data).substr(0, data.size() / 2)));
  EXPECT_FALSE(DecodeAnalysisRecord(data + "x")) << "trailing bytes";
  // Another record format (the byte after the 4-byte magic is the format number).
  ASSERT_EQ(static_cast<unsigned char>(data[4]), kAnalysisRecordFormat);
  data[4] = static_cast<char>(kAnalysisRecordFormat + 1);
  EXPECT_FALSE(DecodeAnalysisRecord(data).has_value());
  // Every truncation is refused without reading past the end.
  const std::string whole = EncodeAnalysisRecord(FullRecord());
  for (size_t n = 0; n < whole.size(); ++n) {
    EXPECT_FALSE(DecodeAnalysisRecord(std::string_view(whole).substr(0, n))) << n;
  }
}

TEST(AnalysisRecord, FingerprintIsStableAndVariantsDifferPerUrlAndOptions) {
  DetectorOptions options;
  const std::string a = AnalyzerFingerprint(options);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(AnalyzerFingerprint(options), a);
  options.region_hint = "US-OH";
  EXPECT_NE(AnalyzerFingerprint(options), a) << "detection depends on the region hint";
  EXPECT_NE(AnalysisVariant(a, "https://clinic.example/a"),
            AnalysisVariant(a, "https://clinic.example/b"));
  EXPECT_EQ(AnalysisVariant(a, "https://clinic.example/a"),
            AnalysisVariant(a, "https://clinic.example/a"));
}

crawler::FetchedPage HtmlPage(const std::string& html, crawler::HeaderList extra = {}) {
  crawler::FetchedPage p;
  p.url = "https://clinic.example/page.html";
  p.final_url = p.url;
  p.status = 200;
  p.content_type = "text/html";
  p.headers = {{"content-type", "text/html; charset=utf-8"}};
  for (auto& h : extra) p.headers.push_back(std::move(h));
  p.body = html;
  p.in_sitemap = true;
  return p;
}

std::string Describe(const ExposureVerdict& v) {
  std::string out = std::to_string(v.crawl_allowed_googlebot) +
                    std::to_string(v.crawl_allowed_bingbot) + std::to_string(v.crawl_allowed_any) +
                    std::to_string(v.indexable) + std::to_string(v.snippet_allowed) +
                    std::to_string(v.archive_allowed) + std::to_string(v.in_sitemap);
  for (const auto& r : v.reasons) out += "\n" + r.code + ": " + r.text;
  return out;
}

TEST(ExposureInputs, JudgeTheVerdictExactlyAsTheWholePage) {
  const std::vector<std::string> pages = {
      "<html><head><title>Tremor</title></head><body><h1>An unusual tremor</h1>"
      "<p>Last Friday a 41-year-old bus driver came in.</p></body></html>",
      "<html><head><title>Page not found</title></head><body><p>Sorry.</p></body></html>",
      "<html><head><title>Clinic</title></head><body><h2>Not Found</h2><p>x</p></body></html>",
      "<html><head><title>Empty</title></head><body></body></html>",
      "<html><head><meta name=\"robots\" content=\"noindex, nofollow\">"
      "<meta name=\"googlebot\" content=\"unavailable_after: 2001-01-01\">"
      "<link rel=\"canonical\" href=\"https://clinic.example/other.html\"></head>"
      "<body><p>Story.</p><div data-nosnippet><p>Private.</p><p>More.</p></div>"
      "<p hidden>Hidden text.</p><!-- a comment --></body></html>",
      "<html><head><meta name=\"robots\" content=\"nosnippet, noarchive\">"
      "<link rel=\"canonical\" href=\"https://clinic.example/page.html\"></head>"
      "<body><h3>Notes</h3><p>Nothing here.</p></body></html>",
      "plain text, no markup at all"};
  const WallTime now = WallTime(std::chrono::seconds(1'767'225'600LL));
  for (const auto& html : pages) {
    for (const auto& extra :
         {crawler::HeaderList{}, crawler::HeaderList{{"x-robots-tag", "noindex"}}}) {
      SCOPED_TRACE(html);
      const crawler::FetchedPage page = HtmlPage(html, extra);
      const PageContent content = ExtractPage(page);
      const ExposureVerdict whole = JudgeExposure(page, content, now);
      const ExposureVerdict kept =
          JudgeExposure(page, ExposureContent(ExposureInputsOf(content)), now);
      EXPECT_EQ(Describe(kept), Describe(whole));
    }
  }
}

}  // namespace
}  // namespace sightline::app
