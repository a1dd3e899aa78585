// Facilities: a run of capitalised words holding a facility head noun ("Riverside General
// Hospital", "Lincoln Middle School", "Fire Station 3", "University of Michigan", "Gallatin
// Steel plant"). Weak heads (Health, Center, Medicine, …) need a distinctive first word, so
// "Mental Health" or "Primary Care" in advice text is not a facility.
#include <string>

#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

bool RunWord(const Token& t) {
  return t.IsWord() && t.cap && !(t.info & (kClsStop | kClsHonorific));
}

}  // namespace

void DetectFacilities(const BlockContext& ctx) {
  const auto& t = ctx.tokens;
  std::vector<size_t> words;  // reused across runs
  for (size_t i = 0; i < t.size(); ++i) {
    if (!RunWord(t[i]) || (t[i].info & (kClsMonth | kClsWeekday))) continue;
    // Collect the run: capitalised words joined by "of", "and", "&", "St.", hyphens.
    words.assign(1, i);
    size_t j = i;
    while (j + 1 < t.size()) {
      size_t k = j + 1;
      const Token& n = t[k];
      if (n.newline_before) break;
      if (n.kind == TokenKind::kPunct) {
        bool glue = (n.fold == "." && !n.space_before && t[j].fold.size() <= 3) ||
                    (n.fold == "-" && !n.space_before) || n.fold == "&";
        if (!glue || k + 1 >= t.size() || !RunWord(t[k + 1])) break;
        j = k + 1;
        words.push_back(j);
        continue;
      }
      if (n.IsWord() && !n.cap && (n.fold == "of" || n.fold == "and" || n.fold == "for") &&
          k + 1 < t.size() && RunWord(t[k + 1])) {
        j = k + 1;
        words.push_back(j);
        continue;
      }
      if (!RunWord(n)) break;
      j = k;
      words.push_back(j);
    }
    // The last head noun in the run.
    int head = -1;
    FacilityHead kind = FacilityHead::kNone;
    for (size_t w = 0; w < words.size(); ++w) {
      uint32_t info = t[words[w]].info;
      FacilityHead h = (info & kClsFacilityStrong) ? FacilityHead::kStrong
                       : (info & kClsFacilityWeak) ? FacilityHead::kWeak
                                                   : FacilityHead::kNone;
      if (h != FacilityHead::kNone) head = static_cast<int>(w), kind = h;
    }
    size_t end_token = head >= 0 ? words[head] : j;
    // "Gallatin Steel plant": a lower-case workplace noun after the run.
    if (j + 1 < t.size() && t[j + 1].IsWord() && !t[j + 1].cap &&
        (t[j + 1].info & kClsFacilityLower)) {
      end_token = j + 1;
      head = static_cast<int>(words.size());
      kind = FacilityHead::kLowerCase;
      words.push_back(j + 1);
    }
    if (head < 0) {
      i = j;
      continue;
    }
    // "University of Michigan": the head may lead when "of X" follows it.
    bool of_tail = static_cast<size_t>(head) + 1 < words.size() && words[head] + 1 < t.size() &&
                   t[words[head] + 1].fold == "of";
    if (of_tail) end_token = words.back();
    // "Baptist Health Lexington": a place name closing the run belongs to the facility.
    if (!of_tail && static_cast<size_t>(head) + 2 == words.size() &&
        kind != FacilityHead::kLowerCase &&
        ctx.priors.LookupPlace(t[words.back()].fold, ctx.region_hint)) {
      end_token = words.back();
    }
    bool has_modifier = head > 0;
    if (!has_modifier && !of_tail) {
      i = j;
      continue;
    }
    if (kind == FacilityHead::kWeak && head == 1) {
      int level = ctx.priors.WordLevel(t[words[0]].fold);
      if (level > 0 && level < 40) {
        i = j;
        continue;
      }
    }
    // "Fire Station 3", "Public School 41".
    if (end_token + 1 < t.size() && t[end_token + 1].kind == TokenKind::kNumber &&
        t[end_token + 1].space_before && t[end_token + 1].fold.size() <= 4) {
      ++end_token;
    }
    size_t b = t[i].begin, e = t[end_token].end;
    double conf = kind == FacilityHead::kStrong ? 0.92 : 0.82;
    Mention& m =
        ctx.Add(MentionType::kFacility, b, e, std::string(ctx.text.substr(b, e - b)), conf, 1.0);
    m.attributes["head"] = t[words[std::min<size_t>(head, words.size() - 1)]].fold;
    i = std::max(end_token, j);
  }
}

}  // namespace sightline::analyzer::detect_internal
