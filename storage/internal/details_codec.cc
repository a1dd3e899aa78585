#include "storage/internal/details_codec.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "storage/internal/json_text.h"

namespace sightline::storage::internal {
namespace {

void AppendField(std::string& out, std::string_view key, std::string_view value, bool first) {
  if (!first) out.push_back(',');
  out.push_back('"');
  out.append(key);
  out += "\":";
  out.append(value);
}

void AppendStringField(std::string& out, std::string_view key, std::string_view value) {
  out += ",\"";
  out.append(key);
  out += "\":";
  AppendJsonString(out, value);
}

// Fills FindingDetails from the array's objects; anything unexpected (another shape, nested
// values, a wrong type) is skipped as the DOM reader's defaults would.
class DetailsReader {
 public:
  using json = nlohmann::json;

  bool null() { return true; }
  bool boolean(bool v) {
    if (InDetail()) {
      if (key_ == "hidden") current_.hidden = v;
      if (key_ == "inherited") current_.inherited = v;
    }
    return true;
  }
  bool number_integer(json::number_integer_t v) { return Number(static_cast<double>(v), v); }
  bool number_unsigned(json::number_unsigned_t v) {
    return Number(static_cast<double>(v), static_cast<int64_t>(v));
  }
  bool number_float(json::number_float_t v, const json::string_t&) {
    return Number(v, static_cast<int64_t>(v));
  }
  bool string(json::string_t& v) {
    if (!InDetail()) return true;
    if (key_ == "type") {
      current_.type = analyzer::ParseMentionType(v).value_or(analyzer::MentionType::kOther);
    } else if (key_ == "text") {
      current_.text = std::move(v);
    } else if (key_ == "normalized") {
      current_.normalized = std::move(v);
    } else if (key_ == "url") {
      current_.url = std::move(v);
    } else if (key_ == "snippet") {
      current_.snippet = std::move(v);
    }
    return true;
  }
  bool binary(json::binary_t&) { return true; }
  bool start_object(size_t) {
    if (++depth_ == 2) current_ = analyzer::FindingDetail{};
    return true;
  }
  bool key(json::string_t& k) {
    if (depth_ == 2) key_ = std::move(k);
    return true;
  }
  bool end_object() {
    if (depth_-- == 2) details_.push_back(std::move(current_));
    return true;
  }
  bool start_array(size_t) {
    ++depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception&) {
    details_.clear();
    return false;
  }

  std::vector<analyzer::FindingDetail> Take() { return std::move(details_); }

 private:
  // A value directly inside one detail object (depth 1 is the array).
  bool InDetail() const { return depth_ == 2; }
  bool Number(double as_double, int64_t as_integer) {
    if (!InDetail()) return true;
    if (key_ == "prior") current_.prior = as_double;
    if (as_integer >= 0) {
      if (key_ == "snippet_begin") current_.snippet_begin = static_cast<size_t>(as_integer);
      if (key_ == "snippet_end") current_.snippet_end = static_cast<size_t>(as_integer);
    }
    return true;
  }

  int depth_ = 0;
  std::string key_;
  analyzer::FindingDetail current_;
  std::vector<analyzer::FindingDetail> details_;
};

}  // namespace

std::string DetailsToJson(const std::vector<analyzer::FindingDetail>& details) {
  std::string out = "[";
  for (const auto& d : details) {
    if (out.size() > 1) out.push_back(',');
    out.push_back('{');
    // Keys in the order nlohmann-json's std::map wrote them, so old and new rows look alike.
    AppendField(out, "hidden", d.hidden ? "true" : "false", true);
    AppendField(out, "inherited", d.inherited ? "true" : "false", false);
    AppendStringField(out, "normalized", d.normalized);
    AppendField(out, "prior", std::isfinite(d.prior) ? fmt::format("{}", d.prior) : "null", false);
    AppendStringField(out, "snippet", d.snippet);
    AppendField(out, "snippet_begin", std::to_string(d.snippet_begin), false);
    AppendField(out, "snippet_end", std::to_string(d.snippet_end), false);
    AppendStringField(out, "text", d.text);
    AppendStringField(out, "type", analyzer::MentionTypeName(d.type));
    AppendStringField(out, "url", d.url);
    out.push_back('}');
  }
  out.push_back(']');
  return out;
}

std::vector<analyzer::FindingDetail> DetailsFromJson(std::string_view text) {
  DetailsReader reader;
  try {
    if (!nlohmann::json::sax_parse(text, &reader)) return {};
  } catch (...) {  // nlohmann-json reports through exceptions on allocation failure
    return {};
  }
  return reader.Take();
}

}  // namespace sightline::storage::internal
