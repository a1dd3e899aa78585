// Detector: finds the details in a page's text that could identify a patient or the author
// (names, ages, dates, places, facilities, conditions, contacts, identifiers, …) as Mentions
// with spans, normalised values, confidences and population priors (issue 5, DESIGN.md
// "The analyzer's model" §1). Owns its Priors; Detect() is const and thread-safe.
// Rules + dictionaries over ICU word tokens, RE2 for patterns, libphonenumber for phones.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/detect/priors.h"
#include "analyzer/mention.h"
#include "analyzer/page_content.h"
#include "common/result.h"

namespace sightline::analyzer {

class Detector {
 public:
  static Result<std::unique_ptr<Detector>> Create(const DetectorOptions& options = {});
  ~Detector();
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // One pass over every block of the page; mentions sorted by (block, begin). Dates are
  // resolved against page.published_date when present. Without DetectorOptions::region_hint,
  // a US state in the page's JSON-LD/microdata address disambiguates town names.
  std::vector<Mention> Detect(const PageContent& page) const;
  // A single text as one visible paragraph block (tests, `sightline check -`).
  std::vector<Mention> DetectText(std::string_view text,
                                  std::optional<std::string> published_date = {}) const;

  const Priors& priors() const;

  struct Impl;

 private:
  explicit Detector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sightline::analyzer
