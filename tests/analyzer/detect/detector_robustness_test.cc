// Property test over mutated inputs (the fuzz target's invariants, deterministic seed).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "analyzer/detect/detector.h"

namespace sightline::analyzer {
namespace {

// Mutated corpus texts (random bytes, cut UTF-8, digit and punctuation bursts, rotations):
// Detect must never crash and every span must index the exact text it reports.
TEST(DetectorRobustness, MutatedCorpusTextsKeepSpansInsideTheText) {
  auto d = Detector::Create();
  ASSERT_TRUE(d);
  std::vector<std::string> seeds;
  for (auto& e :
       std::filesystem::directory_iterator(std::string(SIGHTLINE_TEST_DATA_DIR) + "/corpus")) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    seeds.push_back(ss.str());
  }
  std::mt19937 rng(42);
  for (int iter = 0; iter < 1500; ++iter) {
    std::string s = seeds[rng() % seeds.size()];
    int muts = 1 + rng() % 8;
    for (int m = 0; m < muts && !s.empty(); ++m) {
      size_t pos = rng() % s.size();
      switch (rng() % 5) {
        case 0:
          s[pos] = static_cast<char>(rng());
          break;
        case 1:
          s.erase(pos, rng() % 10);
          break;
        case 2:
          s.insert(pos, seeds[rng() % seeds.size()].substr(0, rng() % 40));
          break;
        case 3:
          s.insert(pos, std::string(1 + rng() % 4,
                                    "\xc3\xe2\x80\x99\xff"
                                    "0123456789/-.,'@"[rng() % 16]));
          break;
        case 4:
          s = s.substr(pos) + s.substr(0, pos);
          break;
      }
    }
    auto found =
        (*d)->DetectText(s, iter % 2 ? std::optional<std::string>("2024-03-15") : std::nullopt);
    for (const auto& mm : found) {
      ASSERT_LE(mm.begin, mm.end);
      ASSERT_LE(mm.end, s.size());
      ASSERT_EQ(s.substr(mm.begin, mm.end - mm.begin), mm.text);
    }
  }
}
}  // namespace
}  // namespace sightline::analyzer
