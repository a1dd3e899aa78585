// Metadata elements for the HTML walker (internal): <meta>, <link>, <base>, <time> and
// microdata values. Each function reads one element's attributes into WalkOutput (and
// emits hidden blocks for meta text through the BlockBuilder). Pure over its arguments.
#pragma once

#include <string>

#include "analyzer/extract/internal/block_builder.h"
#include "analyzer/extract/internal/html_document.h"
#include "analyzer/extract/internal/html_walker.h"

namespace sightline::analyzer::internal {

// Robots metas that start at or after `directive_limit` (an offset in the parsed text) are
// not recorded, only noted as a problem.
void HandleMeta(HtmlNode* e, const std::string& path, bool nosnippet, size_t directive_limit,
                BlockBuilder* builder, WalkOutput* out);
void HandleLinkElement(HtmlNode* e, bool in_head, WalkOutput* out);
void HandleTime(HtmlNode* e, WalkOutput* out);
// Value of an itemprop element that does not come from its text (content, href, src,
// datetime, value); empty when the text content is the value.
std::string MicrodataAttributeValue(HtmlNode* e);
void RecordMicrodata(const std::string& itemprop, const std::string& value, WalkOutput* out);
// Every URL of an <img>/<source> (src, data-src, srcset candidates).
void CollectImageUrls(HtmlNode* e, WalkOutput* out);

}  // namespace sightline::analyzer::internal
