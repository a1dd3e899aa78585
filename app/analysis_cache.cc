#include "app/analysis_cache.h"

#include <elf.h>
#include <link.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

#include "app/data_paths.h"
#include "common/hash.h"

namespace sightline::app {
namespace {

using nlohmann::json;
using namespace analyzer;

// Positional arrays keep the records small and quick to read; the format number guards them.
json DetailJson(const FindingDetail& d) {
  return json::array({static_cast<int>(d.type), d.text, d.normalized, d.url, d.snippet,
                      d.snippet_begin, d.snippet_end, d.hidden, d.prior, d.inherited});
}
FindingDetail DetailFrom(const json& j) {
  FindingDetail d;
  d.type = static_cast<MentionType>(j.at(0).get<int>());
  d.text = j.at(1).get<std::string>();
  d.normalized = j.at(2).get<std::string>();
  d.url = j.at(3).get<std::string>();
  d.snippet = j.at(4).get<std::string>();
  d.snippet_begin = j.at(5).get<size_t>();
  d.snippet_end = j.at(6).get<size_t>();
  d.hidden = j.at(7).get<bool>();
  d.prior = j.at(8).get<double>();
  d.inherited = j.at(9).get<bool>();
  return d;
}

json LinkedJson(const LinkedDetail& d) {
  return json::array(
      {DetailJson(d.detail), d.attributes, d.confidence, d.block_fingerprint, d.block});
}
LinkedDetail LinkedFrom(const json& j) {
  LinkedDetail d;
  d.detail = DetailFrom(j.at(0));
  d.attributes = j.at(1).get<std::map<std::string, std::string>>();
  d.confidence = j.at(2).get<double>();
  d.block_fingerprint = j.at(3).get<uint64_t>();
  d.block = j.at(4).get<size_t>();
  return d;
}

template <typename T, typename F>
json ArrayOf(const std::vector<T>& items, F to_json) {
  json a = json::array();
  for (const auto& item : items) a.push_back(to_json(item));
  return a;
}
template <typename T, typename F>
std::vector<T> VectorFrom(const json& a, F from_json) {
  std::vector<T> out;
  out.reserve(a.size());
  for (const auto& item : a) out.push_back(from_json(item));
  return out;
}

json AnalysisJson(const PageAnalysis& p) {
  return json::array({p.url, p.published_date, p.profile_page,
                      ArrayOf(p.subjects,
                              [](const Subject& s) {
                                return json::array({s.url, s.cue, s.first_block, s.last_block,
                                                    ArrayOf(s.details, LinkedJson)});
                              }),
                      ArrayOf(p.profile,
                              [](const ProfileFact& f) {
                                return json::array({f.key, f.value, f.url, f.snippet, f.population,
                                                    f.from_json_ld, f.block_fingerprint});
                              }),
                      ArrayOf(p.personal,
                              [](const PersonalDetail& d) {
                                return json::array({d.category, LinkedJson(d.detail)});
                              }),
                      ArrayOf(p.criticism,
                              [](const CriticismCandidate& c) {
                                return json::array({LinkedJson(c.target), c.terms, c.named});
                              }),
                      ArrayOf(p.facility_places,
                              [](const FacilityPlace& f) {
                                return json::array({f.facility, LinkedJson(f.place)});
                              }),
                      ArrayOf(p.loose_identifiers, LinkedJson), p.block_fingerprints});
}
PageAnalysis AnalysisFrom(const json& j) {
  PageAnalysis p;
  p.url = j.at(0).get<std::string>();
  p.published_date = j.at(1).get<std::string>();
  p.profile_page = j.at(2).get<bool>();
  p.subjects = VectorFrom<Subject>(j.at(3), [](const json& s) {
    return Subject{s.at(0).get<std::string>(), s.at(1).get<std::string>(), s.at(2).get<size_t>(),
                   s.at(3).get<size_t>(), VectorFrom<LinkedDetail>(s.at(4), LinkedFrom)};
  });
  p.profile = VectorFrom<ProfileFact>(j.at(4), [](const json& f) {
    ProfileFact fact;
    fact.key = f.at(0).get<std::string>();
    fact.value = f.at(1).get<std::string>();
    fact.url = f.at(2).get<std::string>();
    fact.snippet = f.at(3).get<std::string>();
    fact.population = f.at(4).get<int64_t>();
    fact.from_json_ld = f.at(5).get<bool>();
    fact.block_fingerprint = f.at(6).get<uint64_t>();
    return fact;
  });
  p.personal = VectorFrom<PersonalDetail>(j.at(5), [](const json& d) {
    return PersonalDetail{d.at(0).get<std::string>(), LinkedFrom(d.at(1))};
  });
  p.criticism = VectorFrom<CriticismCandidate>(j.at(6), [](const json& c) {
    return CriticismCandidate{LinkedFrom(c.at(0)), c.at(1).get<std::vector<std::string>>(),
                              c.at(2).get<bool>()};
  });
  p.facility_places = VectorFrom<FacilityPlace>(j.at(7), [](const json& f) {
    return FacilityPlace{f.at(0).get<std::string>(), LinkedFrom(f.at(1))};
  });
  p.loose_identifiers = VectorFrom<LinkedDetail>(j.at(8), LinkedFrom);
  p.block_fingerprints = j.at(9).get<std::vector<uint64_t>>();
  return p;
}

json MentionJson(const Mention& m) {
  return json::array({static_cast<int>(m.type), m.text, m.normalized, m.block, m.begin, m.end,
                      m.hidden, m.confidence, m.prior, m.attributes});
}
Mention MentionFrom(const json& j) {
  Mention m;
  m.type = static_cast<MentionType>(j.at(0).get<int>());
  m.text = j.at(1).get<std::string>();
  m.normalized = j.at(2).get<std::string>();
  m.block = j.at(3).get<size_t>();
  m.begin = j.at(4).get<size_t>();
  m.end = j.at(5).get<size_t>();
  m.hidden = j.at(6).get<bool>();
  m.confidence = j.at(7).get<double>();
  m.prior = j.at(8).get<double>();
  m.attributes = j.at(9).get<std::map<std::string, std::string>>();
  return m;
}

// The running executable's GNU build-id, hex; empty when it has none.
int FindBuildId(dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((note->n_namesz + 3) & ~3u);
      if (desc + note->n_descsz > end) break;
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
          std::memcmp(name, "GNU", 4) == 0) {
        static constexpr char kHex[] = "0123456789abcdef";
        for (size_t k = 0; k < note->n_descsz; ++k) {
          const auto byte = static_cast<unsigned char>(desc[k]);
          out->push_back(kHex[byte >> 4]);
          out->push_back(kHex[byte & 15]);
        }
        return 1;
      }
      p = desc + ((note->n_descsz + 3) & ~3u);
    }
  }
  return 1;  // the first object is the executable; libraries do not name this build
}

std::string ExecutableIdentity() {
  std::string id;
  dl_iterate_phdr(FindBuildId, &id);
  if (!id.empty()) return "build-id:" + id;
  // No build-id note: the executable file itself (size and modification time).
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto size = std::filesystem::file_size(exe, ec);
  const auto mtime = std::filesystem::last_write_time(exe, ec).time_since_epoch().count();
  return "exe:" + exe.string() + ":" + std::to_string(size) + ":" + std::to_string(mtime);
}

// "path size mtime" of a file, or of every file under a directory (sorted).
void StatTree(const std::filesystem::path& root, std::string* out) {
  std::error_code ec;
  std::vector<std::string> lines;
  auto add = [&](const std::filesystem::path& p) {
    std::error_code e;
    const auto size = std::filesystem::file_size(p, e);
    const auto mtime = std::filesystem::last_write_time(p, e).time_since_epoch().count();
    lines.push_back(p.string() + " " + std::to_string(e ? 0 : size) + " " + std::to_string(mtime));
  };
  if (std::filesystem::is_directory(root, ec)) {
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) add(it->path());
    }
  } else {
    add(root);
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& line : lines) *out += line + "\n";
}

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

}  // namespace

ExposureInputs ExposureInputsOf(const PageContent& content) {
  ExposureInputs in;
  in.is_html = content.is_html;
  in.title = content.title;
  in.robots_meta = content.robots_meta;
  in.canonical = content.canonical;
  for (const auto& b : content.blocks) {
    if (b.nosnippet) ++in.nosnippet_blocks;
    if (b.hidden || b.kind == BlockKind::kTitle) continue;
    in.visible_chars += b.text.size();
    if (!in.first_heading && b.kind == BlockKind::kHeading) in.first_heading = b.text;
  }
  return in;
}

PageContent ExposureContent(const ExposureInputs& in) {
  PageContent c;
  c.is_html = in.is_html;
  c.title = in.title;
  c.robots_meta = in.robots_meta;
  c.canonical = in.canonical;
  size_t visible = in.visible_chars;
  if (in.first_heading) {
    TextBlock heading;
    heading.kind = BlockKind::kHeading;
    heading.text = *in.first_heading;
    visible -= std::min(visible, heading.text.size());
    c.blocks.push_back(std::move(heading));
  }
  if (visible > 0) {
    // Only the amount of visible text matters to the verdict, not the words.
    TextBlock rest;
    rest.kind = BlockKind::kParagraph;
    rest.text.assign(visible, ' ');
    c.blocks.push_back(std::move(rest));
  }
  for (size_t i = 0; i < in.nosnippet_blocks; ++i) {
    TextBlock excluded;
    excluded.kind = BlockKind::kOther;
    excluded.hidden = true;
    excluded.nosnippet = true;
    c.blocks.push_back(std::move(excluded));
  }
  return c;
}

std::string EncodeAnalysisRecord(const AnalysisRecord& r) {
  const ExposureInputs& x = r.exposure;
  json robots = json::array();
  for (const auto& [name, value] : x.robots_meta) robots.push_back(json::array({name, value}));
  json j = json::array({kAnalysisRecordFormat, AnalysisJson(r.analysis),
                        ArrayOf(r.mentions, MentionJson), r.title, r.published, r.modified, r.links,
                        json::array({x.is_html, x.title, robots, x.canonical, x.visible_chars,
                                     x.first_heading.has_value(), x.first_heading.value_or(""),
                                     x.nosnippet_blocks})});
  // MessagePack carries strings as bytes: invalid UTF-8 from the web cannot make it throw.
  const std::vector<std::uint8_t> packed = json::to_msgpack(j);
  return std::string(packed.begin(), packed.end());
}

std::optional<AnalysisRecord> DecodeAnalysisRecord(std::string_view data) {
  const json j = json::from_msgpack(data.begin(), data.end(), /*strict=*/true,
                                    /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_array() || j.size() != 8) return std::nullopt;
  try {
    if (j.at(0).get<int>() != kAnalysisRecordFormat) return std::nullopt;
    AnalysisRecord r;
    r.analysis = AnalysisFrom(j.at(1));
    r.mentions = VectorFrom<Mention>(j.at(2), MentionFrom);
    r.title = j.at(3).get<std::string>();
    r.published = j.at(4).get<std::string>();
    r.modified = j.at(5).get<std::string>();
    r.links = j.at(6).get<std::vector<std::string>>();
    const json& x = j.at(7);
    r.exposure.is_html = x.at(0).get<bool>();
    r.exposure.title = x.at(1).get<std::string>();
    for (const auto& pair : x.at(2)) {
      r.exposure.robots_meta.emplace_back(pair.at(0).get<std::string>(),
                                          pair.at(1).get<std::string>());
    }
    r.exposure.canonical = x.at(3).get<std::string>();
    r.exposure.visible_chars = x.at(4).get<size_t>();
    if (x.at(5).get<bool>()) r.exposure.first_heading = x.at(6).get<std::string>();
    r.exposure.nosnippet_blocks = x.at(7).get<size_t>();
    return r;
  } catch (const json::exception&) {
    return std::nullopt;  // a record of another shape: analyse the page again
  }
}

std::string AnalyzerFingerprint(const DetectorOptions& options) {
  static std::mutex mu;
  static std::string executable;
  {
    std::lock_guard lock(mu);
    if (executable.empty()) executable = ExecutableIdentity();
  }
  std::string material = "format " + std::to_string(kAnalysisRecordFormat) + "\n" + executable +
                         "\nregion " + options.region_hint + "\n";
  // The files the priors load (see analyzer/detect/priors.h): the same defaults it uses.
  const std::filesystem::path data =
      options.data_dir.empty() ? DataDir() : std::filesystem::path(options.data_dir);
  const std::string npm =
      !options.npm_dir.empty()
          ? options.npm_dir
          : EnvOr("SIGHTLINE_NPM_DIR",
                  (std::filesystem::path(SIGHTLINE_SOURCE_DATA_DIR) / ".." / "third_party" / "npm")
                      .string());
  StatTree(data, &material);
  StatTree(npm, &material);
  StatTree(options.names_pm.empty() ? "/usr/share/perl5/Text/Names.pm" : options.names_pm,
           &material);
  StatTree(
      options.medical_dic.empty() ? "/usr/share/hunspell/en_med_glut.dic" : options.medical_dic,
      &material);
  StatTree(options.scowl_dir.empty() ? "/usr/share/dict/scowl" : options.scowl_dir, &material);
  return Sha256Hex(material).substr(0, 32);
}

std::string AnalysisVariant(const std::string& fingerprint, const std::string& url) {
  return Sha256Hex(fingerprint + "\n" + url).substr(0, 32);
}

}  // namespace sightline::app
