// The `sightline.audit/1` document as text, written finding by finding and page by page
// instead of from one DOM: from a report in memory (AuditJsonText, WriteAuditJson) or from a
// source that yields the findings one at a time (a 100,000-page audit's ~145,000 findings
// need not exist in memory at once). Same text as AuditToJson(...).dump(2) plus a newline.
#include <algorithm>
#include <atomic>
#include <future>
#include <optional>
#include <string_view>
#include <vector>

#include "reports/internal/json_model.h"
#include "reports/internal/presentation.h"
#include "reports/internal/redaction.h"
#include "reports/report.h"

namespace sightline::reports {

using nlohmann::json;

namespace {

using Sink = std::function<void(std::string_view)>;

// Elements are rendered this many at a time (see RenderChunk).
constexpr size_t kChunk = 128;
// With a sink, the text is handed on once it holds this much.
constexpr size_t kPiece = size_t{1} << 20;

// `element.dump(2)` as it appears two levels down in the document's dump(2) (inside an array
// that is a member of the top-level object): every line indented four more spaces.
void AppendIndented(const json& element, std::string* out) {
  const std::string text = element.dump(2);
  out->append("    ");
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out->append(text, start, nl + 1 - start);
    out->append("    ");
    start = nl + 1;
  }
  out->append(text, start, std::string::npos);
}

// An array element as it appears in the document (see AppendIndented), or nullopt when a
// string in it cannot be encoded.
std::optional<std::string> ElementText(json element) {
  try {
    internal::ReplaceInvalidUtf8(element);
  } catch (const json::exception&) {
    return std::nullopt;
  }
  std::string text;
  AppendIndented(element, &text);
  return text;
}

// (*texts)[k] = make(k), the text of element k, for k < count, on this thread and a second one
// (`make` must be safe to call concurrently; it only reads): rendering is most of the time the last
// report of an audit takes. Each thread takes the next element not yet taken, so both finish
// together however long the elements are (fixed halves left one thread waiting for the other).
template <typename Make>
void RenderChunk(size_t count, const Make& make, std::vector<std::optional<std::string>>* texts) {
  texts->resize(std::max(texts->size(), count));
  std::atomic<size_t> next{0};
  auto render = [&] {
    for (size_t k = next.fetch_add(1); k < count; k = next.fetch_add(1)) {
      (*texts)[k] = make(k);
    }
  };
  // async|deferred: without a thread to spare, the rest renders in get() (nothing, by then).
  auto second = std::async(std::launch::async | std::launch::deferred, render);
  render();
  second.get();
}

// Streams a top-level array member element by element, so it never exists as a DOM: "[]"
// when empty, else "[\n", the elements separated by ",\n", "\n  ]" — the DOM's dump(2).
// Elements are added one at a time and rendered (`render` gives an element's text, nullopt when
// it cannot be encoded) a chunk at a time (RenderChunk). Without a
// sink the text is sized once from the first chunk (plus `after_bytes` still to come) when
// the element count is `expected`: growing it by doubling held ~2.4x the final 59 MB of a
// 5,000-page report at the last copy. With a `sink`, the text is handed on in pieces of
// about 1 MB instead.
template <typename Element, typename Render>
class ArrayWriter {
 public:
  ArrayWriter(Render render, size_t expected, size_t after_bytes, const Sink* sink,
              std::string* out)
      : render_(std::move(render)),
        expected_(expected),
        after_bytes_(after_bytes),
        sink_(sink),
        out_(out) {}

  bool Add(Element element) {
    chunk_.push_back(std::move(element));
    return chunk_.size() < kChunk || Flush();
  }

  bool Finish() {
    if (!Flush()) return false;
    out_->append(written_ == 0 ? "[]" : "\n  ]");
    return true;
  }

 private:
  bool Flush() {
    if (chunk_.empty()) return true;
    const size_t count = chunk_.size();
    RenderChunk(
        count, [&](size_t k) { return render_(chunk_[k]); }, &texts_);
    const size_t start = out_->size();
    for (size_t k = 0; k < count; ++k) {
      if (!texts_[k]) return false;
      out_->append(written_ == 0 ? "[\n" : ",\n");
      out_->append(*texts_[k]);
      texts_[k].reset();
      ++written_;
    }
    if (written_ == count && sink_ == nullptr && count < expected_) {
      const size_t per = (out_->size() - start) / count + 1;
      out_->reserve(out_->size() + per * (expected_ - count) / 20 * 21 + after_bytes_);
    }
    if (sink_ != nullptr && out_->size() >= kPiece) {
      (*sink_)(*out_);
      out_->clear();
    }
    chunk_.clear();
    return true;
  }

  Render render_;
  size_t expected_;
  size_t after_bytes_;
  const Sink* sink_;
  std::string* out_;
  std::vector<Element> chunk_;
  std::vector<std::optional<std::string>> texts_;
  size_t written_ = 0;
};

template <typename Element, typename Render>
ArrayWriter<Element, Render> MakeArrayWriter(Render render, size_t expected, size_t after_bytes,
                                             const Sink* sink, std::string* out) {
  return ArrayWriter<Element, Render>(std::move(render), expected, after_bytes, sink, out);
}

// Where the dump of the document with empty arrays leaves room for them.
struct Slots {
  size_t findings_value = 0;  // offset of the findings' "[]"
  size_t pages_value = 0;     // offset of the pages' "[]"
};
std::optional<Slots> FindSlots(const std::string& skeleton) {
  const std::string pages_slot = "\n  \"pages\": []";
  const std::string findings_slot = "\n  \"findings\": []";
  const size_t pages_at = skeleton.find(pages_slot);
  const size_t findings_at = skeleton.find(findings_slot);
  // Keys are sorted: findings come before pages. Not found: the error document of Sanitized.
  if (pages_at == std::string::npos || findings_at == std::string::npos || findings_at > pages_at) {
    return std::nullopt;
  }
  return Slots{findings_at + findings_slot.size() - 2, pages_at + pages_slot.size() - 2};
}

// The audit document into `out` (all of it, or in pieces through `sink`), its findings taken
// from `source` (`expected_findings` of them when known, else 0); false when a string could
// not be encoded or the source failed.
bool AuditJson(const storage::AuditReport& header, const FindingSource& source,
               size_t expected_findings, const RenderOptions& options, const Sink* sink,
               std::string* out_text) {
  std::string& out = *out_text;
  // A redacted report masks every finding and page title with the detail texts of all
  // findings: gathered first, in a pass of their own.
  std::vector<std::string> terms;
  if (options.redact) {
    internal::RedactionTerms gathered;
    if (!source([&](storage::ReportedFinding f) {
          gathered.Add(f.finding);
          return true;
        })) {
      return false;
    }
    terms = gathered.Sorted();
  }
  // Everything but the two large arrays as one small document; they are streamed into the
  // places its dump leaves for them. The per-risk summary comes after both arrays (keys are
  // sorted), so the part before the findings is dumped before they are counted and the rest
  // once they are.
  auto skeleton_with = [&](const internal::RiskCounts& counts) {
    return internal::AuditDocument(header, counts, options, json::array(), json::array()).dump(2);
  };
  const std::string head = skeleton_with({});
  const auto head_slots = FindSlots(head);
  if (!head_slots) {
    out = head + "\n";
    return true;
  }
  if (sink == nullptr) out.reserve(head.size() + 64 * 8192);
  const size_t pages_bytes = header.pages.size() * 400;  // ~330 bytes each, JSON-indented
  out.append(head, 0, head_slots->findings_value);

  internal::RiskCounts counts;
  auto findings = MakeArrayWriter<storage::ReportedFinding>(
      [&](const storage::ReportedFinding& f) -> std::optional<std::string> {
        return options.redact ? internal::FindingJsonText(internal::RedactWith(f, terms))
                              : internal::FindingJsonText(f);
      },
      expected_findings, pages_bytes + head.size(), sink, &out);
  const bool streamed = source([&](storage::ReportedFinding f) {
    internal::CountFinding(f, &counts);
    return findings.Add(std::move(f));
  });
  if (!streamed || !findings.Finish()) return false;

  const std::string skeleton = skeleton_with(counts);
  const auto slots = FindSlots(skeleton);
  if (!slots || slots->findings_value != head_slots->findings_value) return false;
  out.append(skeleton, slots->findings_value + 2, slots->pages_value - slots->findings_value - 2);
  auto pages = MakeArrayWriter<const storage::PageRecord*>(
      [&](const storage::PageRecord* p) {
        if (!options.redact) return ElementText(internal::PageToJson(*p));
        storage::PageRecord masked = *p;
        masked.title = internal::MaskTerms(p->title, terms);
        return ElementText(internal::PageToJson(masked));
      },
      header.pages.size(), skeleton.size(), sink, &out);
  for (const auto& page : header.pages) {
    if (!pages.Add(&page)) return false;
  }
  if (!pages.Finish()) return false;
  out.append(skeleton, slots->pages_value + 2, std::string::npos);
  out.push_back('\n');
  return true;
}

// A report's own findings as a source, in report order.
bool AuditJson(const storage::AuditReport& report, const RenderOptions& options, const Sink* sink,
               std::string* out) {
  const auto sorted = internal::SortFindings(report.findings);
  const FindingSource source = [&](const FindingEmitter& emit) {
    for (const auto* f : sorted) {
      if (!emit(*f)) return false;
    }
    return true;
  };
  return AuditJson(report, source, sorted.size(), options, sink, out);
}

}  // namespace

std::string AuditJsonText(const storage::AuditReport& report, const RenderOptions& options) {
  std::string out;
  if (!AuditJson(report, options, nullptr, &out)) {
    return json{{"schema", "sightline.audit/1"}, {"error", "unencodable report"}}.dump(2) + "\n";
  }
  return out;
}

bool WriteAuditJson(const storage::AuditReport& report, const RenderOptions& options,
                    const std::function<void(std::string_view)>& write) {
  std::string rest;
  const bool ok = AuditJson(report, options, &write, &rest);
  if (!rest.empty()) write(rest);
  return ok;
}

bool WriteAuditJson(const storage::AuditReport& header, const FindingSource& findings,
                    const RenderOptions& options,
                    const std::function<void(std::string_view)>& write) {
  std::string rest;
  const bool ok = AuditJson(header, findings, 0, options, &write, &rest);
  if (!rest.empty()) write(rest);
  return ok;
}

}  // namespace sightline::reports
