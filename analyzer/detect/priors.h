// Priors: the dictionaries and population tables detection and linkage need — Census first
// names and surnames, GeoNames places with populations, SCOWL word commonness, the hunspell
// medical vocabulary, and the project's own tables in data/ (conditions, occupations, age/sex,
// US states). Loaded once from the installed packages (DESIGN.md "Priors"); immutable and
// thread-safe after Load. A missing file is an ErrorCode::kUnavailable naming its package.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace sightline::analyzer {

struct DetectorOptions {
  std::string data_dir;     // data/ of the project; empty = env SIGHTLINE_DATA_DIR, then built-in
  std::string npm_dir;      // third_party/npm; empty = env SIGHTLINE_NPM_DIR, then built-in
  std::string region_hint;  // "US-OH", "US", "GB": prefer places there when names collide
  // Text windows around phone-shaped numbers whose libphonenumber result the Detector
  // remembers (a site's own number recurs on every page); 0 = validate every time.
  size_t phone_cache_entries = 4096;
  // System paths; empty = the Debian locations.
  std::string names_pm;     // /usr/share/perl5/Text/Names.pm (libtext-names-perl)
  std::string medical_dic;  // /usr/share/hunspell/en_med_glut.dic (hunspell-en-med)
  std::string scowl_dir;    // /usr/share/dict/scowl (scowl)
};

struct PlaceInfo {
  std::string name;     // as in GeoNames ("Oak Ridge")
  std::string admin;    // US: state code ("TN"); elsewhere the GeoNames admin1 code
  std::string country;  // ISO 3166-1 alpha-2 ("US")
  int64_t population = 0;
  std::string feature_code;  // GeoNames: PPL, PPLA, PPLC, ...; "ADM1" for a US state
  double lat = 0, lon = 0;
  int candidates = 1;  // how many places share the name (ambiguity)
};

struct ConditionInfo {
  std::string name;       // canonical, lower case ("wilson disease")
  double prevalence = 0;  // share of people living with it (point prevalence)
  std::string source;
};

struct OccupationInfo {
  std::string title;  // canonical, lower case ("bus driver")
  double share = 0;   // share of US workers
  std::string source;
};

struct PriorsStats {
  size_t places = 0, first_names = 0, surnames = 0, words = 0, medical_terms = 0, conditions = 0,
         occupations = 0;
  double load_ms = 0;
};

class Priors {
 public:
  static Result<std::unique_ptr<Priors>> Load(const DetectorOptions& options = {});
  ~Priors();
  Priors(const Priors&) = delete;
  Priors& operator=(const Priors&) = delete;

  // Best place for a name (case-insensitive), preferring region_hint ("US-OH" → Ohio, then US),
  // then population. US states are places too (feature_code "ADM1").
  std::optional<PlaceInfo> LookupPlace(std::string_view name, std::string_view region_hint) const;
  std::vector<PlaceInfo> LookupPlaces(std::string_view name) const;  // every candidate
  // Fast existence check for a key already normalised (folded words joined by one space).
  bool HasPlaceKey(std::string_view normalized_key) const;
  // Whether some multi-word place name starts with this (normalised) word.
  bool StartsPlaceName(std::string_view normalized_word) const;
  // "OH" / "Ohio" → "OH"; empty when not a US state.
  std::string UsStateCode(std::string_view name_or_code) const;
  int64_t UsPopulation() const;

  // Share of the population in the 5-year band holding `age` (0-4, 5-9, …, 85+).
  double AgeBandShare(int age) const;
  double AgeShare(int age) const;              // one year of age
  double AgeRangeShare(int lo, int hi) const;  // inclusive range of years
  double SexShare(char sex) const;             // 'F' or 'M'; anything else 1

  // Census 1990 shares (0..1); 0 when unknown. Case-insensitive.
  double FirstNameShare(std::string_view name) const;
  char FirstNameSex(std::string_view name) const;  // 'F', 'M' or 0 when unknown/ambiguous
  double SurnameShare(std::string_view name) const;
  bool IsFirstName(std::string_view name) const;
  bool IsSurname(std::string_view name) const;

  // SCOWL level of a lower-case English word: 10 (most common) … 95 (rarest); 0 = not a word.
  int WordLevel(std::string_view lower) const;
  // In the medical vocabulary (en_med_glut) and not a common English word.
  bool IsMedicalTerm(std::string_view lower) const;

  std::optional<ConditionInfo> LookupCondition(std::string_view name) const;
  std::optional<OccupationInfo> LookupOccupation(std::string_view title) const;
  // All condition / occupation surface forms (lower case) with their canonical name; the
  // detector compiles them into its phrase matcher.
  const std::vector<std::pair<std::string, std::string>>& ConditionForms() const;
  const std::vector<std::pair<std::string, std::string>>& OccupationForms() const;

  const PriorsStats& stats() const;

  struct Impl;

 private:
  explicit Priors(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sightline::analyzer
