// StringTable: a compact open-addressing hash map from byte strings to uint32 values, with
// the keys packed into one arena. Used for every dictionary (hundreds of thousands of words,
// names and places) because it loads an order of magnitude faster and smaller than
// std::unordered_map<std::string, ...>. Not thread-safe while being built; Find is const.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sightline::analyzer::detect_internal {

class StringTable {
 public:
  void Reserve(size_t keys);
  // Returns the value slot of `key`, inserting `initial` first when absent.
  uint32_t& Upsert(std::string_view key, uint32_t initial);
  const uint32_t* Find(std::string_view key) const;
  size_t size() const { return size_; }
  size_t MemoryBytes() const { return arena_.capacity() + slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t offset = 0;
    uint32_t length = 0;  // 0 = empty slot (empty keys are never stored)
    uint32_t value = 0;
  };
  static uint32_t Hash(std::string_view key);
  void Grow();

  std::string arena_;
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace sightline::analyzer::detect_internal
