// The tokenizer's ASCII fast path must give exactly ICU's tokens (spans, kinds, folds and the
// space/newline/sentence flags): checked on the annotated corpus, on random strings built from
// the characters where UAX #29 joins or splits, and on mixed ASCII/non-ASCII text. Also the
// key-form checks that let dictionary look-ups skip building a key.
#include "analyzer/detect/internal/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/detect/internal/string_table.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<Tokenizer> MakeTokenizer() {
  auto created = Tokenizer::Create();
  EXPECT_TRUE(created.has_value());
  return created ? std::move(*created) : nullptr;
}

std::string Describe(std::string_view text, const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    out += "<" + std::string(t.Text(text)) + "|" + std::to_string(static_cast<int>(t.kind)) +
           (t.space_before ? "s" : "") + (t.newline_before ? "n" : "") +
           (t.sentence_start ? "S" : "") + (t.cap ? "C" : "") + (t.upper ? "U" : "") + "|" +
           t.fold + "> ";
  }
  return out;
}

// Every field of every token equal; on failure the message shows both tokenisations.
void ExpectSameAsIcu(Tokenizer& tokenizer, std::string_view text) {
  std::vector<Token> fast, icu;
  tokenizer.Tokenize(text, &fast);
  tokenizer.TokenizeWithIcu(text, &icu);
  EXPECT_EQ(Describe(text, fast), Describe(text, icu))
      << "text: " << ::testing::PrintToString(std::string(text));
}

std::vector<std::string> Pieces(Tokenizer& tokenizer, std::string_view text) {
  std::vector<Token> tokens;
  tokenizer.Tokenize(text, &tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) out.emplace_back(t.Text(text));
  return out;
}

TEST(Tokenizer, AsciiRulesMatchIcuOnKnownCases) {
  auto tokenizer = MakeTokenizer();
  ASSERT_TRUE(tokenizer);
  using V = std::vector<std::string>;
  EXPECT_EQ(Pieces(*tokenizer, "e.g. don't 1,000.50 a:b"),
            (V{"e.g", ".", "don't", "1,000.50", "a", ":", "b"}));
  EXPECT_EQ(Pieces(*tokenizer, "U.S.A. 3:30 a1.2 1.a"),
            (V{"U.S.A", ".", "3", ":", "30", "a1.2", "1", ".", "a"}));
  std::vector<Token> tokens;
  tokenizer->Tokenize("Dr. Lee, 41, arrived.\nB12", &tokens);
  ASSERT_EQ(tokens.size(), 9u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_TRUE(tokens[0].sentence_start);
  EXPECT_FALSE(tokens[2].sentence_start);  // "Dr." does not end the sentence
  EXPECT_EQ(tokens[4].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[4].fold, "41");
  EXPECT_TRUE(tokens[8].newline_before);
  EXPECT_TRUE(tokens[8].sentence_start);
  EXPECT_EQ(tokens[8].kind, TokenKind::kNumber);  // ICU: a run ending in a digit is a number
  for (std::string_view text : {"e.g. don't 1,000.50 a:b", "U.S.A. 3:30 a1.2 1.a",
                                "Dr. Lee, 41, arrived.\nB12", "snake_case a@b.com x__ 1_a"}) {
    ExpectSameAsIcu(*tokenizer, text);
  }
}

TEST(Tokenizer, FastPathEqualsIcuOnTheCorpus) {
  auto tokenizer = MakeTokenizer();
  ASSERT_TRUE(tokenizer);
  size_t files = 0;
  for (const char* dir : {"corpus", "corpus_holdout"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(SIGHTLINE_TEST_DATA_DIR) / dir)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      ExpectSameAsIcu(*tokenizer, ss.str());
      ++files;
    }
  }
  EXPECT_GE(files, 90u);
}

TEST(Tokenizer, FastPathEqualsIcuOnMixedText) {
  auto tokenizer = MakeTokenizer();
  ASSERT_TRUE(tokenizer);
  for (std::string_view text : {
           "Dr. José Núñez met Zoë in São Paulo — she’s 41.",
           "word \xCC\x81next",  // a combining mark right after a space (WB4)
           "a\xC2\xA0"
           "b  c\xE2\x80\x83 d",  // NBSP, EM SPACE before an ASCII space
           "北京 and Москва: Иван, 55, 09/30/1958.",
           "emoji \xF0\x9F\x98\x80\xE2\x80\x8D\xF0\x9F\x98\x80 x \xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 "
           "y",
           "bad \xFF\xFE bytes \xC3 and \xE2\x80 cut",
           "tab\there\r\nCRLF\vvt\fff end.",
           "‘quoted’ “double” don’t it’s",
       }) {
    ExpectSameAsIcu(*tokenizer, text);
  }
}

// Random strings over the bytes and code points where the word rules decide something:
// letters, digits, the middle characters (. , ' ; :), '_' and '@', whitespace kinds, and
// non-ASCII letters, marks, spaces, quotes, emoji and invalid UTF-8.
TEST(Tokenizer, FastPathEqualsIcuOnRandomText) {
  auto tokenizer = MakeTokenizer();
  ASSERT_TRUE(tokenizer);
  std::vector<std::string> atoms;
  for (int c = 1; c < 128; ++c) atoms.emplace_back(1, static_cast<char>(c));
  for (const char* a : {"a",
                        "Z",
                        "1",
                        "9",
                        ".",
                        ",",
                        "'",
                        ";",
                        ":",
                        " ",
                        "  ",
                        "\n",
                        "\r\n",
                        "_",
                        "@",
                        "Dr",
                        "e.g",
                        "U.S.",
                        "\xC2\xA0",
                        "\xE2\x80\x99",
                        "\xE2\x80\x94",
                        "\xC3\xA9",
                        "\xCC\x81",
                        "\xE2\x80\x8D",
                        "\xF0\x9F\x98\x80",
                        "\xE5\x8C\x97",
                        "\xE0\xB8\x81",
                        "\xD7\x90",
                        "\"",
                        "\xE3\x80\x80",
                        "\xE2\x80\x83",
                        "\xC2\xB7",
                        "\xFF",
                        "\xC3",
                        "\xE2\x80\x8B",
                        "\xC2\x85",
                        "\xEF\xBB\xBF",
                        "\xEF\xBC\x91",
                        "\xE3\x82\xA2",
                        "\xF0\x9F\x87\xBA"}) {
    for (int k = 0; k < 5; ++k) atoms.emplace_back(a);
  }
  std::mt19937 rng(20261124);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    int length = 1 + static_cast<int>(rng() % 14);
    for (int k = 0; k < length; ++k) text += atoms[rng() % atoms.size()];
    std::vector<Token> fast, icu;
    tokenizer->Tokenize(text, &fast);
    tokenizer->TokenizeWithIcu(text, &icu);
    ASSERT_EQ(Describe(text, fast), Describe(text, icu))
        << "text: " << ::testing::PrintToString(text);
  }
}

TEST(TextUtil, KeyFormChecksAgreeWithFoldAndNormalize) {
  EXPECT_TRUE(IsNormalizedAscii("st louis"));
  EXPECT_TRUE(IsNormalizedAscii("wilson's disease"));
  EXPECT_FALSE(IsNormalizedAscii("St Louis"));
  EXPECT_FALSE(IsNormalizedAscii("st. louis"));
  EXPECT_FALSE(IsNormalizedAscii("st  louis"));
  EXPECT_FALSE(IsNormalizedAscii(" louis"));
  EXPECT_FALSE(IsNormalizedAscii("caf\xC3\xA9"));
  EXPECT_TRUE(IsFoldedAscii("o'brien"));
  EXPECT_FALSE(IsFoldedAscii("O'Brien"));
  // Whenever a check says "already a key", building the key must give the same text.
  const std::string alphabet = "abzAZ09 '.-,\xC3\xA9";
  std::mt19937 rng(7);
  int normalized = 0;
  for (int i = 0; i < 50000; ++i) {
    std::string s;
    int length = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < length; ++k) s += alphabet[rng() % alphabet.size()];
    if (IsNormalizedAscii(s)) {
      ++normalized;
      ASSERT_EQ(NormalizeKey(s), s);
    }
    if (IsFoldedAscii(s)) {
      ASSERT_EQ(FoldKey(s), s);
    }
  }
  EXPECT_GT(normalized, 100);
}

TEST(StringTable, FindsEveryKeyOfEveryLengthAndNothingElse) {
  StringTable table;
  std::vector<std::string> keys;
  for (int length = 1; length <= 24; ++length) {
    for (int k = 0; k < 200; ++k) {
      std::string key(static_cast<size_t>(length), 'a');
      for (int b = 0; b < length; ++b)
        key[static_cast<size_t>(b)] = static_cast<char>('a' + (k * 7 + b * 13) % 26);
      key[static_cast<size_t>(k % length)] = static_cast<char>('0' + k % 10);
      keys.push_back(key);
    }
  }
  for (size_t i = 0; i < keys.size(); ++i) table.Upsert(keys[i], static_cast<uint32_t>(i + 1));
  for (const std::string& key : keys) {
    const uint32_t* v = table.Find(key);
    ASSERT_NE(v, nullptr) << key;
    EXPECT_EQ(keys[*v - 1], key);  // duplicates keep the first value
  }
  EXPECT_EQ(table.Find("not-a-key"), nullptr);
  EXPECT_EQ(table.Find(keys.back() + "#"), nullptr);  // no key holds '#'
  EXPECT_EQ(table.Find(""), nullptr);
}

}  // namespace
}  // namespace sightline::analyzer::detect_internal
