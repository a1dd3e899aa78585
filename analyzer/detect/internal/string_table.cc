#include "analyzer/detect/internal/string_table.h"

namespace sightline::analyzer::detect_internal {

uint32_t StringTable::Hash(std::string_view key) {
  // FNV-1a, 64-bit, folded: keys are short words, this is fast and well spread.
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return static_cast<uint32_t>(h ^ (h >> 32));
}

void StringTable::Reserve(size_t keys) {
  size_t want = 16;
  while (want < keys * 2) want <<= 1;
  if (want <= slots_.size()) return;
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(want, Slot{});
  size_t mask = want - 1;
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void StringTable::Grow() { Reserve(slots_.empty() ? 8 : slots_.size()); }

uint32_t& StringTable::Upsert(std::string_view key, uint32_t initial) {
  static uint32_t sink = 0;
  if (key.empty()) {
    sink = initial;
    return sink;
  }
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  uint32_t h = Hash(key);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].length != 0) {
    const Slot& s = slots_[i];
    if (s.hash == h && s.length == key.size() &&
        std::string_view(arena_.data() + s.offset, s.length) == key) {
      return slots_[i].value;
    }
    i = (i + 1) & mask;
  }
  Slot& s = slots_[i];
  s.hash = h;
  s.offset = static_cast<uint32_t>(arena_.size());
  s.length = static_cast<uint32_t>(key.size());
  s.value = initial;
  arena_.append(key);
  ++size_;
  return s.value;
}

const uint32_t* StringTable::Find(std::string_view key) const {
  if (slots_.empty() || key.empty()) return nullptr;
  uint32_t h = Hash(key);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].length != 0) {
    const Slot& s = slots_[i];
    if (s.hash == h && s.length == key.size() &&
        std::string_view(arena_.data() + s.offset, s.length) == key) {
      return &s.value;
    }
    i = (i + 1) & mask;
  }
  return nullptr;
}

}  // namespace sightline::analyzer::detect_internal
