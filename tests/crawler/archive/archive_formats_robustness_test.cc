// Hostile-input sweep for the archive parsers: every truncation of each documented sample and
// thousands of seeded byte mutations must parse without crashing (ASan/UBSan watch the
// memory), and whatever comes out must be well-formed. A cheap, deterministic stand-in for
// the fuzz targets.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "crawler/archive/archive_formats.h"

namespace sightline::archive {
namespace {

const std::vector<std::string>& Samples() {
  static const std::vector<std::string> samples = {
      R"([["timestamp","original","statuscode","digest"],["20240115093000","https://x/a","200","AAAA"]])",
      R"({"archived_snapshots":{"closest":{"available":true,"url":"http://web.archive.org/web/20130919044612/http://example.com/","timestamp":"20130919044612","status":"200"}}})",
      R"([{"id":"CC-MAIN-2024-10","name":"n","timegate":"https://i/CC-MAIN-2024-10/","cdx-api":"https://i/CC-MAIN-2024-10-index","from":"2024-02-20T00:00:00","to":"2024-03-05"}])",
      "{\"timestamp\": \"20240225101112\", \"url\": \"https://x/a\", \"status\": \"200\", "
      "\"digest\": \"D\"}\n{\"timestamp\": \"20240226101112\", \"url\": \"u\"}\n",
      "<https://x/a>; rel=\"original\",\n<https://archive.ph/Ab1Cd>; rel=\"memento\"; "
      "datetime=\"Thu, 14 Mar 2024 08:30:00 GMT\",\n</rel>; rel=\"last memento\"; "
      "datetime=\"Mon, 06 May 2024 10:00:00 GMT\"",
  };
  return samples;
}

void CheckCopies(const ParsedCopies& parsed) {
  EXPECT_GE(parsed.skipped, 0);
  // A body rejected as a whole yields no copies.
  if (!parsed.error.empty()) {
    EXPECT_TRUE(parsed.copies.empty());
  }
  for (const ArchivedCopy& copy : parsed.copies) {
    // Every reported time round-trips through the archive timestamp form.
    WallTime again;
    EXPECT_TRUE(ParseArchiveTimestamp(FormatArchiveTimestamp(copy.captured_at), &again));
  }
}

void ParseEverything(const std::string& input) {
  CheckCopies(ParseWaybackCdx(input));
  CheckCopies(ParseWaybackAvailability(input));
  CheckCopies(ParseCommonCrawlIndex(input));
  CheckCopies(ParseMementoTimeMap(input, "http://127.0.0.1:1"));
  const ParsedCrawls crawls = ParseCollInfo(input);
  for (const CrawlInfo& crawl : crawls.crawls) {
    EXPECT_FALSE(crawl.id.empty());
    if (crawl.has_range) {
      EXPECT_LE(crawl.from, crawl.to);
    }
  }
  WallTime t, u;
  ParseArchiveTimestamp(input, &t);
  CrawlRangeFromId(input, &t, &u);
}

TEST(ArchiveFormatsRobustness, EveryTruncationOfTheDocumentedSamplesParses) {
  for (const std::string& sample : Samples()) {
    for (size_t n = 0; n <= sample.size(); ++n) ParseEverything(sample.substr(0, n));
  }
}

TEST(ArchiveFormatsRobustness, SeededByteMutationsParse) {
  std::mt19937 rng(20261124);
  static constexpr char kSpecials[] = "<>\"';,=[]{}:\n\r\\\0\xff-0123456789 ";
  const std::string specials(kSpecials, sizeof(kSpecials) - 1);  // keeps the NUL
  for (const std::string& sample : Samples()) {
    for (int round = 0; round < 600; ++round) {
      std::string input = sample;
      const int edits = 1 + static_cast<int>(rng() % 6);
      for (int e = 0; e < edits && !input.empty(); ++e) {
        const size_t at = rng() % input.size();
        switch (rng() % 3) {
          case 0:
            input[at] = specials[rng() % specials.size()];
            break;
          case 1:
            input.insert(at, 1, static_cast<char>(rng() % 256));
            break;
          default:
            input.erase(at, 1 + rng() % 8);
        }
      }
      ParseEverything(input);
    }
  }
}

TEST(ArchiveFormatsRobustness, DeepNestingAndHugeNumbersDoNotCrash) {
  ParseEverything(std::string(5000, '[') + std::string(5000, ']'));
  ParseEverything(R"([["timestamp","original"],["99999999999999999999","x"]])");
  ParseEverything(R"({"archived_snapshots":{"closest":{"timestamp":1e999}}})");
  ParseEverything(std::string(100000, '<'));
  ParseEverything(std::string(100000, '"'));
}

}  // namespace
}  // namespace sightline::archive
