// `sightline demo` end to end: the bundled demo site (data/demo-site) served over loopback
// HTTP by the binary itself, crawled, analysed and stored, must produce exactly the findings
// annotated in data/demo-site/expected-findings.json — every annotated finding, nothing else
// of risk medium or above, and none of them on a negative page — plus the HTML report a new
// user opens, rendered by headless Chromium. A second run answers every page with 304 and
// changes nothing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using nlohmann::json;
using testing::ProcessResult;
using testing::TempDir;

namespace fs = std::filesystem;

const fs::path kSiteDir = fs::path(SIGHTLINE_SOURCE_DIR) / "data" / "demo-site";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "blog/index.html" -> "<site>blog/", "index.html" -> "<site>", "about.html" -> "<site>about.html".
std::string UrlFor(const std::string& site, const std::string& rel) {
  if (rel == "index.html") return site;
  if (rel.ends_with("/index.html")) return site + rel.substr(0, rel.size() - 10);
  return site + rel;
}

int RiskRank(const std::string& risk) {
  if (risk == "critical") return 3;
  if (risk == "high") return 2;
  if (risk == "medium") return 1;
  return 0;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return Lower(haystack).find(Lower(needle)) != std::string::npos;
}

bool DetailMatches(const json& d, const json& want, const std::string& site) {
  // The report names person_name details "person_name" and place details "location".
  if (d.value("type", "") != want.value("type", "")) return false;
  if (want.contains("text") && !Contains(d.value("text", ""), want["text"].get<std::string>())) {
    return false;
  }
  if (want.contains("normalized") &&
      !Contains(d.value("normalized", ""), want["normalized"].get<std::string>())) {
    return false;
  }
  if (want.contains("hidden") && d.value("hidden", false) != want["hidden"].get<bool>()) {
    return false;
  }
  if (want.contains("inherited") && d.value("inherited", false) != want["inherited"].get<bool>()) {
    return false;
  }
  if (want.contains("page") &&
      d.value("url", "") != UrlFor(site, want["page"].get<std::string>())) {
    return false;
  }
  return true;
}

std::string Describe(const json& f) {
  std::string s = f.value("kind", "") + " " + f.value("risk", "") + " " +
                  (f["pages"].empty() ? "" : f["pages"][0].get<std::string>()) + " — " +
                  f.value("summary", "");
  return s;
}

class DemoCli : public ::testing::Test {
 protected:
  // `sightline demo` in the temp dir, then its stored audit as JSON.
  json RunDemo(ProcessResult* demo_run = nullptr, int port = 0) {
    std::vector<std::string> argv = {SIGHTLINE_BINARY, "demo", "--db", db_, "--out", html_};
    if (port != 0) argv.insert(argv.end(), {"--port", std::to_string(port)});
    const ProcessResult demo =
        testing::RunProcess(argv, testing::kCliLimit, "", dir_.path().string());
    EXPECT_FALSE(demo.timed_out);
    EXPECT_EQ(demo.exit_code, 0) << demo.err;
    if (demo_run != nullptr) *demo_run = demo;
    return testing::ParseReport(testing::RunSightline({"report", "--db", db_, "--format", "json"}));
  }

  TempDir dir_;
  const std::string db_ = (dir_ / "demo.db").string();
  const std::string html_ = (dir_ / "demo.html").string();
};

TEST_F(DemoCli, ServesTheDemoSiteAndFindsExactlyTheAnnotatedFindings) {
  ProcessResult demo;
  const json report = RunDemo(&demo);
  ASSERT_TRUE(report.is_object());
  const std::string site = report["audit"]["site"].get<std::string>();
  ASSERT_TRUE(site.starts_with("http://127.0.0.1:")) << site;
  const json expected = json::parse(ReadFile(kSiteDir / "expected-findings.json"));

  // Every HTML page of the site was fetched over HTTP (and nothing failed).
  size_t html_files = 0;
  for (const auto& e : fs::recursive_directory_iterator(kSiteDir)) {
    html_files += e.is_regular_file() && e.path().extension() == ".html";
  }
  EXPECT_GE(html_files, 15u);
  EXPECT_GE(report["audit"]["pages_fetched"].get<size_t>(), html_files);
  EXPECT_EQ(report["audit"]["pages_failed"], 0);

  std::vector<std::string> matched;  // finding ids accounted for by an annotation
  for (const auto& want : expected["findings"]) {
    const std::string url = UrlFor(site, want["page"].get<std::string>());
    const json* hit = nullptr;
    for (const auto& f : report["findings"]) {
      if (f["kind"] == want["kind"] && !f["pages"].empty() && f["pages"][0] == url) {
        hit = &f;
        break;
      }
    }
    if (hit == nullptr) {
      ADD_FAILURE() << "missing " << want["kind"] << " on " << url;
      continue;
    }
    EXPECT_GE(RiskRank((*hit)["risk"].get<std::string>()),
              RiskRank(want["min_risk"].get<std::string>()))
        << Describe(*hit);
    for (const auto& d : want["details"]) {
      const bool ok = std::any_of((*hit)["details"].begin(), (*hit)["details"].end(),
                                  [&](const json& got) { return DetailMatches(got, d, site); });
      EXPECT_TRUE(ok) << "detail " << d.dump() << " missing in " << Describe(*hit);
    }
    EXPECT_FALSE((*hit)["summary"].get<std::string>().empty());
    EXPECT_FALSE((*hit)["advice"].get<std::string>().empty());
    EXPECT_EQ((*hit)["status"], "new");
    matched.push_back((*hit)["id"].get<std::string>());
  }
  // robots.txt names the annotated private-looking paths: one finding each, on robots.txt.
  for (const auto& path : expected["exposure"]["robots_disallowed_paths"]) {
    const json* hit = nullptr;
    for (const auto& f : report["findings"]) {
      if (f["kind"] == "advertised_private_path" &&
          Contains(f["summary"].get<std::string>(), path.get<std::string>())) {
        hit = &f;
      }
    }
    ASSERT_NE(hit, nullptr) << "no robots.txt finding for " << path;
    EXPECT_EQ((*hit)["pages"][0].get<std::string>(), site + "robots.txt");
    matched.push_back((*hit)["id"].get<std::string>());
  }

  std::vector<std::string> negative;
  for (const auto& p : expected["negative_pages"]) {
    negative.push_back(UrlFor(site, p.get<std::string>()));
  }
  for (const auto& f : report["findings"]) {
    if (RiskRank(f["risk"].get<std::string>()) < 1) continue;
    const std::string id = f["id"].get<std::string>();
    const std::string first_page = f["pages"].empty() ? "" : f["pages"][0].get<std::string>();
    EXPECT_NE(std::find(matched.begin(), matched.end(), id), matched.end())
        << "unannotated finding of risk medium or above: " << Describe(f);
    EXPECT_EQ(std::find(negative.begin(), negative.end(), first_page), negative.end())
        << "medium or above on a negative page: " << Describe(f);
    EXPECT_NE(f["kind"], "author_reidentification") << "the demo does not pass --author-anonymous";
  }

  // The page the site marks noindex is reported as not indexable, the others as indexable.
  for (const auto& page : report["pages"]) {
    const std::string url = page["url"].get<std::string>();
    bool noindex = false;
    for (const auto& p : expected["exposure"]["noindex_pages"]) {
      noindex |= url == UrlFor(site, p.get<std::string>());
    }
    if (url.ends_with(".html") || url.ends_with("/")) {
      EXPECT_EQ(page["indexable"].get<bool>(), !noindex) << url;
    }
  }

  // The terminal gets the summary first; the HTML report is one self-contained file.
  EXPECT_EQ(demo.out.rfind("sightline audit #1 of " + site, 0), 0u) << demo.out.substr(0, 200);
  EXPECT_NE(demo.out.find("Findings: "), std::string::npos);
  EXPECT_NE(demo.err.find("HTML report written to " + html_), std::string::npos) << demo.err;
  const std::string html = ReadFile(html_);
  ASSERT_FALSE(html.empty());
  EXPECT_NE(html.find("Wilson"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link rel=\"stylesheet\""), std::string::npos);
}

// The file a new user opens, in a real browser: headless Chromium's DOM of sightline-demo.html
// holds a card for every finding of the audit, most serious first, and no script.
TEST_F(DemoCli, TheHtmlReportOpensInChromiumWithEveryFinding) {
  if (!fs::exists("/usr/bin/chromium")) {
    GTEST_SKIP() << "chromium not installed (scripts/install-deps installs it)";
  }
  const json report = RunDemo();
  ASSERT_TRUE(report.is_object());
  const ProcessResult dom = testing::RunProcess(
      {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
       "--disable-background-networking", "--disable-component-update", "--disable-sync",
       "--user-data-dir=" + (dir_ / "profile").string(), "--dump-dom", "file://" + html_},
      std::chrono::seconds(60));
  ASSERT_FALSE(dom.timed_out);
  ASSERT_EQ(dom.exit_code, 0) << dom.err.substr(0, 400);
  ASSERT_FALSE(report["findings"].empty());
  std::vector<std::pair<size_t, int>> cards;  // position in the DOM, risk rank
  for (const auto& f : report["findings"]) {
    const size_t at = dom.out.find("id=\"finding-" + f["id"].get<std::string>() + "\"");
    ASSERT_NE(at, std::string::npos) << Describe(f);
    cards.emplace_back(at, RiskRank(f["risk"].get<std::string>()));
  }
  std::sort(cards.begin(), cards.end());
  for (size_t i = 1; i < cards.size(); ++i) {
    EXPECT_LE(cards[i].second, cards[i - 1].second) << "most serious first";
  }
  EXPECT_NE(dom.out.find("<mark title=\"condition\">Wilson's disease</mark>"), std::string::npos);
  EXPECT_NE(dom.out.find("<svg class=\"history\""), std::string::npos);
  EXPECT_EQ(dom.out.find("<script"), std::string::npos);
}

// A port that was free a moment ago: both runs ask for it, so the site keeps its URL even
// while other demo tests hold 8765 (ctest runs them in parallel).
int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  if (fd >= 0) ::close(fd);
  return port;
}

TEST_F(DemoCli, ASecondRunAnswersEveryPageWith304AndChangesNothing) {
  const int port = FreeLoopbackPort();
  ASSERT_NE(port, 0);
  const json first = RunDemo(nullptr, port);
  ProcessResult second_run;
  const json second = RunDemo(&second_run, port);
  ASSERT_TRUE(first.is_object() && second.is_object());
  ASSERT_EQ(first["audit"]["site"], "http://127.0.0.1:" + std::to_string(port) + "/");
  if (first["audit"]["site"] != second["audit"]["site"]) {
    GTEST_SKIP() << "port " << port << " was taken by another process between the two runs";
  }
  EXPECT_EQ(second["audit"]["previous_id"], first["audit"]["id"]);
  EXPECT_EQ(second["audit"]["not_modified"], second["audit"]["pages_fetched"]);
  ASSERT_EQ(second["findings"].size(), first["findings"].size());
  for (size_t i = 0; i < first["findings"].size(); ++i) {
    EXPECT_EQ(second["findings"][i]["id"], first["findings"][i]["id"]);
    EXPECT_EQ(second["findings"][i]["status"], "persisting");
  }
  EXPECT_NE(second_run.out.find("Since audit #1: 0 new, 0 resolved"), std::string::npos)
      << second_run.out.substr(0, 400);
}

}  // namespace
}  // namespace sightline
