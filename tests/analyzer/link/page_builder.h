// Test helper: builds PageContent + Mentions by hand (what extraction and detection would
// produce), locating each mention by its text inside a block.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "analyzer/mention.h"
#include "analyzer/page_content.h"

namespace sightline::analyzer::testing {

class PageBuilder {
 public:
  explicit PageBuilder(std::string url) {
    page_.url = std::move(url);
    page_.is_html = true;
  }

  PageBuilder& Block(BlockKind kind, std::string text, std::string path = "html>body>article>p",
                     bool hidden = false) {
    TextBlock b;
    b.kind = kind;
    b.text = std::move(text);
    b.path = std::move(path);
    b.hidden = hidden;
    b.offset = page_.text.size();
    page_.text += b.text + "\n\n";
    page_.blocks.push_back(std::move(b));
    return *this;
  }
  PageBuilder& P(std::string text) { return Block(BlockKind::kParagraph, std::move(text)); }
  PageBuilder& H(std::string text) {
    return Block(BlockKind::kHeading, std::move(text), "html>body>article>h2");
  }
  PageBuilder& Footer(std::string text) {
    return Block(BlockKind::kParagraph, std::move(text), "html>body>footer>p");
  }
  PageBuilder& Comment(std::string text) {
    return Block(BlockKind::kComment, std::move(text), "html>body>article", true);
  }
  PageBuilder& JsonLd(std::string type, std::map<std::string, std::string> props) {
    page_.json_ld.push_back({std::move(type), std::move(props)});
    return *this;
  }

  // A mention of `text` in the last block that contains it.
  PageBuilder& M(MentionType type, const std::string& text, std::string normalized,
                 double prior = 1.0, std::map<std::string, std::string> attributes = {}) {
    for (size_t i = page_.blocks.size(); i-- > 0;) {
      size_t pos = page_.blocks[i].text.find(text);
      if (pos == std::string::npos) continue;
      Mention m;
      m.type = type;
      m.text = text;
      m.normalized = std::move(normalized);
      m.block = i;
      m.begin = pos;
      m.end = pos + text.size();
      m.hidden = page_.blocks[i].hidden;
      m.prior = prior;
      m.attributes = std::move(attributes);
      mentions_.push_back(std::move(m));
      return *this;
    }
    ADD_FAILURE() << "mention text not found: " << text;
    return *this;
  }

  const PageContent& page() const { return page_; }
  const std::vector<Mention>& mentions() const { return mentions_; }

 private:
  PageContent page_;
  std::vector<Mention> mentions_;
};

}  // namespace sightline::analyzer::testing
