#include <fmt/format.h>

#include <algorithm>

#include "analyzer/detect/internal/date_math.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {

Mention& BlockContext::Add(MentionType type, size_t begin, size_t end, std::string normalized,
                           double confidence, double prior) const {
  Mention m;
  m.type = type;
  m.begin = begin;
  m.end = std::max(end, begin);
  m.text = std::string(text.substr(begin, m.end - begin));
  m.normalized = std::move(normalized);
  m.confidence = confidence;
  m.prior = std::clamp(prior, 1e-9, 1.0);
  out->push_back(std::move(m));
  return out->back();
}

bool BlockContext::MayMatch(const RE2& re) const {
  if (!lex.prefilter) return true;
  if (!pattern_hits_known) {
    pattern_hits_known = true;
    thread_local std::vector<int> hits;  // no allocation per block
    hits.clear();
    RE2::Set::ErrorInfo error{};
    if (lex.prefilter->Match(re2::StringPiece(text.data(), text.size()), &hits, &error)) {
      for (int i : hits) pattern_hits |= uint64_t{1} << i;
    } else if (error.kind != RE2::Set::kNoError) {
      pattern_hits = ~uint64_t{0};  // e.g. the DFA ran out of memory: run every pattern
    }
  }
  for (size_t i = 0; i < lex.prefilter_members.size(); ++i) {
    if (lex.prefilter_members[i] == &re) return (pattern_hits >> i) & 1;
  }
  return true;
}

int BlockContext::PrevWord(size_t i, bool skip_punct) const {
  for (size_t j = i; j-- > 0;) {
    if (tokens[j].kind != TokenKind::kPunct) return static_cast<int>(j);
    if (!skip_punct) return -1;
  }
  return -1;
}

size_t BlockContext::TokenAt(size_t pos) const {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), pos,
                             [](const Token& t, size_t p) { return t.begin < p; });
  return static_cast<size_t>(it - tokens.begin());
}

std::string LowerBefore(std::string_view text, size_t pos, size_t n) {
  size_t start = pos > n ? pos - n : 0;
  return FoldKey(text.substr(start, pos - start));
}

void AddAge(const BlockContext& ctx, size_t begin, size_t end, int lo, int hi, double confidence) {
  if (lo < 0 || hi > 125 || lo > hi) return;
  double prior = lo == hi ? ctx.priors.AgeShare(lo) : ctx.priors.AgeRangeShare(lo, hi);
  std::string norm = lo == hi ? std::to_string(lo) : fmt::format("{}-{}", lo, hi);
  Mention& m = ctx.Add(MentionType::kAge, begin, end, norm, confidence, prior);
  m.attributes["min"] = std::to_string(lo);
  m.attributes["max"] = std::to_string(hi);
  if (lo > 89) m.attributes["safe_harbor"] = "true";  // HIPAA: ages over 89 by themselves
}

void AddDateWindow(const BlockContext& ctx, size_t begin, size_t end, int64_t first, int64_t last,
                   double confidence, bool dob) {
  if (last < first) std::swap(first, last);
  int64_t days = last - first + 1;
  std::string norm = days == 1 ? FormatDay(first) : FormatDay(first) + "/" + FormatDay(last);
  double prior = dob ? 1.0 / 36500.0 : std::min(1.0, static_cast<double>(days) / 365.0);
  Mention& m = ctx.Add(MentionType::kDate, begin, end, norm, confidence, prior);
  m.attributes["window_start"] = FormatDay(first);
  m.attributes["window_end"] = FormatDay(last);
  if (dob) m.attributes["dob"] = "true";
  if (days <= 366) m.attributes["safe_harbor"] = "true";  // any date element but the year
}

void AddUnresolvedDate(const BlockContext& ctx, size_t begin, size_t end, int window_days,
                       double confidence) {
  Mention& m = ctx.Add(MentionType::kDate, begin, end, FoldKey(ctx.text.substr(begin, end - begin)),
                       confidence, std::min(1.0, window_days / 365.0));
  m.attributes["resolved"] = "false";
  m.attributes["window_days"] = std::to_string(window_days);
}

}  // namespace sightline::analyzer::detect_internal
