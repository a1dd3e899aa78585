#include "analyzer/detect/priors.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "analyzer/detect/internal/priors_impl.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer {
namespace {

// Census 1990 publishes shares for the top 1000 surnames (0.012% at rank 1000); beyond that
// the share of a rank-r name is estimated as 0.012% x 1000 / r (Zipf), floored at one in a
// million.
double TailSurnameShare(uint32_t rank) {
  double share = 0.00012 * 1000.0 / static_cast<double>(rank);
  return std::max(share, 1e-6);
}

std::string_view StateOfHint(std::string_view hint) {
  // "US-OH" -> "OH"; "US" -> "".
  if (hint.size() > 3 && hint[2] == '-') return hint.substr(3);
  return {};
}

// Dictionary look-ups by folded / normalised key, without building the key when the caller
// passes one already (the detector passes token folds: most calls).
const uint32_t* FindFolded(const detect_internal::StringTable& table, std::string_view name) {
  if (detect_internal::IsFoldedAscii(name)) return table.Find(name);
  return table.Find(detect_internal::FoldKey(name));
}

const uint32_t* FindNormalized(const detect_internal::StringTable& table, std::string_view name) {
  if (detect_internal::IsNormalizedAscii(name)) return table.Find(name);
  return table.Find(detect_internal::NormalizeKey(name));
}

std::string_view CountryOfHint(std::string_view hint) {
  return hint.size() >= 2 ? hint.substr(0, 2) : std::string_view();
}

}  // namespace

Priors::Priors(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Priors::~Priors() = default;

Result<std::unique_ptr<Priors>> Priors::Load(const DetectorOptions& options) {
  auto start = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Impl>();
  detect_internal::PriorsPaths paths = detect_internal::ResolvePriorsPaths(options);
  if (auto s = detect_internal::LoadTables(paths, impl.get()); !s) return Unexpected(s.error());
  if (auto s = detect_internal::LoadCensusNames(paths, impl.get()); !s)
    return Unexpected(s.error());
  if (auto s = detect_internal::LoadPlaces(paths, impl.get()); !s) return Unexpected(s.error());
  if (auto s = detect_internal::LoadWords(paths, impl.get()); !s) return Unexpected(s.error());
  impl->stats.load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return std::unique_ptr<Priors>(new Priors(std::move(impl)));
}

std::vector<PlaceInfo> Priors::LookupPlaces(std::string_view name) const {
  std::vector<PlaceInfo> out;
  const uint32_t* head = FindNormalized(impl_->place_index, name);
  if (!head) return out;
  for (uint32_t i = *head; i != UINT32_MAX; i = impl_->places[i].next) {
    const Impl::Place& p = impl_->places[i];
    PlaceInfo info;
    info.name = impl_->place_names.substr(p.name_offset, p.name_length);
    info.admin = p.admin;
    info.country = p.country;
    info.population = p.population;
    info.feature_code = p.feature;
    info.lat = p.lat;
    info.lon = p.lon;
    out.push_back(std::move(info));
  }
  for (auto& info : out) info.candidates = static_cast<int>(out.size());
  return out;
}

bool Priors::HasPlaceKey(std::string_view normalized_key) const {
  return impl_->place_index.Find(normalized_key) != nullptr;
}

bool Priors::StartsPlaceName(std::string_view normalized_word) const {
  return impl_->place_first_words.Find(normalized_word) != nullptr;
}

std::optional<PlaceInfo> Priors::LookupPlace(std::string_view name,
                                             std::string_view region_hint) const {
  const uint32_t* head = FindNormalized(impl_->place_index, name);
  if (!head) return std::nullopt;
  std::string_view state = StateOfHint(region_hint);
  std::string_view country = CountryOfHint(region_hint);
  if (country.empty()) country = "US";  // the audience is US practices
  // Rank: same state first, then same country, then population. Scored on the packed
  // records; only the winner is turned into a PlaceInfo.
  uint32_t best = UINT32_MAX;
  int best_score = -1, candidates = 0;
  for (uint32_t i = *head; i != UINT32_MAX; i = impl_->places[i].next) {
    const Impl::Place& p = impl_->places[i];
    ++candidates;
    std::string_view p_country(p.country), p_admin(p.admin);
    int score = 0;
    if (!state.empty() && p_admin == state && p_country == "US") score += 4;
    if (p_country == country) score += 2;
    if (score > best_score ||
        (score == best_score && p.population > impl_->places[best].population)) {
      best = i;
      best_score = score;
    }
  }
  const Impl::Place& p = impl_->places[best];
  PlaceInfo info;
  info.name = impl_->place_names.substr(p.name_offset, p.name_length);
  info.admin = p.admin;
  info.country = p.country;
  info.population = p.population;
  info.feature_code = p.feature;
  info.lat = p.lat;
  info.lon = p.lon;
  info.candidates = candidates;
  return info;
}

std::string Priors::UsStateCode(std::string_view name_or_code) const {
  const uint32_t* idx = FindFolded(impl_->state_index, name_or_code);
  if (!idx) return {};
  return impl_->states[*idx].code;
}

int64_t Priors::UsPopulation() const {
  int64_t total = 0;
  for (const auto& s : impl_->states) {
    if (s.code != "PR") total += s.population;
  }
  return total;
}

double Priors::AgeBandShare(int age) const {
  for (const auto& band : impl_->age_bands) {
    if (age >= band.start && age <= band.end) return band.male + band.female;
  }
  return 0;
}

double Priors::AgeShare(int age) const {
  for (const auto& band : impl_->age_bands) {
    if (age >= band.start && age <= band.end) {
      int width = std::min(band.end, 104) - band.start + 1;  // open band: ~5 years of centenarians
      return (band.male + band.female) / std::max(width, 1);
    }
  }
  return 0;
}

double Priors::AgeRangeShare(int lo, int hi) const {
  double total = 0;
  for (int a = std::max(lo, 0); a <= std::min(hi, 110); ++a) total += AgeShare(a);
  return std::min(total, 1.0);
}

double Priors::SexShare(char sex) const {
  if (sex == 'F' || sex == 'f') return impl_->female_total;
  if (sex == 'M' || sex == 'm') return impl_->male_total;
  return 1.0;
}

double Priors::FirstNameShare(std::string_view name) const {
  const uint32_t* idx = FindFolded(impl_->first_index, name);
  if (!idx) return 0;
  const Impl::FirstName& f = impl_->first_names[*idx];
  // Text::Names' own convention: the mean of the male and female percentages.
  return (f.male + f.female) / 2.0 / 100.0;
}

char Priors::FirstNameSex(std::string_view name) const {
  const uint32_t* idx = FindFolded(impl_->first_index, name);
  if (!idx) return 0;
  const Impl::FirstName& f = impl_->first_names[*idx];
  if (f.male > 4 * f.female) return 'M';
  if (f.female > 4 * f.male) return 'F';
  return 0;
}

double Priors::SurnameShare(std::string_view name) const {
  const uint32_t* rank = FindFolded(impl_->surname_rank, name);
  if (!rank) return 0;
  if (*rank <= impl_->top_surname_share.size() && impl_->top_surname_share[*rank - 1] > 0) {
    return impl_->top_surname_share[*rank - 1];
  }
  return TailSurnameShare(*rank);
}

bool Priors::IsFirstName(std::string_view name) const {
  return FindFolded(impl_->first_index, name) != nullptr;
}

bool Priors::IsSurname(std::string_view name) const {
  return FindFolded(impl_->surname_rank, name) != nullptr;
}

int Priors::WordLevel(std::string_view lower) const {
  const uint32_t* v = impl_->word_level.Find(lower);
  return v ? static_cast<int>(*v) : 0;
}

bool Priors::IsMedicalTerm(std::string_view lower) const {
  if (!impl_->medical.Find(lower)) return false;
  int level = WordLevel(lower);
  return level == 0 || level >= 60;
}

std::optional<ConditionInfo> Priors::LookupCondition(std::string_view name) const {
  const uint32_t* idx = FindNormalized(impl_->condition_index, name);
  if (!idx) return std::nullopt;
  return impl_->conditions[*idx];
}

std::optional<OccupationInfo> Priors::LookupOccupation(std::string_view title) const {
  const uint32_t* idx = FindNormalized(impl_->occupation_index, title);
  if (!idx) return std::nullopt;
  return impl_->occupations[*idx];
}

const std::vector<std::pair<std::string, std::string>>& Priors::ConditionForms() const {
  return impl_->condition_forms;
}

const std::vector<std::pair<std::string, std::string>>& Priors::OccupationForms() const {
  return impl_->occupation_forms;
}

const PriorsStats& Priors::stats() const { return impl_->stats; }

}  // namespace sightline::analyzer
