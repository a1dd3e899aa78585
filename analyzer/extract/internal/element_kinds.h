// How the HTML walker treats each element (internal): which elements end a text block and
// with which BlockKind, and which elements' content is never page text. Pure functions.
#pragma once

#include <myhtml/api.h>

#include "analyzer/page_content.h"

namespace sightline::analyzer::internal {

// Elements whose content is not page text (script, style, iframe fallback, title handled
// on its own).
bool SkipsContent(myhtml_tag_id_t tag);

// Elements that start a block of their own kind (p, li, td, h1..h6, blockquote, caption).
bool TypedBlock(myhtml_tag_id_t tag, BlockKind* kind);

// Block-level containers: they end the current block but have no kind of their own.
bool ContainerBlock(myhtml_tag_id_t tag);

}  // namespace sightline::analyzer::internal
