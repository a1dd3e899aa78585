// A cheap pass before the HTML5 parser that empties <script> and <style> elements (except
// JSON-LD scripts), whose text extraction never reads, so the parser neither tokenises nor
// stores them (inline CSS/JS is often half of a real page's bytes). Element boundaries are
// kept, so the tree the parser builds is otherwise the same.
// Comments, quoted attribute values and RCDATA/RAWTEXT elements (title, textarea, xmp,
// iframe, noembed, noframes) are skipped so a "<script" inside them is not taken for a tag.
// It also caps element nesting: HTML5 tree construction is super-linear in depth (100,000
// nested <div>s take 13 s in MyHTML, a minute in Gumbo), so start tags beyond `max_depth`
// open elements are dropped (their text stays) together with their end tags. Depth is counted
// approximately: void and implicitly closed elements (p, li, td, ...) do not count. Internal; pure
// function.
#pragma once

#include <string>
#include <string_view>

namespace sightline::analyzer::internal {

struct PrepassResult {
  size_t dropped_tags = 0;  // start/end tags dropped for depth
  size_t max_depth_seen = 0;
  // Set by the caller: an offset in `html` to find again in `out` (e.g. the 15 MB search
  // engines read); PrepareHtml sets mapped_offset to where that byte, or the first byte
  // kept after it, lands in `out` (npos when the offset is past the end).
  size_t offset_to_map = std::string_view::npos;
  size_t mapped_offset = std::string_view::npos;
};

// Returns false (and leaves `out` untouched) when nothing was changed.
bool PrepareHtml(std::string_view html, size_t max_depth, std::string* out, PrepassResult* result);

}  // namespace sightline::analyzer::internal
