// The phone cache must never change what detection finds: a detector that remembers
// libphonenumber's answers per text window reports exactly the phones (spans and E.164
// values) of one that validates every window, on first sight, on repeats, after the cache
// was emptied, and from several threads at once.
#include "analyzer/detect/internal/phone_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/detect/detector.h"

namespace sightline::analyzer {
namespace {

namespace fs = std::filesystem;
using detect_internal::PhoneCache;
using detect_internal::PhoneHit;

TEST(PhoneCache, RemembersWindowsAndEmptiesWhenFull) {
  PhoneCache cache(2);
  std::vector<PhoneHit> hits;
  EXPECT_FALSE(cache.Lookup("call (937) 555-0142", &hits));
  cache.Insert("call (937) 555-0142", {PhoneHit{5, 14, "+19375550142"}});
  cache.Insert("no phone 123-456-7890", {});
  ASSERT_TRUE(cache.Lookup("call (937) 555-0142", &hits));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].start, 5u);
  EXPECT_EQ(hits[0].length, 14u);
  EXPECT_EQ(hits[0].e164, "+19375550142");
  ASSERT_TRUE(cache.Lookup("no phone 123-456-7890", &hits));
  EXPECT_TRUE(hits.empty());  // "nothing valid here" is remembered too
  cache.Insert("third window 614.555.0123", {PhoneHit{13, 12, "+16145550123"}});
  EXPECT_FALSE(cache.Lookup("call (937) 555-0142", &hits));  // emptied when full
  EXPECT_TRUE(cache.Lookup("third window 614.555.0123", &hits));

  PhoneCache off(0);
  off.Insert("call (937) 555-0142", {PhoneHit{5, 14, "+19375550142"}});
  EXPECT_FALSE(off.Lookup("call (937) 555-0142", &hits));
}

std::unique_ptr<Detector> MakeDetector(size_t phone_cache_entries) {
  DetectorOptions options;
  options.phone_cache_entries = phone_cache_entries;
  auto created = Detector::Create(options);
  EXPECT_TRUE(created.has_value()) << created.error().ToString();
  return created ? std::move(*created) : nullptr;
}

// Every contact mention as "begin-end normalized", the part the cache could change.
std::vector<std::string> Phones(const Detector& detector, std::string_view text) {
  std::vector<std::string> out;
  for (const Mention& m : detector.DetectText(text)) {
    if (m.type == MentionType::kContact && m.Attribute("kind") == "phone") {
      out.push_back(std::to_string(m.begin) + "-" + std::to_string(m.end) + " " + m.normalized);
    }
  }
  return out;
}

std::vector<std::string> PhoneTexts() {
  std::vector<std::string> texts = {
      "Call (937) 555-0142 or +1 614 555 0199 ext. 22 today.",
      "Office: 608-555-0118, fax 608.555.0119; cell +1 (503) 555-0178.",
      "Not phones: 555-123-4567, 123-456-7890, NPI 1234567893, 2024-03-15 10:30.",
      "Reach Dr. Núñez at 918.555.0163 — or 918 555 0163 after hours.",
      "Two close together: 217-555-0199/217-555-0198 and (937)555-0142x12.",
  };
  for (const char* dir : {"corpus", "corpus_holdout"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(SIGHTLINE_TEST_DATA_DIR) / dir)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      texts.push_back(ss.str());
    }
  }
  return texts;
}

TEST(PhoneCache, CachedDetectorFindsExactlyWhatTheMatcherFinds) {
  auto uncached = MakeDetector(0);
  auto cached = MakeDetector(4096);
  auto tiny = MakeDetector(1);  // emptied on nearly every insert
  ASSERT_TRUE(uncached && cached && tiny);
  size_t phones = 0;
  for (const std::string& text : PhoneTexts()) {
    std::vector<std::string> expected = Phones(*uncached, text);
    phones += expected.size();
    EXPECT_EQ(Phones(*cached, text), expected) << text;  // first sight: fills the cache
    EXPECT_EQ(Phones(*cached, text), expected) << text;  // from the cache
    EXPECT_EQ(Phones(*tiny, text), expected) << text;
    // The same numbers in other surroundings are other windows.
    std::string moved = "Note. " + text + " (end)";
    EXPECT_EQ(Phones(*cached, moved), Phones(*uncached, moved)) << moved;
  }
  EXPECT_GE(phones, 12u);  // the texts do hold phones
}

TEST(PhoneCache, SharedCacheIsSafeAcrossThreads) {
  auto uncached = MakeDetector(0);
  auto cached = MakeDetector(8);  // small: threads insert, hit and empty it concurrently
  ASSERT_TRUE(uncached && cached);
  std::vector<std::string> texts = PhoneTexts();
  std::vector<std::vector<std::string>> expected;
  for (const std::string& text : texts) expected.push_back(Phones(*uncached, text));
  std::vector<std::future<bool>> workers;
  for (int w = 0; w < 4; ++w) {
    workers.push_back(std::async(std::launch::async, [&, w] {
      bool same = true;
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          size_t k = (i + static_cast<size_t>(w) * 7) % texts.size();
          same = same && Phones(*cached, texts[k]) == expected[k];
        }
      }
      return same;
    }));
  }
  for (auto& worker : workers) {
    ASSERT_EQ(worker.wait_for(std::chrono::seconds(120)), std::future_status::ready);
    EXPECT_TRUE(worker.get());
  }
}

}  // namespace
}  // namespace sightline::analyzer
