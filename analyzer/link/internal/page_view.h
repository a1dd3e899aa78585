// PageView: one page's text and mentions prepared for phase 1 of linkage (lower-cased
// blocks, fingerprints, which blocks are story text), and the conversion of a Mention into
// a LinkedDetail with its snippet. Lives only while AnalyzePage runs; borrows its inputs.
// Not thread-safe (lazy sentence cache); one per AnalyzePage call.
#pragma once

#include <string>
#include <vector>

#include "analyzer/link/page_analysis.h"
#include "analyzer/mention.h"
#include "analyzer/page_content.h"

namespace sightline::analyzer::link_internal {

struct PageView {
  PageView(const PageContent& page, const std::vector<Mention>& mentions);

  const PageContent& page;
  const std::vector<Mention>& mentions;
  std::vector<std::string> lower;      // per block, ASCII-lower-cased
  std::vector<uint64_t> fingerprints;  // per block
  std::vector<bool> in_chrome;         // inside nav/header/footer/aside
  std::vector<bool> footer;            // inside footer
  std::vector<bool> story_text;        // visible body text a story can live in
  std::vector<bool> hidden_text;       // comments, hidden elements, alt text, noscript

  // Mentions of one block, in page order (indices into `mentions`).
  std::vector<size_t> MentionsIn(size_t block) const;
  LinkedDetail Detail(const Mention& m) const;
  // A person name that is (part of) a name the page gives its author or practice: JSON-LD
  // names, bylines, "Dr." names ("Hartwell" in "… | Hartwell Family Medicine").
  bool NamesSiteOwner(const Mention& m) const;
  // Sentence [begin, end) of block `block` around the span.
  std::pair<size_t, size_t> Sentence(size_t block, size_t begin, size_t end) const;
  // Sentence starts of a block, computed once on first use.
  const std::vector<size_t>& Starts(size_t block) const;

 private:
  std::vector<std::vector<size_t>> by_block_;
  std::vector<std::string> own_names_;  // NormalizeKey'd
  mutable std::vector<std::vector<size_t>> starts_;
  mutable std::vector<bool> starts_ready_;
};

// Mentions that describe a person in a story (everything but author/colleague names).
bool IsSubjectDetailType(MentionType type);
// A name of the author or a colleague ("Dr. …", role author|colleague).
bool IsProfessionalName(const Mention& m);

}  // namespace sightline::analyzer::link_internal
