// PhoneCache: what libphonenumber's PhoneNumberMatcher found in a text window (offset, length,
// E.164), kept per Detector so a window seen before — a practice's phone number in the header
// or footer of every page of its site — is not parsed and validated again (~30 µs and ~400k
// instructions a window). The matcher's output is a function of the window alone, so a hit
// gives exactly what the matcher would. Bounded (emptied when full); thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace sightline::analyzer::detect_internal {

struct PhoneHit {
  uint32_t start = 0, length = 0;  // byte span within the window
  std::string e164;
};

class PhoneCache {
 public:
  explicit PhoneCache(size_t capacity) : capacity_(capacity) {}
  // False when the window was not seen (or the cache is off: capacity 0).
  bool Lookup(const std::string& window, std::vector<PhoneHit>* hits) const;
  void Insert(const std::string& window, const std::vector<PhoneHit>& hits);

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::vector<PhoneHit>> map_;
};

}  // namespace sightline::analyzer::detect_internal
