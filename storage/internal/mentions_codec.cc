#include "storage/internal/mentions_codec.h"

#include <fmt/format.h>

#include <cmath>

#include "storage/internal/json_text.h"

namespace sightline::storage::internal {

namespace {

void AppendNumber(std::string& out, double v) {
  if (std::isfinite(v)) {
    fmt::format_to(std::back_inserter(out), "{}", v);
  } else {
    out += "null";
  }
}

}  // namespace

std::string MentionsToJson(const std::vector<analyzer::Mention>& mentions) {
  std::string out;
  out.reserve(mentions.size() * 128 + 2);
  out += '[';
  for (size_t i = 0; i < mentions.size(); ++i) {
    const analyzer::Mention& m = mentions[i];
    if (i > 0) out += ',';
    out += '[';
    AppendJsonString(out, analyzer::MentionTypeName(m.type));
    out += ',';
    AppendJsonString(out, m.text);
    out += ',';
    AppendJsonString(out, m.normalized);
    fmt::format_to(std::back_inserter(out), ",{},{},{},{},", m.block, m.begin, m.end,
                   m.hidden ? "true" : "false");
    AppendNumber(out, m.confidence);
    out += ',';
    AppendNumber(out, m.prior);
    out += ',';
    out += StringMapToJson(m.attributes);
    out += ']';
  }
  out += ']';
  return out;
}

}  // namespace sightline::storage::internal
