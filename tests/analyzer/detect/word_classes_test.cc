// The per-token bits the rules test instead of the closed-class predicates must say exactly
// what the predicates say, for every word: checked over the corpus vocabulary, every class
// word and some near misses. Also FormatDay's hand-written formatting against fmt.
#include "analyzer/detect/internal/word_classes.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "analyzer/detect/internal/date_math.h"
#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/tokenizer.h"
#include "analyzer/detect/priors.h"

namespace sightline::analyzer::detect_internal {
namespace {

namespace fs = std::filesystem;

TEST(WordClasses, PredicatesGiveTheExpectedClasses) {
  EXPECT_EQ(WordClassesOf("dr"), kClsHonorific);
  EXPECT_EQ(WordClassesOf("hospital"), kClsFacilityStrong);
  EXPECT_EQ(WordClassesOf("plant"), kClsFacilityStrong | kClsFacilityLower);
  EXPECT_EQ(WordClassesOf("may"), kClsMonth);
  EXPECT_EQ(WordClassesOf("friday"), kClsWeekday);
  EXPECT_EQ(WordClassesOf("broke"), kClsInjuryVerb);
  EXPECT_EQ(InjuryOf("tore"), "tear");
  EXPECT_NE(WordClassesOf("at") & kClsStop, 0u);
  EXPECT_NE(WordClassesOf("at") & kClsLocationPreposition, 0u);
  EXPECT_EQ(WordClassesOf("county"), kClsNotName);
  EXPECT_EQ(WordClassesOf("hospitals's"), 0u);
  EXPECT_EQ(WordClassesOf("Dr"), 0u);  // classes are of folded words
  EXPECT_EQ(WordClassesOf("rose"), 0u);
}

TEST(WordClasses, LexiconBitsEqualThePredicatesForEveryWord) {
  auto priors = Priors::Load();
  ASSERT_TRUE(priors.has_value()) << priors.error().message;
  auto lexicon = Lexicon::Build(**priors);
  ASSERT_TRUE(lexicon.has_value()) << lexicon.error().message;
  std::set<std::string> words;
  ForEachClassWord([&](std::string_view w, uint32_t bits) {
    words.emplace(w);
    EXPECT_EQ(bits, WordClassesOf(w)) << w;
    EXPECT_NE(bits, 0u) << w;
  });
  EXPECT_GT(words.size(), 250u);
  // The corpus vocabulary: most words have no class, and those must have no bits either.
  auto tokenizer = Tokenizer::Create();
  ASSERT_TRUE(tokenizer.has_value());
  std::vector<Token> tokens;
  for (const char* dir : {"corpus", "corpus_holdout"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(SIGHTLINE_TEST_DATA_DIR) / dir)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      (*tokenizer)->Tokenize(ss.str(), &tokens);
      for (const Token& t : tokens) words.insert(t.fold);
    }
  }
  for (std::string w : {"hospitals", "dr.", "mayo", "fridays", "breaks", "sep", "sept", "eve"}) {
    words.insert(w);
  }
  size_t with_class = 0;
  for (const std::string& w : words) {
    const uint32_t* bits = (*lexicon)->word_bits.Find(w);
    uint32_t classes = bits ? (*bits & 0xFFFF0000u) : 0;
    EXPECT_EQ(classes, WordClassesOf(w)) << w;
    with_class += classes != 0;
  }
  EXPECT_GT(with_class, 250u);
  EXPECT_GT(words.size(), 2 * with_class);
}

TEST(DateMath, FormatDayMatchesFmt) {
  for (int64_t day = -800000; day <= 3000000; day += 97) {
    CivilDate c = CivilFromDays(day);
    ASSERT_EQ(FormatDay(day), fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day)) << day;
  }
  EXPECT_EQ(FormatDay(0), "1970-01-01");
  EXPECT_EQ(FormatDay(DaysFromCivil(2024, 2, 29)), "2024-02-29");
}

}  // namespace
}  // namespace sightline::analyzer::detect_internal
