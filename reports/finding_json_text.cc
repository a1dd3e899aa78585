// One finding of the streamed `sightline.audit/1` document written as text directly: the bytes
// FindingToJson's DOM gives once sanitised (ReplaceInvalidUtf8) and dumped with indent 2 at the
// depth findings sit in the document. Building, dumping and freeing a DOM per finding was two
// thirds of rendering a report (59 MB for a 5,000-page audit, 1.2 GB for 100,000 pages); the
// report is rendered again for every audit. Keys are written in the DOM's (sorted) order.
#include <cmath>
#include <string_view>

#include "reports/internal/json_model.h"

namespace sightline::reports::internal {

namespace {

using nlohmann::json;

// A string as nlohmann-json's dump writes it (ensure_ascii off): short escapes for \b \t \n \f
// \r, \u00xx for the other control characters, everything else as it is. A string that is not
// valid UTF-8 is written the way ReplaceInvalidUtf8 and dump together write it.
void AppendString(std::string& out, std::string_view s) {
  if (!IsValidUtf8(s)) {
    out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  // Characters that need no escape (nearly all) are appended a run at a time.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s, run, std::string_view::npos);
  out.push_back('"');
}

// A double as dump writes it (its own shortest round-trip form), null when not finite.
void AppendNumber(std::string& out, double v) { out += std::isfinite(v) ? json(v).dump() : "null"; }

void AppendBool(std::string& out, bool v) { out += v ? "true" : "false"; }

// A container pretty-printed as dump(2) lays it out: members one per line at `indent` + 2
// spaces, the closing bracket at `indent`; "{}" or "[]" when empty. `open` is '{' or '['.
class Pretty {
 public:
  Pretty(std::string& out, size_t indent, char open) : out_(out), indent_(indent), open_(open) {}

  // Writes `"key": ` and returns the text for the caller to append the value to.
  std::string& Member(std::string_view key) {
    Next();
    AppendString(out_, key);
    out_ += ": ";
    return out_;
  }
  std::string& Element() {
    Next();
    return out_;
  }
  void Close() {
    if (empty_) {
      out_.push_back(open_);
    } else {
      out_.push_back('\n');
      out_.append(indent_, ' ');
    }
    out_.push_back(open_ == '{' ? '}' : ']');
  }
  size_t inner() const { return indent_ + 2; }

 private:
  void Next() {
    out_.push_back(empty_ ? open_ : ',');
    out_.push_back('\n');
    out_.append(indent_ + 2, ' ');
    empty_ = false;
  }

  std::string& out_;
  size_t indent_;
  char open_;
  bool empty_ = true;
};

void AppendStrings(std::string& out, const std::vector<std::string>& items, size_t indent) {
  Pretty array(out, indent, '[');
  for (const auto& s : items) AppendString(array.Element(), s);
  array.Close();
}

void AppendDetail(std::string& out, const analyzer::FindingDetail& d, size_t indent) {
  Pretty o(out, indent, '{');
  AppendBool(o.Member("hidden"), d.hidden);
  AppendBool(o.Member("inherited"), d.inherited);
  AppendString(o.Member("normalized"), d.normalized);
  AppendNumber(o.Member("prior"), d.prior);
  AppendString(o.Member("snippet"), d.snippet);
  o.Member("snippet_begin") += std::to_string(d.snippet_begin);
  o.Member("snippet_end") += std::to_string(d.snippet_end);
  AppendString(o.Member("text"), d.text);
  AppendString(o.Member("type"), analyzer::MentionTypeName(d.type));
  AppendString(o.Member("url"), d.url);
  o.Close();
}

void AppendExposure(std::string& out, const storage::FindingExposure& e, size_t indent) {
  Pretty o(out, indent, '{');
  AppendString(o.Member("ack_note"), e.ack_note);
  AppendBool(o.Member("acknowledged"), e.acknowledged);
  {
    Pretty archived(o.Member("archived"), o.inner(), '[');
    for (const auto& a : e.archived) {
      Pretty capture(archived.Element(), archived.inner(), '{');
      AppendString(capture.Member("archive"), a.archive);
      AppendString(capture.Member("captured_at"), a.captured_at);
      AppendString(capture.Member("url"), a.url);
      capture.Close();
    }
    archived.Close();
  }
  AppendBool(o.Member("ever_indexable"), e.ever_indexable);
  o.Member("exposed_days") += std::to_string(e.exposed_days);
  AppendBool(o.Member("exposed_since_published"), e.exposed_since_published);
  AppendString(o.Member("first_seen"), e.first_seen);
  AppendBool(o.Member("indexable"), e.indexable);
  AppendString(o.Member("last_seen"), e.last_seen);
  AppendStrings(o.Member("reasons"), e.reasons, o.inner());
  o.Close();
}

}  // namespace

std::string FindingJsonText(const storage::ReportedFinding& rf) {
  constexpr size_t kDepth = 4;  // findings are elements of a member of the top-level object
  const analyzer::Finding& f = rf.finding;
  std::string out;
  out.reserve(2048 + f.advice.size() + f.details.size() * 700);
  out.append(kDepth, ' ');
  Pretty o(out, kDepth, '{');
  AppendString(o.Member("advice"), f.advice);
  AppendNumber(o.Member("anonymity_set"), f.anonymity_set);
  {
    Pretty details(o.Member("details"), o.inner(), '[');
    for (const auto& d : f.details) AppendDetail(details.Element(), d, details.inner());
    details.Close();
  }
  AppendExposure(o.Member("exposure"), rf.exposure, o.inner());
  AppendString(o.Member("id"), f.id);
  AppendString(o.Member("kind"), analyzer::FindingKindName(f.kind));
  AppendStrings(o.Member("pages"), f.pages, o.inner());
  if (rf.previous_risk) {
    AppendString(o.Member("previous_risk"), analyzer::RiskName(*rf.previous_risk));
  } else {
    o.Member("previous_risk") += "null";
  }
  AppendString(o.Member("risk"), analyzer::RiskName(f.risk));
  AppendString(o.Member("status"), storage::FindingStatusName(rf.status));
  AppendString(o.Member("summary"), f.summary);
  o.Close();
  return out;
}

}  // namespace sightline::reports::internal
