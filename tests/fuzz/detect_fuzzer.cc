// Fuzzes the detection pipeline on arbitrary bytes: extraction (analyzer/extract) of the bytes
// served as text/html, then the Detector (analyzer/detect) over every block. Properties: each
// mention's span lies inside its block and its text is exactly that span; confidence and
// prior are shares in [0, 1].
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "analyzer/detect/detector.h"
#include "analyzer/extract/extractor.h"
#include "tests/fuzz/fuzz_checks.h"

using sightline::fuzz::Check;

namespace {

// Created once: loading the priors takes seconds. Lives until the process exits.
const sightline::analyzer::Detector* g_detector = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  auto detector = sightline::analyzer::Detector::Create();
  if (!detector) {
    std::fprintf(stderr, "detect_fuzzer: cannot create the detector: %s\n",
                 detector.error().ToString().c_str());
    std::abort();
  }
  g_detector = detector->release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sightline::crawler::FetchedPage page;
  page.url = "https://example.com/blog/2024/03/14/my-story.html";
  page.final_url = page.url;
  page.status = 200;
  page.content_type = "text/html";
  page.headers = {{"content-type", "text/html"}};
  page.body.assign(reinterpret_cast<const char*>(data), size);

  const sightline::analyzer::PageContent content = sightline::analyzer::ExtractPage(page);
  for (const auto& mention : g_detector->Detect(content)) {
    Check(mention.block < content.blocks.size(), "mention block exists");
    const std::string& text = content.blocks[mention.block].text;
    Check(mention.begin <= mention.end && mention.end <= text.size(), "span inside the block",
          mention.text);
    Check(text.compare(mention.begin, mention.end - mention.begin, mention.text) == 0,
          "mention text is its span", mention.text);
    Check(mention.confidence >= 0.0 && mention.confidence <= 1.0, "confidence in [0, 1]",
          mention.text);
    Check(mention.prior >= 0.0 && mention.prior <= 1.0, "prior in [0, 1]", mention.text);
  }
  return 0;
}
