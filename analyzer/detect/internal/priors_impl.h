// Priors::Impl: the loaded dictionaries behind analyzer/detect/priors.h. Built once by the
// loaders in priors_load.cc, read-only afterwards (so shared freely across threads).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/detect/internal/string_table.h"
#include "analyzer/detect/priors.h"

namespace sightline::analyzer {

struct Priors::Impl {
  struct Place {
    uint32_t name_offset = 0;  // into place_names
    uint16_t name_length = 0;
    char country[3] = {0, 0, 0};
    char admin[8] = {0};
    char feature[6] = {0};
    uint32_t population = 0;
    float lat = 0, lon = 0;
    uint32_t next = UINT32_MAX;  // next place with the same key
  };
  struct State {
    std::string code, name;
    int64_t population = 0;
  };
  struct AgeBand {
    int start = 0, end = 0;
    double male = 0, female = 0;
  };
  struct FirstName {
    float male = 0, female = 0;  // percent of people of that sex (Census 1990)
  };

  std::vector<Place> places;
  std::string place_names;
  detect_internal::StringTable place_index;        // NormalizeKey(name) -> first place index
  detect_internal::StringTable place_first_words;  // first word of every multi-word place name
  std::vector<State> states;
  detect_internal::StringTable state_index;  // folded code and name -> index in states

  std::vector<FirstName> first_names;
  detect_internal::StringTable first_index;   // folded -> index in first_names
  detect_internal::StringTable surname_rank;  // folded -> Census rank (1 = Smith)
  std::vector<float> top_surname_share;       // by rank-1, for the ranks with published shares

  detect_internal::StringTable word_level;  // lower-case English word -> SCOWL level
  detect_internal::StringTable medical;     // lower-case medical vocabulary word -> 1

  std::vector<ConditionInfo> conditions;
  detect_internal::StringTable condition_index;  // NormalizeKey(form) -> index
  std::vector<std::pair<std::string, std::string>> condition_forms;
  std::vector<OccupationInfo> occupations;
  detect_internal::StringTable occupation_index;
  std::vector<std::pair<std::string, std::string>> occupation_forms;

  std::vector<AgeBand> age_bands;
  double male_total = 0.49, female_total = 0.51;

  PriorsStats stats;
};

namespace detect_internal {

struct PriorsPaths {
  std::string data_dir, npm_dir, names_pm, medical_dic, scowl_dir;
};
PriorsPaths ResolvePriorsPaths(const DetectorOptions& options);

Status LoadCensusNames(const PriorsPaths& paths, Priors::Impl* impl);
Status LoadPlaces(const PriorsPaths& paths, Priors::Impl* impl);
Status LoadWords(const PriorsPaths& paths, Priors::Impl* impl);
Status LoadTables(const PriorsPaths& paths, Priors::Impl* impl);

// Reads a whole file; the error names `package` so the user knows what to install.
Result<std::string> ReadDataFile(const std::string& path, const std::string& package);

}  // namespace detect_internal
}  // namespace sightline::analyzer
