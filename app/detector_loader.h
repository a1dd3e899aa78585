// DetectorLoader: builds the Detector (its priors: ~55 MB, ~0.3 s) on a thread of its own, so
// an audit starts fetching at once. A repeat audit answered by 304s reuses stored analyses and
// may not detect a single page; only the site-wide linkage at the end reads the priors.
// Get() waits for the load. Thread-safe; the destructor waits for a load still running.
#pragma once

#include <future>
#include <memory>

#include "analyzer/detect/detector.h"
#include "common/result.h"

namespace sightline::app {

class DetectorLoader {
 public:
  explicit DetectorLoader(analyzer::DetectorOptions options);
  DetectorLoader(const DetectorLoader&) = delete;
  DetectorLoader& operator=(const DetectorLoader&) = delete;

  // The detector, or why its priors could not be loaded (the same answer on every call).
  Result<const analyzer::Detector*> Get() const;

 private:
  std::shared_future<Result<std::unique_ptr<analyzer::Detector>>> loaded_;
};

}  // namespace sightline::app
