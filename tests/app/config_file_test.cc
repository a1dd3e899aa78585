#include "app/config_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace sightline::app {
namespace {

TEST(ConfigFile, ReadsEverySectionOnTopOfDefaults) {
  auto config = ParseConfig(R"(
db = "/var/lib/sightline/p.db"
max_pages = 50
scope = "host"
delay_ms = 500
fail_on = "medium"
author_anonymous = true
[risk]
critical = 0.5
high = 3.0
[archives]
enabled = ["wayback", "commoncrawl"]
[archives.base]
wayback = "http://127.0.0.1:9/"
[[site]]
url = "https://a.example/"
[[site]]
url = "https://b.example/blog/"
scope = "prefix"
max_pages = 10
)",
                            "test.toml", Settings{});
  ASSERT_TRUE(config.has_value()) << config.error().message;
  const Settings& s = config->settings;
  EXPECT_EQ(s.db, "/var/lib/sightline/p.db");
  EXPECT_EQ(s.max_pages, 50);
  EXPECT_EQ(s.scope, "host");
  EXPECT_EQ(s.delay_ms, 500);
  EXPECT_EQ(s.per_host, 2) << "unset keys keep their defaults";
  EXPECT_EQ(s.fail_on, analyzer::Risk::kMedium);
  EXPECT_TRUE(s.author_anonymous);
  EXPECT_DOUBLE_EQ(s.thresholds.critical, 0.5);
  EXPECT_DOUBLE_EQ(s.thresholds.high, 3.0);
  EXPECT_DOUBLE_EQ(s.thresholds.medium, 20.0);
  EXPECT_EQ(s.archives, (std::vector<std::string>{"wayback", "commoncrawl"}));
  EXPECT_EQ(s.archive_bases.at("wayback"), "http://127.0.0.1:9/");
  ASSERT_EQ(config->sites.size(), 2u);
  EXPECT_EQ(config->sites[1].url, "https://b.example/blog/");
  EXPECT_EQ(config->sites[1].scope, "prefix");
  EXPECT_EQ(config->sites[1].max_pages, 10);
  EXPECT_FALSE(config->sites[0].scope.has_value());
}

TEST(ConfigFile, UnknownKeyIsAnErrorNamingIt) {
  auto config = ParseConfig("max_page = 5\n", "typo.toml", Settings{});
  ASSERT_FALSE(config.has_value());
  EXPECT_NE(config.error().message.find("max_page"), std::string::npos);
  EXPECT_NE(config.error().message.find("typo.toml"), std::string::npos);
}

TEST(ConfigFile, WrongTypeAndSyntaxErrorsAreReportedWithTheirPlace) {
  auto wrong_type = ParseConfig("max_pages = \"many\"\n", "t.toml", Settings{});
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_NE(wrong_type.error().message.find("max_pages"), std::string::npos);

  auto broken = ParseConfig("[risk\ncritical = 1\n", "b.toml", Settings{});
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message.find("b.toml:1"), std::string::npos);

  auto bad_risk = ParseConfig("fail_on = \"severe\"\n", "r.toml", Settings{});
  ASSERT_FALSE(bad_risk.has_value());
}

TEST(ConfigFile, SiteWithoutUrlIsRejected) {
  auto config = ParseConfig("[[site]]\nscope = \"host\"\n", "s.toml", Settings{});
  ASSERT_FALSE(config.has_value());
}

TEST(ConfigFile, FlagsGivenOnTheCommandLineWin) {
  auto config = ParseConfig("max_pages = 50\ndelay_ms = 900\n", "t.toml", Settings{});
  ASSERT_TRUE(config.has_value());
  Settings flags;
  flags.max_pages = 7;
  flags.delay_ms = 1;  // default-valued in `flags` but not given: must not override
  Settings merged = config->settings;
  OverrideWithFlags(flags, {"max-pages"}, &merged);
  EXPECT_EQ(merged.max_pages, 7);
  EXPECT_EQ(merged.delay_ms, 900);
}

TEST(ConfigFile, MissingFileIsNotFound) {
  testing::TempDir dir;
  auto config = LoadConfigFile((dir / "absent.toml").string(), Settings{});
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().code, ErrorCode::kNotFound);
}

TEST(ConfigFile, TheShippedExampleParses) {
  auto config = LoadConfigFile(
      std::string(SIGHTLINE_SOURCE_DIR) + "/contrib/sightline.example.toml", Settings{});
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->sites.size(), 2u);
}

}  // namespace
}  // namespace sightline::app
