// AnalysisRecord: what AnalysisSink keeps of one analysed body so that a page that comes back
// unchanged (304, or a 200 with the same content hash) is not extracted, detected and linked
// again: the per-page linkage (PageAnalysis), the page metadata the store keeps per fetch, the
// links the crawl follows, and the few page facts the exposure verdict reads (the verdict
// itself depends on the fetch — headers, robots.txt, time — so it is re-judged). The mentions
// are not in it: they are stored once, with the fetch whose body was analysed, and a reuse
// never reads them (format 2 carried them: a third of a record's bytes, decoded for nothing
// on every 304).
// Encoded in a flat binary layout (analysis_record_codec.cc); stored by storage::AuditStore
// under (content hash, variant).
// Pure functions except AnalyzerFingerprint (reads the executable and the data files' stat).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/detect/priors.h"
#include "analyzer/link/page_analysis.h"
#include "analyzer/page_content.h"

namespace sightline::app {

// Bump when the record's layout or meaning changes: older records are then ignored.
inline constexpr int kAnalysisRecordFormat = 3;

// The parts of PageContent that analyzer::JudgeExposure reads.
struct ExposureInputs {
  bool is_html = false;
  std::string title;
  std::vector<std::pair<std::string, std::string>> robots_meta;
  std::string canonical;
  size_t visible_chars = 0;                  // text of visible blocks other than the title
  std::optional<std::string> first_heading;  // first visible heading's text
  size_t nosnippet_blocks = 0;
};

struct AnalysisRecord {
  analyzer::PageAnalysis analysis;  // indexable / exposure_reasons are re-judged per fetch
  std::string title, published, modified;
  std::vector<std::string> links;  // what the crawl follows from the page
  ExposureInputs exposure;
};

ExposureInputs ExposureInputsOf(const analyzer::PageContent& content);
// A PageContent that JudgeExposure judges exactly as the page it was made from.
analyzer::PageContent ExposureContent(const ExposureInputs& inputs);

std::string EncodeAnalysisRecord(const AnalysisRecord& record);
// nullopt when `data` is not a record of kAnalysisRecordFormat.
std::optional<AnalysisRecord> DecodeAnalysisRecord(std::string_view data);

// A page's patient stories alone, in the record's layout (what app/subject_spill_file.h
// keeps on disk during an audit). nullopt when `data` is not such an encoding.
std::string EncodeSubjects(const std::vector<analyzer::Subject>& subjects);
std::optional<std::vector<analyzer::Subject>> DecodeSubjects(std::string_view data);

// Names this build's analyzer and its data: the executable's GNU build-id (any code change
// changes it), the record format, the detector options and the size and mtime of every data
// file the priors load. Computed once per process (it reads files).
std::string AnalyzerFingerprint(const analyzer::DetectorOptions& options);
// The stored-analysis variant of a body analysed as `url` by `fingerprint`'s analyzer.
std::string AnalysisVariant(const std::string& fingerprint, const std::string& url);

}  // namespace sightline::app
