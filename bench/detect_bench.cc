// Detection throughput and priors load time (issue 5 targets: >= 10 MB/s of extracted text per
// core, dictionaries loaded in < 300 ms, loaded priors < 150 MB resident). The text is the
// annotated corpus (physician blog posts, profiles, advice) as blocks of one large page.
// Run: build/rel-detect/bench/detect_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/detect/detector.h"

namespace {

namespace fs = std::filesystem;
using sightline::analyzer::Detector;
using sightline::analyzer::PageContent;
using sightline::analyzer::Priors;
using sightline::analyzer::TextBlock;

double RssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

std::vector<std::string> CorpusTexts() {
  std::vector<std::string> texts;
  fs::path dir = fs::path(SIGHTLINE_SOURCE_DIR) / "tests/analyzer/detect/corpus";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  return texts;
}

// A page of about `bytes` of text: corpus paragraphs repeated as blocks.
PageContent MakePage(size_t bytes) {
  PageContent page;
  page.published_date = "2024-06-01";
  std::vector<std::string> texts = CorpusTexts();
  size_t total = 0;
  for (size_t i = 0; total < bytes && !texts.empty(); ++i) {
    TextBlock block;
    block.text = texts[i % texts.size()];
    block.offset = page.text.size();
    total += block.text.size();
    page.text += block.text + "\n\n";
    page.blocks.push_back(std::move(block));
  }
  return page;
}

const Detector& SharedDetector() {
  static std::unique_ptr<Detector> detector = std::move(*Detector::Create());
  return *detector;
}

// Without the phone cache every phone window is validated by libphonenumber again. The pages
// here repeat on every iteration, so with the cache (the default) the phones of the corpus
// cost nothing after the first iteration — as a site's own number on every page of an
// audit does — while this detector measures text never seen before.
const Detector& UncachedPhonesDetector() {
  static std::unique_ptr<Detector> detector = [] {
    sightline::analyzer::DetectorOptions options;
    options.phone_cache_entries = 0;
    return std::move(*Detector::Create(options));
  }();
  return *detector;
}

void BM_LoadPriors(benchmark::State& state) {
  double rss_delta = 0;
  for (auto _ : state) {
    double before = RssMb();
    auto priors = Priors::Load();
    if (!priors) {
      state.SkipWithError(priors.error().message.c_str());
      return;
    }
    rss_delta = RssMb() - before;
    state.counters["load_ms_internal"] = (*priors)->stats().load_ms;
    benchmark::DoNotOptimize(priors);
  }
  state.counters["rss_mb"] = rss_delta;
}
BENCHMARK(BM_LoadPriors)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_CreateDetector(benchmark::State& state) {
  for (auto _ : state) {
    auto detector = Detector::Create();
    if (!detector) {
      state.SkipWithError(detector.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(detector);
  }
}
BENCHMARK(BM_CreateDetector)->Unit(benchmark::kMillisecond)->Iterations(3);

void DetectPage(benchmark::State& state, const Detector& detector) {
  PageContent page = MakePage(static_cast<size_t>(state.range(0)));
  size_t bytes = 0;
  for (const auto& b : page.blocks) bytes += b.text.size();
  size_t mentions = 0;
  for (auto _ : state) {
    auto found = detector.Detect(page);
    mentions = found.size();
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["mentions"] = static_cast<double>(mentions);
  state.counters["process_rss_mb"] = RssMb();
}
void BM_DetectPage(benchmark::State& state) { DetectPage(state, SharedDetector()); }
BENCHMARK(BM_DetectPage)->Arg(16 << 10)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

void BM_DetectPageUncachedPhones(benchmark::State& state) {
  DetectPage(state, UncachedPhonesDetector());
}
BENCHMARK(BM_DetectPageUncachedPhones)->Arg(16 << 10)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

// Pages like bench/gen-site's practice blog (the end-to-end audit benchmark, issue 10): a nav,
// 15-30 KB of paragraphs of everyday health words with an occasional patient story, and the
// practice's footer with its phone number on every page. 32 distinct pages, detected in turn.
std::vector<PageContent> BlogPages() {
  static constexpr const char* kWords[] = {
      "patient",  "clinic",      "health",     "care",      "visit",     "blood",     "pressure",
      "exercise", "sleep",       "diet",       "vaccine",   "season",    "family",    "doctor",
      "nurse",    "appointment", "symptoms",   "treatment", "screening", "community", "practice",
      "weekly",   "update",      "winter",     "summer",    "walking",   "water",     "reminder",
      "office",   "hours",       "insurance",  "portal",    "question",  "answer",    "research",
      "study",    "guideline",   "prevention", "wellness",  "checkup",   "test",      "result"};
  static constexpr const char* kStories[] = {
      ("Last Friday a 41-year-old bus driver came in with a tremor; it turned out to be Wilson's "
       "disease."),
      "A 67-year-old retired teacher from Fairview was diagnosed with sarcoidosis this spring.",
      "One of our youngest patients, a 3-year-old girl, was born with a rare heart defect.",
      "My patient, a 52-year-old dairy farmer, broke his wrist on the ice two weeks ago."};
  std::mt19937 rng(42);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<PageContent> pages;
  for (int i = 0; i < 32; ++i) {
    PageContent page;
    page.published_date = "2024-06-01";
    auto add = [&](std::string text) {
      TextBlock block;
      block.text = std::move(text);
      page.blocks.push_back(std::move(block));
    };
    add("Maple Grove Family Practice");
    for (int j = 0; j < 8; ++j) add("Post " + std::to_string(j));
    size_t target = 15000 + pick(15000), size = 0;
    while (size + 3000 < target) {
      std::string p;
      size_t words = 40 + pick(81);
      for (size_t w = 0; w < words; ++w) {
        std::string word = kWords[pick(std::size(kWords))];
        if (w == 0) word[0] = static_cast<char>(word[0] - 32);
        p += (w ? " " : "") + word;
      }
      p += ".";
      if (pick(100) < 5) p = std::string(kStories[pick(std::size(kStories))]) + " " + p;
      size += p.size();
      add(std::move(p));
    }
    add("Maple Grove Family Practice, 12 Main Street, Millersburg, OH 44654. Phone (330) "
        "555-0142.");
    add("Contact \xC2\xB7 About");
    pages.push_back(std::move(page));
  }
  return pages;
}

void DetectBlogPages(benchmark::State& state, const Detector& detector) {
  std::vector<PageContent> pages = BlogPages();
  size_t bytes = 0, next = 0;
  for (auto _ : state) {
    const PageContent& page = pages[next++ % pages.size()];
    for (const auto& b : page.blocks) bytes += b.text.size();
    auto found = detector.Detect(page);
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
void BM_DetectBlogPage(benchmark::State& state) { DetectBlogPages(state, SharedDetector()); }
BENCHMARK(BM_DetectBlogPage)->Unit(benchmark::kMillisecond);
void BM_DetectBlogPageUncachedPhones(benchmark::State& state) {
  DetectBlogPages(state, UncachedPhonesDetector());
}
BENCHMARK(BM_DetectBlogPageUncachedPhones)->Unit(benchmark::kMillisecond);

// Ordinary English prose with few details (the GPL-3 text, one block per paragraph): the
// corpus above is far denser in mentions (about one per 35 bytes) than a typical page.
void BM_DetectProse(benchmark::State& state) {
  const Detector& detector = SharedDetector();
  std::ifstream in("/usr/share/common-licenses/GPL-3");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  if (all.empty()) {
    state.SkipWithError("no /usr/share/common-licenses/GPL-3");
    return;
  }
  PageContent page;
  size_t bytes = 0;
  for (size_t pos = 0; pos < all.size();) {
    size_t end = all.find("\n\n", pos);
    if (end == std::string::npos) end = all.size();
    TextBlock block;
    block.text = all.substr(pos, end - pos);
    bytes += block.text.size();
    if (!block.text.empty()) page.blocks.push_back(std::move(block));
    pos = end + 2;
  }
  size_t mentions = 0;
  for (auto _ : state) {
    auto found = detector.Detect(page);
    mentions = found.size();
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["mentions"] = static_cast<double>(mentions);
}
BENCHMARK(BM_DetectProse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
