#include "analyzer/detect/internal/string_table.h"

#include <cstring>

namespace sightline::analyzer::detect_internal {

namespace {

// splitmix64's finaliser: a full avalanche of one 64-bit word in a few multiplies.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Key comparison inlined for short keys (a memcmp call per probe showed in profiles).
bool SameBytes(const char* a, const char* b, size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) {
    uint64_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&a1, a + n - 8, 8);
    std::memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    uint32_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

uint32_t StringTable::Hash(std::string_view key) {
  // Eight bytes per step instead of FNV-1a's one: most keys are words of under eight bytes,
  // so this is one load and one mix, where a byte loop was a chain of dependent multiplies
  // on every dictionary look-up of every token.
  const char* p = key.data();
  size_t n = key.size();
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = Mix(h ^ v);
    p += 8;
    n -= 8;
  }
  if (n >= 4) {
    // Two overlapping 4-byte loads cover 4..7 bytes (a byte-wise copy into a zeroed word
    // would stall on store forwarding).
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    h = Mix(h ^ (static_cast<uint64_t>(hi) << 32 | lo));
  } else if (n > 0) {
    uint64_t v = static_cast<unsigned char>(p[0]) |
                 static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                 static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    h = Mix(h ^ v);
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
        SameBytes(arena_.data() + s.offset, key.data(), key.size())) {
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
        SameBytes(arena_.data() + s.offset, key.data(), key.size())) {
      return &s.value;
    }
    i = (i + 1) & mask;
  }
  return nullptr;
}

}  // namespace sightline::analyzer::detect_internal
