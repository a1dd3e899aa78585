#include "storage/internal/details_codec.h"

#include <fmt/format.h>

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

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

// Reads the column's JSON straight into FindingDetails: strict JSON as nlohmann-json accepted
// it (UTF-8 checked, raw control characters and lone surrogates refused, nothing after the
// value), with the same reading rules as the SAX handler it replaces — an object whose
// container is the top-level value is a detail, scalars directly in it set the fields their
// keys name, and anything else (other shapes, nested values, wrong types) is skipped.
// nlohmann's SAX parser took 0.17 s of a 2 s repeat audit (22 MB of details at 5,003 pages).
class DetailsParser {
 public:
  explicit DetailsParser(std::string_view text)
      : p_(text.data()), end_(text.data() + text.size()) {}

  // False (and no details) when the text is not one well-formed JSON value.
  bool Parse(std::vector<analyzer::FindingDetail>* out) {
    out_ = out;
    SkipSpace();
    if (!Value(0, nullptr, {})) return false;
    SkipSpace();
    return p_ == end_;
  }

 private:
  // Deeper than any detail array needs; bounds the recursion on hostile text.
  static constexpr int kMaxDepth = 256;

  // One value inside `depth` open containers; `detail` is the detail object holding it
  // directly, `key` its member name there.
  bool Value(int depth, analyzer::FindingDetail* detail, std::string_view key) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
        return Object(depth + 1);
      case '[':
        return Array(depth + 1);
      case '"': {
        if (detail == nullptr) return String(nullptr);
        std::string value;
        if (!String(&value)) return false;
        SetString(*detail, key, std::move(value));
        return true;
      }
      case 't':
      case 'f': {
        const bool value = *p_ == 't';
        if (!Literal(value ? "true" : "false")) return false;
        if (detail != nullptr && key == "hidden") detail->hidden = value;
        if (detail != nullptr && key == "inherited") detail->inherited = value;
        return true;
      }
      case 'n':
        return Literal("null");
      default: {
        double as_double = 0;
        int64_t as_integer = -1;
        if (!Number(&as_double, &as_integer)) return false;
        if (detail != nullptr) SetNumber(*detail, key, as_double, as_integer);
        return true;
      }
    }
  }

  bool Object(int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '{'
    // An object inside the top-level value is one detail.
    std::optional<analyzer::FindingDetail> detail;
    if (depth == 2) detail.emplace();
    SkipSpace();
    if (Consume('}')) return Close(detail);
    std::string key;
    while (true) {
      SkipSpace();
      key.clear();
      if (p_ == end_ || *p_ != '"' || !String(&key)) return false;
      SkipSpace();
      if (!Consume(':')) return false;
      SkipSpace();
      if (!Value(depth, detail ? &*detail : nullptr, key)) return false;
      SkipSpace();
      if (Consume('}')) return Close(detail);
      if (!Consume(',')) return false;
    }
  }

  bool Close(std::optional<analyzer::FindingDetail>& detail) {
    if (detail) out_->push_back(std::move(*detail));
    return true;
  }

  bool Array(int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '['
    SkipSpace();
    if (Consume(']')) return true;
    while (true) {
      SkipSpace();
      if (!Value(depth, nullptr, {})) return false;
      SkipSpace();
      if (Consume(']')) return true;
      if (!Consume(',')) return false;
    }
  }

  static void SetString(analyzer::FindingDetail& d, std::string_view key, std::string value) {
    if (key == "type") {
      d.type = analyzer::ParseMentionType(value).value_or(analyzer::MentionType::kOther);
    } else if (key == "text") {
      d.text = std::move(value);
    } else if (key == "normalized") {
      d.normalized = std::move(value);
    } else if (key == "url") {
      d.url = std::move(value);
    } else if (key == "snippet") {
      d.snippet = std::move(value);
    }
  }

  static void SetNumber(analyzer::FindingDetail& d, std::string_view key, double as_double,
                        int64_t as_integer) {
    if (key == "prior") d.prior = as_double;
    if (as_integer < 0) return;
    if (key == "snippet_begin") d.snippet_begin = static_cast<size_t>(as_integer);
    if (key == "snippet_end") d.snippet_end = static_cast<size_t>(as_integer);
  }

  // After the opening quote is checked; `out` null only validates.
  bool String(std::string* out) {
    ++p_;  // '"'
    while (p_ < end_) {
      // Plain printable ASCII is copied in runs.
      const char* run = p_;
      while (p_ < end_ && static_cast<unsigned char>(*p_) >= 0x20 &&
             static_cast<unsigned char>(*p_) < 0x80 && *p_ != '"' && *p_ != '\\') {
        ++p_;
      }
      if (out != nullptr) out->append(run, p_);
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (!Escape(out)) return false;
      } else if (c < 0x20) {
        return false;  // JSON requires control characters escaped
      } else {
        const size_t n =
            Utf8SequenceLength(std::string_view(p_, static_cast<size_t>(end_ - p_)), 0);
        if (n == 0) return false;
        if (out != nullptr) out->append(p_, n);
        p_ += n;
      }
    }
    return false;
  }

  bool Escape(std::string* out) {
    ++p_;  // '\\'
    if (p_ == end_) return false;
    char simple = 0;
    switch (*p_) {
      case '"':
        simple = '"';
        break;
      case '\\':
        simple = '\\';
        break;
      case '/':
        simple = '/';
        break;
      case 'b':
        simple = '\b';
        break;
      case 'f':
        simple = '\f';
        break;
      case 'n':
        simple = '\n';
        break;
      case 'r':
        simple = '\r';
        break;
      case 't':
        simple = '\t';
        break;
      case 'u':
        break;
      default:
        return false;
    }
    ++p_;
    if (simple != 0) {
      if (out != nullptr) out->push_back(simple);
      return true;
    }
    uint32_t code = 0;
    if (!Hex4(&code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
    if (code >= 0xD800 && code <= 0xDBFF) {
      uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    if (out != nullptr) AppendUtf8(*out, code);
    return true;
  }

  bool Hex4(uint32_t* code) {
    if (end_ - p_ < 4) return false;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      *code = *code * 16 + digit;
    }
    return true;
  }

  // JSON's number grammar, checked before conversion; `as_integer` stays -1 unless the value
  // is a non-negative integer that fits.
  bool Number(double* as_double, int64_t* as_integer) {
    const char* start = p_;
    const auto digits = [this] {
      const char* from = p_;
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ - from;
    };
    Consume('-');
    if (p_ == end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (digits() == 0) {
      return false;
    }
    bool integral = true;
    if (Consume('.')) {
      integral = false;
      if (digits() == 0) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (!Consume('+')) Consume('-');
      if (digits() == 0) return false;
    }
    if (integral) {
      uint64_t value = 0;
      if (*start != '-' && std::from_chars(start, p_, value).ec == std::errc() &&
          value <= static_cast<uint64_t>(INT64_MAX)) {
        *as_double = static_cast<double>(value);
        *as_integer = static_cast<int64_t>(value);
        return true;
      }
    }
    if (std::from_chars(start, p_, *as_double).ec != std::errc()) {
      // Out of double's range: too small reads as zero, too large is an error (as
      // nlohmann-json has it: "number overflow").
      const std::string_view number(start, static_cast<size_t>(p_ - start));
      const size_t e = number.find_first_of("eE");
      if (e == std::string_view::npos || number[e + 1] != '-') return false;
      *as_double = *start == '-' ? -0.0 : 0.0;
    }
    // A float for an integer field counts as its whole part, as the SAX reader took it.
    if (*as_double >= 0 && *as_double < 9.2e18) *as_integer = static_cast<int64_t>(*as_double);
    return true;
  }

  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  bool Consume(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  const char* p_;
  const char* end_;
  std::vector<analyzer::FindingDetail>* out_ = nullptr;
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
  std::vector<analyzer::FindingDetail> details;
  if (!DetailsParser(text).Parse(&details)) return {};
  return details;
}

}  // namespace sightline::storage::internal
