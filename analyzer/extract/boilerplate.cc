#include "analyzer/extract/boilerplate.h"

#include <unordered_set>

#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer {
namespace {

// FNV-1a 64: stable across platforms and runs, unlike std::hash.
constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

uint64_t MixByte(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

uint64_t Mix(uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) h = MixByte(h, c);
  return h;
}

// Mix(h, internal::CollapseWhitespace(text)) without building the collapsed copy (this runs
// for every block of every page): runs of ASCII whitespace and U+00A0 between words hash as
// one space, leading and trailing ones not at all.
uint64_t MixCollapsed(uint64_t h, std::string_view text) {
  bool pending_space = false;
  bool any_word = false;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (internal::IsAsciiSpace(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      pending_space = true;
      i += 2;
      continue;
    }
    if (pending_space && any_word) h = MixByte(h, ' ');
    pending_space = false;
    any_word = true;
    h = MixByte(h, static_cast<unsigned char>(c));
    ++i;
  }
  return h;
}

}  // namespace

uint64_t BlockFingerprint(const TextBlock& block) {
  uint64_t h = kFnvOffset;
  const char header[2] = {static_cast<char>('A' + static_cast<int>(block.kind)),
                          block.hidden ? 'h' : 'v'};
  h = Mix(h, std::string_view(header, 2));
  return MixCollapsed(h, block.text);
}

void BoilerplateIndex::Add(const PageContent& page) {
  std::vector<uint64_t> fps;
  fps.reserve(page.blocks.size());
  for (const auto& b : page.blocks) fps.push_back(BlockFingerprint(b));
  AddFingerprints(fps);
}

void BoilerplateIndex::AddFingerprints(const std::vector<uint64_t>& fingerprints) {
  ++pages_;
  std::unordered_set<uint64_t> distinct(fingerprints.begin(), fingerprints.end());
  for (uint64_t fp : distinct) ++counts_[fp];
}

bool BoilerplateIndex::IsBoilerplate(uint64_t fingerprint) const {
  auto it = counts_.find(fingerprint);
  if (it == counts_.end()) return false;
  const size_t n = it->second;
  return n >= min_pages_ && static_cast<double>(n) >= min_share_ * static_cast<double>(pages_);
}

void BoilerplateIndex::Mark(PageContent& page) const {
  for (auto& b : page.blocks) b.boilerplate = IsBoilerplate(BlockFingerprint(b));
}

}  // namespace sightline::analyzer
