#include "app/config_file.h"

#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace sightline::app {
namespace {

// Reads typed values out of a toml table and remembers which keys were understood, so the
// leftovers can be reported as errors.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string where)
      : table_(table), where_(std::move(where)) {}

  template <typename T>
  bool Read(const char* key, T* out) {
    seen_.insert(key);
    const toml::node* node = table_.get(key);
    if (node == nullptr) return true;
    if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node->value<bool>()) return *out = *v, true;
    } else if constexpr (std::is_integral_v<T>) {
      if (auto v = node->value<int64_t>()) return *out = static_cast<T>(*v), true;
    } else if constexpr (std::is_floating_point_v<T>) {
      if (auto v = node->value<double>()) return *out = *v, true;
    } else {
      if (auto v = node->value<std::string>()) return *out = *v, true;
    }
    error_ = where_ + key + ": wrong type";
    return false;
  }

  template <typename T>
  bool ReadOptional(const char* key, std::optional<T>* out) {
    if (table_.get(key) == nullptr) {
      seen_.insert(key);
      return true;
    }
    T value{};
    if (!Read(key, &value)) return false;
    *out = value;
    return true;
  }

  void Skip(const char* key) { seen_.insert(key); }

  bool CheckUnknown() {
    for (const auto& [key, node] : table_) {
      if (!seen_.contains(std::string(key.str()))) {
        error_ = where_ + std::string(key.str()) + ": unknown setting";
        return false;
      }
    }
    return true;
  }

  const std::string& error() const { return error_; }

 private:
  const toml::table& table_;
  std::string where_;
  std::set<std::string, std::less<>> seen_;
  std::string error_;
};

Status ApplyTop(const toml::table& root, const std::string& source, ConfigFile* config) {
  Settings& s = config->settings;
  TableReader top(root, source + ": ");
  std::string fail_on;
  std::string archives_csv;
  bool ok = top.Read("db", &s.db) && top.Read("max_pages", &s.max_pages) &&
            top.Read("max_depth", &s.max_depth) && top.Read("scope", &s.scope) &&
            top.Read("concurrency", &s.concurrency) && top.Read("per_host", &s.per_host) &&
            top.Read("delay_ms", &s.delay_ms) && top.Read("user_agent", &s.user_agent) &&
            top.Read("allow_private", &s.allow_private) && top.Read("follow", &s.follow) &&
            top.Read("max_body_bytes", &s.max_body_bytes) &&
            top.Read("author_anonymous", &s.author_anonymous) && top.Read("region", &s.region) &&
            top.Read("keep", &s.keep) && top.Read("redact", &s.redact) &&
            top.Read("format", &s.format) && top.Read("out", &s.out) &&
            top.Read("fail_on", &fail_on);
  if (!ok) return Fail(ErrorCode::kInvalidArgument, top.error());
  if (!fail_on.empty()) {
    auto risk = analyzer::ParseRisk(fail_on);
    if (!risk) return Fail(ErrorCode::kInvalidArgument, source + ": fail_on: " + fail_on);
    s.fail_on = *risk;
  }

  top.Skip("risk");
  if (const toml::table* risk = root["risk"].as_table()) {
    TableReader r(*risk, source + ": risk.");
    if (!r.Read("critical", &s.thresholds.critical) || !r.Read("high", &s.thresholds.high) ||
        !r.Read("medium", &s.thresholds.medium) || !r.CheckUnknown()) {
      return Fail(ErrorCode::kInvalidArgument, r.error());
    }
  }

  top.Skip("archives");
  if (const toml::table* archives = root["archives"].as_table()) {
    TableReader a(*archives, source + ": archives.");
    a.Skip("enabled");
    a.Skip("base");
    if (const toml::array* enabled = (*archives)["enabled"].as_array()) {
      s.archives.clear();
      for (const auto& item : *enabled) {
        auto name = item.value<std::string>();
        if (!name) return Fail(ErrorCode::kInvalidArgument, source + ": archives.enabled");
        s.archives.push_back(*name);
      }
    }
    if (const toml::table* base = (*archives)["base"].as_table()) {
      for (const auto& [name, node] : *base) {
        auto url = node.value<std::string>();
        if (!url) return Fail(ErrorCode::kInvalidArgument, source + ": archives.base");
        s.archive_bases[std::string(name.str())] = *url;
      }
    }
    if (!a.CheckUnknown()) return Fail(ErrorCode::kInvalidArgument, a.error());
  }

  top.Skip("site");
  if (const toml::array* sites = root["site"].as_array()) {
    for (const auto& item : *sites) {
      const toml::table* t = item.as_table();
      if (t == nullptr) return Fail(ErrorCode::kInvalidArgument, source + ": [[site]]");
      SiteEntry entry;
      TableReader r(*t, source + ": site.");
      if (!r.Read("url", &entry.url) || !r.ReadOptional("max_pages", &entry.max_pages) ||
          !r.ReadOptional("scope", &entry.scope) ||
          !r.ReadOptional("author_anonymous", &entry.author_anonymous) ||
          !r.ReadOptional("region", &entry.region) || !r.CheckUnknown()) {
        return Fail(ErrorCode::kInvalidArgument, r.error());
      }
      if (entry.url.empty()) {
        return Fail(ErrorCode::kInvalidArgument, source + ": [[site]] without url");
      }
      config->sites.push_back(std::move(entry));
    }
  }
  if (!top.CheckUnknown()) return Fail(ErrorCode::kInvalidArgument, top.error());
  return Ok();
}

}  // namespace

Result<ConfigFile> ParseConfig(std::string_view toml_text, const std::string& source,
                               const Settings& base) {
  ConfigFile config;
  config.settings = base;
  try {
    const toml::table root = toml::parse(toml_text, source);
    Status applied = ApplyTop(root, source, &config);
    if (!applied) return Unexpected(applied.error());
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << source << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
          << e.description();
    return Fail(ErrorCode::kInvalidArgument, where.str());
  }
  return config;
}

void OverrideWithFlags(const Settings& flags, const std::set<std::string>& given, Settings* out) {
  auto take = [&](const char* name, auto member) {
    if (given.contains(name)) out->*member = flags.*member;
  };
  take("db", &Settings::db);
  take("max-pages", &Settings::max_pages);
  take("max-depth", &Settings::max_depth);
  take("scope", &Settings::scope);
  take("concurrency", &Settings::concurrency);
  take("per-host", &Settings::per_host);
  take("delay", &Settings::delay_ms);
  take("user-agent", &Settings::user_agent);
  take("allow-private", &Settings::allow_private);
  take("follow", &Settings::follow);
  take("author-anonymous", &Settings::author_anonymous);
  take("region", &Settings::region);
  take("archives", &Settings::archives);
  take("archive-base", &Settings::archive_bases);
  take("resume", &Settings::resume);
  take("keep", &Settings::keep);
  take("redact", &Settings::redact);
  take("format", &Settings::format);
  take("out", &Settings::out);
  take("fail-on", &Settings::fail_on);
}

Result<ConfigFile> LoadConfigFile(const std::string& path, const Settings& base) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path, base);
}

}  // namespace sightline::app
