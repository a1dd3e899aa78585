#include "analyzer/link/internal/subjects.h"

#include <algorithm>
#include <cstdlib>

#include "analyzer/link/internal/cues.h"
#include "analyzer/link/internal/text_util.h"

namespace sightline::analyzer::link_internal {
namespace {

struct Segment {
  size_t block = 0;
  size_t begin = 0;
  size_t end = 0;
};

struct Story {
  std::string cue;
  size_t anchor_block = 0;
  std::vector<Segment> segments;
  std::vector<size_t> hidden_blocks;
};

// Cues whose sentence is a generic statement do not anchor a story.
std::vector<Cue> AnchorCues(const PageView& view, size_t block, bool profile_page) {
  std::vector<Cue> out;
  for (const Cue& c : FindPatientCues(view.lower[block])) {
    // On the author's own profile, "I was treated for ..." is a profile fact, not a patient.
    if (c.strength == CueStrength::kFirstPerson && profile_page) continue;
    auto [s, e] = view.Sentence(block, c.begin, c.end);
    if (IsGenericStatement(std::string_view(view.lower[block]).substr(s, e - s))) continue;
    out.push_back(c);
  }
  return out;
}

// The first sentence of a block speaks in general terms: the story is over.
bool OpensGenerically(const PageView& view, size_t block) {
  const std::string& lower = view.lower[block];
  const auto& starts = view.Starts(block);
  size_t end = starts.size() > 1 ? starts[1] : lower.size();
  return IsGenericStatement(std::string_view(lower).substr(0, end));
}

// "her husband, a 45-year-old farmer": the cue describes a relative, not a new patient.
bool IsRelativeAppositive(const std::string& lower, size_t cue_begin) {
  size_t from = cue_begin > 30 ? cue_begin - 30 : 0;
  std::string_view before = std::string_view(lower).substr(from, cue_begin - from);
  while (!before.empty() && (before.back() == ' ' || before.back() == ',')) before.remove_suffix(1);
  for (std::string_view w : {"husband", "wife", "son", "daughter", "mother", "father", "brother",
                             "sister", "partner", "friend", "boss", "neighbor", "neighbour", "mom",
                             "dad", "grandson", "granddaughter", "caregiver"}) {
    if (before.ends_with(w)) return true;
  }
  return false;
}

}  // namespace

bool IsDirectIdentifier(const LinkedDetail& d) {
  const FindingDetail& f = d.detail;
  switch (f.type) {
    case MentionType::kPersonName:
    case MentionType::kIdentifier:
    case MentionType::kAddress:
    case MentionType::kContact:
      return true;
    case MentionType::kDate:
      return d.Attribute("dob") == "true" || d.Attribute("dob") == "1";
    case MentionType::kAge: {
      if (d.Attribute("safe_harbor") == "true") return true;
      char* end = nullptr;
      long age = std::strtol(f.normalized.c_str(), &end, 10);
      return end != f.normalized.c_str() && age > 89;
    }
    default:
      // Detection marks towns and day-level dates as Safe Harbor elements too; they are
      // quasi-identifiers here, priced by the anonymity-set estimate.
      return false;
  }
}

std::vector<Subject> SplitSubjects(const PageView& view, std::vector<bool>& used,
                                   bool profile_page) {
  const auto& blocks = view.page.blocks;
  std::vector<Story> stories;
  bool open = false;
  bool after_heading = false;
  std::vector<size_t> pending_hidden;  // hidden blocks seen while no story was open

  auto close = [&] {
    open = false;
    after_heading = false;
  };
  auto start = [&](size_t block, size_t begin, const std::string& cue) {
    Story s;
    s.cue = cue;
    s.anchor_block = block;
    stories.push_back(std::move(s));
    open = true;
    (void)begin;
  };

  for (size_t i = 0; i < blocks.size(); ++i) {
    if (view.in_chrome[i]) {  // nav, header, footer: no story runs through them
      close();
      continue;
    }
    if (view.hidden_text[i]) {
      if (open) {
        stories.back().hidden_blocks.push_back(i);
      } else {
        pending_hidden.push_back(i);
      }
      continue;
    }
    if (blocks[i].kind == BlockKind::kHeading) {
      // A case write-up often runs on under subheadings ("Diagnosis", "Outcome"): the story
      // stays open if the next paragraph still speaks of the patient, but any patient cue
      // right after a heading starts a new one.
      after_heading = open;
      continue;
    }
    if (!view.story_text[i]) continue;
    const std::string& text = blocks[i].text;
    std::vector<Cue> cues = AnchorCues(view, i, profile_page);
    // Where in this block each story starts: (offset, cue text).
    std::vector<std::pair<size_t, std::string>> starts;
    bool continues = open && HasSubjectReference(view.lower[i]) && !OpensGenerically(view, i);
    if (open && !continues && cues.empty()) close();
    bool heading_before = after_heading;
    after_heading = false;
    bool open_here = false;
    for (const Cue& c : cues) {
      // A new-person cue in a later block is a new patient, unless it describes someone
      // around the patient ("her husband, a 45-year-old farmer").
      // A testimonial cue opens a story only when none is open: inside a case write-up "my
      // diagnosis" is the physician's.
      bool first_person = c.strength == CueStrength::kFirstPerson;
      if (first_person && (continues || open_here)) continue;
      bool fresh =
          first_person || !open || (!open_here && heading_before) ||
          (c.strength == CueStrength::kNew && !open_here && stories.back().anchor_block != i &&
           !IsRelativeAppositive(view.lower[i], c.begin));
      if (!fresh) continue;
      auto [s, e] = view.Sentence(i, c.begin, c.end);
      (void)e;
      // "My name is Jane Roe. I am 42. I was diagnosed with ...": the writer's own account
      // runs from the start of the block.
      if (c.strength == CueStrength::kFirstPerson && !continues && starts.empty()) s = 0;
      starts.emplace_back(s, text.substr(c.begin, c.end - c.begin));
      start(i, s, starts.back().second);
      open_here = true;
    }
    if (!open) continue;
    if (starts.empty()) {
      stories.back().segments.push_back({i, 0, text.size()});
      continue;
    }
    // A block that continued an earlier story before a new one starts in it.
    size_t n = stories.size();
    if (continues && starts.front().first > 0 && n > starts.size()) {
      stories[n - starts.size() - 1].segments.push_back({i, 0, starts.front().first});
    }
    for (size_t k = 0; k < starts.size(); ++k) {
      size_t end = k + 1 < starts.size() ? starts[k + 1].first : text.size();
      stories[n - starts.size() + k].segments.push_back({i, starts[k].first, end});
    }
  }

  // Hidden blocks seen before any story open belong to the next story when it starts soon
  // after them (a comment above the paragraph it annotates).
  for (size_t h : pending_hidden) {
    for (auto& s : stories) {
      size_t first = s.segments.empty() ? s.anchor_block : s.segments.front().block;
      if (first > h && first - h <= 3) {
        s.hidden_blocks.push_back(h);
        break;
      }
    }
  }

  std::vector<Subject> subjects;
  for (const Story& story : stories) {
    Subject subject;
    subject.url = view.page.url;
    subject.cue = story.cue;
    subject.first_block =
        story.segments.empty() ? story.anchor_block : story.segments.front().block;
    subject.last_block = story.segments.empty() ? story.anchor_block : story.segments.back().block;
    auto take = [&](size_t block, size_t begin, size_t end) {
      for (size_t idx : view.MentionsIn(block)) {
        const Mention& m = view.mentions[idx];
        if (used[idx] || m.begin < begin || m.begin >= end) continue;
        if (!IsSubjectDetailType(m.type) || IsProfessionalName(m)) continue;
        // "the X-ray showed no fracture": a condition the patient does not have.
        if (m.type == MentionType::kCondition && IsNegated(view.lower[block], m.begin)) continue;
        used[idx] = true;
        subject.details.push_back(view.Detail(m));
      }
    };
    for (const Segment& seg : story.segments) take(seg.block, seg.begin, seg.end);
    for (size_t h : story.hidden_blocks) {
      take(h, 0, blocks[h].text.size());
      subject.last_block = std::max(subject.last_block, h);
    }
    subjects.push_back(std::move(subject));
  }

  // The title and the meta/social descriptions are what search results show: with a single
  // story on the page, their details are that story's (and meta text is hidden from visitors).
  if (subjects.size() == 1) {
    // Titles carry the site's name ("… | Hartwell Family Medicine"): names the page itself
    // gives to its author or practice are not the patient's.
    for (size_t b = 0; b < blocks.size(); ++b) {
      BlockKind kind = blocks[b].kind;
      if (kind != BlockKind::kTitle && kind != BlockKind::kMetaDescription &&
          kind != BlockKind::kSocialMeta) {
        continue;
      }
      for (size_t idx : view.MentionsIn(b)) {
        const Mention& m = view.mentions[idx];
        if (used[idx] || !IsSubjectDetailType(m.type) || IsProfessionalName(m)) continue;
        if (m.type == MentionType::kCondition && IsNegated(view.lower[b], m.begin)) continue;
        if (view.NamesSiteOwner(m)) continue;
        // "… | Hartwell Family Medicine": the site's own name, not where the patient was.
        if (kind == BlockKind::kTitle && m.type == MentionType::kFacility) continue;
        used[idx] = true;
        LinkedDetail d = view.Detail(m);
        d.detail.hidden = d.detail.hidden || kind != BlockKind::kTitle;
        subjects[0].details.push_back(std::move(d));
      }
    }
  }
  return subjects;
}

}  // namespace sightline::analyzer::link_internal
