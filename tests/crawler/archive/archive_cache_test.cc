#include "crawler/archive/archive_cache.h"

#include <gtest/gtest.h>

#include "crawler/archive/archive_client.h"

namespace sightline::archive {
namespace {

TEST(MemoryArchiveCache, ReturnsStoredValueWithinTtl) {
  FakeClock clock;
  MemoryArchiveCache cache;
  cache.Put("wayback", "https://x/a", "{\"captures\":[]}", clock.WallNow());
  clock.Advance(std::chrono::hours(23));
  EXPECT_EQ(cache.Get("wayback", "https://x/a", clock.WallNow()), "{\"captures\":[]}");
}

TEST(MemoryArchiveCache, ExpiresAfterADay) {
  FakeClock clock;
  MemoryArchiveCache cache;
  cache.Put("wayback", "https://x/a", "v", clock.WallNow());
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(cache.Get("wayback", "https://x/a", clock.WallNow()), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(MemoryArchiveCache, KeysAreArchiveAndUrl) {
  FakeClock clock;
  MemoryArchiveCache cache;
  cache.Put("wayback", "https://x/a", "w", clock.WallNow());
  cache.Put("archivetoday", "https://x/a", "t", clock.WallNow());
  EXPECT_EQ(cache.Get("wayback", "https://x/a", clock.WallNow()), "w");
  EXPECT_EQ(cache.Get("archivetoday", "https://x/a", clock.WallNow()), "t");
  EXPECT_EQ(cache.Get("commoncrawl", "https://x/a", clock.WallNow()), std::nullopt);
  EXPECT_EQ(cache.Get("wayback", "https://x/b", clock.WallNow()), std::nullopt);
}

TEST(MemoryArchiveCache, PutReplacesAndRestartsTheTtl) {
  FakeClock clock;
  MemoryArchiveCache cache(std::chrono::seconds(60));
  cache.Put("wayback", "k", "old", clock.WallNow());
  clock.Advance(std::chrono::seconds(50));
  cache.Put("wayback", "k", "new", clock.WallNow());
  clock.Advance(std::chrono::seconds(50));
  EXPECT_EQ(cache.Get("wayback", "k", clock.WallNow()), "new");
}

// Known values: the Wayback Machine's digest of an empty payload is the well-known
// 3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ (SHA-1 da39a3ee... in base32).
TEST(WaybackDigest, IsBase32OfSha1) {
  EXPECT_EQ(WaybackDigest(""), "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  EXPECT_EQ(WaybackDigest("abc"), "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  EXPECT_EQ(WaybackDigest("<html><body>Hello</body></html>"), "3FVPQ3BBVZ22AV4CLU3NH5BBJNKSOTA4");
}

TEST(WaybackDigest, IsThirtyTwoCharactersOfTheRfc4648Alphabet) {
  const std::string digest = WaybackDigest(std::string(100000, 'x'));
  ASSERT_EQ(digest.size(), 32u);
  for (char c : digest) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) << c;
}

}  // namespace
}  // namespace sightline::archive
