#include "analyzer/link/internal/page_view.h"

#include <algorithm>

#include "analyzer/extract/boilerplate.h"
#include "analyzer/link/internal/text_util.h"

namespace sightline::analyzer::link_internal {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Which page-chrome landmarks an element path passes through.
struct ChromeLandmarks {
  bool nav = false;
  bool header = false;
  bool footer = false;
  bool aside = false;
};

// `token` (lower case) is the element `name` or carries it as a class or id: "footer",
// "footer.dark", "div.footer", "div#nav", "div.navbar".
bool TokenNames(std::string_view token, std::string_view name) {
  if (token.starts_with(name) &&
      (token.size() == name.size() || token[name.size()] == '.' || token[name.size()] == '#')) {
    return true;
  }
  for (size_t at = token.find(name, 1); at != std::string_view::npos;
       at = token.find(name, at + 1)) {
    if (token[at - 1] == '.' || token[at - 1] == '#') return true;
  }
  return false;
}

// Element path tokens: "html>body>footer>p" → {"html", "body", "footer", "p"}. One pass per
// block: this runs for every block of every page.
ChromeLandmarks LandmarksOf(std::string_view path, std::string& token) {
  ChromeLandmarks found;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('>', start);
    if (end == std::string_view::npos) end = path.size();
    token.assign(path.substr(start, end - start));
    for (char& c : token) c = LowerAscii(c);
    found.nav = found.nav || TokenNames(token, "nav");
    found.header = found.header || TokenNames(token, "header");
    found.footer = found.footer || TokenNames(token, "footer");
    found.aside = found.aside || TokenNames(token, "aside");
    start = end + 1;
  }
  return found;
}

}  // namespace

PageView::PageView(const PageContent& p, const std::vector<Mention>& m)
    : page(p), mentions(m), by_block_(p.blocks.size()) {
  size_t n = p.blocks.size();
  lower.reserve(n);
  std::string token;  // reused by LandmarksOf
  for (size_t i = 0; i < n; ++i) {
    const TextBlock& b = p.blocks[i];
    lower.push_back(AsciiLower(b.text));
    fingerprints.push_back(BlockFingerprint(b));
    const ChromeLandmarks landmarks = LandmarksOf(b.path, token);
    bool chrome = landmarks.nav || landmarks.header || landmarks.footer || landmarks.aside;
    in_chrome.push_back(chrome);
    footer.push_back(landmarks.footer);
    bool hidden_kind = b.hidden || b.kind == BlockKind::kComment ||
                       b.kind == BlockKind::kHiddenText || b.kind == BlockKind::kAltText ||
                       b.kind == BlockKind::kNoscript || b.kind == BlockKind::kTemplate ||
                       b.kind == BlockKind::kTitleAttribute;
    hidden_text.push_back(hidden_kind);
    bool story_kind = b.kind == BlockKind::kParagraph || b.kind == BlockKind::kListItem ||
                      b.kind == BlockKind::kBlockquote || b.kind == BlockKind::kTableCell ||
                      b.kind == BlockKind::kCaption || b.kind == BlockKind::kPlainText ||
                      b.kind == BlockKind::kOther;
    story_text.push_back(story_kind && !hidden_kind && !chrome && !b.boilerplate);
  }
  for (size_t i = 0; i < m.size(); ++i) {
    if (m[i].block < n) by_block_[m[i].block].push_back(i);
  }
  for (const JsonLdEntity& e : p.json_ld) {
    for (const auto& [key, value] : e.properties) {
      if (key == "name" || key.ends_with(".name")) own_names_.push_back(NormalizeKey(value));
    }
  }
  for (const Mention& mention : m) {
    if (IsProfessionalName(mention)) own_names_.push_back(NormalizeKey(mention.text));
  }
  for (auto& v : by_block_) {
    std::stable_sort(v.begin(), v.end(),
                     [&](size_t a, size_t b) { return m[a].begin < m[b].begin; });
  }
}

bool PageView::NamesSiteOwner(const Mention& m) const {
  if (m.type != MentionType::kPersonName || IsProfessionalName(m)) return false;
  std::string key = NormalizeKey(m.normalized.empty() ? m.text : m.normalized);
  if (key.empty()) return false;
  return std::any_of(own_names_.begin(), own_names_.end(), [&](const std::string& n) {
    return (" " + n + " ").find(" " + key + " ") != std::string::npos;
  });
}

std::vector<size_t> PageView::MentionsIn(size_t block) const {
  return block < by_block_.size() ? by_block_[block] : std::vector<size_t>{};
}

std::pair<size_t, size_t> PageView::Sentence(size_t block, size_t begin, size_t end) const {
  if (block >= page.blocks.size()) return {0, 0};
  return SentenceAround(page.blocks[block].text, Starts(block), begin, end);
}

const std::vector<size_t>& PageView::Starts(size_t block) const {
  if (starts_.size() != page.blocks.size()) {
    starts_.assign(page.blocks.size(), {});
    starts_ready_.assign(page.blocks.size(), false);
  }
  if (!starts_ready_[block]) {
    starts_[block] = SentenceStarts(page.blocks[block].text);
    starts_ready_[block] = true;
  }
  return starts_[block];
}

LinkedDetail PageView::Detail(const Mention& m) const {
  LinkedDetail d;
  d.detail.type = m.type;
  d.detail.text = m.text;
  d.detail.normalized = m.normalized.empty() ? NormalizeKey(m.text) : m.normalized;
  d.detail.url = page.url;
  d.detail.hidden = m.hidden;
  d.detail.prior = m.prior;
  d.attributes = m.attributes;
  d.confidence = m.confidence;
  d.block = m.block;
  if (m.block < page.blocks.size()) {
    const TextBlock& b = page.blocks[m.block];
    d.detail.hidden = d.detail.hidden || hidden_text[m.block];
    d.detail.snippet = Snippet(b.text, Starts(m.block), m.begin, m.end, &d.detail.snippet_begin,
                               &d.detail.snippet_end);
    d.block_fingerprint = fingerprints[m.block];
  }
  return d;
}

bool IsSubjectDetailType(MentionType type) {
  switch (type) {
    case MentionType::kPersonName:
    case MentionType::kAge:
    case MentionType::kSex:
    case MentionType::kDate:
    case MentionType::kLocation:
    case MentionType::kAddress:
    case MentionType::kPostalCode:
    case MentionType::kFacility:
    case MentionType::kCondition:
    case MentionType::kOccupation:
    case MentionType::kEvent:
    case MentionType::kRelation:
    case MentionType::kContact:
    case MentionType::kIdentifier:
      return true;
    case MentionType::kOther:
      return false;
  }
  return false;
}

bool IsProfessionalName(const Mention& m) {
  if (m.type != MentionType::kPersonName) return false;
  std::string role = m.Attribute("role");
  if (role == "author" || role == "colleague") return true;
  if (role == "patient" || role == "relative") return false;
  std::string lower = AsciiLower(m.text);
  return lower.rfind("dr.", 0) == 0 || lower.rfind("dr ", 0) == 0 ||
         lower.rfind("doctor ", 0) == 0 || lower.rfind("nurse ", 0) == 0 ||
         lower.rfind("prof", 0) == 0;
}

}  // namespace sightline::analyzer::link_internal
