#include "storage/report_model.h"

namespace sightline::storage {

const char* FindingStatusName(FindingStatus status) {
  switch (status) {
    case FindingStatus::kNew:
      return "new";
    case FindingStatus::kPersisting:
      return "persisting";
    case FindingStatus::kResolved:
      return "resolved";
  }
  return "new";
}

}  // namespace sightline::storage
