// A robots.txt that advertises private paths becomes findings with stable ids.
#include "analyzer/extract/robots_txt_findings.h"

#include <gtest/gtest.h>

namespace sightline::analyzer {
namespace {

constexpr char kRobots[] =
    "User-agent: *\n"
    "Disallow: /drafts/\n"
    "Disallow: /wp-admin/\n"
    "\n"
    "User-agent: Googlebot\n"
    "Disallow: /drafts/\n"
    "Disallow: /patients/records*.pdf$\n";

TEST(RobotsTxtFindings, OneFindingPerAdvertisedPath) {
  const std::vector<Finding> findings = RobotsTxtFindings(kRobots, "https://clinic.example/");
  ASSERT_EQ(findings.size(), 2u);
  const Finding& drafts = findings[0];
  EXPECT_EQ(drafts.kind, FindingKind::kAdvertisedPrivatePath);
  EXPECT_EQ(drafts.risk, Risk::kMedium);
  EXPECT_EQ(drafts.pages, std::vector<std::string>{"https://clinic.example/robots.txt"});
  ASSERT_EQ(drafts.details.size(), 1u);
  const FindingDetail& d = drafts.details[0];
  EXPECT_EQ(d.text, "/drafts/");
  EXPECT_EQ(d.url, "https://clinic.example/robots.txt");
  EXPECT_EQ(d.snippet.substr(d.snippet_begin, d.snippet_end - d.snippet_begin), "/drafts/");
  EXPECT_NE(drafts.summary.find("line 2"), std::string::npos) << drafts.summary;
  EXPECT_NE(drafts.summary.find("https://clinic.example/drafts/"), std::string::npos);
  EXPECT_TRUE(drafts.indexable);
  EXPECT_EQ(findings[1].details[0].text, "/patients/records*.pdf$");
}

TEST(RobotsTxtFindings, IdsDependOnOriginAndPathOnly) {
  const auto first = RobotsTxtFindings(kRobots, "https://clinic.example");
  const auto moved = RobotsTxtFindings("# comment\n\nUser-agent: *\nDisallow: /drafts/\n",
                                       "https://clinic.example/");
  ASSERT_FALSE(first.empty());
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(first[0].id, moved[0].id);  // same path, other line: same finding
  EXPECT_NE(first[0].id, first[1].id);
  const auto other_site = RobotsTxtFindings(kRobots, "https://other.example");
  EXPECT_NE(first[0].id, other_site[0].id);
}

TEST(RobotsTxtFindings, NothingPrivateMeansNoFinding) {
  EXPECT_TRUE(RobotsTxtFindings("User-agent: *\nDisallow: /wp-admin/\nDisallow: /cgi-bin/\n",
                                "https://clinic.example")
                  .empty());
  EXPECT_TRUE(RobotsTxtFindings("", "https://clinic.example").empty());
}

}  // namespace
}  // namespace sightline::analyzer
