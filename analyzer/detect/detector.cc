#include "analyzer/detect/detector.h"

#include <algorithm>

#include "analyzer/detect/internal/date_math.h"
#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/phone_cache.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/tokenizer.h"

namespace sightline::analyzer {

struct Detector::Impl {
  DetectorOptions options;
  std::unique_ptr<Priors> priors;
  std::unique_ptr<detect_internal::Lexicon> lexicon;
  std::unique_ptr<detect_internal::Tokenizer> tokenizer;  // prototype, cloned per Detect call
  std::unique_ptr<detect_internal::PhoneCache> phone_cache;
};

namespace {

// Sex, relation and event mentions annotate the text around other details (a "wife" next to
// a name, an "accident" around an injury), so they never compete for a span.
bool Coexists(MentionType t) {
  return t == MentionType::kSex || t == MentionType::kRelation || t == MentionType::kEvent;
}

bool Overlaps(const Mention& a, const Mention& b) { return a.begin < b.end && b.begin < a.end; }

// Keeps the most confident, then longest, of overlapping candidates. A confident candidate
// that strictly contains another wins first: "Lincoln High School" over the town "Lincoln",
// "Wilson's disease" over the name "Wilson".
// `candidates` is left in a valid but unspecified state; its capacity is kept for the next
// block.
std::vector<Mention> Resolve(std::vector<Mention>& candidates) {
  std::vector<bool> contained(candidates.size(), false);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Mention& c = candidates[i];
    if (Coexists(c.type)) continue;
    for (const Mention& d : candidates) {
      if (&d == &c || Coexists(d.type) || d.confidence < 0.75) continue;
      if (d.begin <= c.begin && d.end >= c.end && d.end - d.begin > c.end - c.begin) {
        contained[i] = true;
        break;
      }
    }
  }
  {
    size_t w = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (contained[i]) continue;
      if (w != i) candidates[w] = std::move(candidates[i]);
      ++w;
    }
    candidates.resize(w);
  }
  // Order indices, not Mentions (each carries strings and an attribute map).
  std::vector<uint32_t> order(candidates.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto before = [&](uint32_t x, uint32_t y) {
    const Mention& a = candidates[x];
    const Mention& b = candidates[y];
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return (a.end - a.begin) > (b.end - b.begin);
  };
  if (order.size() <= 32) {
    // A block has a handful of candidates: insertion sort is stable too (the same order as
    // std::stable_sort) and needs no temporary buffer.
    for (size_t i = 1; i < order.size(); ++i) {
      uint32_t x = order[i];
      size_t j = i;
      for (; j > 0 && before(x, order[j - 1]); --j) order[j] = order[j - 1];
      order[j] = x;
    }
  } else {
    std::stable_sort(order.begin(), order.end(), before);
  }
  std::vector<uint32_t> kept_index;
  kept_index.reserve(order.size());
  for (uint32_t idx : order) {
    const Mention& c = candidates[idx];
    if (c.end <= c.begin) continue;
    bool clash = false;
    for (uint32_t k_idx : kept_index) {
      const Mention& k = candidates[k_idx];
      if (!Overlaps(c, k)) continue;
      bool both_free = Coexists(c.type) || Coexists(k.type);
      if (!both_free || c.type == k.type) {
        clash = true;
        break;
      }
    }
    if (!clash) kept_index.push_back(idx);
  }
  std::sort(kept_index.begin(), kept_index.end(), [&](uint32_t x, uint32_t y) {
    const Mention& a = candidates[x];
    const Mention& b = candidates[y];
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end < b.end;
  });
  std::vector<Mention> kept;
  kept.reserve(kept_index.size());
  for (uint32_t idx : kept_index) kept.push_back(std::move(candidates[idx]));
  return kept;
}

// "her husband Tom", "his wife, Maria": the relation names the person and the person is a
// relative.
void LinkRelations(std::string_view text, std::vector<Mention>* mentions) {
  for (size_t i = 0; i < mentions->size(); ++i) {
    Mention& r = (*mentions)[i];
    if (r.type != MentionType::kRelation) continue;
    for (size_t j = i + 1; j < mentions->size(); ++j) {
      Mention& p = (*mentions)[j];
      if (p.begin < r.end) continue;
      if (p.begin - r.end > 3) break;
      std::string_view gap = text.substr(r.end, p.begin - r.end);
      if (p.type == MentionType::kPersonName &&
          gap.find_first_not_of(" ,") == std::string_view::npos) {
        r.attributes["name"] = p.normalized;
        if (p.Attribute("role") == "unknown" || p.Attribute("role").empty()) {
          p.attributes["role"] = "relative";
        }
      }
      break;
    }
  }
}

// The site's own region when the caller gave none: a US state in the page's structured
// address (JSON-LD "address.addressRegion", microdata addressRegion) disambiguates its towns.
std::string InferRegion(const PageContent& page, const Priors& priors) {
  auto state_of = [&](const std::string& value) {
    std::string code = priors.UsStateCode(value);
    return code.empty() ? std::string() : "US-" + code;
  };
  for (const JsonLdEntity& entity : page.json_ld) {
    for (const auto& [key, value] : entity.properties) {
      if (key.size() >= 13 && key.compare(key.size() - 13, 13, "addressRegion") == 0) {
        if (std::string region = state_of(value); !region.empty()) return region;
      }
    }
  }
  if (auto it = page.microdata.find("addressRegion"); it != page.microdata.end()) {
    return state_of(it->second);
  }
  return {};
}

}  // namespace

Detector::Detector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Detector::~Detector() = default;

Result<std::unique_ptr<Detector>> Detector::Create(const DetectorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto priors = Priors::Load(options);
  if (!priors) return Unexpected(priors.error());
  impl->priors = std::move(*priors);
  auto lexicon = detect_internal::Lexicon::Build(*impl->priors);
  if (!lexicon) return Unexpected(lexicon.error());
  impl->lexicon = std::move(*lexicon);
  auto tokenizer = detect_internal::Tokenizer::Create();
  if (!tokenizer) return Unexpected(tokenizer.error());
  impl->tokenizer = std::move(*tokenizer);
  impl->phone_cache = std::make_unique<detect_internal::PhoneCache>(options.phone_cache_entries);
  return std::unique_ptr<Detector>(new Detector(std::move(impl)));
}

const Priors& Detector::priors() const { return *impl_->priors; }

std::vector<Mention> Detector::Detect(const PageContent& page) const {
  std::vector<Mention> result;
  std::unique_ptr<detect_internal::Tokenizer> tokenizer = impl_->tokenizer->Clone();
  std::optional<int64_t> published;
  if (page.published_date) published = detect_internal::ParseIsoDay(*page.published_date);
  std::string region = impl_->options.region_hint;
  if (region.empty()) region = InferRegion(page, *impl_->priors);
  std::vector<detect_internal::Token> tokens;
  std::vector<Mention> candidates;
  std::string lower;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    const TextBlock& block = page.blocks[b];
    if (block.text.empty()) continue;
    tokenizer->Tokenize(block.text, &tokens);
    candidates.clear();
    uint32_t features = 0;
    for (detect_internal::Token& t : tokens) {
      if (t.kind == detect_internal::TokenKind::kPunct) continue;
      if (const uint32_t* bits = impl_->lexicon->word_bits.Find(t.fold)) {
        features |= *bits;
        t.info = *bits;
      }
    }
    lower.assign(block.text);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    detect_internal::BlockContext ctx{block.text,     tokens,          published,   region,
                                      *impl_->priors, *impl_->lexicon, &candidates, lower};
    ctx.features = features;
    size_t digits = 0;
    for (char c : block.text) digits += static_cast<unsigned char>(c - '0') < 10;
    ctx.digits = digits;
    ctx.phone_cache = impl_->phone_cache.get();
    detect_internal::DetectContactsAndIds(ctx);
    detect_internal::DetectAges(ctx);
    detect_internal::DetectDates(ctx);
    detect_internal::DetectPhrases(ctx);
    detect_internal::DetectConditionPatterns(ctx);
    detect_internal::DetectFacilities(ctx);
    detect_internal::DetectPlaces(ctx);
    detect_internal::DetectNames(ctx);
    std::vector<Mention> kept = Resolve(candidates);
    // "no fracture", "ruled out lupus": a condition the person does not have is no detail.
    std::erase_if(kept, [](const Mention& m) {
      return m.type == MentionType::kCondition && !m.attributes.empty() &&
             m.Attribute("negated") == "true";
    });
    LinkRelations(block.text, &kept);
    for (Mention& m : kept) {
      m.block = b;
      m.hidden = block.hidden;
      result.push_back(std::move(m));
    }
  }
  return result;
}

std::vector<Mention> Detector::DetectText(std::string_view text,
                                          std::optional<std::string> published_date) const {
  PageContent page;
  TextBlock block;
  block.kind = BlockKind::kParagraph;
  block.text = std::string(text);
  page.text = block.text;
  page.blocks.push_back(std::move(block));
  page.published_date = std::move(published_date);
  return Detect(page);
}

}  // namespace sightline::analyzer
