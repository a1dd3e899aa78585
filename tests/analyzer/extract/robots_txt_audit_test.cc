#include <gtest/gtest.h>

#include "analyzer/extract/exposure.h"

namespace sightline::analyzer {
namespace {

TEST(AuditRobotsTxt, DisallowLinesNamingPrivatePathsArePublished) {
  const std::string robots =
      "User-agent: *\n"
      "Disallow: /wp-admin/\n"
      "Disallow: /drafts/\r\n"
      "disallow:/patients/records*.pdf$   # keep out\n"
      "Allow: /private-but-allowed/\n"
      "Disallow:\n"
      "Disallow: /staff-only\n"
      "Disallow: /cgi-bin/\n"
      "Disallow: /phi/\n"
      "Disallow: /philosophy/\n";
  const auto hints = AuditRobotsTxt(robots, "https://clinic.example/");
  ASSERT_EQ(hints.size(), 4u);
  EXPECT_EQ(hints[0].path, "/drafts/");
  EXPECT_EQ(hints[0].line, 3);
  EXPECT_EQ(hints[0].url, "https://clinic.example/drafts/");
  EXPECT_NE(hints[0].reason.find("draft"), std::string::npos);
  EXPECT_EQ(hints[1].path, "/patients/records*.pdf$");
  EXPECT_EQ(hints[1].line, 4);
  EXPECT_EQ(hints[1].url, "https://clinic.example/patients/records");
  EXPECT_EQ(hints[2].path, "/staff-only");
  EXPECT_EQ(hints[3].path, "/phi/");  // whole segment; /philosophy/ is not flagged
}

TEST(AuditRobotsTxt, GarbageAndEmptyInputAreHarmless) {
  EXPECT_TRUE(AuditRobotsTxt("", "https://a.example").empty());
  EXPECT_TRUE(AuditRobotsTxt(std::string("\0\xFF\xFE Disallow", 12), "https://a.example").empty());
  EXPECT_TRUE(AuditRobotsTxt(":::\n\n\nDisallow", "https://a.example").empty());
}

}  // namespace
}  // namespace sightline::analyzer
