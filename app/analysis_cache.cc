#include "app/analysis_cache.h"

#include <elf.h>
#include <link.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "app/data_paths.h"
#include "common/hash.h"

namespace sightline::app {
namespace {

using namespace analyzer;

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
