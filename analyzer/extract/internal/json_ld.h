// JSON-LD (<script type="application/ld+json">) to flat JsonLdEntity records (internal).
// Every object with an @type becomes an entity (top level, @graph members, array items and
// nested nodes such as an Article's author Person or a Physician's PostalAddress); its
// properties are flattened to dotted paths ("address.addressLocality"), values of the same
// path joined with "; ". nlohmann-json is used without exceptions; nesting deeper than
// kMaxJsonDepth is not flattened. Pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/page_content.h"

namespace sightline::analyzer::internal {

inline constexpr int kMaxJsonDepth = 16;

// Appends the entities of one script's JSON text; false (with nothing appended) when the
// text is not valid JSON.
bool ParseJsonLd(std::string_view json_text, std::vector<JsonLdEntity>* out);

// "name: Dr Jane Roe\naddress.addressLocality: Fairview" for a text block.
std::string JsonLdEntityText(const JsonLdEntity& entity);

}  // namespace sightline::analyzer::internal
