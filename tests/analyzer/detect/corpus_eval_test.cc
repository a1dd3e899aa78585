// Precision/recall of Detector over the annotated corpus in corpus/ (see corpus/README.md).
// Prints the per-type table; fails below recall 0.90 / precision 0.80 for the six types the
// issue gates on. SIGHTLINE_EVAL_VERBOSE=1 also lists every miss and false alarm.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analyzer/detect/detector.h"

namespace sightline::analyzer {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::string type, text;
  bool matched = false;
  std::vector<std::pair<size_t, size_t>> spans;
};

struct Counts {
  int tp = 0, fp = 0, fn = 0;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using Table = std::map<std::string, Counts>;

// Scores the detector over every NN_slug.txt/.json pair in `dir`; returns per-type counts
// for the types the annotations use.
Table Evaluate(const Detector& detector, const fs::path& dir, size_t* documents) {
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") docs.push_back(entry.path());
  }
  std::sort(docs.begin(), docs.end());
  *documents = docs.size();
  bool verbose = std::getenv("SIGHTLINE_EVAL_VERBOSE") != nullptr;
  Table counts;
  std::set<std::string> scored;
  std::vector<std::pair<fs::path, nlohmann::json>> annotations;
  for (const fs::path& txt : docs) {
    fs::path json_path = txt;
    json_path.replace_extension(".json");
    nlohmann::json ann = nlohmann::json::parse(ReadFile(json_path), nullptr, false);
    EXPECT_FALSE(ann.is_discarded()) << json_path;
    if (ann.is_discarded()) continue;
    for (const auto& m : ann["mentions"]) scored.insert(m["type"].get<std::string>());
    annotations.emplace_back(txt, std::move(ann));
  }
  for (const std::string& type : scored) counts[type];
  for (const auto& [txt, ann] : annotations) {
    std::string text = ReadFile(txt);
    std::optional<std::string> published;
    if (ann["published"].is_string()) published = ann["published"].get<std::string>();
    std::vector<Expected> expected;
    for (const auto& m : ann["mentions"]) {
      Expected e{m["type"].get<std::string>(), m["text"].get<std::string>(), false, {}};
      for (size_t pos = text.find(e.text); pos != std::string::npos;
           pos = text.find(e.text, pos + 1)) {
        e.spans.emplace_back(pos, pos + e.text.size());
      }
      EXPECT_FALSE(e.spans.empty()) << txt << ": " << e.text;
      expected.push_back(std::move(e));
    }
    for (const Mention& m : detector.DetectText(text, published)) {
      std::string type = MentionTypeName(m.type);
      if (!scored.count(type)) continue;
      bool hit = false;
      for (Expected& e : expected) {
        if (e.matched || e.type != type) continue;
        for (auto [b, en] : e.spans) {
          if (m.begin < en && b < m.end) hit = true;
        }
        if (hit) {
          e.matched = true;
          break;
        }
      }
      if (hit) {
        ++counts[type].tp;
      } else {
        ++counts[type].fp;
        if (verbose) {
          std::printf("  FP %-12s %-40s [%s] %s\n", type.c_str(), m.text.c_str(),
                      m.normalized.c_str(), txt.filename().c_str());
        }
      }
    }
    for (const Expected& e : expected) {
      if (e.matched) continue;
      ++counts[e.type].fn;
      if (verbose) {
        std::printf("  FN %-12s %-40s %s\n", e.type.c_str(), e.text.c_str(),
                    txt.filename().c_str());
      }
    }
  }
  return counts;
}

const std::set<std::string> kGated = {"person_name", "age",      "date",
                                      "location",    "facility", "condition"};

void PrintTable(const char* title, const Table& counts, size_t documents) {
  std::printf("\n%s (%zu documents)\n%-12s %5s %5s %5s %9s %7s\n", title, documents, "type", "tp",
              "fp", "fn", "precision", "recall");
  for (const auto& [type, c] : counts) {
    double p = c.tp + c.fp ? double(c.tp) / (c.tp + c.fp) : 1.0;
    double r = c.tp + c.fn ? double(c.tp) / (c.tp + c.fn) : 1.0;
    std::printf("%-12s %5d %5d %5d %9.3f %7.3f%s\n", type.c_str(), c.tp, c.fp, c.fn, p, r,
                kGated.count(type) ? "  (gated)" : "");
  }
}

TEST(CorpusEval, PrecisionAndRecallPerTypeMeetTheIssueThresholds) {
  auto detector = Detector::Create();
  ASSERT_TRUE(detector.has_value()) << detector.error().ToString();
  size_t documents = 0;
  Table counts = Evaluate(**detector, fs::path(SIGHTLINE_TEST_DATA_DIR) / "corpus", &documents);
  ASSERT_GE(documents, 60u);
  PrintTable("corpus", counts, documents);
  for (const std::string& type : kGated) {
    const Counts& c = counts[type];
    ASSERT_GT(c.tp + c.fn, 0) << type << " has no annotations";
    EXPECT_GE(double(c.tp) / (c.tp + c.fn), 0.90) << type << " recall";
    EXPECT_GE(double(c.tp) / std::max(1, c.tp + c.fp), 0.80) << type << " precision";
  }
}

// corpus_holdout/ was written after the rules were tuned on corpus/ and is not tuned on: its
// table is the honest estimate. Only printed (the thresholds apply to corpus/), but every
// annotation must still point into its text and the detector must find something.
TEST(CorpusEval, HoldoutTableIsReported) {
  auto detector = Detector::Create();
  ASSERT_TRUE(detector.has_value()) << detector.error().ToString();
  size_t documents = 0;
  Table counts =
      Evaluate(**detector, fs::path(SIGHTLINE_TEST_DATA_DIR) / "corpus_holdout", &documents);
  ASSERT_GE(documents, 20u);
  PrintTable("corpus_holdout (not tuned on)", counts, documents);
  int tp = 0;
  for (const auto& [type, c] : counts) tp += c.tp;
  EXPECT_GT(tp, 0);
}

}  // namespace
}  // namespace sightline::analyzer
