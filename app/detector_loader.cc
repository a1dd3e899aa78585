#include "app/detector_loader.h"

#include <utility>

namespace sightline::app {

DetectorLoader::DetectorLoader(analyzer::DetectorOptions options)
    // async|deferred: should no thread be available, the load runs in the first Get().
    : loaded_(
          std::async(std::launch::async | std::launch::deferred, [options = std::move(options)] {
            return analyzer::Detector::Create(options);
          }).share()) {}

Result<const analyzer::Detector*> DetectorLoader::Get() const {
  const auto& loaded = loaded_.get();
  if (!loaded) {
    return Fail(loaded.error().code, "cannot load the priors: " + loaded.error().message);
  }
  return static_cast<const analyzer::Detector*>(loaded->get());
}

}  // namespace sightline::app
