// ExtractPage runs on every analysis thread at once: each parse owns its MyHTML instance and
// each thread its link cache, so concurrent extractions must give exactly the single-thread
// result. Run under TSan (the tsan preset) this also checks MyHTML shares no mutable state.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

std::string Page(int i) {
  std::string html = "<!doctype html><html lang=en><head><title>Post " + std::to_string(i) +
                     "</title><meta name=description content='About case " + std::to_string(i) +
                     "'></head><body><nav><a href='/'>Home</a> <a href='/about.html'>About</a>"
                     "</nav><article><h1>Case &amp; notes</h1>";
  for (int p = 0; p < 20; ++p) {
    html += "<p>Paragraph " + std::to_string(p) + " of post " + std::to_string(i) +
            ", see <a href='/posts/" + std::to_string((i * 7 + p) % 50) + ".html'>this</a>.</p>";
  }
  return html + "</article><footer>Dr. Example &copy; 2026</footer></body></html>";
}

std::vector<std::string> Signature(const PageContent& c) {
  std::vector<std::string> s = {c.title, c.meta_description, c.text};
  for (const auto& l : c.links) s.push_back(l.url + " " + l.anchor);
  return s;
}

TEST(ExtractThreads, ConcurrentExtractionsMatchTheSingleThreadResult) {
  constexpr int kPages = 40;
  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> expected;
  for (int i = 0; i < kPages; ++i) {
    expected.push_back(Signature(ExtractPage(testing::HtmlPage(
        Page(i), "https://clinic.example/posts/" + std::to_string(i) + ".html"))));
  }
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &expected, &mismatches] {
      for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < kPages; ++i) {
          const PageContent c = ExtractPage(testing::HtmlPage(
              Page(i), "https://clinic.example/posts/" + std::to_string(i) + ".html"));
          if (Signature(c) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
  EXPECT_EQ(expected[3][0], "Post 3");
  EXPECT_NE(expected[3][2].find("Case & notes"), std::string::npos);
}

}  // namespace
}  // namespace sightline::analyzer
