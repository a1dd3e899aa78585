#include "analyzer/extract/internal/nul_bytes.h"

#include <algorithm>
#include <cstring>

namespace sightline::analyzer::internal {

size_t RemoveNulBytes(std::string* html) {
  // The common case, no NUL at all, costs one memchr and no write.
  if (std::memchr(html->data(), '\0', html->size()) == nullptr) return 0;
  const size_t before = html->size();
  html->erase(std::remove(html->begin(), html->end(), '\0'), html->end());
  return before - html->size();
}

}  // namespace sightline::analyzer::internal
