// occurrences.details_json: the direct writer and the SAX reader agree with each other and
// with rows the earlier nlohmann-json DOM code wrote (databases from before keep reading).
#include "storage/internal/details_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "storage/internal/json_text.h"

namespace sightline::storage::internal {
namespace {

analyzer::FindingDetail Detail(std::string text, double prior = 1.0) {
  analyzer::FindingDetail d;
  d.type = analyzer::MentionType::kCondition;
  d.text = std::move(text);
  d.normalized = "wilson disease";
  d.url = "https://example.org/post?a=1&b=\"2\"";
  d.snippet = "She has Wilson's disease.\n\tSince May — née Müller, 東京.";
  d.snippet_begin = 8;
  d.snippet_end = 24;
  d.hidden = true;
  d.prior = prior;
  d.inherited = true;
  return d;
}

void ExpectSame(const analyzer::FindingDetail& a, const analyzer::FindingDetail& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.normalized, b.normalized);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.snippet, b.snippet);
  EXPECT_EQ(a.snippet_begin, b.snippet_begin);
  EXPECT_EQ(a.snippet_end, b.snippet_end);
  EXPECT_EQ(a.hidden, b.hidden);
  EXPECT_DOUBLE_EQ(a.prior, b.prior);
  EXPECT_EQ(a.inherited, b.inherited);
}

// What the DOM code wrote: an array of objects dumped by nlohmann-json.
std::string DomJson(const std::vector<analyzer::FindingDetail>& details) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& d : details) {
    a.push_back({{"type", analyzer::MentionTypeName(d.type)},
                 {"text", d.text},
                 {"normalized", d.normalized},
                 {"url", d.url},
                 {"snippet", d.snippet},
                 {"snippet_begin", d.snippet_begin},
                 {"snippet_end", d.snippet_end},
                 {"hidden", d.hidden},
                 {"prior", d.prior},
                 {"inherited", d.inherited}});
  }
  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(DetailsCodec, RoundTripsEveryFieldIncludingEscapesAndNonAscii) {
  const std::vector<analyzer::FindingDetail> details = {
      Detail("Wilson's \"disease\" \\ \x01"), Detail("41-year-old", 0.000012345), Detail("", 0)};
  const std::string text = DetailsToJson(details);
  // Valid JSON that nlohmann-json (the strict reference) accepts.
  EXPECT_TRUE(nlohmann::json::accept(text)) << text;
  const auto back = DetailsFromJson(text);
  ASSERT_EQ(back.size(), details.size());
  for (size_t i = 0; i < details.size(); ++i) ExpectSame(back[i], details[i]);
}

TEST(DetailsCodec, WritesWhatTheDomCodeWroteForTheSameDetails) {
  const std::vector<analyzer::FindingDetail> details = {Detail("Wilson's disease", 0.25),
                                                        Detail("bus driver", 3e-7)};
  EXPECT_EQ(nlohmann::json::parse(DetailsToJson(details)), nlohmann::json::parse(DomJson(details)));
}

TEST(DetailsCodec, ReadsRowsWrittenByTheDomCode) {
  const std::vector<analyzer::FindingDetail> details = {Detail("Wilson's disease", 1.0),
                                                        Detail("bus driver", 0.003)};
  const auto back = DetailsFromJson(DomJson(details));
  ASSERT_EQ(back.size(), 2u);
  ExpectSame(back[0], details[0]);
  ExpectSame(back[1], details[1]);
}

TEST(DetailsCodec, InvalidUtf8IsWrittenAsReplacementCharacters) {
  const std::string text =
      DetailsToJson({Detail("bad \xC3\x28 and \xF0\x9F\x98 end \xED\xA0\x80")});
  EXPECT_TRUE(nlohmann::json::accept(text)) << text;
  const auto back = DetailsFromJson(text);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].text.find('\xC3'), std::string::npos);
  EXPECT_NE(back[0].text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(back[0].text.substr(0, 4), "bad ");
  // A surrogate's encoding is three ill-formed bytes: one U+FFFD each.
  EXPECT_TRUE(back[0].text.ends_with(" end \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")) << back[0].text;
}

TEST(DetailsCodec, UnexpectedShapesReadAsDefaultsAndMalformedTextAsNothing) {
  EXPECT_TRUE(DetailsFromJson("").empty());
  EXPECT_TRUE(DetailsFromJson("[{\"text\": \"cut").empty());
  EXPECT_TRUE(DetailsFromJson("{\"text\": \"not an array\"}").empty());
  const auto odd = DetailsFromJson(
      R"([1, "x", {"type": "no_such_type", "text": 5, "extra": {"text": "nested"},)"
      R"( "url": "u", "prior": null, "snippet_begin": -3, "list": ["a", {"url": "v"}]}])");
  ASSERT_EQ(odd.size(), 1u);
  EXPECT_EQ(odd[0].type, analyzer::MentionType::kOther);
  EXPECT_EQ(odd[0].text, "");
  EXPECT_EQ(odd[0].url, "u");
  EXPECT_DOUBLE_EQ(odd[0].prior, 1.0);
  EXPECT_EQ(odd[0].snippet_begin, 0u);
  EXPECT_EQ(DetailsToJson({}), "[]");
}

// The reader is strict JSON, as nlohmann-json (the reference) is: each case sits beside a
// valid detail, which survives only when the whole text is accepted.
TEST(DetailsCodec, AcceptsExactlyWhatNlohmannJsonAccepts) {
  const std::vector<std::string> cases = {R"("plain")",
                                          R"("\u00e9\ud83d\ude00\n\t\/\b\f\r\\\"")",
                                          R"("\ud83d")",
                                          R"("\ude00")",
                                          R"("\ud83d\u0041")",
                                          R"("\x41")",
                                          R"("\u12")",
                                          R"("\u12G4")",
                                          "\"tab\there\"",
                                          "\"nul\\u0000ok\"",
                                          "\"caf\xC3\xA9\"",
                                          "\"bad \xC3\x28\"",
                                          "\"over \xF5\x80\x80\x80\"",
                                          "\"surrogate \xED\xA0\x80\"",
                                          "\"overlong \xC0\xAF\"",
                                          "\"cut \xE6\x9D\"",
                                          "0",
                                          "-0",
                                          "01",
                                          "-",
                                          "1.",
                                          ".5",
                                          "1e",
                                          "1e+",
                                          "1E-7",
                                          "-12.5e3",
                                          "18446744073709551615",
                                          "18446744073709551616",
                                          "1e400",
                                          "1e-400",
                                          "-1e-400",
                                          "-1e400",
                                          "true",
                                          "tru",
                                          "null",
                                          "nul",
                                          "[]",
                                          "[1,]",
                                          "[,1]",
                                          "{}",
                                          R"({"a":1,})",
                                          R"({"a" 1})",
                                          R"({1:2})",
                                          "[[[[[[[[[[1]]]]]]]]]]",
                                          " [ 1 , 2 ] ",
                                          "[1 2]",
                                          "{\"a\":[{\"b\":{}}]}"};
  for (const std::string& c : cases) {
    const std::string text = R"([{"text": "ok"}, )" + c + "]";
    const bool accepted = nlohmann::json::accept(text);
    const auto details = DetailsFromJson(text);
    EXPECT_EQ(!details.empty(), accepted) << text;
    if (accepted) {
      ASSERT_GE(details.size(), 1u);
      EXPECT_EQ(details[0].text, "ok");
    }
  }
  EXPECT_TRUE(DetailsFromJson(R"([{"text": "ok"}] x)").empty());   // nothing after the value
  EXPECT_TRUE(DetailsFromJson(std::string(100000, '[')).empty());  // bounded depth
  EXPECT_EQ(DetailsFromJson(" \n[{\"text\": \"ok\"}]\t ").size(), 1u);
}

TEST(DetailsCodec, DecodesEscapesAsNlohmannJsonDoes) {
  const std::string text =
      R"([{"text": "\u00e9\ud83d\ude00\n\/\u0041", "snippet_begin": 4.7, "snippet_end": 1e1,)"
      R"( "prior": -2.5e-3, "hidden": true, "inherited": false, "type": "age"}])";
  const auto details = DetailsFromJson(text);
  ASSERT_EQ(details.size(), 1u);
  const auto reference = nlohmann::json::parse(text)[0];
  EXPECT_EQ(details[0].text, reference["text"].get<std::string>());
  EXPECT_EQ(details[0].snippet_begin, 4u);
  EXPECT_EQ(details[0].snippet_end, 10u);
  EXPECT_DOUBLE_EQ(details[0].prior, -0.0025);
  EXPECT_TRUE(details[0].hidden);
  EXPECT_FALSE(details[0].inherited);
  EXPECT_EQ(details[0].type, analyzer::MentionType::kAge);
}

// Any text, with quotes, backslashes, control characters and characters outside the BMP,
// reads back the same from both writers (this one and the DOM code of older rows).
TEST(DetailsCodec, RandomTextRoundTripsThroughBothWriters) {
  std::mt19937 random(20261125);
  const std::vector<uint32_t> alphabet = {'a',  'Z',  ' ',  '"',  '\\',  '/',    '\n',    '\t',
                                          0x01, 0x1F, 0x7F, 0xE9, 0x800, 0xFFFD, 0x1F600, 0x10FFFF};
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<size_t> length(0, 40);
  for (int round = 0; round < 200; ++round) {
    std::vector<analyzer::FindingDetail> details(1 + round % 3);
    for (auto& d : details) {
      for (std::string* field : {&d.text, &d.normalized, &d.url, &d.snippet}) {
        const size_t n = length(random);
        for (size_t i = 0; i < n; ++i) {
          const uint32_t code = alphabet[pick(random)];
          // Encode the code point as UTF-8 directly.
          if (code < 0x80) {
            field->push_back(static_cast<char>(code));
          } else if (code < 0x800) {
            field->push_back(static_cast<char>(0xC0 | (code >> 6)));
            field->push_back(static_cast<char>(0x80 | (code & 0x3F)));
          } else if (code < 0x10000) {
            field->push_back(static_cast<char>(0xE0 | (code >> 12)));
            field->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            field->push_back(static_cast<char>(0x80 | (code & 0x3F)));
          } else {
            field->push_back(static_cast<char>(0xF0 | (code >> 18)));
            field->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            field->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            field->push_back(static_cast<char>(0x80 | (code & 0x3F)));
          }
        }
      }
      d.snippet_begin = static_cast<size_t>(round);
      d.snippet_end = static_cast<size_t>(round) * 1000003u;
      d.prior = 1.0 / (round + 1);
      d.hidden = round % 2 == 0;
      d.inherited = round % 3 == 0;
    }
    for (const std::string& text : {DetailsToJson(details), DomJson(details)}) {
      const auto back = DetailsFromJson(text);
      ASSERT_EQ(back.size(), details.size()) << text;
      for (size_t i = 0; i < details.size(); ++i) ExpectSame(back[i], details[i]);
    }
  }
}

TEST(JsonText, StringMapsAreWrittenAsTheDomWroteThemAndAlwaysParse) {
  const std::map<std::string, std::string> attributes = {{"kind", "phone"},
                                                         {"role", "a \"quoted\" \\ role\n\t"},
                                                         {"place", "Zürich, 東京"},
                                                         {"bad", "x\xC3\x28y"},
                                                         {"", ""}};
  const std::string text = StringMapToJson(attributes);
  ASSERT_TRUE(nlohmann::json::accept(text)) << text;
  const auto parsed = nlohmann::json::parse(text);
  for (const auto& [key, value] : attributes) {
    if (key == "bad") continue;
    EXPECT_EQ(parsed.at(key), value) << key;
  }
  EXPECT_EQ(parsed.at("bad"), "x\xEF\xBF\xBD(y");
  // Valid text is written exactly as nlohmann-json's dump wrote it (keys in map order).
  std::map<std::string, std::string> plain = attributes;
  plain.erase("bad");
  plain["role"] = "a \"quoted\" \\ role";
  EXPECT_EQ(StringMapToJson(plain), nlohmann::json(plain).dump());
  EXPECT_EQ(StringMapToJson({}), "{}");
}

}  // namespace
}  // namespace sightline::storage::internal
